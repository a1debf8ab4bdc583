/**
 * The handlers of drafting, co-signing and review (起草、附议、提交、审查): what each action
 * checks beyond the rule table and what it writes. The runner (act.ts) has locked the row and
 * checked the actor's part; each handler's writes share its transaction, event and audit record.
 */
import type { WriteContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import type { SuggestionKind } from '../../platform/db/schemaSuggestions.js';
import { registerOpinions } from '../cases/index.js';
import type { ActionHandler, CheckedAction } from './act.js';
import type { ActionBody } from './actionBody.js';
import { checkCosigners, inviteCosigners, resolveDraft, type DraftInput } from './draftCommands.js';
import { notifySuggestion, signersOf } from './notices.js';
import { numberFor } from './numbering.js';
import { settingsFor } from './settings.js';
import { noteLinkedCases, replaceSources } from './sources.js';
import type { SuggestionAction } from './workflow.js';

/** The body of the edit action: the whole draft (PUT /api/suggestions/{id}). */
export type EditBody = ActionBody & { draft?: DraftInput };

const congressOf = (t: CheckedAction) => ({ level: t.row.congress_level, regionCode: t.row.congress_region_code });

/** Refuses an action meant for the other kind (a motion is not registered; a suggestion is not placed on the agenda). */
function requireKind(t: CheckedAction, kind: SuggestionKind) {
  if (t.row.kind !== kind) throw new AppError('SUGGESTION_KIND_INVALID', { kind: t.row.kind });
}

/** The lead deputy's draft, changed: its congress and session again, its sources, and the co-signers named (new ones asked, others dropped). */
const edit: ActionHandler = async (ctx, t, body, now) => {
  const input = (body as EditBody).draft;
  if (!input) throw invalidFields([{ path: 'draft', code: 'REQUIRED' }]);
  const draft = await resolveDraft(ctx.trx, ctx.actor, input, now);
  const id = t.row.id;
  let asked: number[] = [];
  let dropped: number[] = [];
  if (input.cosignerIds !== undefined) {
    const wanted = await checkCosigners(ctx.trx, draft.congress, t.row.lead_deputy_id, input.cosignerIds, 'cosignerIds');
    const current = await ctx.trx.selectFrom('suggestion_signer').select('deputy_id').where('suggestion_id', '=', id).where('role', '=', 'cosigner').execute();
    dropped = current.map((c) => c.deputy_id).filter((d) => !wanted.includes(d));
    if (dropped.length) await ctx.trx.deleteFrom('suggestion_signer').where('suggestion_id', '=', id).where('deputy_id', 'in', dropped).execute();
    // Co-signers of another congress cannot stay on a draft moved to a different congress.
    asked = wanted.filter((d) => !current.some((c) => c.deputy_id === d));
    if (asked.length) await inviteCosigners(ctx.trx, id, asked, now);
  } else if (draft.congress.level !== t.row.congress_level || draft.congress.regionCode !== t.row.congress_region_code) {
    const current = await ctx.trx.selectFrom('suggestion_signer').select('deputy_id').where('suggestion_id', '=', id).where('role', '=', 'cosigner').execute();
    await checkCosigners(ctx.trx, draft.congress, t.row.lead_deputy_id, current.map((c) => c.deputy_id), 'cosignerIds');
  }
  if (input.caseIds !== undefined || input.activityIds !== undefined) {
    const kept = await ctx.trx.selectFrom('suggestion_source').select(['opinion_id', 'activity_id']).where('suggestion_id', '=', id).execute();
    await replaceSources(ctx.trx, id, {
      caseIds: input.caseIds ?? kept.flatMap((k) => (k.opinion_id === null ? [] : [k.opinion_id])),
      activityIds: input.activityIds ?? kept.flatMap((k) => (k.activity_id === null ? [] : [k.activity_id])),
    });
  }
  return { set: draft.columns, data: { title: input.title, termId: draft.columns.term_id, sessionId: draft.columns.session_id, invited: asked, dropped } };
};

const invite: ActionHandler = async (ctx, t, body, now) => {
  if (!body.deputyIds?.length) throw invalidFields([{ path: 'deputyIds', code: 'REQUIRED' }]);
  const ids = await checkCosigners(ctx.trx, congressOf(t), t.row.lead_deputy_id, body.deputyIds, 'deputyIds');
  const asked = await inviteCosigners(ctx.trx, t.row.id, ids, now);
  return { data: { deputyIds: asked } };
};

/** A co-signer's answer to the invitation, in their own account; the lead deputy is told. */
function answer(status: 'confirmed' | 'declined'): ActionHandler {
  return async (ctx, t, _body, now) => {
    const deputyId = ctx.actor.deputyId!;
    const row = await ctx.trx.selectFrom('suggestion_signer').select('status').where('suggestion_id', '=', t.row.id).where('deputy_id', '=', deputyId).executeTakeFirstOrThrow();
    if (row.status === status) throw new AppError('COSIGN_ALREADY_ANSWERED');
    await ctx.trx.updateTable('suggestion_signer').set({ status, responded_at: now })
      .where('suggestion_id', '=', t.row.id).where('deputy_id', '=', deputyId).execute();
    return {
      data: { deputyId },
      after: () => notifySuggestion(ctx.trx, t.row.id, `suggestion.${t.action}`,
        status === 'confirmed' ? '代表已确认附议' : '代表不附议', { deputyIds: [t.row.lead_deputy_id] }, ctx.actor.accountId),
    };
  };
}

/**
 * Submits the draft to its congress: a motion needs its session and enough confirmed co-signers;
 * invitations still unanswered are withdrawn. The constituents whose cases it grows from see a
 * note; the congress's staff are told.
 */
const submit: ActionHandler = async (ctx, t, _body, now) => {
  const id = t.row.id;
  // A draft may be saved half-written; what goes to the congress says why and what it proposes.
  const empty = (['reasons', 'proposals'] as const).filter((f) => !t.row[f].trim());
  if (empty.length) throw invalidFields(empty.map((path) => ({ path, code: 'REQUIRED' })));
  if (t.row.session_id !== null) {
    const session = await ctx.trx.selectFrom('congress_session').select(['number', 'closes_on']).where('id', '=', t.row.session_id).executeTakeFirstOrThrow();
    if (session.closes_on < shanghaiDate(now)) throw new AppError('SESSION_CLOSED', { number: session.number, closesOn: session.closes_on });
  }
  const signers = await ctx.trx.selectFrom('suggestion_signer').select(['deputy_id', 'status']).where('suggestion_id', '=', id).where('role', '=', 'cosigner').execute();
  const confirmed = signers.filter((s) => s.status === 'confirmed').length;
  if (t.row.kind === 'motion') {
    if (t.row.session_id === null) throw new AppError('MOTION_NEEDS_SESSION');
    const needed = (await settingsFor(ctx.trx, t.row.congress_level, t.row.congress_region_code)).motionMinCosigners;
    if (confirmed < needed) throw new AppError('MOTION_COSIGNERS_SHORT', { needed, have: confirmed });
  }
  const pending = signers.filter((s) => s.status === 'invited').map((s) => s.deputy_id);
  if (pending.length) await ctx.trx.deleteFrom('suggestion_signer').where('suggestion_id', '=', id).where('deputy_id', 'in', pending).execute();
  return {
    set: { submitted_at: now },
    data: { cosigners: confirmed, invitationsWithdrawn: pending },
    after: async () => {
      await noteLinkedCases(ctx.trx, id, 'suggestion_included', now);
      await notifySuggestion(ctx.trx, id, 'suggestion.submit', t.row.kind === 'motion' ? '收到代表议案,请审查' : '收到代表建议,请审查',
        { congressRegionCode: t.row.congress_region_code }, ctx.actor.accountId);
    },
  };
};

/** Tells the signers what became of their suggestion. */
const tellSigners = (ctx: WriteContext<Actor>, t: CheckedAction, title: string) => async () => {
  await notifySuggestion(ctx.trx, t.row.id, `suggestion.${t.action}`, title, { deputyIds: await signersOf(ctx.trx, t.row.id) }, ctx.actor.accountId);
};

const register: ActionHandler = async (ctx, t, _body, now) => {
  requireKind(t, 'suggestion');
  const number = await numberFor(ctx.trx, t.row, 'suggestion');
  return { set: { ...number, registered_at: now }, data: { numberLabel: number.number_label }, public: true, after: tellSigners(ctx, t, '代表建议已立案') };
};

/** Not registered: declined, or kept as a reference document; the comment is the reason the signers read. */
function notRegistered(title: string): ActionHandler {
  return async (ctx, t, _body, now) => ({ set: { declined_at: now, decline_reason: t.comment }, after: tellSigners(ctx, t, title) });
}

/**
 * Turns the suggestion into a case (群众意见) registered by the staff member through the cases
 * feature, at the station named or the lead deputy's first, addressed to the lead deputy when
 * they sit there; the suggestion keeps the link.
 */
const convertToCase: ActionHandler = async (ctx, t, body, now) => {
  const lead = t.row.lead_deputy_id;
  const stations = await ctx.trx.selectFrom('deputy_station').select('station_id').where('deputy_id', '=', lead).orderBy('station_id').execute();
  const stationId = body.stationId ?? stations[0]?.station_id;
  if (stationId === undefined) throw invalidFields([{ path: 'stationId', code: 'REQUIRED' }]);
  const text = `${t.row.title}\n${t.row.proposals}`;
  const [receipt] = await registerOpinions(ctx, {
    stationId, deputyId: stations.some((s) => s.station_id === stationId) ? lead : null, channel: 'letter', receivedAt: now, activityId: null,
    items: [{ categoryId: t.row.category_id, content: text.length > 2000 ? `${text.slice(0, 1999)}…` : text, place: '', name: null, phone: null }],
  });
  return {
    set: { declined_at: now, decline_reason: t.comment, converted_case_id: receipt!.id },
    data: { caseId: receipt!.id, trackingCode: receipt!.trackingCode },
    after: tellSigners(ctx, t, '代表建议已转为群众意见办理'),
  };
};

/** The presidium places the motion on the congress's agenda: it is numbered as a motion. */
const placeOnAgenda: ActionHandler = async (ctx, t, _body, now) => {
  requireKind(t, 'motion');
  const number = await numberFor(ctx.trx, t.row, 'motion');
  return { set: { ...number, agenda_at: now }, data: { numberLabel: number.number_label }, public: true, after: tellSigners(ctx, t, '议案已列入大会议程') };
};

/** The presidium turns the motion into a suggestion: registered and numbered as one. */
const convertToSuggestion: ActionHandler = async (ctx, t, _body, now) => {
  requireKind(t, 'motion');
  const number = await numberFor(ctx.trx, t.row, 'suggestion');
  return {
    set: { ...number, kind: 'suggestion', converted_from_motion: true, registered_at: now },
    data: { numberLabel: number.number_label }, public: true, after: tellSigners(ctx, t, '议案已转为代表建议'),
  };
};

/** The lead deputy withdraws it; once submitted, the congress's staff are told. */
const withdraw: ActionHandler = async (ctx, t) => (t.row.state === 'submitted'
  ? { after: () => notifySuggestion(ctx.trx, t.row.id, 'suggestion.withdraw', '代表已撤回建议', { congressRegionCode: t.row.congress_region_code }, ctx.actor.accountId) }
  : {});

export const DRAFT_HANDLERS: Partial<Record<SuggestionAction, ActionHandler>> = {
  edit,
  invite,
  cosign: answer('confirmed'),
  decline_cosign: answer('declined'),
  submit,
  withdraw,
  register,
  decline: notRegistered('代表建议不予立案'),
  make_reference: notRegistered('代表建议已转为参阅件'),
  convert_to_case: convertToCase,
  place_on_agenda: placeOnAgenda,
  convert_to_suggestion: convertToSuggestion,
};
