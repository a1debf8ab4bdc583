/**
 * How long the points ranking, a ledger, the stars view and the station assessment take for a
 * county of the size the seeds report (平桂区: 43 stations, 818 deputies), with a busy year of
 * facts: 3 000 activities of about 8 deputies each, 6 000 cases credited to deputies, 200
 * bonuses. Everything is computed on read, so this is the cost of every request.
 *
 *   npm run bench:points                                  # PGlite in memory
 *   DATABASE_URL=postgres://… npm run bench:points
 *
 * With BENCH_COMPARE=<another checkout> (its dependencies installed or linked), the ranking,
 * a ledger and the stars view are also read by that checkout's code, on the same data in the
 * same process, alternating (theirs, ours, ours, theirs …) for BENCH_ROUNDS rounds (default 7):
 * medians of each and their ratio, and a check that both rank every deputy with the same points.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { composeServer } from '../server/composition.js';
import { loadConfig } from '../server/platform/config.js';
import { openPGlite, openPostgres } from '../server/platform/db/engine.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { SYSTEM_ACTOR } from '../server/platform/access/actor.js';
import { listAssessments } from '../server/features/assessments/queries.js';
import { deputyLedger, pointsRanking, regionStars } from '../server/features/points/queries.js';
import { bootstrap } from '../server/bootstrap.js';
import { createPostgresDatabase } from '../server/testing/database.js';

const STATIONS = 43;
const DEPUTIES = 818;
const ACTIVITIES = 3000;
const PER_ACTIVITY = 8;
const CASES = 6000;
const YEAR = 2025;

composeServer();
const url = process.env.DATABASE_URL;
const database = url ? await openPostgres(await createPostgresDatabase(url, `lianxin_bench_points_${process.pid}`)) : await openPGlite(null);
const db = database.db;
await migrateToLatest(db);
await bootstrap(db, { ...loadConfig(), demo: true });

const county = await db.selectFrom('region').select(['code', 'path', 'full_name']).where('code', '=', '451103').executeTakeFirstOrThrow();
const town = await db.selectFrom('region').select(['code', 'path']).where('code', '=', '451103101').executeTakeFirstOrThrow();
const t0 = Date.now();
await sql`insert into station (name, type, tier, home_region_code, checklist)
  select '测速站' || g, 'station', 'town_center', ${town.code}, '{"has_venue": true, "has_sign": true}' from generate_series(1, ${STATIONS}) g`.execute(db);
await sql`insert into station_region (station_id, region_code, region_path, is_home)
  select id, ${town.code}, ${town.path}, true from station where name like '测速站%'`.execute(db);
await sql`insert into deputy (name, name_pinyin, name_initials, gender, status, region_code, region_path)
  select '测速代表' || g, 'ce su', 'cs', 'male', 'current', ${town.code}, ${town.path} from generate_series(1, ${DEPUTIES}) g`.execute(db);
// Each deputy in one station; stations take deputies in turn.
await sql`insert into deputy_station (deputy_id, station_id, role)
  select d.id, s.id, 'resident' from (select id, row_number() over (order by id) % ${STATIONS} as k from deputy where name like '测速代表%') d
  join (select id, row_number() over (order by id) % ${STATIONS} as k from station where name like '测速站%') s on s.k = d.k`.execute(db);
await sql`insert into activity (kind, title, station_id, region_code, region_path, starts_at, suggestions_made)
  select (array['reception','visit','research','training','theme'])[1 + g % 5], '测速活动' || g,
    (select id from station where name = '测速站' || (1 + g % ${STATIONS})), ${town.code}, ${town.path},
    ${`${YEAR}-01-01T09:00:00+08:00`}::timestamptz + (g % 360) * interval '1 day', g % 3
  from generate_series(1, ${ACTIVITIES}) g`.execute(db);
await sql`insert into activity_participant (activity_id, deputy_id, attendance)
  select a.id, ds.deputy_id, (array['present','present','present','present','absent','leave'])[1 + (a.id + ds.deputy_id) % 6]
  from activity a join lateral (select deputy_id from deputy_station where station_id = a.station_id order by deputy_id limit ${PER_ACTIVITY}) ds on true
  where a.title like '测速活动%'`.execute(db);
await sql`insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, deputy_id, region_code, region_path, content,
    submitted_at, answered_at, rating, rated_at, accepted_at)
  select 'BENCH-' || g, md5('public-' || g), 'x', 'visit', 'closed', 1, ds.station_id, ds.deputy_id, ${town.code}, ${town.path}, '测速意见',
    ${`${YEAR}-01-01T10:00:00+08:00`}::timestamptz + (g % 350) * interval '1 day',
    ${`${YEAR}-01-03T10:00:00+08:00`}::timestamptz + (g % 350) * interval '1 day',
    (array['satisfied','basically_satisfied','unsatisfied'])[1 + g % 3],
    ${`${YEAR}-01-05T10:00:00+08:00`}::timestamptz + (g % 350) * interval '1 day', now()
  from generate_series(1, ${CASES}) g
  join lateral (select deputy_id, station_id from deputy_station where deputy_id = (select min(id) from deputy where name like '测速代表%') + g % ${DEPUTIES}) ds on true`.execute(db);
await sql`update opinion set scope_paths = case_scope_paths(station_id, region_path) where tracking_code like 'BENCH-%'`.execute(db);
await sql`insert into point_bonus (deputy_id, region_code, region_path, on_date, points, reason)
  select (select min(id) from deputy where name like '测速代表%') + g % ${DEPUTIES}, ${county.code}, ${county.path}, ${`${YEAR}-06-01`}::date + g, 5, '测速加分'
  from generate_series(1, 200) g`.execute(db);
await sql`analyze`.execute(db);
console.log(`data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s (${database.engine})`);

async function time<T>(label: string, fn: () => Promise<T>, runs = 3): Promise<T> {
  let result!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    ms.push(performance.now() - start);
  }
  console.log(`${label}: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms`);
  return result;
}

const scope = { kind: 'region' as const, code: county.code, path: county.path, name: county.full_name };
const rows = await time('ranking of the county, a year', () => pointsRanking(db, SYSTEM_ACTOR, YEAR, scope));
console.log(`  ${rows.length} deputies ranked, ${rows.reduce((n, r) => n + r.entries, 0)} ledger entries`);
const someone = rows[Math.floor(rows.length / 2)]!.deputy.id;
await time('one deputy\'s ledger (the year and ten years\' totals)', () => deputyLedger(db, SYSTEM_ACTOR, someone, YEAR));
await time('stars view (ranking + award)', () => regionStars(db, SYSTEM_ACTOR, YEAR, county.code, 10));
const page = await time('assessment of 50 stations', () => listAssessments(db, SYSTEM_ACTOR, { year: YEAR, regionCode: county.code, limit: 50 }));
console.log(`  ${page.items.length} stations assessed`);
if (process.env.BENCH_COMPARE) await compare(path.resolve(process.env.BENCH_COMPARE));
await database.close();
if (url && !process.env.BENCH_KEEP) await (await import('../server/testing/database.js')).adminQuery(url, `drop database if exists "lianxin_bench_points_${process.pid}" with (force)`);
else if (url) console.log(`kept database lianxin_bench_points_${process.pid}`);

/** The points reads of another checkout, by the paths they have there (before or after the move into features/). */
async function otherCheckout(dir: string) {
  const first = (...candidates: string[]) => {
    const found = candidates.map((c) => path.join(dir, c)).find((f) => existsSync(f));
    if (!found) throw new Error(`${dir} has none of ${candidates.join(', ')}`);
    return pathToFileURL(found).href;
  };
  const composition = path.join(dir, 'server/composition.ts');
  if (existsSync(composition)) ((await import(pathToFileURL(composition).href)) as { composeServer(): void }).composeServer();
  const queries = (await import(first('server/features/points/queries.ts', 'server/queries/points.ts'))) as {
    pointsRanking: typeof pointsRanking; deputyLedger: typeof deputyLedger; regionStars: typeof regionStars;
  };
  const { SYSTEM_ACTOR: actor } = (await import(first('server/platform/access/actor.ts', 'server/policies/actor.ts'))) as { SYSTEM_ACTOR: typeof SYSTEM_ACTOR };
  return { ...queries, actor };
}

