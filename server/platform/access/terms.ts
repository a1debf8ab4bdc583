import { sql, type SqlBool } from 'kysely';
import type { Filter, Ref } from './scope.js';

/**
 * The deputy sits in the congress term `termId` (a `deputy_level` row of the term's level, region
 * and number) and serves: not a former deputy, not disabled. The votes, the budget reviews and
 * whoever is told of them ask it. Its own aliases (sit_*) never shadow the caller's, so `deputyId`
 * may be a column of the outer query (`d.id`).
 */
export function sitsInTerm(deputyId: Ref | number, termId: Ref | number): Filter {
  return sql<SqlBool>`exists (select 1 from deputy_level sit_l
    join congress_term sit_t on sit_t.level = sit_l.level and sit_t.number = sit_l.term and sit_t.region_code is not distinct from sit_l.region_code
    join deputy sit_d on sit_d.id = sit_l.deputy_id
    where sit_t.id = ${termId} and sit_l.deputy_id = ${deputyId} and sit_d.status = 'current' and sit_d.active)`;
}
