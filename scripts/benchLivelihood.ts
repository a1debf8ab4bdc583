/**
 * npm run bench:livelihood — the tally of a livelihood-project vote (民生实事项目票决) of a
 * 300-deputy congress on 20 projects, on each engine.
 *
 * On a fresh database of each engine (BENCH_ENGINES=pglite,postgres; PostgreSQL on DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, database `lianxin_bench_livelihood`), with
 * the schema and the demo set: a congress term of 平桂区 with BENCH_DEPUTIES serving deputies
 * (default 300). Each run is a new round with 20 projects on the ballot (places 10, mode
 * for_against): the vote is opened with everyone present, every deputy casts a ballot through
 * the same code as the phone route (turnout row + the ballot at a random place of the one box +
 * audit), then the vote is closed and counted (tally, results, 20 projects adopted or not with
 * their timeline and audit, the box shuffled again), then the box table vacuumed.
 * Prints a Markdown table for docs/BENCHMARKS.md; nothing asserts a time.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { SYSTEM_ACTOR, type Actor } from '../server/platform/access/actor.js';
import type { WriteContext } from '../server/platform/audit/audit.js';
import { addDays } from '../server/platform/calendar/workingDays.js';
import { today } from '../server/platform/clock.js';
import { createRound } from '../server/features/livelihood/rounds.js';
import { castBallot, closeVote, openVote, vacuumBox } from '../server/features/livelihood/vote.js';
import { benchDatabase, benchEngines, median, timed, type Timing } from './benchKit.js';

const DEPUTIES = Number(process.env.BENCH_DEPUTIES ?? 300);
const PROJECTS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const results: { engine: string; rows: Timing[]; version: string }[] = [];

for (const engine of benchEngines()) {
  const bench = await benchDatabase(engine, 'lianxin_bench_livelihood');
  const db = bench.database.db;
  const county = await db.selectFrom('region').select(['code', 'path']).where('code', '=', '451103').executeTakeFirstOrThrow();
  const term = await db.insertInto('congress_term').values({
    level: 'county', region_code: county.code, region_path: county.path, number: 29, starts_on: addDays(today(), -400), ends_on: null, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into deputy (name, name_pinyin, name_initials, gender, status, region_code, region_path)
    select '基准代表' || i, 'jizhun daibiao ' || i, 'jzdb', case when i % 2 = 0 then 'male' else 'female' end, 'current', ${county.code}, ${county.path}
    from generate_series(1, ${DEPUTIES}) i`.execute(db);
  const deputyIds = (await db.selectFrom('deputy').select('id').where('name', 'like', '基准代表%').orderBy('id').execute()).map((d) => d.id);
  await db.insertInto('deputy_level').values(deputyIds.map((id) => ({ deputy_id: id, level: 'county' as const, term: 29, region_code: county.code }))).execute();
  const admin: Actor = SYSTEM_ACTOR;
  const deputies: Actor[] = deputyIds.map((id) => ({ ...SYSTEM_ACTOR, role: 'deputy', deputyId: id, displayName: `基准代表${id}` }));
  const tx = <T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>) => db.transaction().execute((trx) => fn({ trx, actor, ip: null }));

  /** A round of the term with its 20 projects on the ballot, ready to vote. */
  async function readyRound(run: number): Promise<number> {
    const roundId = await tx(admin, (ctx) => createRound(ctx, term.id, {
      year: 2100 + run, title: `基准票决${run}`, collectOpensOn: today(), collectClosesOn: today(), places: 10, ballotSize: PROJECTS, mode: 'for_against',
    }));
    await sql`insert into livelihood_project (round_id, congress_region_path, title, region_code, region_path, description, budget_yuan, origin, proposer_name, state, ballot_order)
      select ${roundId}, ${county.path}, '基准项目' || i, ${county.code}, ${county.path}, '基准', 100000 * i, 'constituent', '群众', 'on_ballot', i
      from generate_series(1, ${PROJECTS}) i`.execute(db);
    await db.updateTable('livelihood_round').set({ state: 'ballot_ready' }).where('id', '=', roundId).execute();
    return roundId;
  }

  const projectIdsOf = async (roundId: number) => (await db.selectFrom('livelihood_project').select('id').where('round_id', '=', roundId).orderBy('ballot_order').execute()).map((p) => p.id);
  const votes: number[] = [];
  const castTimes: number[] = [];
  const tallies: number[] = [];
  const vacuums: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const roundId = await readyRound(run);
    const projects = await projectIdsOf(roundId);
    const voteId = await tx(admin, (ctx) => openVote(ctx, roundId, DEPUTIES));
    votes.push(voteId);
    const cast = await timed(`[${engine}] run ${run + 1}: ${DEPUTIES} ballots cast`, 1, async () => {
      for (const [i, deputy] of deputies.entries()) {
        // Project k is favoured by about 40 + 2k % of the deputies: some pass, some fail, few tie.
        const choices = Object.fromEntries(projects.map((p, k) => [String(p), (i * 37 + k * 11) % 100 < 40 + 2 * k ? 'for' as const : (i + k) % 3 === 0 ? 'abstain' as const : 'against' as const]));
        await tx(deputy, (ctx) => castBallot(ctx, voteId, { choices }));
      }
    });
    castTimes.push(cast.p50);
    tallies.push((await timed(`[${engine}] run ${run + 1}: close and count`, 1, () => tx(admin, (ctx) => closeVote(ctx, voteId)))).p50);
    vacuums.push((await timed(`[${engine}] run ${run + 1}: vacuum the box`, 1, () => vacuumBox(db))).p50);
  }
  const adopted = await db.selectFrom('livelihood_result').select(sql<number>`count(*)::int`.as('n')).where('vote_id', '=', votes.at(-1)!).where('adopted', '=', true).executeTakeFirstOrThrow();
  console.log(`[${engine}] last count: ${adopted.n} of ${PROJECTS} adopted`);
  const row = (label: string, times: number[]): Timing => {
    const sorted = [...times].sort((a, b) => a - b);
    return { label, runs: times.length, p50: median(times), p99: sorted.at(-1)!, min: sorted[0]!, max: sorted.at(-1)!, times };
  };
  const version = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(db)).rows[0]!.v;
  results.push({
    engine, version, rows: [
      row(`[${engine}] tally: close and count a vote of ${DEPUTIES} deputies on ${PROJECTS} projects`, tallies),
      row(`[${engine}] …then vacuum full of the box table`, vacuums),
      row(`[${engine}] casting ${DEPUTIES} ballots one after another (turnout + box + audit each)`, castTimes),
    ],
  });
  await bench.close();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${results.map((r) => `${r.engine}: ${r.version}`).join('; ')}\n`);
console.log('| measure | runs | median | min–max |\n|---|---|---|---|');
for (const r of results.flatMap((x) => x.rows)) console.log(`| ${r.label} | ${r.runs} | ${median(r.times).toFixed(0)} ms | ${r.min.toFixed(0)}–${r.max.toFixed(0)} ms |`);
