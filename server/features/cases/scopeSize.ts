import { sql, type Kysely } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { DB } from '../../platform/db/schema.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { forRole } from '../../platform/access/scope.js';

/** A scope holding less than this share of all cases is narrow. */
const NARROW_SHARE = 1 / 50;
/** How long a staff scope's measured share is reused (a hint for the plan; the answer does not depend on it). */
const REUSE_MS = 60_000;

const measured = new WeakMap<Kysely<DB>, Map<string, { at: number; narrow: boolean }>>();

/**
 * Whether a reader reaches few enough cases that sorting them beats walking the primary key
 * backwards for a page: walking finds a page of 50 after about 50 ÷ share rows, sorting reads
 * every case in scope. Administrators walk; officers, deputies and unit clerks reach a few
 * stations or one unit and sort; staff sort when their subtree holds less than 1/50 of the
 * cases, counted from the rollups (a county of a province usually, a city or a province not).
 */
export async function narrowCaseScope(db: Kysely<DB>, actor: AnyActor): Promise<boolean> {
  const scopePath = forRole(actor, { admin: () => '', staff: (a) => a.scopePath ?? '' }, null);
  if (scopePath === null) return true;
  if (!scopePath) return false;
  let paths = measured.get(db);
  if (!paths) measured.set(db, (paths = new Map()));
  const known = paths.get(scopePath);
  if (known && performance.now() - known.at < REUSE_MS) return known.narrow;
  const row = (await sql<{ mine: string | null; total: string | null }>`select sum(received) filter (where scope_paths @> array[${scopePath}]::text[]) as mine, sum(received) as total
    from case_rollup`.execute(db)).rows[0];
  const narrow = Number(row?.mine ?? 0) < Number(row?.total ?? 0) * NARROW_SHARE;
  paths.set(scopePath, { at: performance.now(), narrow });
  return narrow;
}
