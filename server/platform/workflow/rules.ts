/**
 * A workflow as one rule table: for each action, the states it may be taken from, who may take
 * it, whether it needs a comment (a reason, a reply, an answer), the state it leads to and its
 * label. Everything the table does not allow is refused. Pure: no database, no clock.
 */
import type { Label } from '../../../common/enums.js';

export interface Rule<S extends string, R extends string> {
  from: readonly S[];
  /** The state the action leads to; `null` keeps the state (an annotation such as 催办). */
  to: S | null;
  by: readonly R[];
  /** A note is required (a reason, a reply, an answer). */
  needsComment?: boolean;
  label: Label;
}

/** State × action → who, condition, target and label: S the states, A the actions, R the actors. */
export type RuleTable<S extends string, A extends string, R extends string> = Record<A, Rule<S, R>>;

/** Why a transition is refused: the actor has no part in the action, the state does not allow it, or the comment is missing. */
export type Refusal = 'ROLE' | 'STATE' | 'COMMENT';

export type TransitionCheck<S extends string> = { ok: true; to: S | null } | { ok: false; reason: Refusal };

export interface Workflow<S extends string, A extends string, R extends string> {
  /** Every action, in the order they are offered. */
  readonly actions: readonly A[];
  readonly rules: RuleTable<S, A, R>;
  /** May `actor` take `action` on an item in `state`? The comment rule is checked too. */
  check(state: S, action: A, actor: R, comment?: string | null): TransitionCheck<S>;
  /** The actions `actor` may take on an item in `state` (what the UI offers; the server still checks). */
  allowed(state: S, actor: R): A[];
}

export function defineWorkflow<S extends string, A extends string, R extends string>(
  actions: readonly A[], rules: RuleTable<S, A, R>,
): Workflow<S, A, R> {
  return {
    actions,
    rules,
    check(state, action, actor, comment) {
      const rule = rules[action];
      if (!rule.by.includes(actor)) return { ok: false, reason: 'ROLE' };
      if (!rule.from.includes(state)) return { ok: false, reason: 'STATE' };
      if (rule.needsComment && !comment?.trim()) return { ok: false, reason: 'COMMENT' };
      return { ok: true, to: rule.to };
    },
    allowed(state, actor) {
      return actions.filter((a) => rules[a].by.includes(actor) && rules[a].from.includes(state));
    },
  };
}
