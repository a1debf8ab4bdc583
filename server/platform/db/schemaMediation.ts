import type { ColumnType, Generated } from 'kysely';
import type { DisputeType, LegalOfficerRole, MediationOutcome, MediationState, PartySide } from '../../../common/mediation.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** See migrations/0033_mediation.ts for what each table holds. */
export interface MediationTable {
  id: Generated<number>;
  station_id: number;
  dispute_type: DisputeType;
  title: string;
  description: string;
  received_on: string;
  state: Generated<MediationState>;
  outcome: Nullable<MediationOutcome>;
  outcome_note: Nullable<string>;
  closed_on: Nullable<string>;
  agreement_name: Nullable<string>;
  agreement_mime: Nullable<string>;
  agreement_size: Nullable<number>;
  /** The agreement's content hash; the bytes are in the file store (platform/files). */
  agreement_sha256: Nullable<string>;
  created_by_account_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MediationPartyTable {
  id: Generated<number>;
  mediation_id: number;
  position: number;
  side: PartySide;
  name: string;
  phone: string | null;
}

export interface MediationSessionTable {
  id: Generated<number>;
  mediation_id: number;
  held_on: string;
  place: string;
  legal_officer_role: LegalOfficerRole | null;
  legal_officer_name: string | null;
  village_secretary: string | null;
  notes: string;
  activity_id: number | null;
  created_by_account_id: number | null;
  created_at: Timestamp;
}

export interface MediationSessionDeputyTable {
  session_id: number;
  deputy_id: number;
}

export interface MediationRoomYearTable {
  station_id: number;
  year: number;
  constituents_received: number;
  opinions_collected: number;
  updated_by_account_id: number | null;
  updated_at: Timestamp;
}

export interface MediationTables {
  mediation: MediationTable;
  mediation_party: MediationPartyTable;
  mediation_session: MediationSessionTable;
  mediation_session_deputy: MediationSessionDeputyTable;
  mediation_room_year: MediationRoomYearTable;
}
