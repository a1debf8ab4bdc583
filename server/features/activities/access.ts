import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import { atOperableStation, atVisibleStation, byRole, columns, hasRole, regionManageable, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';

/** Activities (履职活动), campaigns (主题活动) and the reception rota (接待排班). A role not listed gets 403. */
export const abilities = {
  /** Activities: which ones is decided by activityVisible; units read those they were invited to. */
  'activity.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'activity.write': ['admin', 'staff', 'officer', 'deputy'],
  'campaign.read': ['admin', 'staff', 'officer', 'deputy'],
  'campaign.manage': ['admin', 'staff'],
  'rota.read': ['admin', 'staff', 'officer', 'deputy'],
  'rota.manage': ['admin', 'staff', 'officer'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { activities: typeof abilities }
}

/** The columns of an `activity` row the activity filters read. */
export interface ActivityColumns { id: Ref; regionPath: Ref; stationId: Ref; createdByAccountId: Ref }

/** The activity columns of the `activity` row known by `alias` in a query. */
export function activityColumns(alias: string): ActivityColumns {
  return columns(alias, { id: 'id', regionPath: 'region_path', stationId: 'station_id', createdByAccountId: 'created_by_account_id' });
}

/**
 * Which activities an account reaches, inside the SQL:
 * - staff: activities in their subtree, and those of stations they see (cross-province);
 * - officers: their stations' activities; deputies: their stations' and those they took part in;
 * - unit clerks: activities their unit was invited to.
 */
export function activityVisible(actor: AnyActor, a: ActivityColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (s) => sql<SqlBool>`(${within(a.regionPath, s.scopePath!)} or ${atVisibleStation(s, a.stationId)})`,
    officer: (o) => atVisibleStation(o, a.stationId),
    deputy: (d) => sql<SqlBool>`(${atVisibleStation(d, a.stationId)}
        or exists (select 1 from activity_participant p where p.activity_id = ${a.id} and p.deputy_id = ${d.deputyId}))`,
    unit: (u) => sql<SqlBool>`exists (select 1 from activity_unit u where u.activity_id = ${a.id} and u.unit_id = ${u.unitId})`,
  });
}

/**
 * Who may change an activity: administrators; staff for an activity of their subtree held at no
 * station, one at a station they run (its manage rule, `atOperableStation`), or one they recorded
 * themselves; the officers of its station; the deputy who recorded it. Every side of a shared
 * (cross-province) station records its own activities there, but only the host changes the others'.
 */
export function activityEditable(actor: AnyActor, a: ActivityColumns): Filter {
  return byRole(actor, {
    admin: (x) => activityVisible(x, a),
    staff: (x) => sql<SqlBool>`((${a.stationId} is null and ${within(a.regionPath, x.scopePath!)})
        or ${atOperableStation(x, a.stationId)} or ${a.createdByAccountId} = ${x.accountId})`,
    officer: (x) => activityVisible(x, a),
    deputy: (d) => sql<SqlBool>`${a.createdByAccountId} = ${d.accountId}`,
  });
}

/** The columns of an `activity_campaign` row the campaign filter reads. */
export interface CampaignColumns { regionPath: Ref }

export function campaignColumns(alias: string): CampaignColumns {
  return columns(alias, { regionPath: 'region_path' });
}

/**
 * Campaigns an account sees: those of their region, of the regions above it (a city's campaign
 * reaches the counties' staff and stations) and below it.
 */
export function campaignVisible(actor: AnyActor, c: CampaignColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (s) => sql<SqlBool>`(${within(c.regionPath, s.scopePath!)} or ${s.scopePath!} like ${c.regionPath} || '%')`,
    officer: (o) => sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
        where acs.account_id = ${o.accountId} and sr.region_path like ${c.regionPath} || '%')`,
    deputy: (d) => sql<SqlBool>`exists (select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
        where ds.deputy_id = ${d.deputyId} and sr.region_path like ${c.regionPath} || '%')`,
  });
}

/** Who may change a campaign (its region's path given): administrators, and staff whose subtree holds it. */
export function campaignManageable(actor: AnyActor, regionPath: string): boolean {
  return regionManageable(actor, regionPath);
}

/** Officers record activities at their own stations only: one without a station is not theirs to record. */
export function activityNeedsStation(actor: Actor): boolean {
  return hasRole(actor, 'officer');
}

/**
 * The deputy an account records activities as, or null: a deputy records what they did, so they
 * are among its participants, and without a station or region it is held in their own region,
 * the one place outside the regions they manage (none) where they may record one.
 */
export function recordingDeputy(actor: Actor): number | null {
  return hasRole(actor, 'deputy') ? actor.deputyId! : null;
}
