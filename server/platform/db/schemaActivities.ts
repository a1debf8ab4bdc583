import type { ColumnType, Generated } from 'kysely';
import type { ActivityKind, Attendance } from '../../../common/enums.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ActivityCampaignTable {
  id: Generated<number>;
  name: string;
  description: string;
  region_code: string;
  region_path: string;
  starts_on: string;
  ends_on: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
}

export interface ActivityTable {
  id: Generated<number>;
  kind: ActivityKind;
  title: string;
  station_id: number | null;
  region_code: string;
  region_path: string;
  campaign_id: number | null;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  place: string;
  summary: string;
  suggestions_made: number;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
}

export interface ActivityParticipantTable {
  activity_id: number;
  deputy_id: number;
  attendance: Attendance;
}

export interface ActivityUnitTable {
  activity_id: number;
  unit_id: number;
}

export interface ActivityFileTable {
  id: Generated<number>;
  activity_id: number;
  kind: 'photo' | 'report';
  filename: string;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  created_at: CreatedAt;
}

export interface RotaSlotTable {
  id: Generated<number>;
  station_id: number;
  on_date: string;
  hours: string;
  activity_id: number | null;
  cancelled: Generated<boolean>;
  note: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface RotaDutyTable {
  slot_id: number;
  deputy_id: number;
  replaces_deputy_id: number | null;
}

export interface ActivityTables {
  activity_campaign: ActivityCampaignTable;
  activity: ActivityTable;
  activity_participant: ActivityParticipantTable;
  activity_unit: ActivityUnitTable;
  activity_file: ActivityFileTable;
  rota_slot: RotaSlotTable;
  rota_duty: RotaDutyTable;
}
