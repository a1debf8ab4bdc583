import type { AbilityTable } from '../../platform/access/abilities.js';
import type { Actor } from '../../platform/access/actor.js';
import { hasRole } from '../../platform/access/scope.js';

/** The working-day calendar. A role not listed gets 403. */
export const abilities = {
  'calendar.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'calendar.update': ['admin'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { calendar: typeof abilities }
}

/** Who is reminded to enter next year's official schedule: administrators and staff. */
export function calendarReminded(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'staff');
}
