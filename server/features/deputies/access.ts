import type { AbilityTable } from '../../platform/access/abilities.js';

/** Deputies (代表): which ones is decided by the kernel's deputy filters. A role not listed gets 403. */
export const abilities = {
  'deputy.read': ['admin', 'staff', 'officer', 'deputy'],
  'deputy.create': ['admin', 'staff'],
  'deputy.update': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { deputies: typeof abilities }
}
