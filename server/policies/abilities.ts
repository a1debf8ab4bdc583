import type { Role } from '../../common/enums.js';

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
