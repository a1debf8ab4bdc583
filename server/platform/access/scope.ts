import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Role } from '../../../common/enums.js';
import { isWithin } from '../regions/regionPath.js';
import type { Actor, AnyActor } from './actor.js';

/**
 * Region-scope filters, applied inside the SQL of every read and write, and the combinators
 * the features' own filters (`features/<f>/access.ts`) are written with. Every filter takes the
 * actor and references to the columns of the row being filtered (a `Ref` each, or a small
 * columns object made with `columns(alias, …)`), never a table alias of its own, and yields a
 * boolean SQL expression. Paths contain only digits and dots, so they are safe in LIKE patterns.
 *
 * Every rule is written per role with `byRole` (SQL) or `forRole` (plain values): a role not
 * named gets nothing, and the public actor, which holds no role, gets nothing from any of them.
 */
export type Ref = RawBuilder<unknown>;
export type Filter = RawBuilder<SqlBool>;
export const TRUE: Filter = sql<SqlBool>`true`;
export const FALSE: Filter = sql<SqlBool>`false`;

export function ref(column: string): Ref {
  return sql.ref(column);
}

/** References to the named columns of one row source: `columns('o', { stationId: 'station_id' })`. */
export function columns<K extends string>(alias: string, names: Readonly<Record<K, string>>): Record<K, Ref> {
  const out = {} as Record<K, Ref>;
  for (const key of Object.keys(names) as K[]) out[key] = sql.ref(`${alias}.${names[key]}`);
  return out;
}

/** The rules of each role; a role without a rule gets `otherwise`. */
export type RoleRules<T> = Partial<{ [R in Role]: (actor: Actor & { role: R }) => T }>;

/** The role an actor acts in, or null for the public, which holds none. */
export function roleOf(who: AnyActor): Role | null {
  return who.kind === 'account' ? who.role : null;
}

/** Whether the actor is an account of one of the roles (never the public). */
export function hasRole(who: AnyActor, ...roles: Role[]): who is Actor {
  return who.kind === 'account' && roles.includes(who.role);
}

/** A value decided per role: the rule of the actor's role, else `otherwise` (always for the public). */
export function forRole<T>(who: AnyActor, rules: RoleRules<T>, otherwise: T): T {
  if (who.kind !== 'account') return otherwise;
  const rule = rules[who.role] as ((actor: Actor) => T) | undefined;
  return rule ? rule(who) : otherwise;
}

/** A filter decided per role: the rule of the actor's role, else false (always for the public). */
export function byRole(who: AnyActor, rules: RoleRules<Filter>): Filter {
  return forRole(who, rules, FALSE);
}

/** The path lies in the subtree of `scopePath`. */
export function within(pathRef: Ref, scopePath: string): Filter {
  return sql<SqlBool>`${pathRef} like ${`${scopePath}%`}`;
}

/** One path lies above, at or below the other. */
export function near(a: Ref, b: Ref): Filter {
  return sql<SqlBool>`(${a} like ${b} || '%' or ${b} like ${a} || '%')`;
}

/** Stations the actor may see: staff see every station with any member region in their subtree. */
export function stationVisible(actor: AnyActor, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`exists (select 1 from station_region sr
        where sr.station_id = ${stationId} and ${within(sql.ref('sr.region_path'), a.scopePath!)})`,
    officer: (a) => sql<SqlBool>`exists (select 1 from account_station acs
        where acs.station_id = ${stationId} and acs.account_id = ${a.accountId})`,
    deputy: (a) => sql<SqlBool>`exists (select 1 from deputy_station ds
        where ds.station_id = ${stationId} and ds.deputy_id = ${a.deputyId})`,
  });
}

/**
 * Stations listed to the actor: the visible ones, and for staff also remote liaison points
 * (异地联络点) standing in their subtree (`locatedPath`), which the host place's staff see listed
 * and open (read only) — never their deputies, cases or records, which stationVisible guards.
 */
