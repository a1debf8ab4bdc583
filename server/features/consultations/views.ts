/**
 * Gathering views: a constituent's answers from the public form (with a receipt code to read the
 * feedback later), views heard at a reception day registered by a deputy or officer (optionally
 * with the case they came with), activities linked to the topic, and the deliberate, audited
 * reveal of a constituent's name and phone.
 */
import { bookTitle } from '../../platform/text/bookTitle.js';
import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { AnyActor, PublicActor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow, today } from '../../platform/clock.js';
import { ref } from '../../platform/access/scope.js';
import { caseColumns, caseVisible, noteOnCase } from '../cases/index.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { contactRevealable, gatherableAt, topicColumns, topicVisible } from './access.js';

export interface AnswerInput { questionId: number | null; text: string }

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** A receipt code: twelve characters without look-alikes in three groups (`K7M2-9QXH-4RBT`), about 58 random bits. */
export function newReceiptCode(): string {
  let raw = '';
  for (let i = 0; i < 12; i++) raw += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** The stored form of a receipt code as typed (any case, spaces or dashes); null when it cannot be one. */
export function receiptHash(code: string): string | null {
  const raw = code.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== 12 || [...raw].some((c) => !RECEIPT_ALPHABET.includes(c))) return null;
  return createHash('sha256').update(`consultation:${raw}`).digest('hex');
}

/** The topic in the actor's reach, locked while views are added, open and within its window. */
async function openTopic(ctx: WriteContext<AnyActor>, id: number, reach: 'public' | 'account') {
  const q = ctx.trx.selectFrom('consultation_topic as t').select(['t.id', 't.title', 't.state', 't.opens_on', 't.closes_on', 't.congress_region_path'])
    .where('t.id', '=', id);
  const row = await (reach === 'public' ? q.where('t.state', '<>', 'draft') : q.where(topicVisible(ctx.actor, topicColumns('t')))).forShare().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const day = today();
  if (row.state !== 'open' || day < row.opens_on || day > row.closes_on) {
    throw new AppError('CONSULTATION_WINDOW_CLOSED', { opensOn: row.opens_on, closesOn: row.closes_on });
  }
  return row;
}

/** The answers, trimmed, empty ones dropped, each question once; every question must be the topic's. */
async function checkAnswers(ctx: WriteContext<AnyActor>, topicId: number, answers: AnswerInput[]): Promise<AnswerInput[]> {
  const merged = new Map<number | null, string>();
  for (const a of answers) {
    const text = a.text.trim();
    if (!text) continue;
    const before = merged.get(a.questionId);
    merged.set(a.questionId, before ? `${before}\n${text}`.slice(0, 2000) : text);
  }
  if (merged.size === 0) throw new AppError('CONSULTATION_ANSWERS_EMPTY');
  const asked = new Set((await ctx.trx.selectFrom('consultation_question').select('id').where('topic_id', '=', topicId).execute()).map((q) => q.id));
  for (const q of merged.keys()) if (q !== null && !asked.has(q)) throw new AppError('CONSULTATION_QUESTION_UNKNOWN');
  return [...merged].map(([questionId, text]) => ({ questionId, text }));
}

async function stationAsked(ctx: WriteContext<AnyActor>, topicId: number, stationId: number) {
  const asked = await ctx.trx.selectFrom('consultation_station').select('station_id').where('topic_id', '=', topicId).where('station_id', '=', stationId).executeTakeFirst();
  if (!asked) throw new AppError('CONSULTATION_STATION_NOT_ASKED');
}

async function insertAnswers(ctx: WriteContext<AnyActor>, topicId: number, viewId: number, answers: AnswerInput[]) {
  await ctx.trx.insertInto('consultation_answer').values(answers.map((a) => ({ view_id: viewId, topic_id: topicId, question_id: a.questionId, text: a.text }))).execute();
}

export interface PublicViewInput { stationId?: number | undefined; answers: AnswerInput[]; name: string | null; phone: string | null }

