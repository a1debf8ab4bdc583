import type { AbilityTable } from '../../platform/access/abilities.js';

/** Notifications. A role not listed gets 403. */
export const abilities = {
  /** Every account reads and marks its own notifications (and nobody else's). */
  'notification.read': ['admin', 'staff', 'officer', 'deputy', 'unit', 'grid'],
  'notification.update': ['admin', 'staff', 'officer', 'deputy', 'unit', 'grid'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { inbox: typeof abilities }
}
