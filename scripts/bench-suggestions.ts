/**
 * npm run bench:suggestions — deputies' suggestions at scale, on PostgreSQL.
 *
 * Builds a fresh database `lianxin_bench_suggestions` on the server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), loads the regions and the demo set, then, with
 * set-based SQL, BENCH_CONGRESSES county congresses (default 2 000: real counties, each with its
 * running term, ten units and ten deputies) and BENCH_SUGGESTIONS suggestions (default 200 000)
 * spread over two years, with the facts the workflow stores: lead signers, numbers, lead and
 * co-units, contacts, answers with their commitments, ratings. It measures:
 *   - a unit's queue (the list query of features/suggestions/queries.ts as the unit's clerk),
 *     newest first and by nearest deadline;
 *   - a county's statistics (what GET /api/suggestions/statistics runs as the county's staff:
 *     the totals and the rows per unit), and the whole data set's per congress (admin).
 * Prints a Markdown table for docs/BENCHMARKS.md. Set BENCH_KEEP=1 to keep the database.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { loadActor } from '../server/platform/access/actors.js';
import { shanghaiDate } from '../server/platform/calendar/workingDays.js';
import { now } from '../server/platform/clock.js';
import { listSuggestions } from '../server/features/suggestions/queries.js';
import { suggestionStatistics, suggestionStatisticsBy } from '../server/features/suggestions/statistics.js';
import { signIn } from '../server/testing/harness.js';
import { benchDatabase, timed } from './benchKit.js';

const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 200_000);
const CONGRESSES = Number(process.env.BENCH_CONGRESSES ?? 2_000);

const bench = await benchDatabase('postgres', 'lianxin_bench_suggestions');
const { database } = bench;
const db = database.db;
const t0 = performance.now();
// The congresses: real counties the demo does not use, each with its running term, ten units and ten deputies.
await sql`create temporary table bench_congress as
  select row_number() over (order by r.code) - 1 as n, r.code, r.path from region r
  where r.level = 'county' and not exists (select 1 from congress_term t where t.region_code = r.code)
  order by r.code limit ${CONGRESSES}`.execute(db);
const congresses = Number((await sql<{ n: number }>`select count(*) as n from bench_congress`.execute(db)).rows[0]!.n);
if (congresses < CONGRESSES) throw new Error(`only ${congresses} counties free for ${CONGRESSES} congresses`);
await sql`insert into congress_term (level, region_code, region_path, number, starts_on, updated_at)
  select 'county', code, path, 1, current_date - 1000, now() from bench_congress`.execute(db);
await sql`insert into unit (name, region_code, region_path, updated_at)
  select '承办单位' || g, c.code, c.path, now() from bench_congress c cross join generate_series(0, 9) g`.execute(db);
await sql`insert into deputy (name, name_pinyin, name_initials, gender, status, region_code, region_path)
  select '代表' || c.n || '-' || g, 'daibiao', 'db', 'female', 'current', c.code, c.path from bench_congress c cross join generate_series(0, 9) g`.execute(db);
await sql`create temporary table bench_ref as
  select c.n, t.id as term_id,
    (select array_agg(u.id order by u.id) from unit u where u.region_code = c.code) as units,
    (select array_agg(d.id order by d.id) from deputy d where d.region_code = c.code) as deputies
  from bench_congress c join congress_term t on t.region_code = c.code and t.level = 'county'`.execute(db);

// The suggestions, with the facts each transition would have stored, spread over two years.
await sql`
  with g as (select i, i % ${congresses} as c, i / ${congresses} + 1 as number, random() as r1, random() as r2, random() as r3,
                    now() - (random() * interval '730 days') as at from generate_series(0, ${SUGGESTIONS - 1}) i),
       f as (select g.*, bc.code, bc.path, br.term_id, br.deputies[1 + g.i % 10] as deputy,
               case when g.r1 < 0.03 then 'draft' when g.r1 < 0.06 then 'submitted' when g.r1 < 0.08 then 'declined'
                    when g.r1 < 0.10 then 'registered' when g.r1 < 0.22 then 'assigned' when g.r1 < 0.26 then 'rehandling'
                    when g.r1 < 0.32 then 'answered' when g.r1 < 0.40 then 'following_up' else 'closed' end as state
             from g join bench_congress bc on bc.n = g.c join bench_ref br on br.n = g.c)
  insert into suggestion (kind, state, title, reasons, proposals, category_id, region_code, region_path, congress_level, congress_region_code,
    congress_region_path, term_id, lead_deputy_id, submitted_at, number, number_label, registered_at, declined_at, assigned_at, assigned_on,
    deadline_date, reassign_until, answered_at, answer_category, answered_on_time, round, rating, rated_at, key_supervision, closed_at, updated_at)
  select 'suggestion', f.state, '关于生成的第' || f.i || '条建议', '理由', '建议', 1 + f.i % 10, f.code, f.path, 'county', f.code, f.path, f.term_id, f.deputy,
    case when f.state <> 'draft' then f.at end,
    case when f.state not in ('draft', 'submitted', 'declined') then f.number end,
    case when f.state not in ('draft', 'submitted', 'declined') then '第一届闭会期间第' || lpad(f.number::text, 4, '0') || '号' end,
    case when f.state not in ('draft', 'submitted', 'declined') then f.at + interval '3 days' end,
    case when f.state = 'declined' then f.at + interval '3 days' end,
    case when f.state not in ('draft', 'submitted', 'declined', 'registered') then f.at + interval '5 days' end,
    case when f.state not in ('draft', 'submitted', 'declined', 'registered') then (f.at + interval '5 days')::date end,
    case when f.state not in ('draft', 'submitted', 'declined', 'registered') then (f.at + interval '5 days' + interval '3 months')::date end,
    case when f.state not in ('draft', 'submitted', 'declined', 'registered') then (f.at + interval '12 days')::date end,
    case when f.state in ('rehandling', 'answered', 'following_up', 'closed') then f.at + (f.r2 * interval '110 days') end,
    case when f.state = 'following_up' then 'B' when f.state in ('rehandling', 'answered', 'closed')
         then (array['A', 'A', 'B', 'C'])[1 + floor(f.r3 * 4)::int] end,
    case when f.state in ('rehandling', 'answered', 'following_up', 'closed') then f.r2 < 0.85 end,
    case when f.state = 'rehandling' then 2 else 1 end,
    case when f.state = 'rehandling' then 'unsatisfied' when f.state in ('following_up', 'closed')
         then (array['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'])[1 + floor(f.r3 * 5)::int] end,
    case when f.state in ('rehandling', 'following_up', 'closed') then f.at + interval '120 days' end,
    f.r3 < 0.02,
    case when f.state = 'closed' then f.at + interval '121 days' end,
    f.at
  from f`.execute(db);
await sql`insert into suggestion_signer (suggestion_id, deputy_id, role, status, invited_at, responded_at)
  select id, lead_deputy_id, 'lead', 'confirmed', coalesce(submitted_at, updated_at), submitted_at from suggestion where congress_region_path in (select path from bench_congress)`.execute(db);
// The lead unit by the suggestion's number in its congress, and a co-unit for one in five.
await sql`insert into suggestion_unit (suggestion_id, unit_id, role)
  select s.id, br.units[1 + s.number % 10], 'lead' from suggestion s join bench_congress bc on bc.code = s.congress_region_code
  join bench_ref br on br.n = bc.n where s.assigned_at is not null`.execute(db);
await sql`insert into suggestion_unit (suggestion_id, unit_id, role)
  select s.id, br.units[1 + (s.number + 3) % 10], 'co' from suggestion s join bench_congress bc on bc.code = s.congress_region_code
  join bench_ref br on br.n = bc.n where s.assigned_at is not null and s.number % 5 = 0`.execute(db);
await sql`insert into suggestion_contact (suggestion_id, unit_id, stage, mode, contacted_on, note, recorded_at)
  select s.id, u.unit_id, 'before', (array['phone', 'meeting', 'site_visit'])[1 + s.id % 3], s.assigned_on + 10, '沟通', s.assigned_at + interval '10 days'
  from suggestion s join suggestion_unit u on u.suggestion_id = s.id and u.role = 'lead' where s.id % 5 < 3`.execute(db);
await sql`insert into suggestion_answer (suggestion_id, round, unit_id, category, body, signed_by, answered_at, on_time)
  select s.id, 1, u.unit_id, s.answer_category, '答复函', '局长', s.answered_at, s.answered_on_time
  from suggestion s join suggestion_unit u on u.suggestion_id = s.id and u.role = 'lead' where s.answered_at is not null`.execute(db);
await sql`insert into suggestion_commitment (suggestion_id, answer_id, body, due_on, done_at)
  select a.suggestion_id, a.id, '承诺事项' || g, (a.answered_at + g * interval '2 months')::date,
    case when s.state = 'closed' or g = 1 then a.answered_at + g * interval '1 month' end
  from suggestion_answer a join suggestion s on s.id = a.suggestion_id cross join generate_series(1, 2) g where a.category = 'B'`.execute(db);
await sql`analyze`.execute(db);
const generated = (performance.now() - t0) / 1000;
const total = Number((await sql<{ n: number }>`select count(*) as n from suggestion`.execute(db)).rows[0]!.n);
console.log(`generated ${total} suggestions over ${congresses} congresses in ${generated.toFixed(1)} s`);

// A county's staff and the clerk of one of its units, made through the API.
const app = await buildApp({ database, config: { ...loadConfig({}), logLevel: 'error' } });
const admin = await signIn(app, 'admin');
const county = (await sql<{ code: string }>`select code from bench_congress where n = ${Math.floor(congresses / 2)}`.execute(db)).rows[0]!.code;
const unitId = (await sql<{ id: number }>`select id from unit where region_code = ${county} order by id limit 1`.execute(db)).rows[0]!.id;
const accountOf = async (body: Record<string, unknown>) => {
  const res = await admin.post('/api/accounts', { password: 'Bench#Pass2026', ...body });
  if (res.statusCode !== 201) throw new Error(res.body);
  return loadActor(db, res.json<{ id: number }>().id);
};
const staff = await accountOf({ username: 'benchstaff', displayName: '基准测试人员', role: 'staff', regionCode: county });
const clerk = await accountOf({ username: 'benchunit', displayName: '基准测试单位', role: 'unit', unitId });
const adminActor = await loadActor(db, (await db.selectFrom('account').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id);
const queue = await listSuggestions(db, clerk, {}, { limit: 20 });
const countyCount = Number((await sql<{ n: number }>`select count(*) as n from suggestion where congress_region_code = ${county}`.execute(db)).rows[0]!.n);
const today = shanghaiDate(now());

const rows = [
  await timed(`a unit's queue, first page of 20, newest first (${queue.total} of its suggestions)`, 200, () => listSuggestions(db, clerk, {}, { limit: 20 })),
  await timed('a unit\'s queue, nearest deadline first', 200, () => listSuggestions(db, clerk, {}, { limit: 20, sort: 'deadline' })),
  await timed('a unit\'s queue, overdue only', 200, () => listSuggestions(db, clerk, { overdue: true }, { limit: 20 })),
  await timed(`a county's statistics: totals and per unit (${countyCount} suggestions)`, 100,
    () => Promise.all([suggestionStatistics(db, staff, {}, today), suggestionStatisticsBy(db, staff, {}, 'unit', today)])),
  await timed('a county\'s statistics per month', 100, () => suggestionStatisticsBy(db, staff, {}, 'month', today)),
  await timed(`whole data set per congress (admin, ${total} suggestions)`, 10, () => suggestionStatisticsBy(db, adminActor, {}, 'congress', today)),
];

const pgVersion = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(db)).rows[0]!.v;
await app.close();
await bench.close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${pgVersion}; `
  + `${total} suggestions over ${congresses} county congresses (generated in ${generated.toFixed(0)} s)\n`);
console.log('| measure | runs | p50 | p99 |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.runs} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`);
