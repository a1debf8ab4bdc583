import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';

/** The account columns an Actor is made of; callers add their own joins and conditions. */
export function selectActorRow(db: Kysely<DB>) {
  return db.selectFrom('account')
    .leftJoin('region', 'region.code', 'account.region_code')
    .leftJoin('unit', 'unit.id', 'account.unit_id')
    .leftJoin('deputy', 'deputy.id', 'account.deputy_id')
    .select([
      'account.id', 'account.username', 'account.display_name', 'account.role', 'account.region_code',
      'account.deputy_id', 'account.unit_id', 'account.must_change_password',
      'region.path as region_path',
      // An account is usable while it, and the unit or deputy record it acts for, are active.
      sql<boolean>`account.active and coalesce(unit.active, true) and coalesce(deputy.active, true)`.as('usable'),
    ]);
}

type ActorRow = Awaited<ReturnType<ReturnType<typeof selectActorRow>['executeTakeFirstOrThrow']>>;

export function toActor(row: ActorRow): Actor {
  return {
    kind: 'account',
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    scopePath: row.role === 'staff' ? row.region_path : null,
    deputyId: row.deputy_id,
    unitId: row.unit_id,
    mustChangePassword: row.must_change_password,
  };
}

export async function loadActor(db: Kysely<DB>, accountId: number): Promise<Actor> {
  return toActor(await selectActorRow(db).where('account.id', '=', accountId).executeTakeFirstOrThrow());
}