/** The same reads by this checkout and another, alternating, on this data. */
async function compare(dir: string) {
  const theirs = await otherCheckout(dir);
  // Rule tables of the first format named the suggestion rule `suggestion`: both names, so both price alike.
  await sql`update point_rule_set set rules = rules || jsonb_build_object('suggestion', rules -> 'activitySuggestion')`.execute(db);
  const ours = { pointsRanking, deputyLedger, regionStars, actor: SYSTEM_ACTOR };
  const sides = [['theirs', theirs], ['ours', ours]] as const;
  const totals = (r: { deputy: { id: number }; points: number; entries: number }[]) => r.map((x) => `${x.deputy.id}:${x.points}:${x.entries}`).sort().join();
  const [a, b] = [await theirs.pointsRanking(db, theirs.actor, YEAR, scope), await ours.pointsRanking(db, ours.actor, YEAR, scope)];
  console.log(`\ncompared with ${dir}: ${totals(a) === totals(b) ? 'the same points and entries for all' : 'DIFFERENT rankings for'} ${b.length} deputies`);
  const measures = {
    ranking: (s: typeof ours) => s.pointsRanking(db, s.actor, YEAR, scope),
    ledger: (s: typeof ours) => s.deputyLedger(db, s.actor, someone, YEAR),
    stars: (s: typeof ours) => s.regionStars(db, s.actor, YEAR, county.code, 10),
  };
  const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
  const ms: Record<string, Record<string, number[]>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [measure, run] of Object.entries(measures)) {
      // Each round swaps who goes first, so neither side always reads after the other warmed the cache.
      for (const [side, code] of round % 2 ? [...sides].reverse() : sides) {
        const start = performance.now();
        await run(code);
        ((ms[measure] ??= {})[side] ??= []).push(performance.now() - start);
      }
    }
  }
  const median = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
  const span = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(`${rounds} rounds, medians (min–max) in ms, ${database.engine}:`);
  for (const [measure, bySide] of Object.entries(ms)) {
    const [t, o] = [bySide.theirs!, bySide.ours!];
    console.log(`  ${measure.padEnd(8)} theirs ${median(t).toFixed(0)} (${span(t)})  ours ${median(o).toFixed(0)} (${span(o)})  ours/theirs ${(median(o) / median(t)).toFixed(2)}`);
  }
}
