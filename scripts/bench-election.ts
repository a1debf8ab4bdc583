/**
 * npm run bench:election — the election round (换届) of a county of BENCH_DEPUTIES deputies
 * (default 5 000), on PGlite and on PostgreSQL.
 *
 * For each engine (BENCH_ENGINES, default `pglite,postgres`): a fresh database (PGlite in a
 * temporary data directory; PostgreSQL as `lianxin_bench_election` on the server of
 * DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards), the
 * regions and the demo set, then BENCH_RUNS counties (default 3), each generated in SQL with
 * its running term, BENCH_STATIONS stations (default 250) over its towns, the deputies
 * (20 to a station, one of them its 站长) and BENCH_CASES open cases (default 2 000) addressed
 * to them. Each county's round is then run through the application as its staff would: the
 * roster of the new term (at each station every fifth deputy leaves and is replaced by a new person; the
 * re-elected are on the roster too, matched by phone) uploaded and checked, the round
 * previewed, and run (all or nothing) with a successor named at every station. Prints the
 * median and the range of the runs per engine, as a Markdown table for docs/BENCHMARKS.md.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import type { Database, Engine } from '../server/platform/db/engine.js';
import { today } from '../server/platform/clock.js';
import { addDays } from '../server/platform/calendar/workingDays.js';
import { csvBuffer, type Rows } from '../server/testing/importFiles.js';
import { signIn, type Client } from '../server/testing/harness.js';
import { benchDatabase, benchEngines, median, seconds } from './benchKit.js';

const DEPUTIES = Number(process.env.BENCH_DEPUTIES ?? 5000);
const STATIONS = Number(process.env.BENCH_STATIONS ?? 250);
const CASES = Number(process.env.BENCH_CASES ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NAME = 'lianxin_bench_election';
const HEADER = ['姓名', '性别', '手机号码', '代表层级', '届次', '所属区划', '所在联络站', '站内职责'];

const s = seconds;

/** A county with towns, its running term, stations, deputies and open cases; returns what the round needs. */
async function generateCounty(database: Database, county: string, k: number) {
  const { db } = database;
  const region = await db.selectFrom('region').select(['code', 'path', 'name']).where('code', '=', county).executeTakeFirstOrThrow();
  const term = await db.insertInto('congress_term').values({
    level: 'county', region_code: county, region_path: region.path, number: 4, starts_on: addDays(today(), -1800), ends_on: null, updated_at: new Date(),
  }).returning(['id', 'version']).executeTakeFirstOrThrow();
  await sql`
    insert into station (name, type, tier, home_region_code, updated_at)
    select ${region.name} || '代表联络站' || g, 'station', 'town_center', t.code, now()
    from generate_series(1, ${STATIONS}) g
    join lateral (select code from region t where t.parent_code = ${county} order by t.code offset (g % (select count(*) from region x where x.parent_code = ${county})) limit 1) t on true`.execute(db);
  await sql`insert into station_region (station_id, region_code, region_path, is_home)
    select s.id, s.home_region_code, r.path, true from station s join region r on r.code = s.home_region_code
    where r.parent_code = ${county} and not exists (select 1 from station_region x where x.station_id = s.id)`.execute(db);
  const stationIds = (await db.selectFrom('station as s').innerJoin('region as r', 'r.code', 's.home_region_code')
    .select('s.id').where('r.parent_code', '=', county).orderBy('s.id').execute()).map((x) => x.id);
  // Deputies: phone 17<k><i>, at station i % STATIONS, the first at each its 站长.
  await sql`
    insert into deputy (name, name_pinyin, name_initials, gender, phone, status, region_code, region_path, updated_at)
    select '代表' || ${k} || '_' || g, 'daibiao', 'db', case when g % 2 = 0 then 'male' else 'female' end,
      '17' || ${k} || lpad(g::text, 8, '0'), 'current', st.home_region_code, r.path, now()
    from generate_series(0, ${DEPUTIES - 1}) g
    join station st on st.id = (${sql.val(stationIds)}::int[])[1 + g % ${stationIds.length}]
    join region r on r.code = st.home_region_code`.execute(db);
  const deputies = (await db.selectFrom('deputy').select(['id', 'name', 'phone']).where('name', 'like', `代表${k}\\_%`).execute())
    .map((d) => ({ ...d, i: Number(d.name.split('_')[1]) })).sort((a, b) => a.i - b.i);
  await sql`insert into deputy_level (deputy_id, level, term, region_code)
    select id, 'county', 4, ${county} from deputy where name like ${`代表${k}\\_%`}`.execute(db);
  await sql`insert into deputy_station (deputy_id, station_id, role)
    select d.id, (${sql.val(stationIds)}::int[])[1 + (split_part(d.name, '_', 2)::int % ${stationIds.length})],
      case when split_part(d.name, '_', 2)::int < ${stationIds.length} then 'head' else 'resident' end
    from deputy d where d.name like ${`代表${k}\\_%`}`.execute(db);
  // Open cases, each addressed to a deputy at their station.
  const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
  await sql`
    insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, deputy_id, region_code, region_path, scope_paths,
      content, submitted_at, accepted_at, updated_at)
    select 'E' || ${k} || '-' || g, md5('public-' || ${k} || '-' || g), md5(g::text), 'reception', case when g % 3 = 0 then 'accepted' else 'submitted' end, ${category},
      ds.station_id, d.id, h.region_code, h.region_path, path_prefixes(h.region_path), '换届基准测试意见 ' || g, now(), now(), now()
    from generate_series(0, ${CASES - 1}) g
    join deputy d on d.name = '代表' || ${k} || '_' || ((g * 7) % ${DEPUTIES})
    join deputy_station ds on ds.deputy_id = d.id
    join station_region h on h.station_id = ds.station_id and h.is_home`.execute(db);
  await sql`analyze`.execute(db);
  return { term, deputies, stationIds };
}