/** A constituent's answers from the phone form: answers the receipt code, shown once (only its hash is kept). */
export async function submitPublicView(ctx: WriteContext<PublicActor>, topicId: number, input: PublicViewInput): Promise<{ receiptCode: string }> {
  const topic = await openTopic(ctx, topicId, 'public');
  let stationId = input.stationId;
  if (stationId === undefined) {
    const asked = await ctx.trx.selectFrom('consultation_station').select('station_id').where('topic_id', '=', topicId).execute();
    if (asked.length !== 1) throw invalidFields([{ path: 'stationId', code: 'REQUIRED' }]);
    stationId = asked[0]!.station_id;
  }
  await stationAsked(ctx, topicId, stationId);
  const answers = await checkAnswers(ctx, topicId, input.answers);
  const receiptCode = newReceiptCode();
  const view = await ctx.trx.insertInto('consultation_view').values({
    topic_id: topic.id, station_id: stationId, source: 'public', name: input.name, phone: input.phone, receipt_hash: receiptHash(receiptCode)!, created_at: clockNow(),
  }).returning('id').executeTakeFirstOrThrow();
  await insertAnswers(ctx, topic.id, view.id, answers);
  // No name, phone or text in the audit log: it records that a view came, not a second copy of it.
  await recordAudit(ctx, { action: 'consultation.view_public', entityType: 'consultation', entityId: topic.id,
    after: { viewId: view.id, stationId, answers: answers.length, named: input.name !== null, phone: input.phone !== null } });
  return { receiptCode };
}

export interface ReceptionViewInput {
  stationId: number;
  heardOn?: string | undefined;
  answers: AnswerInput[];
  name?: string | null | undefined;
  phone?: string | null | undefined;
  caseId?: number | null | undefined;
}

