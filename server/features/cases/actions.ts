import { sql } from 'kysely';
import type { Rating } from '../../../common/caseVocabulary.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { transition } from '../../platform/workflow/transition.js';
import { caseEffect, PUBLIC_ACTIONS, RATING_WINDOW_DAYS, type ActionInput } from './effects.js';
import { CASE_RULES, CASE_WORKFLOW, isOpen } from './workflow.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { caseActorOf, caseColumns, caseVisible, onCaseSide } from './access.js';
import { ref, unitVisible } from '../../platform/access/scope.js';
import { loadCalendar } from '../calendar/index.js';
import { caseFollowUps } from './followUps.js';
import { recomputeProvisionalDeadlines } from './provisionalDeadlines.js';
import { now as clockNow } from '../../platform/clock.js';
import { checkExtension, ruleFor } from './clocks.js';
import { insertReplyAttachments, type CheckedAttachment, type ReplyDetails } from './replyAttachments.js';
import { normaliseTrackingCode } from './trackingCode.js';

/** What the API accepts for an action; the command turns it into the domain's ActionInput. */
export interface ActionRequest {
  action: ActionInput['action'];
  comment?: string | null;
  unitId?: number;
  coUnitIds?: number[];
  deadlineDays?: number;
  days?: number;
  mode?: 'on_spot' | 'agreed_time' | 'after_rehandling';
  rating?: Rating;
  intoId?: number;
  /** reply: its result type, handler, contact and files. */
  reply?: ReplyDetails;
  /** merge: the tracking code of the case to merge into (instead of its id). */
  intoCode?: string;
}

/** Who acts: an account (by its role on this case), the constituent with the tracking key, or the system's timers. */
export type Acting = { kind: 'account' } | { kind: 'constituent' } | { kind: 'system' };

async function lockCase(ctx: WriteContext<AnyActor>, id: number, acting: Acting) {
  let q = ctx.trx.selectFrom('opinion as o').selectAll('o').where('o.id', '=', id);
  if (acting.kind === 'account') q = q.where(caseVisible(ctx.actor, caseColumns('o')));
  return q.forUpdate().executeTakeFirst();
}

const labels = (action: ActionInput['action']) => ({ actionLabel: CASE_RULES[action].label });

/**
 * Takes one workflow action on a case, in the caller's transaction (the workflow kit's
 * transition): checks the rule table (role × state), the actor's reach, the action's own rules;
 * writes the case's new state and facts, the timeline event, what follows and the audit record together.
 */
