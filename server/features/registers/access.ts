import type { AbilityTable } from '../../platform/access/abilities.js';

/** The stations' registers (六簿一表一登记). A role not listed gets 403. */
export const abilities = {
  /** The registers of a station or a region in reach; personal data masked as in the API. */
  'register.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Entries of the two registers kept by hand: 先进事迹 and 大事记. */
  'register.write': ['admin', 'staff', 'officer'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { registers: typeof abilities }
}
