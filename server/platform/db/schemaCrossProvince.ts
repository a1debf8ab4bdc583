import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** See migrations/0029_cross_province.ts for what each table holds. Dates are `YYYY-MM-DD` text. */
export type CrossProvinceFileKind = 'agreement' | 'rules' | 'flow' | 'manual' | 'other';
export type CrossProvinceMeetingState = 'scheduled' | 'held' | 'cancelled';
export type CrossProvinceIssueCategory = 'land_dispute' | 'road' | 'river_pollution' | 'sand_mining' | 'other';
export type CrossProvinceIssueStatus = 'open' | 'in_progress' | 'resolved';

export interface CrossProvinceAgreementTable {
  id: Generated<number>;
  station_id: number;
  title: string;
  signed_on: string;
  scope: Generated<string>;
  valid_from: string;
  valid_to: string | null;
  created_by_account_id: number | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface CrossProvincePartyTable {
  id: Generated<number>;
  agreement_id: number;
  region_code: string;
  region_path: string;
  congress_name: string;
  joined_on: string;
  ordinal: number;
  chair_name: Generated<string>;
  chair_deputy_id: number | null;
}

export interface CrossProvinceFileTable {
  id: Generated<number>;
  agreement_id: number;
  kind: CrossProvinceFileKind;
  name: string;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  created_by_account_id: number | null;
  created_at: Timestamp;
}

export interface CrossProvinceChairTable {
  id: Generated<number>;
  station_id: number;
  starts_on: string;
  ends_on: string;
  region_code: string;
  region_path: string;
  chair_name: string;
  chair_deputy_id: number | null;
  accepted_at: Timestamp | null;
}

export interface CrossProvinceMeetingTable {
  id: Generated<number>;
  station_id: number;
  scheduled_on: string;
  title: string;
  place: Generated<string>;
  state: CrossProvinceMeetingState;
  minutes: string | null;
  activity_id: number | null;
  held_at: Timestamp | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface CrossProvinceAttendanceTable {
  meeting_id: number;
  region_code: string;
  present: number;
  names: Generated<string>;
}

export interface CrossProvinceCadenceTable {
  station_id: number;
  receptions_per_week: number;
  exchanges_per_month: number;
  joint_per_quarter: number;
  reception_kinds: string[];
  exchange_kinds: string[];
  joint_kinds: string[];
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CrossProvinceIssueTable {
  id: Generated<number>;
  station_id: number;
  title: string;
  category: CrossProvinceIssueCategory;
  description: Generated<string>;
  status: CrossProvinceIssueStatus;
  deadline: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CrossProvinceIssueSideTable {
  issue_id: number;
  region_code: string;
}

export interface CrossProvinceIssueNoteTable {
  id: Generated<number>;
  issue_id: number;
  at: Timestamp;
  body: string;
  status_from: string | null;
  status_to: string | null;
  author_name: string;
  author_account_id: number | null;
}

export interface CrossProvinceIssueLinkTable {
  issue_id: number;
  kind: 'case' | 'suggestion';
  target_id: number;
}

export interface CrossProvinceTables {
  cross_province_agreement: CrossProvinceAgreementTable;
  cross_province_party: CrossProvincePartyTable;
  cross_province_file: CrossProvinceFileTable;
  cross_province_chair: CrossProvinceChairTable;
  cross_province_meeting: CrossProvinceMeetingTable;
  cross_province_attendance: CrossProvinceAttendanceTable;
  cross_province_cadence: CrossProvinceCadenceTable;
  cross_province_issue: CrossProvinceIssueTable;
  cross_province_issue_side: CrossProvinceIssueSideTable;
  cross_province_issue_note: CrossProvinceIssueNoteTable;
  cross_province_issue_link: CrossProvinceIssueLinkTable;
}
