/**
 * npm run bench:search — the case queue's word search for a province's staff, before (a bare
 * `content LIKE '%term%'`) and after (the index of text grams, migration 0041), in one run.
 *
 * On PostgreSQL (BENCH_SERVER / DATABASE_URL). BENCH_REUSE=1 measures the kept database BENCH_DB
 * (default lianxin_bench_search, e.g. a copy of the realistic set of `bench:cases`), migrated to
 * this checkout; otherwise a fresh database gets the demo set and BENCH_CASES (default 200 000)
 * generated cases of phrase-built Chinese text, ids in submission order. The province staff is
 * the demo's `pinggui` moved to 广西 (BENCH_PROVINCE). Terms: fixed ones (a common character, a
 * stop character, punctuation, 2 and 4 characters, Latin and digits, terms matching nothing) and
 * 1-, 2- and 4-character pieces of sampled case texts. Every term runs BENCH_ROUNDS times, the two
 * queries alternating, and must give the same cases. Also prints the index's size and the cost of
 * the index per inserted case (inserts with and without it, each rolled back).
 * Prints Markdown for docs/BENCHMARKS.md; nothing asserts a time.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { benchDatabase, percentile } from './benchKit.js';
import { loadActor } from '../server/platform/access/actors.js';
import { containsPattern } from '../server/platform/db/sql.js';
import { listCases } from '../server/features/cases/queries.js';

const NAME = process.env.BENCH_DB ?? 'lianxin_bench_search';
const REUSE = Boolean(process.env.BENCH_REUSE);
const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PROVINCE = process.env.BENCH_PROVINCE ?? '450000';

const PHRASES = [
  '小区自来水水压不足', '高层住户经常停水', '希望供水公司尽快解决', '村道路灯坏了一个多月', '晚上出行不方便', '学校门口没有减速带',
  '接送孩子不安全', '河边有人倾倒建筑垃圾', '请有关部门处理', '菜市场没有公共厕所', '老旧小区加装电梯', '物业费收取不透明',
  '5G基站建在学校旁边', 'G75高速出口拥堵', '医保报销流程复杂', '农村养老保险缴费标准', '希望增加公交班次', '停车位严重不足',
  '噪音扰民影响休息', '拖欠农民工工资', '宅基地边界纠纷', '灌溉水渠淤塞', '果树嫁接技术培训', '幼儿园学位紧张',
];

const started = performance.now();
const bench = await benchDatabase('postgres', NAME, { demoCases: true, reuse: REUSE });
const db = bench.database.db;
if (!REUSE) {
  const t0 = performance.now();
  await sql`alter table opinion disable trigger opinion_rollup`.execute(db);
  await sql`
    with src as (select row_number() over (order by id) - 1 as n, * from opinion), c as (select count(*) as total from src),
         g as (select i, now() - ((${CASES} - i) * interval '5 minutes') as at from generate_series(1, ${CASES}) i)
    insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths,
      content, submitted_at, updated_at)
    select 'S' || g.i, md5('search-' || g.i), s.query_key_hash, s.channel, 'submitted', s.category_id, s.station_id, s.region_code, s.region_path, s.scope_paths,
      (${PHRASES}::text[])[1 + (g.i * 7) % ${PHRASES.length}] || '，' || (${PHRASES}::text[])[1 + (g.i * 13 / 5) % ${PHRASES.length}] || '，'
        || (${PHRASES}::text[])[1 + (g.i * 31 / 7) % ${PHRASES.length}] || '。编号' || g.i,
      g.at, g.at
    from g join c on true join src s on s.n = g.i % c.total`.execute(db);
  await sql`alter table opinion enable trigger opinion_rollup`.execute(db);
  await sql`analyze opinion`.execute(db);
  console.log(`generated ${CASES} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
await sql`update account set region_code = ${PROVINCE} where username = 'pinggui'`.execute(db);
const accountId = (await db.selectFrom('account').select('id').where('username', '=', 'pinggui').executeTakeFirstOrThrow()).id;
const actor = await loadActor(db, accountId);
const total = Number((await sql<{ n: string }>`select count(*) as n from opinion`.execute(db)).rows[0]!.n);
const inScope = Number((await sql<{ n: string }>`select count(*) as n from opinion where ${PROVINCE + '.'} = any(scope_paths)`.execute(db)).rows[0]!.n);

// Pieces of sampled texts of the province, 1, 2 and 4 characters long.
const samples = (await sql<{ content: string }>`select content from opinion where ${PROVINCE + '.'} = any(scope_paths) and id % 997 = 0 order by id limit 8`.execute(db)).rows;
const sampled = samples.flatMap((s, i) => {
  const chars = [...s.content];
  const at = (i * 5) % Math.max(1, chars.length - 4);
  return [chars[at]!, chars.slice(at, at + 2).join(''), chars.slice(at, at + 4).join('')];
});
const TERMS: [string, string][] = [
  ['水', 'common character'], ['的', 'stop character'], ['，', 'punctuation'], ['路灯', '2 characters'], ['自来水管', '4 characters'],
  ['5G', 'Latin and digits'], ['G75高速', 'mixed'], ['火星基地', 'nothing'], ['zzz', 'nothing (Latin)'],
  ...sampled.map((t): [string, string] => [t, 'sampled']),
];

const before: number[] = [];
const after: number[] = [];
const worst = new Map<string, { before: number; after: number }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [term] of TERMS) {
    const runs: [number[], () => Promise<{ items: { id: number }[] }>, 'before' | 'after'][] = [
      [before, () => listCases(db, actor, { limit: 50 } as never, sql<boolean>`o.content like ${containsPattern(term)}`), 'before'],
      [after, () => listCases(db, actor, { limit: 50, q: term } as never), 'after'],
    ];
    if (round % 2) runs.reverse();
    const ids: string[] = [];
    for (const [into, run, key] of runs) {
      const t0 = performance.now();
      const page = await run();
      const ms = performance.now() - t0;
      into.push(ms);
      ids.push(page.items.map((i) => i.id).join(','));
      const w = worst.get(term) ?? { before: 0, after: 0 };
      w[key] = Math.max(w[key], ms);
      worst.set(term, w);
    }
    if (ids[0] !== ids[1]) throw new Error(`different answers for ${JSON.stringify(term)}`);
  }
}
const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { p50: percentile(s, 50), p99: percentile(s, 99) }; };

const size = (await sql<{ s: string }>`select pg_size_pretty(pg_relation_size('opinion_content_grams_idx')) as s`.execute(db)).rows[0]!.s;
const tableSize = (await sql<{ s: string }>`select pg_size_pretty(pg_relation_size('opinion')) as s`.execute(db)).rows[0]!.s;
/** Inserts `n` copies of recent cases in a transaction that is rolled back, with or without the index; ms per case. */
async function insertCost(n: number, withIndex: boolean): Promise<number> {
  let ms = 0;
  await db.transaction().execute(async (trx) => {
    if (!withIndex) await sql`drop index opinion_content_grams_idx`.execute(trx);
    const t0 = performance.now();
    await sql`insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths, content, submitted_at, updated_at)
      select 'W' || id, md5('w' || id), query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths, content, submitted_at, updated_at
      from opinion order by id desc limit ${n}`.execute(trx);
    ms = performance.now() - t0;
    throw new Error('rollback');
  }).catch((e: Error) => { if (e.message !== 'rollback') throw e; });
  return ms / n;
}
const costs = { with: [] as number[], without: [] as number[] };
for (let i = 0; i < 3; i++) {
  costs.without.push(await insertCost(2000, false));
  costs.with.push(await insertCost(2000, true));
}
await bench.close();

