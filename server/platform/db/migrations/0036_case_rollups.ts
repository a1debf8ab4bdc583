import { sql, type Kysely } from 'kysely';

/**
 * Case statistics from rollups: every case counted once in `case_rollup` (all days) and once in
 * `case_rollup_day` (the Shanghai day it was submitted), under the columns the statistics filter
 * and group by (station, category, lead unit, region path, scope paths, side path), with one
 * counter per figure the statistics show. Counts that depend on the time now are kept as the
 * time-independent part (`overdue_capable`: open in handling with a deadline that a pause has not
 * stopped; `sign_due`: assigned with a sign-for limit); the reader subtracts the few cases whose
 * deadline or limit has not passed yet, counted live.
 *
 * The deferred trigger `opinion_rollup` takes each case's old contribution off and adds its new
 * one when the transaction commits (the rollup rows are locked only for the commit), so the
 * rollups change in the same transaction as each case fact. `case_rollup_rebuild()` recounts
 * them from the cases (the backfill here; bulk loads disable the trigger and call it after).
 */

/** [counter, expression over the case row `$`]: each case adds 0 or 1 (the working days their number). */
const FIGURES: [string, string][] = [
  ['received', '1'],
  ['accepted', '$.accepted_at is not null'],
  ['declined', '$.declined_at is not null'],
  ['answered_on_spot', '$.answered_on_spot'],
  ['assigned', '$.assigned_at is not null'],
  ['signed_late', '$.signed_late'],
  ['replied', '$.replied_on_time is not null'],
  ['replied_on_time', '$.replied_on_time'],
  ['working_days_sum', '$.handling_working_days'],
  ['working_days_count', '$.handling_working_days is not null'],
  ['satisfied', `$.rating = 'satisfied'`],
  ['basically_satisfied', `$.rating = 'basically_satisfied'`],
  ['unsatisfied', `$.rating = 'unsatisfied'`],
  ['unrated', `$.close_reason = 'unrated'`],
  ['rehandled', '$.rehandled'],
  ['closed', '$.closed_at is not null'],
  ['answered', '$.answered_at is not null'],
  ['closed_handled', `$.closed_at is not null and $.close_reason not in ('declined', 'merged')`],
  ['transferred', '$.transferred_within_24h is not null'],
  ['transferred_within_24h', '$.transferred_within_24h'],
  ['signed_on_time', '$.signed_on_time'],
  ['resolved', `$.reply_result = 'resolved'`],
  ['with_result', '$.reply_result is not null'],
  ['overdue_capable', `$.state in ('assigned', 'in_progress', 'extension_requested') and $.deadline_at is not null and ($.paused_at is null or $.deadline_at < $.paused_at)`],
  ['sign_due', `$.state = 'assigned' and $.sign_due_at is not null`],
];

const KEYS = ['station_id', 'category_id', 'assigned_unit_id', 'region_path', 'scope_paths', 'side_path'];
const DAY = `($.submitted_at at time zone 'Asia/Shanghai')::date`;

/** A figure's value for the case row `row`: a condition counts 1 when true, 0 when false or null; the working days their number. */
const value = (expr: string, row: string) => {
  const e = expr.replaceAll('$', row);
  return expr === '1' ? '1' : expr === '$.handling_working_days' ? `coalesce(${e}, 0)` : `coalesce((${e})::int, 0)`;
};

function table(name: string, day: boolean) {
  return `create table ${name} (
    ${day ? 'day date not null,' : ''}
    station_id integer not null,
    category_id integer not null,
    assigned_unit_id integer,
    region_path text not null,
    scope_paths text[] not null,
    side_path text,
    ${FIGURES.map(([f]) => `${f} bigint not null default 0`).join(',\n    ')}
  )`;
}

const keysOf = (day: boolean) => [...(day ? ['day'] : []), ...KEYS];

/** Adds `sign` times the case's contribution to both rollups. */
const applyFunction = `create function case_rollup_apply(o opinion, sign integer) returns void language plpgsql as $$
begin
  ${[false, true].map((day) => `insert into ${day ? 'case_rollup_day' : 'case_rollup'} as r (${[...keysOf(day), ...FIGURES.map(([f]) => f)].join(', ')})
  values (${[...(day ? [DAY.replaceAll('$', 'o')] : []), ...KEYS.map((k) => `o.${k}`), ...FIGURES.map(([, e]) => `sign * ${value(e, 'o')}`)].join(', ')})
  on conflict (${keysOf(day).join(', ')}) do update set
    ${FIGURES.map(([f]) => `${f} = r.${f} + excluded.${f}`).join(', ')};`).join('\n  ')}
end $$`;

/** The part of a case row the rollups read: when an update leaves it alone, nothing changes. */
const contribution = (row: string) => `row(${[DAY.replaceAll('$', row), ...KEYS.map((k) => `${row}.${k}`), ...FIGURES.map(([, e]) => value(e, row))].join(', ')})`;

const trackFunction = `create function case_rollup_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and ${contribution('old')} is not distinct from ${contribution('new')} then return null; end if;
  if tg_op in ('UPDATE', 'DELETE') then perform case_rollup_apply(old, -1); end if;
  if tg_op in ('UPDATE', 'INSERT') then perform case_rollup_apply(new, 1); end if;
  return null;
end $$`;

const rebuildFunction = `create function case_rollup_rebuild() returns void language plpgsql as $$
begin
  lock table opinion in share mode;
  delete from case_rollup;
  delete from case_rollup_day;
  ${[false, true].map((day) => `insert into ${day ? 'case_rollup_day' : 'case_rollup'} (${[...keysOf(day), ...FIGURES.map(([f]) => f)].join(', ')})
  select ${[...(day ? [DAY.replaceAll('$', 'o')] : []), ...KEYS.map((k) => `o.${k}`), ...FIGURES.map(([, e]) => `sum(${value(e, 'o')})`)].join(', ')}
  from opinion o group by ${keysOf(day).map((_, i) => i + 1).join(', ')};`).join('\n  ')}
end $$`;

const statements = [
  table('case_rollup', false),
  `create unique index case_rollup_key on case_rollup (${KEYS.join(', ')}) nulls not distinct`,
  table('case_rollup_day', true),
  `create unique index case_rollup_day_key on case_rollup_day (${keysOf(true).join(', ')}) nulls not distinct`,
  applyFunction,
  trackFunction,
  rebuildFunction,
  `create constraint trigger opinion_rollup after insert or update or delete on opinion
     deferrable initially deferred for each row execute function case_rollup_track()`,
  `select case_rollup_rebuild()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop trigger opinion_rollup on opinion').execute(db);
  await sql.raw('drop function case_rollup_track()').execute(db);
  await sql.raw('drop function case_rollup_rebuild()').execute(db);
  await sql.raw('drop function case_rollup_apply(opinion, integer)').execute(db);
  await sql.raw('drop table case_rollup_day').execute(db);
  await sql.raw('drop table case_rollup').execute(db);
}
