import type { AbilityTable } from '../../platform/access/abilities.js';

/** Handling units (承办单位): which ones is decided by the kernel's unit filters. A role not listed gets 403. */
export const abilities = {
  'unit.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  'unit.create': ['admin', 'staff'],
  'unit.update': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { units: typeof abilities }
}
