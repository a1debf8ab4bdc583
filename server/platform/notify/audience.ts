/**
 * Who is told: queries of account ids that `notify` reads inside the statement that writes the
 * notifications (its `accountIds`), so that telling people costs no look-up of its own. Disabled
 * accounts are left out there (`recipientsQuery`), and an account found twice is told once.
 *
 * A role is written into the statement, not sent as a value: a plan made once for every region
 * then knows how few of a region's accounts hold it (as a value, PostgreSQL guesses a share of
 * all of them, the same for every role).
 */
import { sql, type QueryCreator, type SelectQueryBuilder } from 'kysely';
import type { Role } from '../../../common/enums.js';
import type { DB } from '../db/schema.js';
import { sitsInTerm } from '../access/terms.js';

/** A query of the account ids to tell (of any tables: a station's officers come from `account_station`). */
export type Audience = SelectQueryBuilder<any, any, { id: number }>;

/** The accounts holding `role`, to narrow further (the table is `account`). */
export function accountsWithRole(db: QueryCreator<DB>, role: Role) {
  return db.selectFrom('account').select('account.id').where('account.role', '=', sql.lit(role));
}

/** The staff of the congress of `regionCode` (its people's congress office). */
export function staffOf(db: QueryCreator<DB>, regionCode: string) {
  return accountsWithRole(db, 'staff').where('account.region_code', '=', regionCode);
}

/** The clerks of the units `unitIds` (none: null). */
export function clerksOf(db: QueryCreator<DB>, unitIds: readonly number[]) {
  return unitIds.length ? accountsWithRole(db, 'unit').where('account.unit_id', 'in', [...unitIds]) : null;
}

/** The accounts of the deputies `deputyIds` (none: null). */
export function deputiesOf(db: QueryCreator<DB>, deputyIds: readonly number[]) {
  return deputyIds.length ? accountsWithRole(db, 'deputy').where('account.deputy_id', 'in', [...deputyIds]) : null;
}

/** The accounts of the deputies serving in the congress term `termId` (`sitsInTerm`). */
export function termDeputiesOf(db: QueryCreator<DB>, termId: number) {
  return accountsWithRole(db, 'deputy').where(sitsInTerm(sql.ref('account.deputy_id'), termId));
}

/** The accounts `ids`, to tell with others (none: null). */
export function theAccounts(db: QueryCreator<DB>, ids: readonly number[]) {
  return ids.length ? db.selectFrom('account').select('account.id').where('account.id', 'in', [...ids]) : null;
}

/** Everyone of `parts` as one query; null when no part names anyone. */
export function anyOf(...parts: (Audience | null | false | undefined)[]): Audience | null {
  const given = parts.filter((p): p is Audience => !!p);
  return given.length ? given.reduce((all, q) => all.unionAll(q)) : null;
}
