import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, unitManageable, unitVisible } from '../../platform/access/scope.js';
import { activeCondition, regionPathOf, type ActiveFilter } from '../../platform/regions/filters.js';
import { presentUnit, type UnitView } from './presenter.js';

function unitsFor(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('unit as u')
    .innerJoin('region as r', 'r.code', 'u.region_code')
    .selectAll('u')
    .select(['r.name as region_name', 'r.full_name as region_full_name', unitManageable(actor, ref('u.region_path')).as('can_manage')])
    .where(unitVisible(actor, ref('u.id'), ref('u.region_path')));
}

function present(row: Awaited<ReturnType<ReturnType<typeof unitsFor>['executeTakeFirstOrThrow']>>): UnitView {
  return presentUnit(row, { code: row.region_code, name: row.region_name, full_name: row.region_full_name }, Boolean(row.can_manage));
}

export async function getUnit(db: Kysely<DB>, actor: Actor, id: number): Promise<UnitView> {
  const row = await unitsFor(db, actor).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

export interface UnitFilters {
  regionCode?: string;
  q?: string;
  active?: ActiveFilter;
  limit: number;
  cursor?: string;
}

export async function listUnits(db: Kysely<DB>, actor: Actor, f: UnitFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = unitsFor(db, actor).orderBy('u.id').limit(f.limit + 1);
  if (f.regionCode) {
    q = q.where('u.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  }
  if (f.q) q = q.where('u.name', 'like', containsPattern(f.q));
  const active = activeCondition(f.active);
  if (active !== null) q = q.where('u.active', '=', active);
  if (after !== null) q = q.where('u.id', '>', after);
  return toPage(await q.execute(), f.limit, (r) => r.id, present);
}
