import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, columns, within, type Filter, type Ref } from '../../platform/access/scope.js';
import type { SuggestionActor } from './workflow.js';

/** Suggestions and motions: which ones is decided by `suggestionVisible`, what may be done by workflow.ts. */
export const abilities = {
  /** Reading suggestions; which ones by suggestionVisible. */
  'suggestion.read': ['admin', 'staff', 'deputy', 'unit'],
  /** Drafting one's own suggestion. */
  'suggestion.draft': ['deputy'],
  /** Taking workflow actions; which ones by the actor's part and the rule table. */
  'suggestion.act': ['admin', 'staff', 'deputy', 'unit'],
  /** A congress's sessions and suggestion settings, and the statistics and yearly report. */
  'suggestion.manage': ['admin', 'staff'],
  'suggestion.statistics': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { suggestions: typeof abilities }
}

/** The columns of a `suggestion` row the filters read. */
export interface SuggestionColumns { id: Ref; congressRegionPath: Ref; state: Ref }

export function suggestionColumns(alias: string): SuggestionColumns {
  return columns(alias, { id: 'id', congressRegionPath: 'congress_region_path', state: 'state' });
}

/**
 * Which suggestions an account reaches, inside the SQL:
 * - staff: those going to a congress inside their subtree, once submitted (a draft is the deputy's own);
 * - deputies: those they lead or were invited to co-sign;
 * - unit clerks: those assigned to their unit, as lead or co-unit.
 */
export function suggestionVisible(actor: AnyActor, s: SuggestionColumns): Filter {
  return byRole(actor, {
    admin: () => sql<SqlBool>`${s.state} <> 'draft'`,
    staff: (a) => sql<SqlBool>`(${s.state} <> 'draft' and ${within(s.congressRegionPath, a.scopePath!)})`,
    deputy: (a) => sql<SqlBool>`exists (select 1 from suggestion_signer sg where sg.suggestion_id = ${s.id} and sg.deputy_id = ${a.deputyId})`,
    unit: (a) => sql<SqlBool>`exists (select 1 from suggestion_unit su where su.suggestion_id = ${s.id} and su.unit_id = ${a.unitId})`,
  });
}

/** What the public sees: published suggestions once registered (and motions placed on the agenda). */
export function suggestionPublic(s: SuggestionColumns & { published: Ref; number: Ref }): Filter {
  return sql<SqlBool>`(${s.published} and ${s.number} is not null)`;
}

/** The facts about one suggestion and one account that decide the account's part in it. */
export interface PartFacts {
  congressRegionPath: string;
  state: string;
  leadDeputyId: number;
  /** The account's deputy's signer row, if any. */
  signer: { role: 'lead' | 'cosigner'; status: 'invited' | 'confirmed' | 'declined' } | null;
  /** The account's unit's assignment row, if any. */
  unitRole: 'lead' | 'co' | null;
}

/**
 * The part an account plays on a suggestion it can see; null when none. Staff act only for
 * their own congress (the suggestion's congress region is theirs); staff above it read.
 * A co-signer keeps the part after answering the invitation (to rate the answer).
 */
export function suggestionActorOf(actor: AnyActor, f: PartFacts): SuggestionActor | null {
  if (actor.kind !== 'account') return null;
  switch (actor.role) {
    case 'admin': return 'staff';
    case 'staff': return actor.scopePath === f.congressRegionPath ? 'staff' : null;
    case 'deputy':
      if (actor.deputyId === f.leadDeputyId) return 'lead';
      return f.signer?.role === 'cosigner' && f.signer.status !== 'declined' ? 'cosigner' : null;
    case 'unit': return f.unitRole === 'lead' ? 'unit' : f.unitRole === 'co' ? 'co_unit' : null;
    default: return null;
  }
}
