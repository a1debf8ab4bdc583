/** The tags' colours of mediation records; their names come from the shared vocabulary (common/mediation.ts). */
import type { MediationOutcome, MediationState } from './types.js';

export const STATE_COLORS: Record<MediationState, string> = { open: 'blue', in_session: 'gold', closed: 'default' };
export const OUTCOME_COLORS: Record<MediationOutcome, string> = { agreed: 'green', not_agreed: 'orange', referred: 'purple' };
