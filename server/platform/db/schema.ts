import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  DeputyLevel, DeputyStatus, Gender, RegionLevel, Role, StationGrade, StationMemberRole,
  StationTier, StationType,
} from '../../../common/enums.js';
import type { ActivityTables } from './schemaActivities.js';
import type { CaseTables } from './schemaCases.js';
import type { ImportTables } from './schemaImports.js';
import type { JobTables } from './schemaJobs.js';
import type { PointTables } from './schemaPoints.js';
import type { RegisterTables } from './schemaRegisters.js';
import type { TermTables } from './schemaTerms.js';
import type { SuggestionTables } from './schemaSuggestions.js';
import type { LivelihoodTables } from './schemaLivelihood.js';
import type { LivelihoodDeliveryTables } from './schemaLivelihoodDelivery.js';
import type { BudgetTables } from './schemaBudget.js';
import type { ConsultationTables } from './schemaConsultation.js';
import type { ReportBackTables } from './schemaReportBacks.js';
import type { DeliberationTables } from './schemaDeliberations.js';
import type { HotTopicTables } from './schemaHotTopics.js';
import type { MediationTables } from './schemaMediation.js';
import type { FormerDeputyTables } from './schemaFormerDeputies.js';
import type { FederationTables } from './schemaFederation.js';
import type { IndustryTables } from './schemaIndustry.js';
import type { GridTables } from './schemaGrids.js';
import type { CrossProvinceTables } from './schemaCrossProvince.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  /** Materialised ancestor path, e.g. `450000.451100.451103.451103101.` — subtree = prefix match. */
  path: string;
  /** Full name from the province down, e.g. 广西壮族自治区贺州市平桂区 */
  full_name: string;
}

export interface ReceptionSchedule {
  /** ISO weekdays (1 = Monday) on which the station receives constituents. */
  weekdays: number[];
  /** Days of the month (1–31) on which it receives, e.g. 逢四 = [4, 14, 24]. */
  monthDays: number[];
  /** Reception hours, e.g. `09:00-12:00`. */
  hours: string;
  note: string;
}

export interface StationTable {
  id: Generated<number>;
  name: string;
  type: StationType;
  tier: StationTier;
  parent_id: number | null;
  home_region_code: string;
  address: string;
  phone: string | null;
  opening_hours: string;
  reception_schedule: Json<ReceptionSchedule>;
  /** Degrees on the map the phones open (GCJ-02), both set or both null (0019). */
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  /** Where a remote liaison point (异地联络点) stands, outside its home congress's territory; null otherwise (0030). */
  located_region_code: ColumnType<string | null, string | null | undefined, string | null>;
  located_region_path: ColumnType<string | null, string | null | undefined, string | null>;
  checklist: Json<Record<string, boolean>>;
  grade: StationGrade | null;
  stars: number | null;
  description: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StationRegionTable {
  station_id: number;
  region_code: string;
  region_path: string;
  is_home: boolean;
}

export interface DeputyTable {
  id: Generated<number>;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: Gender;
  ethnicity: string;
  party: string;
  birth_year: number | null;
  phone: string | null;
  status: DeputyStatus;
  special_liaison: boolean;
  region_code: string;
  region_path: string;
  constituency: string;
  profession_tags: string[];
  occupation: string;
  grid_cell: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DeputyLevelTable {
  deputy_id: number;
  level: DeputyLevel;
  term: number;
  /** The congress's region; null for the National People's Congress. */
  region_code: string | null;
}

export interface DeputyStationTable {
  deputy_id: number;
  station_id: number;
  role: StationMemberRole;
}

export interface UnitContact {
  name: string;
  title: string;
  phone: string;
}

export interface UnitTable {
  id: Generated<number>;
  name: string;
  region_code: string;
  region_path: string;
  address: string;
  contacts: Json<UnitContact[]>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: boolean;
  region_code: string | null;
  deputy_id: number | null;
  unit_id: number | null;
  /** The region path this account's scope hangs from; used to decide who may manage it. */
  anchor_path: string;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** An earlier password of an account, as its scrypt hash (migration 0035). */
export interface PasswordHistoryTable {
  id: Generated<number>;
  account_id: number;
  password_hash: string;
  replaced_at: Timestamp;
}

export interface AccountStationTable {
  account_id: number;
  station_id: number;
}

export interface SessionTable {
  /** Names the session in the API; the token's hash never leaves the server. */
  id: Generated<number>;
  id_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string;
  user_agent: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_account_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** The hash chain the record links into (0: every record from before there were several). */
  chain: Generated<number>;
  /** The id of the record before this one in its chain; null for a chain's first record. */
  prev_id: number | null;
}

/** Each audit hash chain's head: its last record's id and hash, and how many records it holds. */
export interface AuditChainTable {
  chain: number;
  head_id: number | null;
  head_hash: string;
  length: number;
}

export interface HolidayYearTable {
  year: number;
  source: string;
  updated_at: Timestamp;
}

export interface HolidayTable {
  /** `YYYY-MM-DD` (a `date` column; read back as text). */
  date: string;
  year: number;
  kind: 'rest' | 'workday';
  name: string;
}

export interface DB extends CaseTables, JobTables, ImportTables, ActivityTables, RegisterTables, PointTables, TermTables, SuggestionTables,
  LivelihoodTables, LivelihoodDeliveryTables, BudgetTables, ConsultationTables,
  ReportBackTables, DeliberationTables, HotTopicTables, IndustryTables, CrossProvinceTables, GridTables, MediationTables, FormerDeputyTables, FederationTables {
  region: RegionTable;
  station: StationTable;
  station_region: StationRegionTable;
  deputy: DeputyTable;
  deputy_level: DeputyLevelTable;
  deputy_station: DeputyStationTable;
  unit: UnitTable;
  account: AccountTable;
  account_station: AccountStationTable;
  password_history: PasswordHistoryTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  holiday_year: HolidayYearTable;
  holiday: HolidayTable;
}

export type Station = Selectable<StationTable>;
export type Deputy = Selectable<DeputyTable>;
export type Unit = Selectable<UnitTable>;
export type Region = Selectable<RegionTable>;