/** A view heard at a reception day, registered by a deputy or officer of the station (or the topic's staff). */
export async function registerView(ctx: WriteContext, topicId: number, input: ReceptionViewInput): Promise<number> {
  const topic = await openTopic(ctx, topicId, 'account');
  await stationAsked(ctx, topicId, input.stationId);
  const allowed = await ctx.trx.selectNoFrom(gatherableAt(ctx.actor, { congressRegionPath: sql.val(topic.congress_region_path) }, sql.val(input.stationId)).as('ok')).executeTakeFirstOrThrow();
  if (!allowed.ok) throw new AppError('CONSULTATION_STATION_FORBIDDEN');
  const heardOn = input.heardOn ?? today();
  if (heardOn > today()) throw invalidFields([{ path: 'heardOn', code: 'DATE_IN_FUTURE' }]);
  const answers = await checkAnswers(ctx, topicId, input.answers);
  const caseId = input.caseId ?? null;
  if (caseId !== null) {
    const seen = await ctx.trx.selectFrom('opinion as o').select('o.id').where('o.id', '=', caseId).where(caseVisible(ctx.actor, caseColumns('o'))).executeTakeFirst();
    if (!seen) throw new AppError('CONSULTATION_CASE_UNKNOWN');
  }
  const at = clockNow();
  const view = await ctx.trx.insertInto('consultation_view').values({
    topic_id: topicId, station_id: input.stationId, source: 'reception', name: input.name ?? null, phone: input.phone ?? null,
    heard_on: heardOn, case_id: caseId, recorded_by_account_id: ctx.actor.accountId || null,
    recorded_by_deputy_id: ctx.actor.role === 'deputy' ? ctx.actor.deputyId : null, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await insertAnswers(ctx, topicId, view.id, answers);
  if (caseId !== null) await noteOnCase(ctx.trx, caseId, 'consultation_included', bookTitle(topic.title), { link: `/consultations/${topicId}` }, at);
  await recordAudit(ctx, { action: 'consultation.view_register', entityType: 'consultation', entityId: topicId,
    after: { viewId: view.id, stationId: input.stationId, heardOn, caseId, answers: answers.length } });
  return view.id;
}

/** Links an activity of a station asked (one the actor sees and may gather for) to an open topic. */
export async function linkActivity(ctx: WriteContext, topicId: number, activityId: number): Promise<void> {
  const topic = await openTopic(ctx, topicId, 'account');
  const activity = await ctx.trx.selectFrom('activity as a').select(['a.id', 'a.title', 'a.station_id'])
    .where('a.id', '=', activityId).where(activityVisible(ctx.actor, activityColumns('a'))).executeTakeFirst();
  if (!activity) throw new AppError('NOT_FOUND');
  if (activity.station_id === null) throw new AppError('CONSULTATION_ACTIVITY_NO_STATION');
  await stationAsked(ctx, topicId, activity.station_id);
  const allowed = await ctx.trx.selectNoFrom(gatherableAt(ctx.actor, { congressRegionPath: sql.val(topic.congress_region_path) }, sql.val(activity.station_id)).as('ok')).executeTakeFirstOrThrow();
  if (!allowed.ok) throw new AppError('CONSULTATION_STATION_FORBIDDEN');
  const inserted = await ctx.trx.insertInto('consultation_activity').values({
    topic_id: topicId, activity_id: activityId, station_id: activity.station_id, linked_by_account_id: ctx.actor.accountId || null, linked_at: clockNow(),
  }).onConflict((oc) => oc.columns(['topic_id', 'activity_id']).doNothing()).returning('activity_id').executeTakeFirst();
  if (!inserted) throw new AppError('CONSULTATION_ACTIVITY_LINKED');
  await recordAudit(ctx, { action: 'consultation.link_activity', entityType: 'consultation', entityId: topicId, after: { activityId, title: activity.title, stationId: activity.station_id } });
}

export async function unlinkActivity(ctx: WriteContext, topicId: number, activityId: number): Promise<void> {
  const topic = await openTopic(ctx, topicId, 'account');
  const link = await ctx.trx.selectFrom('consultation_activity').select('station_id').where('topic_id', '=', topicId).where('activity_id', '=', activityId).executeTakeFirst();
  if (!link) throw new AppError('NOT_FOUND');
  const allowed = await ctx.trx.selectNoFrom(gatherableAt(ctx.actor, { congressRegionPath: sql.val(topic.congress_region_path) }, sql.val(link.station_id)).as('ok')).executeTakeFirstOrThrow();
  if (!allowed.ok) throw new AppError('CONSULTATION_STATION_FORBIDDEN');
  await ctx.trx.deleteFrom('consultation_activity').where('topic_id', '=', topicId).where('activity_id', '=', activityId).execute();
  await recordAudit(ctx, { action: 'consultation.unlink_activity', entityType: 'consultation', entityId: topicId, before: { activityId, stationId: link.station_id } });
}

/**
 * 查看联系方式: a view's name and phone unmasked, for someone entitled (contactRevealable), written
 * to the audit log in the same transaction (naming the fields shown, not copying them).
 */
export async function revealViewContact(ctx: WriteContext, topicId: number, viewId: number) {
  const t = topicColumns('t');
  const row = await ctx.trx.selectFrom('consultation_view as v').innerJoin('consultation_topic as t', 't.id', 'v.topic_id')
    .select(['v.id', 'v.station_id', 'v.name', 'v.phone', contactRevealable(ctx.actor, t, ref('v.station_id')).as('revealable')])
    .where('v.id', '=', viewId).where('t.id', '=', topicId).where(topicVisible(ctx.actor, t))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.revealable) throw new AppError('CONSULTATION_CONTACT_FORBIDDEN');
  await recordAudit(ctx, { action: 'consultation.contact_reveal', entityType: 'consultation', entityId: topicId,
    after: { viewId, stationId: row.station_id, fields: [row.name !== null && 'name', row.phone !== null && 'phone'].filter(Boolean) } });
  return { name: row.name, phone: row.phone };
}
