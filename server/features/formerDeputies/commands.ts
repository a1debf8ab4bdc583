/**
 * Writes of the former deputies' roster, each in the caller's transaction with its audit record:
 * a former deputy put on the 代表之家 roster with a 特邀联络员 card, their fields and roles; an
 * opinion they collected registered under them; answered on the spot, or carried (转交) by a
 * current deputy of the station, who takes responsibility: a case opened through the cases
 * feature with that deputy, noting the former deputy who collected it.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { deputyVisible, ref, stationVisible } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now, today } from '../../platform/clock.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { noteOnCase, registerOpinions } from '../cases/index.js';
import { stationRun } from './access.js';
import type { AnswerBody, CarryBody, OpinionInput, ProfileInput } from './fields.js';

/** The former deputy as the writer sees them: NOT_FOUND out of sight, FORMER_DEPUTY_NOT_FORMER for a serving one. */
async function formerDeputy(ctx: WriteContext, deputyId: number) {
  const d = await ctx.trx.selectFrom('deputy as d').select(['d.id', 'd.name', 'd.status'])
    .where('d.id', '=', deputyId).where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
  if (d.status !== 'former') throw new AppError('FORMER_DEPUTY_NOT_FORMER');
  return d;
}

/** The card's number: the year issued and the deputy's number (特联2025-00012). */
const cardNumber = (issuedOn: string, deputyId: number) => `特联${issuedOn.slice(0, 4)}-${String(deputyId).padStart(5, '0')}`;

/** Puts a former deputy on the roster of a 代表之家 they belong to (or changes their entry); the card keeps its number. */
export async function putProfile(ctx: WriteContext, deputyId: number, input: ProfileInput): Promise<void> {
  const d = await formerDeputy(ctx, deputyId);
  const station = await ctx.trx.selectFrom('station as s').innerJoin('deputy_station as ds', 'ds.station_id', 's.id').select('s.id')
    .where('s.id', '=', input.stationId).where('ds.deputy_id', '=', deputyId).where(stationRun(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw new AppError('FORMER_DEPUTY_STATION_INVALID');
  if (input.cardIssuedOn && input.cardIssuedOn > today()) throw invalidFields([{ path: 'cardIssuedOn', code: 'DATE_IN_FUTURE' }]);
  const before = await ctx.trx.selectFrom('former_deputy_profile').selectAll().where('deputy_id', '=', deputyId).forUpdate().executeTakeFirst();
  if (before) {
    await ctx.trx.updateTable('former_deputy_profile').set({
      station_id: input.stationId, fields: input.fields, roles: input.roles, card_issued_on: input.cardIssuedOn ?? before.card_issued_on,
      updated_at: now(), version: sql`version + 1`,
    }).where('deputy_id', '=', deputyId).execute();
  } else {
    const issued = input.cardIssuedOn ?? today();
    await ctx.trx.insertInto('former_deputy_profile').values({
      deputy_id: deputyId, station_id: input.stationId, card_number: cardNumber(issued, deputyId), card_issued_on: issued,
      fields: input.fields, roles: input.roles, updated_at: now(),
    }).execute();
    // On the roster with a card: a 特邀联络员.
    await ctx.trx.updateTable('deputy').set({ special_liaison: true }).where('id', '=', deputyId).execute();
  }
  await recordAudit(ctx, {
    action: before ? 'former_deputy.update' : 'former_deputy.enrol', entityType: 'deputy', entityId: deputyId,
    before: before ? { stationId: before.station_id, fields: before.fields, roles: before.roles } : null,
    after: { name: d.name, stationId: input.stationId, fields: input.fields, roles: input.roles },
  });
}

/** Registers an opinion a former deputy on the roster collected, at their 代表之家. */
export async function registerFormerOpinion(ctx: WriteContext, deputyId: number, input: OpinionInput): Promise<number> {
  await formerDeputy(ctx, deputyId);
  const profile = await ctx.trx.selectFrom('former_deputy_profile as p').select(['p.station_id', stationRun(ctx.actor, ref('p.station_id')).as('run')])
    .where('p.deputy_id', '=', deputyId).executeTakeFirst();
  if (!profile) throw new AppError('FORMER_DEPUTY_NO_CARD');
  if (!profile.run) throw new AppError('FORMER_DEPUTY_STATION_INVALID');
  if (input.collectedOn > today()) throw invalidFields([{ path: 'collectedOn', code: 'DATE_IN_FUTURE' }]);
  const { id } = await ctx.trx.insertInto('former_deputy_opinion').values({
    former_deputy_id: deputyId, station_id: profile.station_id, collected_on: input.collectedOn, content: input.content, place: input.place,
    submitter_name: input.name || null, submitter_phone: input.phone, created_by_account_id: ctx.actor.accountId || null, created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'former_opinion.register', entityType: 'former_deputy_opinion', entityId: id,
    after: { formerDeputyId: deputyId, stationId: profile.station_id, collectedOn: input.collectedOn, submitter: input.name ? 'named' : 'anonymous' },
  });
  return id;
}

/** The opinion, locked, still waiting (registered), at a station the writer sees. */
async function lockWaiting(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('former_deputy_opinion as o').innerJoin('deputy as f', 'f.id', 'o.former_deputy_id')
    .select(['o.id', 'o.state', 'o.station_id', 'o.content', 'o.place', 'o.collected_on', 'o.submitter_name', 'o.submitter_phone', 'f.name as collector',
      stationRun(ctx.actor, ref('o.station_id')).as('run')])
    .where('o.id', '=', id).where(stationVisible(ctx.actor, ref('o.station_id'))).forUpdate('o').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.state !== 'registered') throw new AppError('FORMER_OPINION_HANDLED');
  return row;
}

/** 当场答复: the station records the answer given on the spot. */
export async function answerFormerOpinion(ctx: WriteContext, id: number, input: z.infer<typeof AnswerBody>): Promise<void> {
  const o = await lockWaiting(ctx, id);
  if (!o.run) throw new AppError('FORBIDDEN');
  await ctx.trx.updateTable('former_deputy_opinion').set({ state: 'answered', answer: input.answer }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'former_opinion.answer', entityType: 'former_deputy_opinion', entityId: id, before: { state: o.state }, after: { state: 'answered', answer: input.answer } });
}