const b = stats(before);
const a = stats(after);
console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; `
  + `${total} cases, ${inScope} in the province's scope; ${TERMS.length} terms × ${ROUNDS} rounds\n`);
console.log('| measure | before (LIKE) | after (grams index) | ratio of p99 |\n|---|---|---|---|');
console.log(`| queue search, province staff, first page of 50, all terms | p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms | p50 ${a.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} ms | ${(b.p99 / a.p99).toFixed(1)} |`);
for (const [term, kind] of TERMS.slice(0, 9)) {
  const w = worst.get(term)!;
  console.log(`| worst of ${ROUNDS}: ${JSON.stringify(term)} (${kind}) | ${w.before.toFixed(1)} ms | ${w.after.toFixed(1)} ms | ${(w.before / w.after).toFixed(1)} |`);
}
const slowest = TERMS.slice(9).map(([term]) => [term, worst.get(term)!] as const).sort((x, y) => y[1].after - x[1].after).slice(0, 3);
for (const [term, w] of slowest) {
  console.log(`| worst of ${ROUNDS}, sampled: ${JSON.stringify(term)} (among the 3 slowest after) | ${w.before.toFixed(1)} ms | ${w.after.toFixed(1)} ms | ${(w.before / w.after).toFixed(1)} |`);
}
const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!;
console.log(`\nIndex opinion_content_grams_idx: ${size} (table ${tableSize}). Insert per case: ${med(costs.without).toFixed(3)} ms without the index, `
  + `${med(costs.with).toFixed(3)} ms with it (median of 3 × 2000 rows, rolled back).`);
console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s`);