export async function takeCaseAction(
  ctx: WriteContext<AnyActor>, caseId: number, req: ActionRequest, acting: Acting = { kind: 'account' }, now: Date = clockNow(),
) {
  if (req.action === 'merge' && req.intoCode !== undefined) req = { ...req, intoId: await mergeTargetOf(ctx, req.intoCode) };
  // A merge changes two cases: lock both in id order, so two opposite merges cannot deadlock.
  if (req.action === 'merge' && req.intoId) {
    await ctx.trx.selectFrom('opinion').select('id').where('id', 'in', [caseId, req.intoId]).orderBy('id').forUpdate().execute();
  }
  const t = await transition(ctx, {
    workflow: CASE_WORKFLOW, action: req.action, comment: req.comment,
    lock: () => lockCase(ctx, caseId, acting),
    actorOf: (c) => (acting.kind === 'account' ? caseActorOf(ctx.actor, c) : acting.kind),
    notFound: () => new AppError('NOT_FOUND'),
    refused: (reason, c) => {
      if (reason === 'ROLE') return new AppError('CASE_ACTION_FORBIDDEN', labels(req.action));
      if (reason === 'STATE') return new AppError('CASE_TRANSITION_INVALID', { state: c.state, action: req.action, ...labels(req.action) });
      return invalidFields([{ path: 'comment', code: 'REQUIRED' }]);
    },
    effect: async ({ row: c, comment }) => {
      const input = await toInput(ctx, c, req, comment, now);
      const calendar = await loadCalendar(ctx.trx);
      const effect = caseEffect(c, input, now, calendar);
      if (effect.error) throw new AppError(effect.error);
      const files: CheckedAttachment[] = req.action === 'reply' ? req.reply?.attachments ?? [] : [];
      return { ...effect, input, calendar, files };
    },
    apply: async ({ to, effect }) => {
      await ctx.trx.updateTable('opinion')
        .set({ ...effect.set, ...replyColumns(req), state: to, updated_at: now, version: sql`version + 1` })
        .where('id', '=', caseId).execute();
      if (effect.input.action === 'merge') {
        // Cases merged into this one follow it: no chain of merges, one shared answer.
        await ctx.trx.updateTable('opinion').set({ merged_into_id: effect.input.intoId, updated_at: now })
          .where('merged_into_id', '=', caseId).execute();
      }
    },
    event: async ({ actor, from, to, comment, effect }) => {
      const actorName = acting.kind === 'constituent' ? '群众' : acting.kind === 'system' ? '系统' : ctx.actor.displayName;
      const event = await ctx.trx.insertInto('opinion_event').values({
        opinion_id: caseId, at: now, actor_kind: actor,
        actor_account_id: acting.kind === 'account' ? ctx.actor.accountId : null, actor_name: actorName,
        action: req.action, from_state: from, to_state: to, comment, public: PUBLIC_ACTIONS.has(req.action),
        data: JSON.stringify({ ...effect.data, ...replyData(req) }),
      }).returning('id').executeTakeFirstOrThrow();
      // The reply's files belong to its event: a reply sent back and made again shows its own.
      await insertReplyAttachments(ctx, caseId, Number(event.id), effect.files, now);
    },
    followUps: async ({ row: c, effect }) => {
      if (req.action === 'send_back_reply' && c.deadline_provisional) {
        // The deadline runs again: a schedule entered while the reply was under review counts now.
        await recomputeProvisionalDeadlines(ctx, now, '退回重办,按现行放假安排重新计算', caseId);
      }
      await caseFollowUps(ctx.trx, effect.calendar, caseId, req.action, acting.kind === 'account' ? ctx.actor.accountId : null, now);
    },
    audit: ({ from, to, comment, effect }) => ({
      action: `case.${req.action}`, entityType: 'case', entityId: caseId,
      before: { state: from },
      after: {
        state: to, comment, ...effect.data, ...replyData(req),
        ...(effect.files.length ? { attachments: effect.files.map((f) => ({ name: f.name, mime: f.mime, size: f.bytes.length, public: f.public, sha256: f.sha256 })) } : {}),
      },
    }),
  });
  return { id: caseId, from: t.from, to: t.to, data: t.effect.data };
}

/** The case a tracking code names, among those the actor reaches; the field's error otherwise. */
async function mergeTargetOf(ctx: WriteContext<AnyActor>, code: string): Promise<number> {
  const normalised = normaliseTrackingCode(code);
  const target = normalised
    ? await ctx.trx.selectFrom('opinion as o').select('o.id').where('o.tracking_code', '=', normalised)
      .where(caseVisible(ctx.actor, caseColumns('o'))).executeTakeFirst()
    : undefined;
  if (!target) throw invalidFields([{ path: 'intoCode', code: 'CASE_MERGE_TARGET' }]);
  return target.id;
}

/** What a reply writes on the case (its result type, handler and contact); a reply sent back clears them with the reply's other facts. */
function replyColumns(req: ActionRequest) {
  if (req.action === 'send_back_reply') return { reply_result: null, reply_handler_name: null, reply_handler_contact: null };
  if (req.action !== 'reply') return {};
  return { reply_result: req.reply?.result ?? null, reply_handler_name: req.reply?.handlerName ?? null, reply_handler_contact: req.reply?.handlerContact ?? null };
}

/** What a reply's event keeps of it (each reply its own, when sent back and made again). */
function replyData(req: ActionRequest) {
  if (req.action !== 'reply') return {};
  return { result: req.reply?.result ?? null, handlerName: req.reply?.handlerName ?? null, handlerContact: req.reply?.handlerContact ?? null };
}

type CaseRow = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/**
 * Routing by place (属地管理): a case at a cross-province station goes to units of its side —
 * each unit's region above, at or below the side's region (see onCaseSide); 400 CASE_UNIT_WRONG_SIDE otherwise.
 */
async function checkUnitsOnSide(ctx: WriteContext<AnyActor>, c: CaseRow, unitPaths: string[]): Promise<void> {
  const side = c.side_path;
  if (side === null || unitPaths.every((p) => onCaseSide(p, side))) return;
  const region = await ctx.trx.selectFrom('station_region as sr').innerJoin('region as r', 'r.code', 'sr.region_code')
    .select('r.full_name').where('sr.station_id', '=', c.station_id).where('sr.region_path', '=', side).executeTakeFirst();
  throw new AppError('CASE_UNIT_WRONG_SIDE', { side: region?.full_name ?? side });
}

