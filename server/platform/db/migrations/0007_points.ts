import { sql, type Kysely } from 'kysely';

// Values are written out: a released migration never changes.

/**
 * The nationwide default rules, after 平桂区's 履职积分 practice: attending counts by the kind
 * of activity (述职 and 视察/调研 more than a study session), an absence costs a point, leave
 * costs nothing; suggestions, opinions collected and answered, and satisfied constituents earn
 * points. Regions set their own from a date on.
 */
const DEFAULT_RULES = {
  present: {
    reception: 2, visit: 2, inspection: 3, research: 3, training: 1, group: 1, theme: 2, joint_meeting: 2,
    deliberation: 2, report_back: 5, legal_education: 1, mediation: 2, other: 1,
  },
  absent: -1,
  leave: 0,
  organiser: 1,
  suggestion: 2,
  caseCollected: 1,
  caseAnswered: 1,
  caseSatisfied: 2,
  caseBasicallySatisfied: 1,
};

/** The default station assessment: six indicators adding up to 100; 一类 from 85, 二类 from 70. */
const DEFAULT_SCHEME = {
  indicators: [
    { key: 'activities', weight: 20, target: 24 },
    { key: 'receptionRate', weight: 20, target: 0.9 },
    { key: 'opinions', weight: 15, target: 30 },
    { key: 'onTimeRate', weight: 15, target: 0.95 },
    { key: 'satisfactionRate', weight: 15, target: 0.9 },
    { key: 'checklist', weight: 15, target: 1 },
  ],
  grades: { first: 85, second: 70 },
};

const statements = [
  // 积分规则: one version per region and first day; region_path '' (no region) is the nationwide default.
  `create table point_rule_set (
    id integer generated always as identity primary key,
    region_code text references region (code),
    region_path text not null,
    effective_from date not null,
    rules jsonb not null,
    note text not null default '' check (length(note) <= 500),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    check ((region_code is null) = (region_path = '')),
    unique (region_path, effective_from)
  )`,
  `insert into point_rule_set (region_code, region_path, effective_from, rules, note)
    values (null, '', '2000-01-01', '${JSON.stringify(DEFAULT_RULES)}', '全国默认规则(参照平桂区履职积分办法)')`,

  // 加减分: entered by staff with a reason (先进事迹 +10); withdrawn, never deleted.
  `create table point_bonus (
    id integer generated always as identity primary key,
    deputy_id integer not null references deputy (id),
    region_code text not null references region (code),
    region_path text not null,
    station_id integer references station (id),
    on_date date not null,
    points numeric(7, 2) not null check (points <> 0 and points between -1000 and 1000),
    reason text not null check (length(reason) between 1 and 500),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    voided_at timestamptz,
    voided_by_account_id integer references account (id),
    void_reason text
  )`,
  `create index point_bonus_deputy_idx on point_bonus (deputy_id, on_date)`,
  `create index point_bonus_region_idx on point_bonus (region_path text_pattern_ops, on_date)`,

  // 履职之星: the stars a region confirmed for a year, with each one's rank and total as they were then.
  `create table point_star_award (
    id integer generated always as identity primary key,
    region_code text not null references region (code),
    region_path text not null,
    year smallint not null check (year between 2000 and 2100),
    top_n smallint not null check (top_n between 1 and 100),
    note text not null default '',
    confirmed_by_account_id integer references account (id),
    confirmed_by_name text not null,
    confirmed_at timestamptz not null,
    version integer not null default 1,
    unique (region_code, year)
  )`,
  `create table point_star (
    award_id integer not null references point_star_award (id),
    deputy_id integer not null references deputy (id),
    position smallint not null,
    rank integer not null,
    total numeric(9, 2) not null,
    primary key (award_id, deputy_id)
  )`,

  // 考核方案: indicators with weights and targets, and the grade thresholds, per region from a year on.
  `create table assessment_scheme (
    id integer generated always as identity primary key,
    region_code text references region (code),
    region_path text not null,
    from_year smallint not null check (from_year between 2000 and 2100),
    indicators jsonb not null,
    grades jsonb not null,
    note text not null default '' check (length(note) <= 500),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    check ((region_code is null) = (region_path = '')),
    unique (region_path, from_year)
  )`,
  `insert into assessment_scheme (region_code, region_path, from_year, indicators, grades, note)
    values (null, '', 2000, '${JSON.stringify(DEFAULT_SCHEME.indicators)}', '${JSON.stringify(DEFAULT_SCHEME.grades)}', '全国默认考核方案')`,

  // A confirmed assessment: the values, score and grade as they were, and whether it set the station's grade.
  `create table station_assessment (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    year smallint not null check (year between 2000 and 2100),
    scheme_id integer references assessment_scheme (id),
    indicators jsonb not null,
    grades jsonb not null,
    score numeric(5, 1) not null,
    grade text not null check (grade in ('first', 'second', 'third')),
    grade_applied boolean not null,
    confirmed_by_account_id integer references account (id),
    confirmed_by_name text not null,
    confirmed_at timestamptz not null,
    version integer not null default 1,
    unique (station_id, year)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The points and assessment tables cannot be rolled back');
}
