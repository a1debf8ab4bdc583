import { sql, type Kysely } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { DB } from '../../platform/db/schema.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { forRole } from '../../platform/access/scope.js';

/**
 * A scope is narrow while its cases, squared, are fewer than this many times all the cases: see
 * `narrowCaseScope`. Measured on a province whose ids follow submission time (npm run bench:cases,
 * 1.76 million cases): a town's 1 258 cases took 1 163 ms to sort and 582 ms to walk; a county's
 * 19 258, 2 428 ms and 38 ms (docs/BENCHMARKS.md).
 */
const BREAK_EVEN = 0.5;
/** How long a staff scope's measured share is reused (a hint for the plan; the answer does not depend on it). */
const REUSE_MS = 60_000;

const measured = new WeakMap<Kysely<DB>, Map<string, { at: number; narrow: boolean; share: number }>>();

/**
 * Whether a reader reaches few enough cases that sorting them beats walking the primary key
 * backwards for a page. Cases are stored in the order they arrive, every station's mixed with the
 * others', so sorting reads about one page per case in scope (`mine`), while walking finds a page
 * of 50 among the newest cases after about 50 × total ÷ mine rows, which lie together, a few
 * dozen to a page: sorting wins while mine² < BREAK_EVEN × total. The size of the scope decides,
 * not the role: at 5 million cases a scope under about 1 600 cases sorts (a quiet town's), a
 * county's, a city's and a province's walk. Administrators walk; officers, deputies and unit clerks reach a few stations or one unit
 * through an index of their own and sort. Staff scopes are counted from the rollups.
 */
export async function narrowCaseScope(db: Kysely<DB>, actor: AnyActor): Promise<boolean> {
  return (await caseScopeSize(db, actor)).narrow;
}

/**
 * `narrow` as `narrowCaseScope` decides it, and `share`: the part of all cases the reader reaches
 * (1 for an administrator; a guess of 0 for readers of a few stations or one unit, who sort).
 */
export async function caseScopeSize(db: Kysely<DB>, actor: AnyActor): Promise<{ narrow: boolean; share: number }> {
  const scopePath = forRole(actor, { admin: () => '', staff: (a) => a.scopePath ?? '' }, null);
  if (scopePath === null) return { narrow: true, share: 0 };
  if (!scopePath) return { narrow: false, share: 1 };
  let paths = measured.get(db);
  if (!paths) measured.set(db, (paths = new Map()));
  const known = paths.get(scopePath);
  if (known && performance.now() - known.at < REUSE_MS) return known;
  const row = (await sql<{ mine: string | null; total: string | null }>`select sum(received) filter (where scope_paths @> array[${scopePath}]::text[]) as mine, sum(received) as total
    from case_rollup`.execute(db)).rows[0];
  const mine = Number(row?.mine ?? 0);
  const total = Number(row?.total ?? 0);
  const size = { at: performance.now(), narrow: mine * mine < total * BREAK_EVEN, share: total > 0 ? Math.min(1, mine / total) : 1 };
  paths.set(scopePath, size);
  return size;
}
