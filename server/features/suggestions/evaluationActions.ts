/**
 * The handlers of the answer, the deputies' rating and the follow-up of commitments
 * (答复、评价、跟踪落实): the lead unit answers with a letter (A/B/C) and what it commits to; the
 * lead deputy rates it (unsatisfied the first time: re-handled on a new clock); co-signers add
 * theirs; a B answer is followed until every commitment is kept and may then become A.
 */
import type { WriteContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/actor.js';
import { isValidDate, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { loadCalendar } from '../calendar/index.js';
import type { ActionHandler } from './act.js';
import { rehandlingDeadline } from './clock.js';
import { fileFacts, insertActionFiles } from './files.js';
import { tellAbout, unitsOf } from './handlingNotices.js';
import {
  cancelCommitmentReminders, cancelHandlingReminders, scheduleCommitmentReminders, scheduleDeadlineReminders,
} from './reminders.js';
import { settingsFor } from './settings.js';
import { noteLinkedCases } from './sources.js';
import { afterRating, SUGGESTION_RULES, type SuggestionAction } from './workflow.js';

const required = (path: string) => invalidFields([{ path, code: 'REQUIRED' }]);
const except = (ctx: WriteContext<Actor>) => ctx.actor.accountId || null;

const RATING_TITLES = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;

/** The answer of the suggestion's current round and its commitments still open. */
async function currentAnswer(ctx: WriteContext<Actor>, id: number, round: number) {
  const answer = await ctx.trx.selectFrom('suggestion_answer').select(['id', 'category']).where('suggestion_id', '=', id)
    .where('round', '=', round).executeTakeFirst();
  const open = answer ? await ctx.trx.selectFrom('suggestion_commitment').select(['id', 'due_on']).where('answer_id', '=', answer.id)
    .where('done_at', 'is', null).orderBy('id').execute() : [];
  return { answer, open: open.map((c) => ({ id: Number(c.id), dueOn: c.due_on })) };
}

/** 答复: the letter (the comment), its category, who signed it, its commitments and files. */
const answer: ActionHandler = async (ctx, { row: s, comment }, body, now, files) => {
  const a = body.answer;
  if (!a) throw required('answer');
  if (a.category === 'B' && a.commitments.length === 0) throw new AppError('ANSWER_B_NEEDS_COMMITMENT');
  const today = shanghaiDate(now);
  a.commitments.forEach((c, i) => {
    if (!isValidDate(c.dueOn)) throw invalidFields([{ path: `answer.commitments.${i}.dueOn`, code: 'DATE_INVALID' }]);
    if (c.dueOn < today) throw new AppError('COMMITMENT_DUE_PAST', { index: i + 1 });
  });
  const onTime = s.deadline_date !== null && today <= s.deadline_date;
  const unitId = ctx.actor.unitId!;
  return {
    set: { answer_category: a.category, answered_at: now, answered_on_time: onTime, rating: null, rated_at: null },
    public: true,
    data: {
      round: s.round, unitId, category: a.category, signedBy: a.signedBy, onTime, commitments: a.commitments,
      ...(files.length ? { files: fileFacts(files) } : {}),
    },
    after: async (eventId) => {
      const row = await ctx.trx.insertInto('suggestion_answer').values({
        suggestion_id: s.id, round: s.round, unit_id: unitId, category: a.category, body: comment!, signed_by: a.signedBy, answered_at: now, on_time: onTime,
      }).returning('id').executeTakeFirstOrThrow();
      if (a.commitments.length) {
        await ctx.trx.insertInto('suggestion_commitment').values(a.commitments.map((c) => ({
          suggestion_id: s.id, answer_id: row.id, body: c.body, due_on: c.dueOn,
        }))).execute();
      }
      await insertActionFiles(ctx, s.id, eventId, 'answer', files, now);
      await cancelHandlingReminders(ctx.trx, s.id);
      // The constituents whose opinions it grew from read on their tracking pages that it was answered.
      await noteLinkedCases(ctx.trx, s.id, 'suggestion_answered', now);
      await tellAbout(ctx.trx, s, 'answer', `承办单位已答复(${a.category} 类),请评价`, { signers: true }, { except: except(ctx) });
    },
  };
};

/** 评价: the lead deputy's rating of this round's answer; where it leads is afterRating()'s. */
const rate: ActionHandler = async (ctx, { row: s, comment }, body, now) => {
  const rating = body.rating;
  if (!rating) throw required('rating');
  const { answer: current, open } = await currentAnswer(ctx, s.id, s.round);
  const category = current?.category ?? s.answer_category ?? 'A';
  const to = afterRating(rating, s.round, category, open.length);
  const calendar = await loadCalendar(ctx.trx);
  const today = shanghaiDate(now);
  const deadline = to === 'rehandling' ? rehandlingDeadline(calendar, today, await settingsFor(ctx.trx, s.congress_level, s.congress_region_code)) : null;
  return {
    state: to,
    set: {
      rating, rated_at: now,
      ...(deadline ? { round: s.round + 1, deadline_date: deadline } : {}),
      ...(to === 'closed' ? { closed_at: now } : {}),
    },
    public: true,
    data: { round: s.round, rating, ...(deadline ? { deadlineDate: deadline } : {}), ...(to === 'following_up' ? { openCommitments: open.length } : {}) },
    after: async () => {
      await ctx.trx.insertInto('suggestion_rating').values({ suggestion_id: s.id, round: s.round, deputy_id: s.lead_deputy_id, rating, comment, rated_at: now }).execute();
      const units = await unitsOf(ctx.trx, s.id);
      if (deadline) {
        await scheduleDeadlineReminders(ctx.trx, calendar, s.id, deadline, now);
        await tellAbout(ctx.trx, s, 'rate', `代表对答复不满意,请于 ${deadline} 前重新办理`, { unitIds: units, staff: true }, { except: except(ctx) });
        return;
      }
      if (to === 'following_up') await scheduleCommitmentReminders(ctx.trx, calendar, s.id, open, now);
      await tellAbout(ctx.trx, s, 'rate', `代表已评价答复:${RATING_TITLES[rating]}`, { unitIds: units }, { except: except(ctx) });
    },
  };
};

/** A confirmed co-signer's rating of the current round's answer, once a round (one still invited may not rate). */
const addRating: ActionHandler = async (ctx, { row: s, comment }, body, now) => {
  const rating = body.rating;
  if (!rating) throw required('rating');
  const deputyId = ctx.actor.deputyId!;
  const signer = await ctx.trx.selectFrom('suggestion_signer').select('status').where('suggestion_id', '=', s.id).where('deputy_id', '=', deputyId).executeTakeFirst();
  if (signer?.status !== 'confirmed') throw new AppError('SUGGESTION_ACTION_FORBIDDEN', { actionLabel: SUGGESTION_RULES.add_rating.label });
  const given = await ctx.trx.selectFrom('suggestion_rating').select('rating').where('suggestion_id', '=', s.id).where('round', '=', s.round)
    .where('deputy_id', '=', deputyId).executeTakeFirst();
  if (given) throw new AppError('SUGGESTION_ALREADY_RATED', { round: s.round });
  return {
    data: { round: s.round, rating, deputyId },
    after: async () => {
      await ctx.trx.insertInto('suggestion_rating').values({ suggestion_id: s.id, round: s.round, deputy_id: deputyId, rating, comment, rated_at: now }).execute();
    },
  };
};

/** 落实进展: commitments of the current answer now kept, each with its note; files. */
const reportProgress: ActionHandler = async (ctx, { row: s }, body, now, files) => {
  const done = body.commitmentsDone ?? [];
  if (!done.length) throw required('commitmentsDone');
  const { open } = await currentAnswer(ctx, s.id, s.round);
  const openIds = new Set(open.map((c) => c.id));
  const unknown = done.map((d, i) => ({ d, i })).filter(({ d, i }) => !openIds.has(d.id) || done.findIndex((e) => e.id === d.id) !== i);
  if (unknown.length) throw invalidFields(unknown.map(({ i }) => ({ path: `commitmentsDone.${i}.id`, code: 'UNKNOWN_REFERENCE' })));
  const left = open.length - done.length;
  return {
    data: { commitmentsDone: done.map((d) => d.id), open: left, ...(files.length ? { files: fileFacts(files) } : {}) },
    after: async (eventId) => {
      for (const d of done) {
        await ctx.trx.updateTable('suggestion_commitment').set({ done_at: now, done_note: d.note }).where('id', '=', d.id).execute();
        await cancelCommitmentReminders(ctx.trx, s.id, d.id);
      }
      await insertActionFiles(ctx, s.id, eventId, 'follow_up', files, now);
      await tellAbout(ctx.trx, s, 'report_progress', left ? `承办单位报告承诺事项落实进展(尚有 ${left} 项)` : '承办单位报告承诺事项已全部落实',
        { signers: true, staff: true }, { except: except(ctx) });
    },
  };
};

/** B 类转 A 类: every commitment kept (COMMITMENTS_OPEN otherwise), the suggestion closes (only a B answer is followed up). */
const upgradeAnswer: ActionHandler = async (ctx, { row: s }, _body, now) => {
  const { open } = await currentAnswer(ctx, s.id, s.round);
  if (open.length) throw new AppError('COMMITMENTS_OPEN', { open: open.length });
  return {
    set: { answer_category: 'A', closed_at: now },
    public: true,
    data: { from: 'B', to: 'A' },
    after: async () => {
      await cancelCommitmentReminders(ctx.trx, s.id);
      await tellAbout(ctx.trx, s, 'upgrade_answer', '承诺事项已全部落实,答复由 B 类转为 A 类', { signers: true, staff: true }, { except: except(ctx) });
    },
  };
};

/** 办结: the staff close the follow-up (commitments still open are named). */
const close: ActionHandler = async (ctx, { row: s }, _body, now) => {
  const { open } = await currentAnswer(ctx, s.id, s.round);
  return {
    set: { closed_at: now },
    data: { openCommitments: open.length },
    after: async () => {
      await cancelCommitmentReminders(ctx.trx, s.id);
      await tellAbout(ctx.trx, s, 'close', '代表建议已办结', { unitIds: await unitsOf(ctx.trx, s.id), signers: true }, { except: except(ctx) });
    },
  };
};

export const EVALUATION_HANDLERS: Partial<Record<SuggestionAction, ActionHandler>> = {
  answer,
  rate,
  add_rating: addRating,
  report_progress: reportProgress,
  upgrade_answer: upgradeAnswer,
  close,
};
