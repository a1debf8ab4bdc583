import type { Role } from '../../../common/enums.js';
import type { AnyActor } from './actor.js';

/**
 * Who may do what. Each feature declares its abilities (ability → roles) in its `access.ts`
 * and names them in its manifest; the composition root installs them all here with
 * `installAbilities`. A route names the ability it needs; a role not listed gets 403, and the
 * public actor, which holds no role, never has any. Which *records* an allowed role reaches is
 * decided by the scope filters (`scope.ts` and the features' `access.ts`), inside the SQL, so a
 * record outside the scope answers 404 like a missing one.
 */
export type AbilityTable = Readonly<Record<string, readonly Role[]>>;

/**
 * The catalogue of the features' tables, filled by declaration merging: each feature's
 * `access.ts` adds its own table under its name, so naming an ability no feature declares
 * fails the typecheck.
 *
 *     declare module '../../platform/access/abilities.js' {
 *       interface AbilityCatalog { cases: typeof abilities }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AbilityCatalog {}

export type Ability = { [F in keyof AbilityCatalog]: keyof AbilityCatalog[F] & string }[keyof AbilityCatalog];

let installed: ReadonlyMap<string, readonly Role[]> | null = null;

/** Installs the features' tables (in the order given); an ability declared twice is an error. */
export function installAbilities(tables: readonly AbilityTable[]): void {
  const all = new Map<string, readonly Role[]>();
  for (const table of tables) {
    for (const [ability, roles] of Object.entries(table)) {
      if (all.has(ability)) throw new Error(`Ability ${ability} is declared twice`);
      all.set(ability, roles);
    }
  }
  installed = all;
}

function table(): ReadonlyMap<string, readonly Role[]> {
  if (!installed) throw new Error('No abilities installed: the composition root installs the features\' tables first');
  return installed;
}

export function can(who: AnyActor, ability: Ability): boolean {
  if (who.kind !== 'account') return false;
  return table().get(ability)?.includes(who.role) ?? false;
}

export function abilitiesOf(who: AnyActor): Ability[] {
  return [...table().keys()].filter((a) => can(who, a as Ability)) as Ability[];
}
