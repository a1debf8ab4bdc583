import { sql, type Kysely } from 'kysely';

/**
 * Industry contact points (产业(行业)联系点): stations of type `industry`.
 *
 * - `industry_enterprise`: a contact point's member enterprises (and cooperatives): name, unified
 *   social credit code (18 characters, its check character verified before writing), industry,
 *   address, contact person and phone (personal data). One code once per contact point.
 * - `industry_member`: the "1+2+5+N" organisation: a lead official (`lead`, a name and title, often
 *   not a deputy of the station), conveners (`convener`), resident deputies by profession
 *   (`resident`) and participating deputies (`participant`). A deputy holds one place per point.
 * - `industry_campaign`: an outreach campaign (百日联系计划): a target number of enterprises and a period.
 * - `industry_visit`: a visit of a campaign, logged as an activity (visit or research) of the point.
 * - `industry_visit_enterprise`: the enterprises a visit reached.
 * - `industry_visit_issue`: what a visit found that became a case (群众意见) or a suggestion.
 * - `import_batch.station_id`: the contact point an enterprise import is for; the import kinds
 *   gain `enterprises`.
 */
const statements = [
  `create table industry_enterprise (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    name text not null check (length(name) between 1 and 100),
    credit_code char(18) not null,
    industry text not null default '' check (length(industry) <= 50),
    address text not null default '' check (length(address) <= 200),
    contact_name text check (length(contact_name) <= 50),
    contact_phone text check (length(contact_phone) <= 30),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    unique (station_id, credit_code)
  )`,
  `create index industry_enterprise_station_idx on industry_enterprise (station_id, id)`,
  `create table industry_member (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    role text not null check (role in ('lead', 'convener', 'resident', 'participant')),
    deputy_id integer references deputy (id),
    name text not null default '' check (length(name) <= 50),
    title text not null default '' check (length(title) <= 100),
    profession text not null default '' check (length(profession) <= 50),
    position smallint not null default 0,
    check (deputy_id is not null or length(name) > 0),
    unique (station_id, deputy_id)
  )`,
  `create index industry_member_station_idx on industry_member (station_id, role, position)`,
  `create table industry_campaign (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    title text not null check (length(title) between 1 and 100),
    description text not null default '' check (length(description) <= 2000),
    target integer not null check (target between 1 and 100000),
    starts_on date not null,
    ends_on date not null check (ends_on >= starts_on),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now()
  )`,
  `create index industry_campaign_station_idx on industry_campaign (station_id, id)`,
  `create table industry_visit (
    id integer generated always as identity primary key,
    campaign_id integer not null references industry_campaign (id),
    activity_id bigint not null unique references activity (id),
    visited_on date not null,
    created_at timestamptz not null default now()
  )`,
  `create index industry_visit_campaign_idx on industry_visit (campaign_id, visited_on)`,
  `create table industry_visit_enterprise (
    visit_id integer not null references industry_visit (id),
    enterprise_id integer not null references industry_enterprise (id),
    primary key (visit_id, enterprise_id)
  )`,
  `create index industry_visit_enterprise_idx on industry_visit_enterprise (enterprise_id)`,
  `create table industry_visit_issue (
    id integer generated always as identity primary key,
    visit_id integer not null references industry_visit (id),
    case_id bigint references opinion (id),
    suggestion_id bigint references suggestion (id),
    summary text not null check (length(summary) between 1 and 200),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    check ((case_id is null) <> (suggestion_id is null))
  )`,
  `create index industry_visit_issue_visit_idx on industry_visit_issue (visit_id)`,
  `create index industry_visit_issue_case_idx on industry_visit_issue (case_id) where case_id is not null`,
  `create index industry_visit_issue_suggestion_idx on industry_visit_issue (suggestion_id) where suggestion_id is not null`,
  `alter table import_batch add column station_id integer references station (id)`,
  `alter table import_batch drop constraint import_batch_kind_check`,
  `alter table import_batch add constraint import_batch_kind_check check (kind in ('deputies', 'stations', 'enterprises'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from import_row where batch_id in (select id from import_batch where kind = 'enterprises')`).execute(db);
  await sql.raw(`delete from import_batch where kind = 'enterprises'`).execute(db);
  await sql.raw(`alter table import_batch drop constraint import_batch_kind_check`).execute(db);
  await sql.raw(`alter table import_batch add constraint import_batch_kind_check check (kind in ('deputies', 'stations'))`).execute(db);
  await sql.raw(`alter table import_batch drop column station_id`).execute(db);
  for (const t of ['industry_visit_issue', 'industry_visit_enterprise', 'industry_visit', 'industry_campaign', 'industry_member', 'industry_enterprise']) {
    await sql.raw(`drop table if exists ${t}`).execute(db);
  }
}
