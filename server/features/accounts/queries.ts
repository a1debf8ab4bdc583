import { sql, type Kysely } from 'kysely';
import type { Role } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { containsPattern } from '../../platform/db/sql.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { accountManageable, ref } from '../../platform/access/scope.js';
import type { AccountView } from './presenter.js';
import { activeCondition, type ActiveFilter } from '../../platform/regions/filters.js';
import { now } from '../../platform/clock.js';

function accountsFor(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('account as a')
    .leftJoin('region as r', 'r.code', 'a.region_code')
    .leftJoin('deputy as d', 'd.id', 'a.deputy_id')
    .leftJoin('unit as u', 'u.id', 'a.unit_id')
    .select([
      'a.id', 'a.username', 'a.display_name', 'a.role', 'a.must_change_password', 'a.locked_until', 'a.last_login_at',
      'a.active', 'a.version', 'a.created_at', 'a.region_code', 'r.name as region_name', 'a.deputy_id', 'd.name as deputy_name',
      'a.unit_id', 'u.name as unit_name',
      sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.id)
        from account_station acs join station s on s.id = acs.station_id where acs.account_id = a.id), '[]'::json)`.as('stations'),
    ])
    .where(accountManageable(actor, ref('a.role'), ref('a.anchor_path')));
}

type Row = Awaited<ReturnType<ReturnType<typeof accountsFor>['executeTakeFirstOrThrow']>>;

function present(r: Row): AccountView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    region: r.region_code ? { code: r.region_code, name: r.region_name ?? '' } : null,
    stations: r.stations,
    deputy: r.deputy_id ? { id: r.deputy_id, name: r.deputy_name ?? '' } : null,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    mustChangePassword: r.must_change_password,
    lockedUntil: r.locked_until && r.locked_until > now() ? r.locked_until.toISOString() : null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    active: r.active,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}

export async function getAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<AccountView> {
  const row = await accountsFor(db, actor).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

export interface AccountFilters {
  role?: Role;
  q?: string;
  active?: ActiveFilter;
  limit: number;
  cursor?: string;
}

export async function listAccounts(db: Kysely<DB>, actor: Actor, f: AccountFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = accountsFor(db, actor).orderBy('a.id').limit(f.limit + 1);
  if (f.role) q = q.where('a.role', '=', f.role);
  if (f.q) q = q.where((eb) => eb.or([eb('a.username', 'like', containsPattern(f.q!)), eb('a.display_name', 'like', containsPattern(f.q!))]));
  const active = activeCondition(f.active, 'all');
  if (active !== null) q = q.where('a.active', '=', active);
  if (after !== null) q = q.where('a.id', '>', after);
  return toPage(await q.execute(), f.limit, (r) => r.id, present);
}