export function stationListed(actor: AnyActor, stationId: Ref, locatedPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${stationVisible(a, stationId)} or ${within(locatedPath, a.scopePath!)})`,
    officer: (a) => stationVisible(a, stationId),
    deputy: (a) => stationVisible(a, stationId),
  });
}

/** Rows held at a station (the station column may be null) that the actor sees. */
export function atVisibleStation(actor: AnyActor, stationId: Ref): Filter {
  if (roleOf(actor) === null) return FALSE;
  return sql<SqlBool>`(${stationId} is not null and ${stationVisible(actor, stationId)})`;
}

/** Stations the actor may edit wholly: admin, or staff whose subtree holds the station's home region. */
export function stationManageable(actor: AnyActor, homePath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(homePath, a.scopePath!),
  });
}

/** Stations whose day-to-day fields the actor may edit: the manageable ones plus an officer's own. */
export function stationOperable(actor: AnyActor, stationId: Ref, homePath: Ref): Filter {
  return byRole(actor, {
    admin: (a) => stationManageable(a, homePath),
    staff: (a) => stationManageable(a, homePath),
    officer: (a) => stationVisible(a, stationId),
  });
}

/**
 * Rows held at a station that the actor may write: the station's manage rule (`stationOperable`,
 * decided on its home region), never mere sight. At a shared station (a cross-province station,
 * seen from every member side) only the host's staff, administrators and the station's officers
 * pass; the other sides read its records but do not change them.
 */
export function atOperableStation(actor: AnyActor, stationId: Ref): Filter {
  if (roleOf(actor) === null) return FALSE;
  return sql<SqlBool>`(${stationId} is not null and exists (select 1 from station_region oh
      where oh.station_id = ${stationId} and oh.is_home and ${stationOperable(actor, stationId, sql.ref('oh.region_path'))}))`;
}

export function deputyVisible(actor: AnyActor, deputyId: Ref, deputyPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(deputyPath, a.scopePath!)} or exists (
        select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
        where ds.deputy_id = ${deputyId} and ${within(sql.ref('sr.region_path'), a.scopePath!)}))`,
    officer: (a) => sql<SqlBool>`exists (select 1 from deputy_station ds join account_station acs on acs.station_id = ds.station_id
        where ds.deputy_id = ${deputyId} and acs.account_id = ${a.accountId})`,
    deputy: (a) => sql<SqlBool>`(${deputyId} = ${a.deputyId} or exists (
        select 1 from deputy_station ds join deputy_station mine on mine.station_id = ds.station_id
        where ds.deputy_id = ${deputyId} and mine.deputy_id = ${a.deputyId}))`,
  });
}

/**
 * Who may read a deputy's phone number unmasked: administrators, the staff and officers who
 * can see the deputy, and the deputy themself. Fellow deputies see it masked.
 */
export function deputyContactVisible(actor: AnyActor, deputyId: Ref, deputyPath: Ref): Filter {
  return byRole(actor, {
    admin: (a) => deputyVisible(a, deputyId, deputyPath),
    staff: (a) => deputyVisible(a, deputyId, deputyPath),
    officer: (a) => deputyVisible(a, deputyId, deputyPath),
    deputy: (a) => sql<SqlBool>`${deputyId} = ${a.deputyId}`,
  });
}

export function deputyManageable(actor: AnyActor, deputyPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(deputyPath, a.scopePath!),
  });
}

/**
 * Handling units an actor may see: staff see units in their subtree and in the regions above
 * it (a town sends cases to the county's bureaus); officers and deputies see the units above,
 * at or below their stations' regions; a unit clerk sees their own unit.
 */
export function unitVisible(actor: AnyActor, unitId: Ref, unitPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(unitPath, a.scopePath!)} or ${a.scopePath!} like ${unitPath} || '%')`,
    officer: (a) => sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
        where acs.account_id = ${a.accountId}
          and (sr.region_path like ${unitPath} || '%' or ${unitPath} like sr.region_path || '%'))`,
    deputy: (a) => sql<SqlBool>`exists (select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
        where ds.deputy_id = ${a.deputyId}
          and (sr.region_path like ${unitPath} || '%' or ${unitPath} like sr.region_path || '%'))`,
    unit: (a) => sql<SqlBool>`${unitId} = ${a.unitId}`,
  });
}

export function unitManageable(actor: AnyActor, unitPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(unitPath, a.scopePath!),
  });
}

/**
 * Accounts an actor may see and manage: administrators all; staff the non-admin accounts
 * anchored in their subtree, except staff accounts of their own region (their peers).
 */
export function accountManageable(actor: AnyActor, role: Ref, anchorPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${role} <> 'admin' and ${anchorPath} <> '' and ${within(anchorPath, a.scopePath!)}
      and not (${role} = 'staff' and ${anchorPath} = ${a.scopePath!}))`,
  });
}

/** A region path the actor may place things in (a new station's home, a deputy's or unit's region) or read a region-wide view of. */
export function regionManageable(actor: AnyActor, path: string): boolean {
  return forRole(actor, {
    admin: () => true,
    staff: (a) => isWithin(path, a.scopePath!),
  }, false);
}

/** The LIKE pattern of the region paths the actor manages: all for administrators, a staff member's subtree, else none. */
export function subtreePattern(actor: AnyActor): string {
  return forRole(actor, {
    admin: () => '%',
    staff: (a) => `${a.scopePath ?? '-'}%`,
  }, '-%');
}

/**
 * A region's records (rules, schemes, bonuses) the actor may write, where the empty path is the
 * whole country, which administrators alone manage.
 */
export function regionOrNationManageable(actor: AnyActor, path: string): boolean {
  return path === '' ? hasRole(actor, 'admin') : regionManageable(actor, path);
}
