import type { AbilityTable } from '../../platform/access/abilities.js';
import type { Actor } from '../../platform/access/actor.js';
import { hasRole } from '../../platform/access/scope.js';

/** 履职档案. A role not listed gets 403. */
export const abilities = {
  /** A deputy's performance archive (履职档案): deputies read their own only (archiveReadable). */
  'archive.read': ['admin', 'staff', 'officer', 'deputy'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { archive: typeof abilities }
}

/** Whose archive an account reads (besides reaching the deputy at all): a deputy only their own. */
export function archiveReadable(actor: Actor, deputyId: number): boolean {
  return !(hasRole(actor, 'deputy') && actor.deputyId !== deputyId);
}
