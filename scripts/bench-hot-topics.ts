/**
 * npm run bench:hot-topics — computing one county's hot topics over 100 000 opinions, on each engine.
 *
 * On a fresh database of each engine (BENCH_ENGINES=pglite,postgres; PostgreSQL on DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, database `lianxin_bench_hot_topics`), with
 * the schema and the demo set: BENCH_OPINIONS opinions (default 100 000) generated from the
 * labelled set (scripts/hotTopicsGenerate.ts: each text varied by a clause, a village and a group)
 * are stored set-based at 平桂区's stations, spread over the last 8 weeks. It measures the whole
 * run as the nightly job and the refresh do it (read the window's opinions, group them, store
 * the topics and their memberships), the median of BENCH_RUNS runs (default 3), and reports the
 * share of the time spent grouping in the server's JavaScript. Prints Markdown for docs/BENCHMARKS.md.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { loadActor } from '../server/platform/access/actors.js';
import { now } from '../server/platform/clock.js';
import { registerOpinions } from '../server/features/cases/index.js';
import { computeRun, DEFAULT_WINDOW, topicsOf, windowOpinions } from '../server/features/hotTopics/compute.js';
import { shanghaiDate } from '../server/platform/calendar/workingDays.js';
import { benchDatabase, benchEngines, median, seconds, timed, type Timing } from './benchKit.js';
import { generatedOpinions } from './hotTopicsGenerate.js';

const OPINIONS = Number(process.env.BENCH_OPINIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COUNTY = '451103';
const results: { engine: string; rows: Timing[]; topics: number; version: string }[] = [];
const generated = generatedOpinions(OPINIONS);

for (const engine of benchEngines()) {
  const bench = await benchDatabase(engine, 'lianxin_bench_hot_topics');
  const db = bench.database.db;
  const officer = await loadActor(db, (await db.selectFrom('account').select('id').where('username', '=', 'huangtian').executeTakeFirstOrThrow()).id);
  const stations = (await db.selectFrom('station as s').select('s.id')
    .where(sql<boolean>`exists (select 1 from station_region sr where sr.station_id = s.id and sr.region_path like (select path from region where code = ${COUNTY}) || '%')`)
    .orderBy('s.id').execute()).map((s) => s.id);
  const categories = new Map((await db.selectFrom('case_category').select(['id', 'code']).execute()).map((c) => [c.code, c.id]));
  const base = await db.transaction().execute(async (trx) => (await registerOpinions({ trx, actor: officer, ip: null }, {
    stationId: (await trx.selectFrom('account_station').select('station_id').where('account_id', '=', officer.accountId).executeTakeFirstOrThrow()).station_id,
    deputyId: null, channel: 'reception', receivedAt: null,
    items: [{ categoryId: categories.get('water')!, content: '基准意见', place: '公和村', name: null, phone: null }],
  }))[0]!.id);
  const columns = (await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_name = 'opinion' and table_schema = current_schema() and is_identity = 'NO' and is_generated = 'NEVER' order by ordinal_position`.execute(db)).rows
    .map((r) => r.column_name);
  const overridden: Record<string, string> = {
    tracking_code: `'B' || lpad(g.n::text, 9, '0')`, public_id: `md5('bench' || g.n)`, idempotency_key: 'null',
    content: 'g.content', place: 'g.place', category_id: 'g.category_id', station_id: 'g.station_id', submitted_at: 'g.submitted_at',
  };
  const select = columns.map((c) => overridden[c] ?? `b.${c}`).join(', ');
  const t0 = performance.now();
  const at = now().getTime();
  for (let i = 0; i < generated.length; i += 5000) {
    const chunk = generated.slice(i, i + 5000);
    await sql`insert into opinion (${sql.raw(columns.join(', '))})
      select ${sql.raw(select)} from opinion b,
        unnest(${chunk.map((o) => o.content)}::text[], ${chunk.map((o) => o.place)}::text[], ${chunk.map((o) => categories.get(o.category) ?? categories.get('other')!)}::int[],
          ${chunk.map((_, k) => stations[(i + k) % stations.length]!)}::int[], ${chunk.map((_, k) => new Date(at - ((i + k) % 55) * 86_400_000 - (k % 600) * 60_000).toISOString())}::timestamptz[],
          ${chunk.map((_, k) => i + k)}::int[]) as g(content, place, category_id, station_id, submitted_at, n)
      where b.id = ${base}`.execute(db);
  }
  await sql`update opinion o set region_code = s.home_region_code, region_path = r.path, scope_paths = case_scope_paths(o.station_id, r.path)
    from station s join region r on r.code = s.home_region_code where s.id = o.station_id and o.tracking_code like 'B%'`.execute(db);
  await sql`analyze opinion`.execute(db);
  console.log(`[${engine}] ${OPINIONS} opinions stored in ${seconds(performance.now() - t0)}`);
  const path = (await db.selectFrom('region').select('path').where('code', '=', COUNTY).executeTakeFirstOrThrow()).path;
  let topics = 0;
  const rows: Timing[] = [];
  rows.push(await timed(`[${engine}] read the window's opinions`, RUNS, () => windowOpinions(db, path, new Date(at - DEFAULT_WINDOW * 86_400_000), new Date(at))));
  const loaded = await windowOpinions(db, path, new Date(at - DEFAULT_WINDOW * 86_400_000), new Date(at));
  rows.push(await timed(`[${engine}] group them (server JavaScript)`, RUNS, async () => { topics = (await topicsOf(loaded, shanghaiDate(new Date(at)), DEFAULT_WINDOW, new Date(at))).length; }));
  rows.push(await timed(`[${engine}] whole run: read, group, store (${DEFAULT_WINDOW}-day window)`, RUNS, () => db.transaction().execute((trx) => computeRun(trx, COUNTY, DEFAULT_WINDOW, 'refresh', null))));
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v.split(' ').slice(0, 2).join(' ');
  results.push({ engine, rows, topics, version });
  await bench.close();
}

console.log(`\n### Hot topics: one county, ${OPINIONS.toLocaleString('en')} opinions in the window (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, Node ${process.version})\n`);
console.log('| engine | step | median | range | runs |');
console.log('|---|---|---|---|---|');
for (const r of results) {
  for (const t of r.rows) console.log(`| ${r.engine} (${r.version}) | ${t.label.replace(/^\[\w+\] /, '')} | ${seconds(median(t.times))} | ${seconds(t.min)}–${seconds(t.max)} | ${t.runs} |`);
  console.log(`| ${r.engine} | topics found (≥ 3 opinions) | ${r.topics} | | |`);
}