async function toInput(ctx: WriteContext<AnyActor>, c: CaseRow, req: ActionRequest, comment: string | null, now: Date): Promise<ActionInput> {
  const { trx, actor } = ctx;
  switch (req.action) {
    case 'assign': {
      if (!req.unitId) throw invalidFields([{ path: 'unitId', code: 'REQUIRED' }]);
      const co = [...new Set(req.coUnitIds ?? [])].filter((u) => u !== req.unitId);
      const units = await trx.selectFrom('unit as u').select(['u.id', 'u.region_path']).where('u.id', 'in', [req.unitId, ...co])
        .where('u.active', '=', true).where(unitVisible(actor, ref('u.id'), ref('u.region_path'))).execute();
      const found = new Set(units.map((u) => u.id));
      const missing = [{ id: req.unitId, path: 'unitId' }, ...co.map((id, i) => ({ id, path: `coUnitIds.${i}` }))].filter((u) => !found.has(u.id));
      if (missing.length) throw invalidFields(missing.map((m) => ({ path: m.path, code: 'UNKNOWN_REFERENCE' })));
      await checkUnitsOnSide(ctx, c, units.map((u) => u.region_path));
      // The category's rule, or the case region's own (clocks.ts).
      const rule = await ruleFor(trx, c.category_id, c.region_path);
      const days = req.deadlineDays ?? rule.deadlineDays;
      if (days > rule.maxDays) throw new AppError('DEADLINE_TOO_LONG', { max: rule.maxDays });
      return { action: 'assign', unitId: req.unitId, coUnitIds: co, deadlineDays: days, signDays: rule.signDays };
    }
    case 'request_extension':
      if (!req.days) throw invalidFields([{ path: 'days', code: 'REQUIRED' }]);
      return { action: 'request_extension', comment: comment!, days: req.days };
    case 'grant_extension': {
      const asked = await trx.selectFrom('opinion_event').select('data').where('opinion_id', '=', c.id)
        .where('action', '=', 'request_extension').orderBy('id', 'desc').executeTakeFirst();
      const days = req.days ?? Number((asked?.data as { days?: number } | undefined)?.days ?? 0);
      if (!days) throw invalidFields([{ path: 'days', code: 'REQUIRED' }]);
      // Beyond the rule's maximum only the level above grants (clocks.ts).
      if (actor.kind === 'account') checkExtension(actor, await ruleFor(trx, c.category_id, c.region_path), (c.deadline_days ?? 0) + c.extension_days, days, c.region_path);
      return { action: 'grant_extension', days };
    }
    case 'answer':
      return { action: 'answer', comment: comment!, mode: req.mode ?? (c.round > 1 ? 'after_rehandling' : 'agreed_time') };
    case 'rate': {
      if (!req.rating) throw invalidFields([{ path: 'rating', code: 'REQUIRED' }]);
      if (c.answered_at && now.getTime() - c.answered_at.getTime() > RATING_WINDOW_DAYS * 86_400_000) throw new AppError('RATING_WINDOW_CLOSED');
      return { action: 'rate', rating: req.rating, comment };
    }
    case 'escalate': {
      const region = await trx.selectFrom('region as r').innerJoin('region as p', 'p.code', 'r.parent_code')
        .select(['p.code', 'p.path']).where('r.code', '=', c.region_code).executeTakeFirst();
      if (!region) throw new AppError('CASE_CANNOT_ESCALATE');
      return { action: 'escalate', comment: comment!, to: region };
    }
    case 'merge': {
      const path = req.intoCode !== undefined ? 'intoCode' : 'intoId';
      if (!req.intoId || req.intoId === c.id) throw invalidFields([{ path, code: 'CASE_MERGE_TARGET' }]);
      const target = await trx.selectFrom('opinion as o').select(['o.id', 'o.state']).where('o.id', '=', req.intoId)
        .where(caseVisible(actor, caseColumns('o'))).executeTakeFirst();
      if (!target || !isOpen(target.state)) throw invalidFields([{ path, code: 'CASE_MERGE_TARGET' }]);
      return { action: 'merge', intoId: target.id };
    }
    case 'decline': case 'return': case 'refuse_extension': case 'reply': case 'send_back_reply': case 'urge':
      return { action: req.action, comment: comment! };
    case 'answer_on_spot':
      return { action: 'answer_on_spot', comment: comment! };
    case 'flag_key': case 'unflag_key':
      if (c.key_supervision === (req.action === 'flag_key')) throw new AppError('KEY_SUPERVISION_UNCHANGED', { keySupervision: c.key_supervision });
      return { action: req.action };
    default:
      return { action: req.action };
  }
}