async function benchEngine(engine: Engine) {
  const bench = await benchDatabase(engine, NAME);
  const { database } = bench;
  const app = await buildApp({ database, config: { ...loadConfig({}), logLevel: 'error' } });
  const admin = await signIn(app, 'admin');
  const counties = (await database.db.selectFrom('region as c').select('c.code').where('c.level', '=', 'county')
    .where(sql<boolean>`(select count(*) from region t where t.parent_code = c.code) >= 10`)
    .where('c.code', 'not like', '4511%').where('c.code', 'not like', '4206%').orderBy('c.code').limit(RUNS).execute()).map((c) => c.code);

  const runs: { generate: number; roster: number; preview: number; round: number; summary: string }[] = [];
  for (const [k, county] of counties.entries()) {
    const g0 = performance.now();
    const { term, deputies, stationIds } = await generateCounty(database, county, k + 1);
    const generate = performance.now() - g0;
    const username = `bench${k}`;
    const created = await admin.post('/api/accounts', { username, displayName: '换届基准', role: 'staff', regionCode: county, password: 'Bench#Staff2026' });
    if (created.statusCode !== 201) throw new Error(created.body);
    await database.db.updateTable('account').set({ must_change_password: false }).where('username', '=', username).execute();
    const staff: Client = await signIn(app, username, 'Bench#Staff2026');

    // At each station every fifth deputy leaves (one in ten of them kept as 特邀联络员); a new person takes each place.
    const leaves = (i: number) => Math.floor(i / stationIds.length) % 5 === 4;
    const stationNames = new Map((await database.db.selectFrom('station').select(['id', 'name']).where('id', 'in', stationIds).execute()).map((x) => [x.id, x.name]));
    const rows: Rows = [];
    for (const d of deputies) {
      const station = stationNames.get(stationIds[d.i % stationIds.length]!)!;
      if (!leaves(d.i)) rows.push([d.name, d.i % 2 ? '女' : '男', d.phone, '县(区)', '第五届', county, '', '']);
      else rows.push([`新代表${k + 1}_${d.i}`, d.i % 2 ? '女' : '男', `16${k + 1}${String(d.i).padStart(8, '0')}`, '县(区)', '第五届', county, station, '驻站代表']);
    }
    const r0 = performance.now();
    const batch = await staff.post('/api/imports/deputies', { filename: 'roster.csv', termId: term.id });
    if (batch.statusCode !== 201) throw new Error(batch.body);
    const batchId = batch.json<{ id: number }>().id;
    const upload = await app.inject({
      method: 'PUT', url: `/api/imports/deputies/${batchId}/file`, payload: Readable.from([csvBuffer([HEADER, ...rows])]), remoteAddress: staff.remoteAddress,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/octet-stream' },
    });
    const checked = upload.json<{ status: string; errorRows: number }>();
    if (upload.statusCode !== 200 || checked.status !== 'ready' || checked.errorRows) throw new Error(upload.body.slice(0, 500));
    const roster = performance.now() - r0;

    // At each station, its 站长 (the first of its deputies, who stays) takes over the open cases.
    const body = {
      version: term.version, next: { number: 5, startsOn: addDays(today(), 1) }, rosterImportId: batchId,
      deputies: deputies.map((d) => ({ deputyId: d.id, outcome: leaves(d.i) ? 'leaves' : 're_elected', ...(leaves(d.i) && d.i % 10 === 0 && { specialLiaison: true }) })),
      successors: stationIds.map((stationId, j) => ({ stationId, deputyId: deputies[j]!.id })),
    };
    const p0 = performance.now();
    const preview = await staff.post(`/api/terms/${term.id}/round/preview`, body);
    const preview1 = performance.now() - p0;
    const plan = preview.json<{ ok: boolean; problems: unknown[]; counts: Record<string, number> }>();
    if (preview.statusCode !== 200 || !plan.ok) throw new Error(preview.statusCode === 200 ? JSON.stringify(plan.problems.slice(0, 10)) : preview.body.slice(0, 1000));
    const x0 = performance.now();
    const run = await staff.post(`/api/terms/${term.id}/round`, body);
    const round = performance.now() - x0;
    if (run.statusCode !== 201) throw new Error(run.body.slice(0, 1000));
    const result = run.json<{ summary: Record<string, number>; coverage: { stationedRate: number; coverageRate: number } }>();
    const summary = `${result.summary.reElected} re-elected, ${result.summary.left} left, ${result.summary.imported} new, ${result.summary.matched} matched, `
      + `${result.summary.casesHandedOver} cases handed over, 进驻 ${result.coverage.stationedRate * 100}%, 覆盖 ${result.coverage.coverageRate * 100}%`;
    console.log(`[${engine}] ${county}: generated ${s(generate)}, roster upload+check ${s(roster)}, preview ${s(preview1)}, round ${s(round)} (${summary})`);
    runs.push({ generate, roster, preview: preview1, round, summary });
  }
  const version = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(database.db)).rows[0]!.v;
  await app.close();
  await bench.close();
  return { engine, version, runs };
}

const results = [];
for (const engine of benchEngines()) results.push(await benchEngine(engine));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const range = (xs: number[]) => `${s(median(xs))} (${s(Math.min(...xs))}–${s(Math.max(...xs))})`;
console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. `
  + `A county of ${DEPUTIES} deputies, ${STATIONS} stations, ${CASES} open cases; median (min–max) of ${RUNS} runs.\n`);
console.log('| engine | roster upload + check | preview | round (one transaction) |\n|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.engine === 'pglite' ? 'PGlite' : r.version} | ${range(r.runs.map((x) => x.roster))} | ${range(r.runs.map((x) => x.preview))} | ${range(r.runs.map((x) => x.round))} |`);
}
console.log(`\n${results[0]?.runs[0]?.summary ?? ''}`);