/**
 * 转交: a current deputy of the station carries the opinion and takes responsibility for it. The
 * case is opened through the cases feature, addressed to that deputy, with a note naming the
 * former deputy who collected it. A deputy carries for themself only; the station may name any
 * current deputy of it.
 */
export async function carryFormerOpinion(ctx: WriteContext, id: number, input: z.infer<typeof CarryBody>): Promise<{ caseId: number; trackingCode: string }> {
  const o = await lockWaiting(ctx, id);
  if (ctx.actor.role === 'deputy' ? ctx.actor.deputyId !== input.carrierDeputyId : !o.run) throw new AppError('FORBIDDEN');
  const carrier = await ctx.trx.selectFrom('deputy as d').innerJoin('deputy_station as ds', 'ds.deputy_id', 'd.id').select(['d.id', 'd.name'])
    .where('d.id', '=', input.carrierDeputyId).where('ds.station_id', '=', o.station_id).where('d.status', '=', 'current').executeTakeFirst();
  if (!carrier) throw new AppError('FORMER_OPINION_CARRIER_INVALID');
  const [receipt] = await registerOpinions(ctx, {
    stationId: o.station_id, deputyId: carrier.id, channel: 'visit', receivedAt: now(),
    items: [{ categoryId: input.categoryId, content: o.content, place: o.place, name: o.submitter_name, phone: o.submitter_phone }],
  });
  const at = now();
  await ctx.trx.updateTable('former_deputy_opinion').set({ state: 'carried', carrier_deputy_id: carrier.id, case_id: receipt!.id, carried_at: at }).where('id', '=', id).execute();
  await noteOnCase(ctx.trx, receipt!.id, 'former_deputy_collected', `往届代表${o.collector}(特邀联络员)于 ${o.collected_on} 收集,${carrier.name}代表转交办理`, { formerOpinionId: id }, at);
  await recordAudit(ctx, {
    action: 'former_opinion.carry', entityType: 'former_deputy_opinion', entityId: id, before: { state: o.state },
    after: { state: 'carried', carrierDeputyId: carrier.id, caseId: receipt!.id, trackingCode: receipt!.trackingCode },
  });
  return { caseId: receipt!.id, trackingCode: receipt!.trackingCode };
}
