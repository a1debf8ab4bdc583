/** The mediation records as the server presents them under /api/mediation. */
import type { Schemas } from '../../../shared/api.js';

export type MediationItem = Schemas['MediationItem'];
export type Mediation = Schemas['Mediation'];
export type Party = Mediation['parties'][number];
export type Session = Mediation['sessions'][number];
export type MediationStatistics = Schemas['MediationStatistics'];
export type MediationState = MediationItem['state'];
export type MediationOutcome = NonNullable<MediationItem['outcome']>;
