/**
 * One workflow transition, in the caller's transaction and always in this order: lock the item,
 * check the rule table, work out and write the effect, write the timeline event, enqueue what
 * follows (jobs, notifications), record the audit entry. The audit record comes last because
 * it takes the audit chain's lock, held until commit; being in the same transaction, it exists
 * exactly when the transition does.
 *
 * The kit fixes the order and the checks; the feature supplies its tables through the steps.
 */
import { recordAudit, type AuditEntry } from '../audit/audit.js';
import type { Refusal, Workflow } from './rules.js';

/** What the steps after the check see. */
export interface Checked<Row, S extends string, A extends string, R extends string> {
  /** The item as locked, before the action. */
  row: Row;
  action: A;
  /** The actor's part in the workflow for this item. */
  actor: R;
  from: S;
  /** The rule table's target (`null`: the state stays, unless the effect decides). */
  ruleTo: S | null;
  /** The comment, trimmed; null when empty. */
  comment: string | null;
}

export interface Transition<Row, S extends string, A extends string, R extends string, E> extends Checked<Row, S, A, R> {
  to: S;
  effect: E;
}

export interface TransitionSteps<Row extends { state: S }, S extends string, A extends string, R extends string, E extends { state?: S | undefined }> {
  workflow: Workflow<S, A, R>;
  action: A;
  comment?: string | null | undefined;
  /** Reads the item and locks its row (… FOR UPDATE); undefined when it is missing or out of the actor's reach. */
  lock(): Promise<Row | undefined>;
  /** The actor's part in the workflow for this item; null when they have none (refused as 'ROLE'). */
  actorOf(row: Row): R | null;
  notFound(): Error;
  refused(reason: Refusal, row: Row): Error;
  /**
   * What the action does: may look things up and may throw to refuse. Its `state`, when set,
   * overrides the rule's target (an outcome the table leaves open, such as a rating).
   */
  effect(t: Checked<Row, S, A, R>): Promise<E>;
  /** Writes the new state and the effect's facts on the item. */
  apply(t: Transition<Row, S, A, R, E>): Promise<void>;
  /** Writes the timeline event. */
  event(t: Transition<Row, S, A, R, E>): Promise<void>;
  /** Enqueues what follows: notifications, timers, recomputations. */
  followUps(t: Transition<Row, S, A, R, E>): Promise<void>;
  /** The audit entry, recorded last. */
  audit(t: Transition<Row, S, A, R, E>): AuditEntry;
}

/** The write context of the transaction: whatever the audit record is written with. */
type Context = Parameters<typeof recordAudit>[0];

export async function transition<Row extends { state: S }, S extends string, A extends string, R extends string, E extends { state?: S | undefined }>(
  ctx: Context, steps: TransitionSteps<Row, S, A, R, E>,
): Promise<Transition<Row, S, A, R, E>> {
  const row = await steps.lock();
  if (!row) throw steps.notFound();
  const actor = steps.actorOf(row);
  if (actor === null) throw steps.refused('ROLE', row);
  const check = steps.workflow.check(row.state, steps.action, actor, steps.comment);
  if (!check.ok) throw steps.refused(check.reason, row);
  const checked: Checked<Row, S, A, R> = {
    row, action: steps.action, actor, from: row.state, ruleTo: check.to, comment: steps.comment?.trim() || null,
  };
  const effect = await steps.effect(checked);
  const t: Transition<Row, S, A, R, E> = { ...checked, to: effect.state ?? check.to ?? row.state, effect };
  await steps.apply(t);
  await steps.event(t);
  await steps.followUps(t);
  await recordAudit(ctx, steps.audit(t));
  return t;
}
