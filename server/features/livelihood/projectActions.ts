/**
 * One action on a livelihood project, through the workflow kit's transition in the caller's
 * transaction: lock the project within the actor's reach, find the actor's part (proposer,
 * staff, the responsible department, the system), check the rule table, run the action's
 * handler, write the row, the timeline event, what follows and the audit record together.
 *
 * The candidate actions' handlers are here; the delivery's (from adoption on) join the map from
 * their own file.
 */
import { sql, type Updateable } from 'kysely';
import type { AnyActor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { now as clockNow } from '../../platform/clock.js';
import type { LivelihoodProjectTable } from '../../platform/db/schemaLivelihood.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { transition, type Checked } from '../../platform/workflow/transition.js';
import { projectActorOf, projectColumns, projectVisible } from './access.js';
import { DELIVERY_HANDLERS } from './deliveryActions.js';
import { PROJECT_RULES, PROJECT_STATE_LABELS, PROJECT_WORKFLOW, type LivelihoodProjectState, type ProjectAction, type ProjectActor } from './workflow.js';

export async function lockProject(ctx: WriteContext<AnyActor>, id: number, system = false) {
  let q = ctx.trx.selectFrom('livelihood_project as p').innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .selectAll('p').select(['r.state as round_state', 'r.term_id']).where('p.id', '=', id);
  if (!system) q = q.where(projectVisible(ctx.actor, projectColumns('p')));
  return q.forUpdate('p').executeTakeFirst();
}

export type ProjectRow = NonNullable<Awaited<ReturnType<typeof lockProject>>>;
export type CheckedProjectAction = Checked<ProjectRow, LivelihoodProjectState, ProjectAction, ProjectActor>;

/** The body of an action: its name, its comment, and the action's own fields (each handler reads its own). */
export interface ProjectActionBody { action: ProjectAction; comment?: string | null | undefined; [field: string]: unknown }

/** What an action's handler decides. */
export interface ProjectEffect {
  /** Columns set on the project (state, updated_at and version are set by the runner). */
  set?: Updateable<LivelihoodProjectTable>;
  /** The state it leads to, when the rule table leaves it open. */
  state?: LivelihoodProjectState;
  /** Facts kept on the timeline event and in the audit record. */
  data?: Record<string, unknown>;
  /** The event is shown on the public page. */
  public?: boolean;
  /** Writes after the row and the event: child rows, case notes, notifications. */
  after?: (eventId: number, to: LivelihoodProjectState) => Promise<void>;
}

export type ProjectHandler = (ctx: WriteContext<AnyActor>, t: CheckedProjectAction, body: ProjectActionBody, now: Date) => Promise<ProjectEffect>;

const none: ProjectHandler = async () => ({});

/** The candidate actions; `edit` and `link_sources` are handled by projects.ts before they get here (their effect is passed in). */
const CANDIDATE_HANDLERS: Partial<Record<ProjectAction, ProjectHandler>> = {
  shortlist: async () => ({ public: true }),
  not_shortlist: async () => ({}),
  withdraw: none,
};

const HANDLERS: Partial<Record<ProjectAction, ProjectHandler>> = { ...CANDIDATE_HANDLERS, ...DELIVERY_HANDLERS };

const labels = (action: ProjectAction) => ({ actionLabel: PROJECT_RULES[action].label });

/**
 * Takes `body.action` on project `id` as the account in `ctx` (or as the system, for the ballot
 * and the count). `handler` overrides the map (edits pass their effect in).
 */
export async function takeProjectAction(
  ctx: WriteContext<AnyActor>, id: number, body: ProjectActionBody,
  opts: { system?: boolean; now?: Date; handler?: ProjectHandler } = {},
) {
  const now = opts.now ?? clockNow();
  const action = body.action;
  const handler = opts.handler ?? HANDLERS[action];
  let eventId = 0;
  const t = await transition(ctx, {
    workflow: PROJECT_WORKFLOW, action, comment: body.comment,
    lock: () => lockProject(ctx, id, opts.system),
    actorOf: (row) => (opts.system ? 'system' : projectActorOf(ctx.actor, {
      congressRegionPath: row.congress_region_path, createdBy: row.created_by_account_id, proposerDeputyId: row.proposer_deputy_id,
      proposerUnitId: row.proposer_unit_id, unitId: row.unit_id, state: row.state,
    })),
    notFound: () => new AppError('NOT_FOUND'),
    refused: (reason, s) => {
      if (reason === 'ROLE') return new AppError('LIVELIHOOD_ACTION_FORBIDDEN', labels(action));
      if (reason === 'STATE') return new AppError('LIVELIHOOD_TRANSITION_INVALID', { state: s.state, stateLabel: PROJECT_STATE_LABELS[s.state], action, ...labels(action) });
      return invalidFields([{ path: 'comment', code: 'REQUIRED' }]);
    },
    effect: async (checked) => {
      if (!handler) throw new Error(`No handler for livelihood project action ${action}`);
      return handler(ctx, checked, body, now);
    },
    apply: async ({ to, effect }) => {
      await ctx.trx.updateTable('livelihood_project')
        .set({ ...effect.set, state: to, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    },
    event: async ({ actor: part, from, to, comment, effect }) => {
      const system = opts.system && ctx.actor.accountId === 0;
      const event = await ctx.trx.insertInto('livelihood_project_event').values({
        project_id: id, at: now, actor_kind: part, actor_account_id: system ? null : ctx.actor.accountId || null,
        actor_name: system ? '系统' : ctx.actor.displayName, action, from_state: from, to_state: to, comment,
        public: effect.public ?? false, data: JSON.stringify(effect.data ?? {}),
      }).returning('id').executeTakeFirstOrThrow();
      eventId = Number(event.id);
    },
    followUps: async ({ to, effect }) => { await effect.after?.(eventId, to); },
    audit: ({ from, to, comment, effect }) => ({
      action: `livelihood_project.${action}`, entityType: 'livelihood_project', entityId: id,
      before: { state: from }, after: { state: to, comment, ...effect.data },
    }),
  });
  return { id, from: t.from, to: t.to, data: t.effect.data ?? {} };
}

/** An action the system takes on a project for a round's step (the ballot, the count), with its effect. */
export async function projectSystemAction(ctx: WriteContext<AnyActor>, id: number, action: ProjectAction, effect: ProjectEffect, now: Date) {
  return takeProjectAction(ctx, id, { action }, { system: true, now, handler: async () => effect });
}
