/**
 * npm run bench:cases — the case workflow at scale, on PostgreSQL.
 *
 * Builds a fresh database `lianxin_bench` (or BENCH_DB) on the server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), loads the regions and the demo set, generates
 * stations in BENCH_COUNTIES real counties and BENCH_CASES cases (default 1 000 000) with facts
 * as the workflow stores them, then measures through the real application:
 *   - public submissions per second (each one committed: case, photo-less, event, audit, notifications, jobs);
 *   - the staff queue's first page for a county (p50/p99), newest first and by nearest deadline;
 *   - statistics for a county and for the whole data set (admin).
 * Prints a Markdown table for docs/BENCHMARKS.md. Set BENCH_KEEP=1 to keep the database.
 *
 * With BENCH_COMPARE=<another checkout> (its dependencies installed or linked), the same data is
 * also served by that checkout's application (its `server/app.ts`): every measure alternates
 * between the two apps run by run, and the table gives both figures and their ratio.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp, type App } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { Client, signIn } from '../server/testing/harness.js';
import { verifyAuditChain } from '../server/features/audit/index.js';
import { benchDatabase, percentile } from './benchKit.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const COUNTIES = Number(process.env.BENCH_COUNTIES ?? 200);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const NAME = process.env.BENCH_DB ?? 'lianxin_bench';
const COMPARE = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : null;
/** BENCH_REUSE=1: measure the cases a kept database (BENCH_KEEP) already holds, migrated to this checkout's schema. */
const REUSE = Boolean(process.env.BENCH_REUSE);

interface Row { label: string; n: number; p50: number; p99: number; theirs?: { p50: number; p99: number } }

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Runs `ours` n times (and `theirs` as often, alternating with it run by run, when comparing). */
async function timed(label: string, n: number, ours: () => Promise<void>, theirs?: () => Promise<void>): Promise<Row> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [fn, into] of (theirs ? (i % 2 ? [[theirs, b], [ours, a]] : [[ours, a], [theirs, b]]) : [[ours, a]]) as [() => Promise<void>, number[]][]) {
      const t0 = performance.now();
      await fn();
      into.push(performance.now() - t0);
    }
  }
  const row: Row = { label, n, ...summary(a), ...(theirs && { theirs: summary(b) }) };
  console.log(`${label}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms${row.theirs ? ` (other checkout: p50 ${row.theirs.p50.toFixed(1)} ms, p99 ${row.theirs.p99.toFixed(1)} ms)` : ''} (${n} runs)`);
  return row;
}

