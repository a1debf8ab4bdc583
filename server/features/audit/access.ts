import type { AbilityTable } from '../../platform/access/abilities.js';

/** The audit log. A role not listed gets 403. */
export const abilities = {
  'audit.read': ['admin'],
  'audit.checkpoint': ['admin'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { audit: typeof abilities }
}
