/**
 * One action on a suggestion, through the workflow kit's transition and in the caller's
 * transaction: lock the row within the actor's reach, find the actor's part (lead, co-signer,
 * staff, unit, co-unit), check the rule table, run the action's handler (its own checks and
 * facts), write the row, the timeline event, what follows and the audit record together.
 *
 * The handlers live with their part of the workflow (draftActions.ts for drafting and review,
 * handlingActions.ts for assignment, answer, rating and follow-up); this file only runs them.
 */
import { sql, type Updateable } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/actor.js';
import type { SuggestionTable } from '../../platform/db/schemaSuggestions.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { transition, type Checked } from '../../platform/workflow/transition.js';
import { suggestionActorOf, suggestionColumns, suggestionVisible } from './access.js';
import { SUGGESTION_RULES, SUGGESTION_STATE_LABELS, SUGGESTION_WORKFLOW, type SuggestionAction, type SuggestionActor, type SuggestionState } from './workflow.js';
import type { ActionBody } from './actionBody.js';
import type { CheckedAttachment } from '../cases/index.js';
import { DRAFT_HANDLERS } from './draftActions.js';
import { HANDLING_HANDLERS } from './handlingActions.js';

export async function lockSuggestion(ctx: WriteContext<Actor>, id: number, system = false) {
  let q = ctx.trx.selectFrom('suggestion as s').selectAll('s').where('s.id', '=', id);
  if (!system) q = q.where(suggestionVisible(ctx.actor, suggestionColumns('s')));
  return q.forUpdate().executeTakeFirst();
}

export type SuggestionRow = NonNullable<Awaited<ReturnType<typeof lockSuggestion>>>;
export type CheckedAction = Checked<SuggestionRow, SuggestionState, SuggestionAction, SuggestionActor>;

/** What an action's handler decides. */
export interface ActionEffect {
  /** Columns set on the suggestion row (state, updated_at and version are set by the runner). */
  set?: Updateable<SuggestionTable>;
  /** The state it leads to, when the rule table leaves it open (a rating). */
  state?: SuggestionState;
  /** Facts kept on the timeline event and in the audit record. */
  data?: Record<string, unknown>;
  /** The event is shown on the public page and to the constituents whose cases it grew from. */
  public?: boolean;
  /** Writes after the row and the event: child rows, attachments (they get the event's id), notifications, timers. */
  after?: (eventId: number, to: SuggestionState) => Promise<void>;
}

/** An action's own rules and facts; may throw AppError to refuse. */
/** `files`: the body's files checked (photos cleaned) by `checkActionFiles` before the transaction. */
export type ActionHandler = (ctx: WriteContext<Actor>, t: CheckedAction, body: ActionBody, now: Date, files: CheckedAttachment[]) => Promise<ActionEffect>;

export const HANDLERS: Partial<Record<SuggestionAction, ActionHandler>> = { ...DRAFT_HANDLERS, ...HANDLING_HANDLERS };

const labels = (action: SuggestionAction) => ({ actionLabel: SUGGESTION_RULES[action].label });

/** The account's signer row and unit row on the suggestion, which decide its part. */
async function partFacts(ctx: WriteContext<Actor>, row: SuggestionRow) {
  const a = ctx.actor;
  const signer = a.deputyId === null ? undefined : await ctx.trx.selectFrom('suggestion_signer').select(['role', 'status'])
    .where('suggestion_id', '=', row.id).where('deputy_id', '=', a.deputyId).executeTakeFirst();
  const unit = a.unitId === null ? undefined : await ctx.trx.selectFrom('suggestion_unit').select('role')
    .where('suggestion_id', '=', row.id).where('unit_id', '=', a.unitId).executeTakeFirst();
  return { congressRegionPath: row.congress_region_path, state: row.state, leadDeputyId: row.lead_deputy_id, signer: signer ?? null, unitRole: unit?.role ?? null };
}

/**
 * Takes `body.action` on suggestion `id` as the account in `ctx` (or, with `system`, as the
 * system's timers). Returns the states before and after and the facts recorded.
 */
export async function takeSuggestionAction(ctx: WriteContext<Actor>, id: number, body: ActionBody, opts: { system?: boolean; now?: Date; files?: CheckedAttachment[] } = {}) {
  // Files are checked, and photos decoded, before the transaction opens (`checkActionFiles`).
  if (body.files?.length && !opts.files) throw new Error('The action\'s files were not checked before its transaction');
  const files = opts.files ?? [];
  const now = opts.now ?? clockNow();
  const action = body.action;
  const handler = HANDLERS[action];
  let actor: SuggestionActor | null = null;
  let eventId = 0;
  const t = await transition(ctx, {
    workflow: SUGGESTION_WORKFLOW, action, comment: body.comment,
    lock: async () => {
      const row = await lockSuggestion(ctx, id, opts.system);
      if (row) actor = opts.system ? 'system' : suggestionActorOf(ctx.actor, await partFacts(ctx, row));
      return row;
    },
    actorOf: () => actor,
    notFound: () => new AppError('NOT_FOUND'),
    refused: (reason, s) => {
      if (reason === 'ROLE') return new AppError('SUGGESTION_ACTION_FORBIDDEN', labels(action));
      if (reason === 'STATE') return new AppError('SUGGESTION_TRANSITION_INVALID', { state: s.state, stateLabel: SUGGESTION_STATE_LABELS[s.state], action, ...labels(action) });
      return invalidFields([{ path: 'comment', code: 'REQUIRED' }]);
    },
    effect: async (checked) => {
      if (!handler) throw new Error(`No handler for suggestion action ${action}`);
      return handler(ctx, checked, body, now, files);
    },
    apply: async ({ to, effect }) => {
      await ctx.trx.updateTable('suggestion')
        .set({ ...effect.set, state: to, updated_at: now, version: sql`version + 1` })
        .where('id', '=', id).execute();
    },
    event: async ({ actor: part, from, to, comment, effect }) => {
      const event = await ctx.trx.insertInto('suggestion_event').values({
        suggestion_id: id, at: now, actor_kind: part,
        actor_account_id: opts.system ? null : ctx.actor.accountId || null, actor_name: opts.system ? '系统' : ctx.actor.displayName,
        action, from_state: from, to_state: to, comment, public: effect.public ?? false, data: JSON.stringify(effect.data ?? {}),
      }).returning('id').executeTakeFirstOrThrow();
      eventId = Number(event.id);
    },
    followUps: async ({ to, effect }) => { await effect.after?.(eventId, to); },
    audit: ({ from, to, comment, effect }) => ({
      action: `suggestion.${action}`, entityType: 'suggestion', entityId: id,
      before: { state: from }, after: { state: to, comment, ...effect.data },
    }),
  });
  return { id, from: t.from, to: t.to, data: t.effect.data ?? {} };
}
