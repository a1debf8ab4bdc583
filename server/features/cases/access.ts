import { sql, type SqlBool } from 'kysely';
import { CASE_RULES, type CaseActor } from './workflow.js';
import { isWithin } from '../../platform/regions/regionPath.js';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import { byRole, columns, forRole, hasRole, stationVisible, TRUE, type Filter, type Ref } from '../../platform/access/scope.js';

/** Cases (意见建议): which cases is decided by `caseVisible`, what may be done by workflow.ts. A role not listed gets 403. */
export const abilities = {
  /** Reading cases; which cases is decided by caseVisible, what may be done by the workflow. */
  'case.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'case.register': ['admin', 'staff', 'officer', 'deputy'],
  'case.act': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  /** Batch assign and batch urge from the queue: the roles that assign or urge at all. */
  'case.batch': ['admin', 'staff', 'officer'],
  /** The constituent's look-up of a case: its state, and unlocking it (which cases is decided by caseVisible). */
  'case.lookup': ['admin', 'staff', 'officer'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { cases: typeof abilities }
}

/** The columns of a case row (`opinion`) the case filters read. */
export interface CaseColumns {
  scopePaths: Ref; stationId: Ref; deputyId: Ref; holderDeputyId: Ref; assignedUnitId: Ref; coUnitIds: Ref;
  /** The side of a cross-province station the case's place lies in (null elsewhere). */
  sidePath: Ref;
}

/** The case columns of the `opinion` row known by `alias` in a query. */
export function caseColumns(alias: string): CaseColumns {
  return columns(alias, {
    scopePaths: 'scope_paths', stationId: 'station_id', deputyId: 'deputy_id', holderDeputyId: 'holder_deputy_id',
    assignedUnitId: 'assigned_unit_id', coUnitIds: 'co_unit_ids', sidePath: 'side_path',
  });
}

/**
 * Which cases an account reaches, inside the SQL:
 * - staff: cases their congress handles (its region inside their subtree — escalated ones
 *   arrive this way) and cases of stations they see;
 * - officers: the cases of their stations; deputies: cases addressed to them or to their stations;
 * - unit clerks: cases assigned to their unit as lead or co-unit.
 */
export function caseVisible(actor: AnyActor, o: CaseColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    // Equivalent to: region_path inside the subtree, or a station with a member region inside it.
    staff: (a) => sql<SqlBool>`${o.scopePaths} @> array[${a.scopePath}]::text[]`,
    officer: (a) => stationVisible(a, o.stationId),
    // Cases of the stations the deputy is in now (a case addressed to them is at one of them).
    deputy: (a) => sql<SqlBool>`${o.stationId} = any(array(select ds.station_id from deputy_station ds where ds.deputy_id = ${a.deputyId}))`,
    unit: (a) => sql<SqlBool>`(${o.assignedUnitId} = ${a.unitId} or ${o.coUnitIds} @> array[${a.unitId}]::integer[])`,
  });
}

/**
 * Who may read the submitter's name and phone: the people who handle the case — staff in
 * scope on the case's side (at a cross-province station the other sides only keep sight, masked), the station's officers, the deputy it is addressed to (or handed over to), the lead unit. Other deputies
 * of the station and co-units see them masked; nobody else sees the case at all.
 */
export function caseContactVisible(actor: AnyActor, o: CaseColumns): Filter {
  return byRole(actor, {
    admin: (a) => caseVisible(a, o),
    staff: (a) => sql<SqlBool>`(${caseVisible(a, o)} and ${caseOnActorSide(a, o.sidePath)})`,
    officer: (a) => caseVisible(a, o),
    deputy: (a) => sql<SqlBool>`(coalesce(${o.holderDeputyId}, ${o.deputyId}) = ${a.deputyId} and ${caseVisible(a, o)})`,
    unit: (a) => sql<SqlBool>`(${o.assignedUnitId} = ${a.unitId})`,
  });
}

/** The states in which a deputy may answer the constituent (answer, or answer on the spot), by the rule table. */
const DEPUTY_ANSWERS_FROM: readonly string[] = [...new Set((['answer', 'answer_on_spot'] as const)
  .filter((action) => CASE_RULES[action].by.includes('deputy')).flatMap((action) => CASE_RULES[action].from))];

/**
 * Who may reveal the submitter's name and phone with the deliberate 查看联系方式 (audited, see
 * contact.ts): whoever reads them anyway (caseContactVisible), and the deputy who must answer the
 * constituent — the case's deputy (or the one it was handed over to), or, for a case addressed to
 * no deputy, a deputy of its station while the case waits for a deputy's answer (on the spot,
 * or after the unit's approved reply). Other deputies and co-units may not.
 */
export function caseContactRevealable(actor: AnyActor, o: CaseColumns & { state: Ref }): Filter {
  return byRole(actor, {
    admin: (a) => caseContactVisible(a, o),
    staff: (a) => caseContactVisible(a, o),
    officer: (a) => caseContactVisible(a, o),
    deputy: (a) => sql<SqlBool>`((coalesce(${o.holderDeputyId}, ${o.deputyId}) = ${a.deputyId}
      or (coalesce(${o.holderDeputyId}, ${o.deputyId}) is null and ${o.state} = any(${sql.val([...DEPUTY_ANSWERS_FROM])}::text[])))
      and ${caseVisible(a, o)})`,
    unit: (a) => caseContactVisible(a, o),
  });
}

/**
 * The workflow actor an account acts as on a case it can see. A unit clerk acts as the unit
 * only for the lead unit; co-units read, but do not sign or reply. An escalated case waits for
 * the congress it was escalated to: only its staff (and administrators) act on it; the station
 * below keeps reading it. The public acts on a case only as the constituent, through its
 * tracking key, never through this.
 */
export function caseActorOf(
  actor: AnyActor, c: { assigned_unit_id: number | null; state: string; region_path: string; side_path: string | null },
): CaseActor | null {
  if (actor.kind !== 'account') return null;
  if (actor.role === 'unit') return c.assigned_unit_id === actor.unitId ? 'unit' : null;
  if (c.state === 'escalated') {
    if (actor.role === 'admin') return 'admin';
    return actor.role === 'staff' && isWithin(c.region_path, actor.scopePath!) ? 'staff' : null;
  }
  if (actor.role === 'staff' && !onCaseSide(actor.scopePath!, c.side_path)) return null;
  return actor.role;
}

/**
 * Routing by place (属地管理): a case at a cross-province station belongs to the side its place
 * lies in (`side_path`: the member region holding the place, else the station's home region).
 * Staff act on it only when their region lies above, at or below that side's region; the other
 * sides' staff keep reading it (queue, detail, timeline) but take no action. Cases elsewhere
 * (`side_path` null) are not affected.
 */
export function onCaseSide(scopePath: string, sidePath: string | null): boolean {
  return sidePath === null || isWithin(sidePath, scopePath) || isWithin(scopePath, sidePath);
}

/** The same rule in SQL, for the to-do lists: staff are asked only about cases of their side. */
export function caseOnActorSide(actor: AnyActor, sidePath: Ref): Filter {
  return forRole(actor, {
    staff: (a) => sql<SqlBool>`(${sidePath} is null or ${sidePath} like ${a.scopePath!} || '%' or ${a.scopePath!} like ${sidePath} || '%')`,
  }, TRUE);
}

/** Whom a registering account may address a case to: a deputy addresses only themself (or nobody); others any deputy of the station. */
export function caseDeputyAssignable(actor: Actor, deputyId: number | null): boolean {
  return !(hasRole(actor, 'deputy') && deputyId !== null && deputyId !== actor.deputyId);
}
