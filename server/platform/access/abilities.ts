import type { Role } from '../../../common/enums.js';

/**
 * The one table of who may do what. A route names the ability it needs; a role not listed
 * gets 403. Which *records* an allowed role reaches is decided by the scope filters in
 * `scope.ts`, inside the SQL, so a record outside the scope answers 404 like a missing one.
 */
export const ABILITIES = {
  'region.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'station.read': ['admin', 'staff', 'officer', 'deputy'],
  'station.create': ['admin', 'staff'],
  /** Officers may edit the day-to-day fields of their own stations only (see STATION_OPERATIONAL_FIELDS). */
  'station.update': ['admin', 'staff', 'officer'],
  'station.deactivate': ['admin', 'staff'],
  'deputy.read': ['admin', 'staff', 'officer', 'deputy'],
  'deputy.create': ['admin', 'staff'],
  'deputy.update': ['admin', 'staff'],
  'unit.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'unit.create': ['admin', 'staff'],
  'unit.update': ['admin', 'staff'],
  'account.read': ['admin', 'staff'],
  'account.create': ['admin', 'staff'],
  'account.update': ['admin', 'staff'],
  'audit.read': ['admin'],
  'calendar.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'calendar.update': ['admin'],
  /** Reading cases; which cases is decided by policies/caseScope.ts, what may be done by domain/caseWorkflow.ts. */
  'case.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'case.register': ['admin', 'staff', 'officer', 'deputy'],
  'case.act': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  /** Every account reads and marks its own notifications (and nobody else's). */
  'notification.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'notification.update': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  /** Activities: which ones is decided by policies/activityScope.ts; units read those they were invited to. */
  'activity.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'activity.write': ['admin', 'staff', 'officer', 'deputy'],
  'campaign.read': ['admin', 'staff', 'officer', 'deputy'],
  'campaign.manage': ['admin', 'staff'],
  'rota.read': ['admin', 'staff', 'officer', 'deputy'],
  'rota.manage': ['admin', 'staff', 'officer'],
  /** 履职积分: rankings of the regions and stations in reach; a deputy reads their own ledger only (policies/pointScope.ts). */
  'points.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Rule versions, bonuses and 履职之星 of the regions one manages. */
  'points.manage': ['admin', 'staff'],
  /** 考核评价 of the stations in reach. */
  'assessment.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Assessment schemes of the regions one manages, and confirming (and grading) the stations one manages. */
  'assessment.manage': ['admin', 'staff'],
  /** The stations' registers (六簿一表一登记) of a station or a region in reach; personal data masked as in the API. */
  'register.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Entries of the two registers kept by hand: 先进事迹 and 大事记. */
  'register.write': ['admin', 'staff', 'officer'],
  /** A deputy's performance archive (履职档案): deputies read their own only. */
  'archive.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Terms (届) of the congresses at, above and below where one works (policies/termScope.ts). */
  'term.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Recording and correcting terms: staff those of the congresses of their subtree, administrators every one. */
  'term.manage': ['admin', 'staff'],
  /** The election round (换届) of a congress one manages the terms of, and its coverage (编组进站). */
  'term.round': ['admin', 'staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof ABILITIES;

export function can(role: Role, ability: Ability): boolean {
  return (ABILITIES[ability] as readonly Role[]).includes(role);
}

export function abilitiesOf(role: Role): Ability[] {
  return (Object.keys(ABILITIES) as Ability[]).filter((a) => can(role, a));
}

/** Fields of a station a station officer may change on their own station. */
export const STATION_OPERATIONAL_FIELDS = ['address', 'phone', 'openingHours', 'receptionSchedule', 'checklist', 'description'] as const;
