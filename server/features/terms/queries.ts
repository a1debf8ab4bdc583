/** Terms (届) of the congresses, and the terms a deputy sits in. */
import { sql, type Kysely } from 'kysely';
import { DEPUTY_LEVELS, type DeputyLevel } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { prefixPattern } from '../../platform/db/sql.js';
import { congressTermName } from './congressTerms.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { termManageable, termVisible } from './access.js';
import { presentArchiveTerm, presentTerm, type ArchiveTerm, type TermView } from './presenter.js';
import { regionPathOf } from '../../platform/regions/filters.js';

const LEVEL_ORDER = DEPUTY_LEVELS.keys as readonly string[];

function termsFor(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('congress_term as t').leftJoin('region as r', 'r.code', 't.region_code')
    .selectAll('t')
    .select(['r.name as region_name', 'r.full_name as region_full_name', termManageable(actor, ref('t.region_path')).as('can_manage')])
    .where(termVisible(actor, ref('t.region_path')));
}

export async function getTerm(db: Kysely<DB>, actor: Actor, id: number, today: string): Promise<TermView> {
  const row = await termsFor(db, actor).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentTerm(row, Boolean(row.can_manage), today);
}

export interface TermFilters {
  level?: DeputyLevel;
  /** Congresses of this region and the regions below it. */
  regionCode?: string;
  limit: number;
  cursor?: string;
}

export async function listTerms(db: Kysely<DB>, actor: Actor, f: TermFilters, today: string) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = termsFor(db, actor).orderBy('t.id').limit(f.limit + 1);
  if (f.level) q = q.where('t.level', '=', f.level);
  if (f.regionCode) q = q.where('t.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  if (after !== null) q = q.where('t.id', '>', after);
  return toPage(await q.execute(), f.limit, (r) => r.id, (r) => presentTerm(r, Boolean(r.can_manage), today));
}

/**
 * The terms a deputy sits in: the seats recorded for them (`deputy_term`: an election round
 * carries a re-elected deputy into the next term and keeps the seat they held), and each of
 * their levels, which names a congress and a number: the term of that congress with that
 * number, where one is recorded, is theirs. Highest level first.
 */
function deputyTermRows(db: Kysely<DB>, deputyId: number) {
  const seats = db.selectFrom('deputy_term as dt').select('dt.term_id').where('dt.deputy_id', '=', deputyId)
    .union(db.selectFrom('deputy_level as dl')
      .innerJoin('congress_term as t', (j) => j.onRef('t.level', '=', 'dl.level').onRef('t.number', '=', 'dl.term')
        .on(sql<boolean>`t.region_code is not distinct from dl.region_code`))
      .select('t.id as term_id').where('dl.deputy_id', '=', deputyId));
  return db.selectFrom('congress_term as t')
    .leftJoin('region as r', 'r.code', 't.region_code')
    .select(['t.id', 't.level', 't.number', 't.starts_on', 't.ends_on', 't.region_code', 'r.name as region_name', 'r.full_name as region_full_name'])
    .where('t.id', 'in', seats);
}

/**
 * The deputy's terms, and the one their archive opens on: the running term of their highest
 * level (a county deputy who also sits in a town's congress is archived first as the county's).
 * Null when none of their terms is recorded as running; the archive then covers everything.
 */
export async function deputyTerms(db: Kysely<DB>, deputyId: number, today: string): Promise<{ terms: ArchiveTerm[]; current: number | null }> {
  const rows = await deputyTermRows(db, deputyId).execute();
  const terms = rows.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || b.number - a.number)
    .map((t) => presentArchiveTerm(t, today));
  return { terms, current: terms.find((t) => t.current)?.id ?? null };
}

/**
 * One of the deputy's terms, for their archive. A term that is not recorded fails on the
 * field; a term of a congress they do not sit in (or of another number of it) is refused by name.
 */
export async function deputyTerm(db: Kysely<DB>, deputyId: number, termId: number, today: string): Promise<ArchiveTerm> {
  const theirs = await deputyTermRows(db, deputyId).where('t.id', '=', termId).executeTakeFirst();
  if (theirs) return presentArchiveTerm(theirs, today);
  const term = await db.selectFrom('congress_term as t').leftJoin('region as r', 'r.code', 't.region_code')
    .select(['t.level', 't.number', 'r.name as region_name']).where('t.id', '=', termId).executeTakeFirst();
  if (!term) throw invalidFields([{ path: 'querystring.term', code: 'UNKNOWN_REFERENCE' }]);
  throw new AppError('DEPUTY_NOT_IN_TERM', { term: congressTermName(term.level, term.region_name, term.number) });
}