const started = performance.now();
const bench = await benchDatabase('postgres', NAME, { reuse: REUSE });
const { database } = bench;
const db = database.db;
const t0 = performance.now();
if (!REUSE) {

// Stations: 10 per county, at its towns, in BENCH_COUNTIES real counties.
await sql`
  insert into station (name, type, tier, home_region_code, updated_at)
  select t.name || '人大代表联络站(' || g || ')', 'station', 'town_center', t.code, now()
  from (select code from region where level = 'county' and exists (select 1 from region t where t.parent_code = region.code) order by code limit ${COUNTIES}) c
  cross join generate_series(1, 10) g
  join lateral (select code, name from region t where t.parent_code = c.code order by md5(t.code || g) limit 1) t on true`.execute(db);
await sql`insert into station_region (station_id, region_code, region_path, is_home)
  select s.id, s.home_region_code, r.path, true from station s join region r on r.code = s.home_region_code
  where not exists (select 1 from station_region x where x.station_id = s.id)`.execute(db);
await sql`insert into unit (name, region_code, region_path, updated_at)
  select r.name || '水利局', r.code, r.path, now() from region r
  where r.code in (select left(home_region_code, 6) from station) and not exists (select 1 from unit u where u.region_code = r.code and u.name = r.name || '水利局')`.execute(db);

// Cases, with the facts the workflow would have stored, spread over two years; the rollups are
// recounted once after the load instead of row by row.
await sql`alter table opinion disable trigger opinion_rollup`.execute(db);
await sql`
  with s as (select s.id, h.region_code, h.region_path, row_number() over (order by s.id) - 1 as n
             from station s join station_region h on h.station_id = s.id and h.is_home),
       sc as (select count(*) as total from s),
       u as (select id, region_path from unit),
       g as (select i, random() as r1, random() as r2, random() as r3,
                    now() - (random() * interval '730 days') as at from generate_series(1, ${CASES}) i)
  insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths, content,
    submitted_at, accepted_at, assigned_at, assigned_unit_id, deadline_days, signed_at, signed_late, deadline_date, deadline_at,
    replied_at, replied_on_time, handling_working_days, answered_at, rating, closed_at, close_reason, answered_on_spot, updated_at)
  select 'B' || g.i, md5('public-' || g.i), md5(g.i::text), (array['reception','visit','qr','online','wechat','phone','letter','grid'])[1 + (g.i % 8)],
    case when g.r1 < 0.70 then 'closed' when g.r1 < 0.78 then 'in_progress' when g.r1 < 0.82 then 'assigned'
         when g.r1 < 0.86 then 'answered' when g.r1 < 0.90 then 'submitted' when g.r1 < 0.95 then 'declined' else 'replied' end,
    1 + (g.i % 10), s.id, s.region_code, s.region_path, path_prefixes(s.region_path), '生成的群众意见 ' || g.i,
    g.at, g.at + interval '3 hours', g.at + interval '1 day',
    (select u.id from u where s.region_path like u.region_path || '%' limit 1),
    3, g.at + interval '2 days', g.r2 < 0.05, (g.at + interval '6 days')::date, g.at + interval '7 days',
    case when g.r1 < 0.70 or g.r1 >= 0.95 then g.at + (g.r2 * interval '8 days') end,
    case when g.r1 < 0.70 or g.r1 >= 0.95 then g.r2 < 0.88 end,
    case when g.r1 < 0.70 or g.r1 >= 0.95 then floor(g.r2 * 6)::int end,
    case when g.r1 < 0.70 or (g.r1 >= 0.82 and g.r1 < 0.86) then g.at + interval '9 days' end,
    case when g.r1 < 0.62 then (array['satisfied','satisfied','satisfied','basically_satisfied','unsatisfied'])[1 + floor(g.r3 * 5)::int] end,
    case when g.r1 < 0.70 then g.at + interval '12 days' when g.r1 >= 0.90 and g.r1 < 0.95 then g.at + interval '1 day' end,
    case when g.r1 < 0.62 then 'rated' when g.r1 < 0.70 then 'unrated' when g.r1 >= 0.90 and g.r1 < 0.95 then 'declined' end,
    g.r3 < 0.1, g.at
  from g join sc on true join s on s.n = g.i % sc.total`.execute(db);
await sql`alter table opinion enable trigger opinion_rollup`.execute(db);
const r0 = performance.now();
await sql`select case_rollup_rebuild()`.execute(db);
console.log(`rollups counted in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
await sql`analyze`.execute(db);
}
const generated = (performance.now() - t0) / 1000;
const total = Number((await sql<{ n: number }>`select count(*) as n from opinion`.execute(db)).rows[0]!.n);
console.log(`generated ${total} cases in ${generated.toFixed(1)} s`);

const config = { ...loadConfig({}), logLevel: 'error' };
const app = await buildApp({ database, config });
const otherApp: App | null = COMPARE
  ? await ((await import(pathToFileURL(path.join(COMPARE, 'server/app.ts')).href)) as { buildApp: typeof buildApp }).buildApp({ database, config })
  : null;
const county = (await sql<{ code: string }>`select left(home_region_code, 6) as code from station s where s.name like '%(1)' order by s.id limit 1`.execute(db)).rows[0]!.code;
const countyCases = Number((await sql<{ n: number }>`select count(*) as n from opinion o join region r on r.code = ${county} where o.region_path like r.path || '%'`.execute(db)).rows[0]!.n);
// The city above that county, for the measures of a wide scope below the province.
const city = (await sql<{ code: string }>`select parent_code as code from region where code = ${county}`.execute(db)).rows[0]!.code;
const cityCases = Number((await sql<{ n: number }>`select count(*) as n from opinion o join region r on r.code = ${city} where o.region_path like r.path || '%'`.execute(db)).rows[0]!.n);
const admin = await signIn(app, 'admin');
for (const [username, regionCode] of [['benchstaff', county], ['benchcity', city]] as const) {
  if (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst()) continue;
  const created = await admin.post('/api/accounts', { username, displayName: '基准测试', role: 'staff', regionCode, password: 'Bench#Staff2026' });
  if (created.statusCode !== 201) throw new Error(created.body);
  await db.updateTable('account').set({ must_change_password: false }).where('username', '=', username).execute();
}
const staff = await signIn(app, 'benchstaff', 'Bench#Staff2026');
const cityStaff = await signIn(app, 'benchcity', 'Bench#Staff2026');
const other = otherApp && {
  admin: await signIn(otherApp, 'admin'), staff: await signIn(otherApp, 'benchstaff', 'Bench#Staff2026'), cityStaff: await signIn(otherApp, 'benchcity', 'Bench#Staff2026'),
};

// Public submissions, CONCURRENCY at a time, each from its own address.
const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const station = (await db.selectFrom('station').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
// A reused database already holds earlier runs' submissions: number these after them (rate limits are per address).
let next = Number((await sql<{ n: number }>`select count(*) as n from opinion where station_id = ${station} and content like '基准测试提交 %'`.execute(db)).rows[0]!.n);
/** SUBMISSIONS public submissions through `target`, CONCURRENCY at a time; returns the seconds taken. */
async function submit(target: App, count: number): Promise<number> {
  const s0 = performance.now();
  const end = next + count;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < end; i = next++) {
      const res = await target.inject({
        method: 'POST', url: '/api/public/opinions', remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        payload: { stationId: station, categoryId: category, content: `基准测试提交 ${i}`, name: '测试', phone: '13800000000' },
      });
      if (res.statusCode !== 201) throw new Error(`submission ${i}: ${res.statusCode} ${res.body}`);
    }
  }));
  next = end;
  return (performance.now() - s0) / 1000;
}
// Compared, the two apps take turns in four rounds, a quarter of the submissions each.
let oursSeconds = 0;
let theirsSeconds = 0;
if (otherApp) {
  for (let round = 0; round < 4; round++) {
    oursSeconds += await submit(app, SUBMISSIONS / 4);
    theirsSeconds += await submit(otherApp, SUBMISSIONS / 4);
  }
} else {
  oursSeconds = await submit(app, SUBMISSIONS);
}
const perSecond = (otherApp ? SUBMISSIONS / 2 : SUBMISSIONS) / oursSeconds;
const theirsPerSecond = otherApp ? (SUBMISSIONS / 2) / theirsSeconds : 0;
console.log(`public submissions: ${perSecond.toFixed(0)}/s (${SUBMISSIONS}, concurrency ${CONCURRENCY})${otherApp ? `; other checkout ${theirsPerSecond.toFixed(0)}/s` : ''}`);
const chain = await verifyAuditChain(db);
console.log(`audit log verified after the submissions: ${JSON.stringify(chain)}`);
if (!chain.ok) throw new Error('the audit log does not verify after the submissions');

const get = (client: Client, path: string) => async () => {
  const res = await client.get(path);
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
};
const ours = { staff, cityStaff, admin };
const both = (who: 'staff' | 'cityStaff' | 'admin', url: string): [() => Promise<void>, (() => Promise<void>) | undefined] =>
  [get(ours[who], url), other ? get(other[who], url) : undefined];
const rows = [
  await timed(`queue, first page, county staff (${countyCases} cases in scope)`, 200, ...both('staff', '/api/cases?limit=50')),
  await timed('queue, open cases only, county staff', 100, ...both('staff', '/api/cases?open=true&limit=50')),
  await timed('queue, first page, admin (whole set)', 100, ...both('admin', '/api/cases?limit=50')),
  await timed('queue, open cases by nearest deadline, county staff', 100, ...both('staff', '/api/cases?open=true&sort=deadline&limit=50')),
  await timed('queue, open cases by nearest deadline, admin (whole set)', 20, ...both('admin', '/api/cases?open=true&sort=deadline&limit=50')),
  await timed('statistics, county', 20, ...both('staff', '/api/statistics/cases')),
  await timed('statistics, whole data set (admin)', 20, ...both('admin', '/api/statistics/cases')),
  await timed('statistics by category, county', 20, ...both('staff', '/api/statistics/cases/by/category')),
  await timed(`queue, first page, city staff (${cityCases} cases in scope)`, 50, ...both('cityStaff', '/api/cases?limit=50')),
  await timed('statistics, city', 20, ...both('cityStaff', '/api/statistics/cases')),
  await timed('statistics by station, city', 20, ...both('cityStaff', '/api/statistics/cases/by/station')),
  await timed('statistics by category, whole data set (admin)', 20, ...both('admin', '/api/statistics/cases/by/category')),
];

const pgVersion = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(db)).rows[0]!.v;
await app.close();
await otherApp?.close();
await bench.close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${pgVersion}; `
  + `${total} cases in ${COUNTIES * 10} stations of ${COUNTIES} counties (generated in ${generated.toFixed(0)} s)\n`);
const ms = (x: { p50: number; p99: number }) => `p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms`;
if (otherApp) {
  console.log(`| measure | this checkout | ${path.basename(COMPARE!)} | ratio of p50 (this ÷ other) |\n|---|---|---|---|`);
  console.log(`| public submissions (durable, concurrency ${CONCURRENCY}) | ${perSecond.toFixed(0)} per second | ${theirsPerSecond.toFixed(0)} per second | ${(theirsPerSecond / perSecond).toFixed(2)} (time per submission) |`);
  for (const r of rows) console.log(`| ${r.label} | ${ms(r)} | ${ms(r.theirs!)} | ${(r.p50 / r.theirs!.p50).toFixed(2)} |`);
} else {
  console.log(`| measure | figure |\n|---|---|`);
  console.log(`| public submissions (durable, concurrency ${CONCURRENCY}) | ${perSecond.toFixed(0)} per second |`);
  for (const r of rows) console.log(`| ${r.label} | ${ms(r)} |`);
}
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
