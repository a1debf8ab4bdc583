import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { atOperableStation, atVisibleStation, byRole, columns, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';

/** Report-backs (述职): which ones by `reportBackVisible`, who runs one by `reportBackManageable`, the deputy's own by `reportBackOwn`. */
export const abilities = {
  /** Reading report-backs, their evaluations, report and issue list; which ones by reportBackVisible. */
  'reportBack.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Creating one, its attendance, opening and closing the evaluation, paper forms, the QR code, handing issues on as cases. */
  'reportBack.manage': ['admin', 'staff', 'officer'],
  /** Generating and editing the report (deputies: their own report-backs). */
  'reportBack.report': ['admin', 'staff', 'officer', 'deputy'],
  /** Adding and closing issue-list items, handing them on as a suggestion (deputies: their own report-backs). */
  'reportBack.issue': ['admin', 'staff', 'officer', 'deputy'],
  /** The plan of a congress (who must report back, how often) and its overview. */
  'reportBack.plan': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { reportBacks: typeof abilities }
}

/** The columns of a `report_back` row the filters read. */
export interface ReportBackColumns { congressRegionPath: Ref; stationId: Ref; deputyId: Ref }

export function reportBackColumns(alias: string): ReportBackColumns {
  return columns(alias, { congressRegionPath: 'congress_region_path', stationId: 'station_id', deputyId: 'deputy_id' });
}

/**
 * Which report-backs an account reaches, inside the SQL:
 * - administrators: all; staff: those of a congress in their subtree, or held at a station they see;
 * - officers: those held at their stations; deputies: their own, and those held at their stations.
 */
export function reportBackVisible(actor: AnyActor, r: ReportBackColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(r.congressRegionPath, a.scopePath!)} or ${atVisibleStation(a, r.stationId)})`,
    officer: (a) => atVisibleStation(a, r.stationId),
    deputy: (a) => sql<SqlBool>`(${r.deputyId} = ${a.deputyId} or ${atVisibleStation(a, r.stationId)})`,
  });
}

/**
 * Who runs a report-back (the meeting, the evaluation, paper forms): administrators, the
 * congress's staff, and those who run its station under the station's manage rule
 * (`atOperableStation`: the staff of its home region, its officers). The other sides of a shared
 * station read it but do not run it.
 */
export function reportBackManageable(actor: AnyActor, r: ReportBackColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(r.congressRegionPath, a.scopePath!)} or ${atOperableStation(a, r.stationId)})`,
    officer: (a) => atOperableStation(a, r.stationId),
  });
}

/** The deputy's own report-back. */
export function reportBackOwn(actor: AnyActor, r: Pick<ReportBackColumns, 'deputyId'>): Filter {
  return byRole(actor, { deputy: (a) => sql<SqlBool>`${r.deputyId} = ${a.deputyId}` });
}

/** Who may write the report and the issue list: those who run it, and the deputy who reports. */
export function reportBackWritable(actor: AnyActor, r: ReportBackColumns): Filter {
  return byRole(actor, {
    admin: (a) => reportBackManageable(a, r),
    staff: (a) => reportBackManageable(a, r),
    officer: (a) => reportBackManageable(a, r),
    deputy: (a) => reportBackOwn(a, r),
  });
}

/** The congresses whose plan the actor runs: administrators all, staff those in their subtree. */
export function planManageable(actor: AnyActor, regionPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(regionPath, a.scopePath!),
  });
}
