import { sql, type Kysely } from 'kysely';

/**
 * The 普宁 clocks (上码说 立马办): the station transfers within 24 hours, the unit signs within
 * its sign-for limit and finishes within the category's working days.
 *
 * - `case_category.sign_days`: the sign-for limit in working days from assignment (default 1).
 * - `case_category_rule`: a region's own rule for a category (days, maximum, sign-for limit),
 *   overriding the category's default for the cases of that region and below (the deepest
 *   region with a rule wins).
 * - Facts on the case, stored at the transitions: `sign_due_date` / `sign_due_at` (set at
 *   assignment), `signed_on_time` (at signing), `sign_overdue_at` (when the limit passed
 *   unsigned), `transfer_minutes` and `transferred_within_24h` (acceptance to the first
 *   assignment).
 *
 * Cases assigned before this migration: the sign-for limit was the return window (one working
 * day), so `sign_due_date` takes `return_until`; the transfer facts are counted from the stored
 * acceptance and assignment times.
 */
const statements = [
  `alter table case_category add column sign_days smallint not null default 1 check (sign_days between 1 and 10)`,
  `create table case_category_rule (
    category_id integer not null references case_category (id),
    region_code text not null references region (code),
    deadline_days smallint not null check (deadline_days between 1 and 30),
    max_days smallint not null check (max_days between 1 and 60),
    sign_days smallint not null check (sign_days between 1 and 10),
    updated_at timestamptz not null,
    updated_by_account_id integer references account (id),
    primary key (category_id, region_code),
    check (deadline_days <= max_days)
  )`,
  `alter table opinion add column sign_due_date date`,
  `alter table opinion add column sign_due_at timestamptz`,
  `alter table opinion add column signed_on_time boolean`,
  `alter table opinion add column sign_overdue_at timestamptz`,
  `alter table opinion add column transfer_minutes integer`,
  `alter table opinion add column transferred_within_24h boolean`,
  `update opinion set sign_due_date = return_until,
      sign_due_at = ((return_until + 1)::timestamp at time zone 'Asia/Shanghai')
    where assigned_at is not null and return_until is not null`,
  `update opinion set signed_on_time = not signed_late where signed_late is not null`,
  `update opinion set transfer_minutes = floor(extract(epoch from (assigned_at - accepted_at)) / 60)::int,
      transferred_within_24h = assigned_at - accepted_at <= interval '24 hours'
    where assigned_at is not null and accepted_at is not null and assigned_at >= accepted_at`,
  `create index opinion_sign_due_idx on opinion (sign_due_at) where state = 'assigned'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index opinion_sign_due_idx').execute(db);
  for (const c of ['transferred_within_24h', 'transfer_minutes', 'sign_overdue_at', 'signed_on_time', 'sign_due_at', 'sign_due_date']) {
    await sql.raw(`alter table opinion drop column ${c}`).execute(db);
  }
  await sql.raw('drop table case_category_rule').execute(db);
  await sql.raw('alter table case_category drop column sign_days').execute(db);
}
