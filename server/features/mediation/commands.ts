/**
 * Writes of mediation rooms, each in the caller's transaction with its audit record:
 * a mediation received with its parties; a session (the deputies present, the judge or
 * prosecutor, the village secretary), logged as an activity of kind `mediation` when asked;
 * the outcome that closes it; the agreement document; the room's yearly figures; and the
 * audited reveal of the parties' names and phones.
 *
 * States: open → in_session (the first session) → closed (with an outcome). A closed mediation
 * takes no more sessions; only an agreed one takes an agreement document.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DISPUTE_TYPES, LEGAL_OFFICER_ROLES } from '../../../common/mediation.js';
import { ref } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now, today } from '../../platform/clock.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { readStoredFile, storeFile } from '../../platform/files/index.js';
import { maskText } from '../../platform/text/maskText.js';
import { maskNameIn } from '../../platform/text/personName.js';
import { createActivity } from '../activities/index.js';
import { checkReplyAttachments, type CheckedAttachment } from '../cases/index.js';
import { mediationOperable, mediationVisible, partiesVisible } from './access.js';
import type { AgreementBody, CloseBody, FiguresBody, MediationInput, SessionInput } from './fields.js';

/** The mediation, locked, if the writer records at its station: NOT_FOUND out of sight, FORBIDDEN when only readable. */
async function lockOperable(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('mediation as m')
    .select(['m.id', 'm.station_id', 'm.dispute_type', 'm.state', 'm.outcome', 'm.title', 'm.received_on', 'm.version', mediationOperable(ctx.actor, ref('m.station_id')).as('operable')])
    .where('m.id', '=', id).where(mediationVisible(ctx.actor, ref('m.station_id')))
    .forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.operable) throw new AppError('FORBIDDEN');
  return row;
}

