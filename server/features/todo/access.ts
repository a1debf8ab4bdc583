import type { AbilityTable } from '../../platform/access/abilities.js';

/** The to-do centre: everyone signed in reads their own; each source's filters decide what is theirs. */
export const abilities = {
  'todo.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { todo: typeof abilities }
}
