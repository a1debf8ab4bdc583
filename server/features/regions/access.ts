import type { AbilityTable } from '../../platform/access/abilities.js';

/** Regions: everyone signed in reads the region tree. A role not listed gets 403. */
export const abilities = {
  'region.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { regions: typeof abilities }
}