/** Records a dispute received at a station's mediation room, with its parties. */
export async function createMediation(ctx: WriteContext, input: MediationInput): Promise<number> {
  const station = await ctx.trx.selectFrom('station as s').select('s.id')
    .where('s.id', '=', input.stationId).where(mediationOperable(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw new AppError('MEDIATION_STATION_INVALID');
  if (input.receivedOn > today()) throw invalidFields([{ path: 'receivedOn', code: 'DATE_IN_FUTURE' }]);
  const at = now();
  const { id } = await ctx.trx.insertInto('mediation').values({
    station_id: input.stationId, dispute_type: input.disputeType, title: input.title, description: input.description, received_on: input.receivedOn,
    created_by_account_id: ctx.actor.accountId || null, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('mediation_party').values(input.parties.map((p, i) => ({
    mediation_id: id, position: i + 1, side: p.side, name: p.name, phone: p.phone,
  }))).execute();
  // The audit record names the parties' count, not the people: the log is no second store of their data.
  await recordAudit(ctx, {
    action: 'mediation.create', entityType: 'mediation', entityId: id,
    after: { stationId: input.stationId, disputeType: input.disputeType, title: input.title, receivedOn: input.receivedOn, parties: input.parties.length },
  });
  return id;
}

/** Records a session; the deputies present must be deputies of the station. */
export async function addSession(ctx: WriteContext, id: number, input: SessionInput): Promise<number> {
  const m = await lockOperable(ctx, id);
  if (m.state === 'closed') throw new AppError('MEDIATION_CLOSED');
  if (input.heldOn > today() || input.heldOn < m.received_on) throw new AppError('MEDIATION_SESSION_FUTURE');
  if ((input.legalOfficerRole === null) !== !input.legalOfficerName) {
    throw invalidFields([{ path: input.legalOfficerRole === null ? 'legalOfficerRole' : 'legalOfficerName', code: 'REQUIRED' }]);
  }
  const deputyIds = [...new Set(input.deputyIds)];
  if (deputyIds.length) {
    const ofStation = await ctx.trx.selectFrom('deputy_station').select('deputy_id')
      .where('station_id', '=', m.station_id).where('deputy_id', 'in', deputyIds).execute();
    if (ofStation.length !== deputyIds.length) throw new AppError('MEDIATION_DEPUTY_INVALID');
  }
  let activityId: number | null = null;
  if (input.logActivity) {
    // The activity is read more widely than the mediation (履职公示): it names the dispute by type and day, and masks the parties in the notes.
    const names = (await ctx.trx.selectFrom('mediation_party').select('name').where('mediation_id', '=', id).execute()).map((p) => p.name);
    const notes = maskText(names.reduce((t, n) => maskNameIn(t, n), input.notes));
    activityId = await createActivity(ctx, {
      kind: 'mediation', title: `调解${DISPUTE_TYPES.labels[m.dispute_type].zh}(${m.received_on}受理)`, stationId: m.station_id, regionCode: null, campaignId: null,
      startsAt: new Date(`${input.heldOn}T09:00:00+08:00`), endsAt: null, place: input.place,
      summary: `${input.legalOfficerRole ? `代表与${LEGAL_OFFICER_ROLES.labels[input.legalOfficerRole].zh}共同调解` : '代表调解'}${notes ? `:${notes}` : ''}`.slice(0, 2000),
      suggestionsMade: 0, participants: deputyIds.map((deputyId) => ({ deputyId, attendance: 'present' as const })), unitIds: [], rotaSlotId: null,
    });
  }
  const { id: sessionId } = await ctx.trx.insertInto('mediation_session').values({
    mediation_id: id, held_on: input.heldOn, place: input.place, legal_officer_role: input.legalOfficerRole,
    legal_officer_name: input.legalOfficerRole ? input.legalOfficerName : null, village_secretary: input.villageSecretary || null,
    notes: input.notes, activity_id: activityId, created_by_account_id: ctx.actor.accountId || null, created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  if (deputyIds.length) await ctx.trx.insertInto('mediation_session_deputy').values(deputyIds.map((deputy_id) => ({ session_id: sessionId, deputy_id }))).execute();
  await ctx.trx.updateTable('mediation').set({ state: 'in_session', updated_at: now(), version: sql`version + 1` }).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'mediation.session', entityType: 'mediation', entityId: id, before: { state: m.state },
    after: { state: 'in_session', sessionId, heldOn: input.heldOn, deputyIds, legalOfficerRole: input.legalOfficerRole, activityId },
  });
  return sessionId;
}

/** Closes the mediation with its outcome, after at least one session, on a day between the last session and today. */
export async function closeMediation(ctx: WriteContext, id: number, input: z.infer<typeof CloseBody>): Promise<void> {
  const m = await lockOperable(ctx, id);
  if (m.state === 'closed') throw new AppError('MEDIATION_CLOSED');
  const last = await ctx.trx.selectFrom('mediation_session').select(sql<string | null>`max(held_on)::text`.as('last')).where('mediation_id', '=', id).executeTakeFirst();
  if (!last?.last) throw new AppError('MEDIATION_NO_SESSION');
  if (input.closedOn > today() || input.closedOn < last.last) throw invalidFields([{ path: 'closedOn', code: input.closedOn > today() ? 'DATE_IN_FUTURE' : 'DATE_INVALID' }]);
  await ctx.trx.updateTable('mediation').set({
    state: 'closed', outcome: input.outcome, outcome_note: input.note, closed_on: input.closedOn, updated_at: now(), version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'mediation.close', entityType: 'mediation', entityId: id, before: { state: m.state }, after: { state: 'closed', outcome: input.outcome, closedOn: input.closedOn } });
}

/** Stores (or replaces) the signed agreement (调解协议书) of an agreed mediation: a PDF or a photo. */
export async function checkAgreement(input: z.infer<typeof AgreementBody>): Promise<CheckedAttachment> {
  const [file] = await checkReplyAttachments([{ name: input.name, public: false, bytes: new Uint8Array(Buffer.from(input.data, 'base64')) }]);
  return file!;
}

/** Stores an agreement checked by `checkAgreement`, which runs before the transaction so that no connection is held while a photo is decoded. */
export async function putAgreement(ctx: WriteContext, id: number, file: CheckedAttachment): Promise<void> {
  const m = await lockOperable(ctx, id);
  if (m.outcome !== 'agreed') throw new AppError('MEDIATION_AGREEMENT_OUTCOME');
  await storeFile(file!.bytes, file!.mime);
  await ctx.trx.updateTable('mediation').set({
    agreement_name: file!.name, agreement_mime: file!.mime, agreement_size: file!.bytes.length, agreement_sha256: file!.sha256,
    updated_at: now(), version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'mediation.agreement', entityType: 'mediation', entityId: id, after: { name: file!.name, mime: file!.mime, size: file!.bytes.length, sha256: file!.sha256 } });
}

/** The room's yearly figures besides its mediations: constituents received and visited, opinions collected. */
export async function setFigures(ctx: WriteContext, input: z.infer<typeof FiguresBody>): Promise<void> {
  const station = await ctx.trx.selectFrom('station as s').select('s.id')
    .where('s.id', '=', input.stationId).where(mediationOperable(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw new AppError('MEDIATION_STATION_INVALID');
  if (input.year > Number(today().slice(0, 4))) throw invalidFields([{ path: 'year', code: 'YEAR_IN_FUTURE' }]);
  const before = await ctx.trx.selectFrom('mediation_room_year').select(['constituents_received', 'opinions_collected'])
    .where('station_id', '=', input.stationId).where('year', '=', input.year).executeTakeFirst();
  const values = { constituents_received: input.constituentsReceived, opinions_collected: input.opinionsCollected, updated_by_account_id: ctx.actor.accountId || null, updated_at: now() };
  await ctx.trx.insertInto('mediation_room_year').values({ station_id: input.stationId, year: input.year, ...values })
    .onConflict((oc) => oc.columns(['station_id', 'year']).doUpdateSet(values)).execute();
  await recordAudit(ctx, {
    action: 'mediation.figures', entityType: 'station', entityId: input.stationId,
    before: before ?? null, after: { year: input.year, constituents_received: input.constituentsReceived, opinions_collected: input.opinionsCollected },
  });
}

/**
 * 查看当事人联系方式: the parties' names and phones unmasked, for a reader of the mediation
 * (a deputy of its station who was not at its sessions reads them masked), written to the audit
 * log. A mediation out of reach answers NOT_FOUND; a reader who may not, MEDIATION_CONTACT_FORBIDDEN.
 */
export async function revealParties(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('mediation as m').select(['m.id', partiesVisible(ctx.actor, ref('m.id'), ref('m.station_id')).as('handler')])
    .where('m.id', '=', id).where(mediationVisible(ctx.actor, ref('m.station_id'))).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  // Deputies of the station may reveal; everyone who reads the record otherwise handles it already.
  if (ctx.actor.role !== 'deputy' && !row.handler) throw new AppError('MEDIATION_CONTACT_FORBIDDEN');
  const parties = await ctx.trx.selectFrom('mediation_party').select(['position', 'side', 'name', 'phone']).where('mediation_id', '=', id).orderBy('position').execute();
  await recordAudit(ctx, { action: 'mediation.contact_reveal', entityType: 'mediation', entityId: id, after: { parties: parties.length, fields: ['name', 'phone'] } });
  return parties.map((p) => ({ position: p.position, side: p.side, name: p.name, phone: p.phone }));
}

/**
 * The signed agreement (调解协议书), which names the parties in full: for those who handle the
 * mediation (who record at its station, the deputies present at a session), each download written
 * to the audit log. Out of reach NOT_FOUND; a reader who does not handle it MEDIATION_CONTACT_FORBIDDEN;
 * none stored MEDIATION_NO_AGREEMENT.
 */
export async function downloadAgreement(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('mediation as m')
    .select(['m.agreement_name', 'm.agreement_mime', 'm.agreement_size', 'm.agreement_sha256', partiesVisible(ctx.actor, ref('m.id'), ref('m.station_id')).as('handler')])
    .where('m.id', '=', id).where(mediationVisible(ctx.actor, ref('m.station_id'))).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.handler) throw new AppError('MEDIATION_CONTACT_FORBIDDEN');
  if (!row.agreement_sha256) throw new AppError('MEDIATION_NO_AGREEMENT');
  const bytes = await readStoredFile(row.agreement_sha256);
  await recordAudit(ctx, { action: 'mediation.agreement_download', entityType: 'mediation', entityId: id, after: { size: row.agreement_size } });
  return { name: row.agreement_name!, mime: row.agreement_mime!, bytes };
}
