import type { AbilityTable } from '../../platform/access/abilities.js';

/**
 * Federation between provinces: administrators register the other provinces' instances (peers),
 * choose which of our cross-province stations each may hand cases to, and read this instance's
 * own identity. The inbound API is public and answers only signed requests of registered peers.
 */
export const abilities = {
  /** Registering, changing, enabling and disabling peers; reading this instance's public key. */
  'federation.manage': ['admin'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { federation: typeof abilities }
}
