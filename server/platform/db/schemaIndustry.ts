import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** See migrations/0031_industry.ts for what each table holds. */
export type IndustryMemberRole = 'lead' | 'convener' | 'resident' | 'participant';

export interface IndustryEnterpriseTable {
  id: Generated<number>;
  station_id: number;
  name: string;
  credit_code: string;
  industry: ColumnType<string, string | undefined, string>;
  address: ColumnType<string, string | undefined, string>;
  contact_name: string | null;
  contact_phone: string | null;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface IndustryMemberTable {
  id: Generated<number>;
  station_id: number;
  role: IndustryMemberRole;
  deputy_id: number | null;
  name: ColumnType<string, string | undefined, string>;
  title: ColumnType<string, string | undefined, string>;
  profession: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface IndustryCampaignTable {
  id: Generated<number>;
  station_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  target: number;
  /** `YYYY-MM-DD` (Asia/Shanghai). */
  starts_on: string;
  ends_on: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
}

export interface IndustryVisitTable {
  id: Generated<number>;
  campaign_id: number;
  activity_id: number;
  visited_on: string;
  created_at: CreatedAt;
}

export interface IndustryVisitEnterpriseTable {
  visit_id: number;
  enterprise_id: number;
}

export interface IndustryVisitIssueTable {
  id: Generated<number>;
  visit_id: number;
  case_id: number | null;
  suggestion_id: number | null;
  summary: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
}

export interface IndustryTables {
  industry_enterprise: IndustryEnterpriseTable;
  industry_member: IndustryMemberTable;
  industry_campaign: IndustryCampaignTable;
  industry_visit: IndustryVisitTable;
  industry_visit_enterprise: IndustryVisitEnterpriseTable;
  industry_visit_issue: IndustryVisitIssueTable;
}
