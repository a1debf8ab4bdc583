/**
 * The writes of cross-province stations: agreements and their parties and files, the rota of
 * the rotating chair, joint meetings (held ones recorded as activities of kind joint_meeting),
 * the cadence, and the joint governance list. Each write is one transaction with its audit
 * record; who may write is decided in the SQL that locks the station (access.ts).
 */
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { CROSS_PROVINCE_ISSUE_CATEGORIES, CROSS_PROVINCE_ISSUE_STATUSES } from '../../../common/crossProvince.js';
import { ACTIVITY_KINDS } from '../../../common/enums.js';
import { deputyVisible, ref, within } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now, today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { CrossProvinceIssueStatus } from '../../platform/db/schemaCrossProvince.js';
import { AppError } from '../../platform/errors.js';
import { storeFile } from '../../platform/files/index.js';
import { CivilDate, Id } from '../../platform/http/schemas.js';
import { notify } from '../../platform/notify/notify.js';
import { sniffDocumentOrImage, type DocumentOrImageType } from '../../platform/uploads/documentType.js';
import { keptBytes } from '../../platform/uploads/photo.js';
import { MAX_PHOTO_BYTES } from '../../platform/uploads/imageType.js';
import { accountsWithRole, anyOf, deputiesOf } from '../../platform/notify/audience.js';
import { createActivity } from '../activities/index.js';
import { caseColumns, caseVisible } from '../cases/index.js';
import { updateStation } from '../stations/index.js';
import { suggestionColumns, suggestionVisible } from '../suggestions/index.js';
import { chairOrHost, crossStationVisible, hostOperable } from './access.js';
import { rotaOf } from './periods.js';

export const FILE_KINDS = ['agreement', 'rules', 'flow', 'manual', 'other'] as const;
export const ISSUE_CATEGORIES = CROSS_PROVINCE_ISSUE_CATEGORIES.keys;
export const ISSUE_STATUSES = CROSS_PROVINCE_ISSUE_STATUSES.keys;
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** How many days before a quarter turns the incoming and outgoing chairs are told. */
export const HANDOVER_DAYS = 7;
/** How many days before a joint meeting the sides are reminded. */
export const MEETING_NOTICE_DAYS = 7;

const text = (max: number) => z.string().trim().max(max, { error: 'TEXT_TOO_LONG' });
const requiredText = (max: number) => z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED' }).max(max, { error: 'TEXT_TOO_LONG' });
const TownCode = z.string().regex(/^\d{6}(\d{3})?$/, { message: 'REGION_CODE_INVALID' });

export const PartyBody = z.object({
  regionCode: TownCode,
  congressName: text(100).default('').meta({ description: 'Left empty: the region’s name and 人大' }),
  joinedOn: CivilDate.nullable().default(null).meta({ description: 'Null: the date signed' }),
  chairName: text(50).default('').meta({ description: 'The side’s 人大主席, who chairs in its quarters' }),
  chairDeputyId: Id.nullable().default(null),
});
export type PartyInput = z.infer<typeof PartyBody>;

export const AgreementBody = z.object({
  title: requiredText(200), signedOn: CivilDate, scope: text(5000).default(''),
  validFrom: CivilDate, validTo: CivilDate.nullable().default(null),
  parties: z.array(PartyBody).min(1).max(20),
});
export type AgreementInput = z.infer<typeof AgreementBody>;

export const FileBody = z.object({
  kind: z.enum(FILE_KINDS, { error: 'OPTION_INVALID' }), name: requiredText(200), data: z.base64().max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 4),
});

export const MeetingBody = z.object({ scheduledOn: CivilDate, title: requiredText(200), place: text(200).default('') });
export const HoldBody = z.object({
  startsAt: z.iso.datetime({ offset: true }), minutes: requiredText(20000),
  attendance: z.array(z.object({ regionCode: TownCode, present: z.number().int().min(0).max(500), names: text(1000).default('') })).max(20),
  deputyIds: z.array(Id).max(200).default([]),
  version: z.number().int(),
});

export const CadenceBody = z.object({
  receptionsPerWeek: z.number().int().min(0).max(20), exchangesPerMonth: z.number().int().min(0).max(50), jointPerQuarter: z.number().int().min(0).max(50),
  receptionKinds: z.array(z.enum(ACTIVITY_KINDS.keys)).max(20), exchangeKinds: z.array(z.enum(ACTIVITY_KINDS.keys)).max(20), jointKinds: z.array(z.enum(ACTIVITY_KINDS.keys)).max(20),
});
export type CadenceInput = z.infer<typeof CadenceBody>;

export const IssueBody = z.object({
  title: requiredText(200), category: z.enum(ISSUE_CATEGORIES, { error: 'OPTION_INVALID' }), description: text(5000).default(''),
  deadline: CivilDate.nullable().default(null), sides: z.array(TownCode).min(1).max(20),
  caseIds: z.array(Id).max(50).default([]), suggestionIds: z.array(Id).max(50).default([]),
});
export type IssueInput = z.infer<typeof IssueBody>;

export const NoteBody = z.object({
  body: requiredText(2000), status: z.enum(ISSUE_STATUSES, { error: 'OPTION_INVALID' }).nullable().default(null), version: z.number().int(),
});

type Who = 'host' | 'chair';

/** The cross-province station as the actor may write it: 404 out of sight, 403 (or NOT_CHAIR) when they may only read it. */
async function lockStation(ctx: WriteContext, stationId: number, who: Who) {
  const day = today();
  const row = await ctx.trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.name', 's.version', 'h.region_code', 'h.region_path',
      hostOperable(ctx.actor, ref('s.id'), ref('h.region_path')).as('host'),
      chairOrHost(ctx.actor, ref('s.id'), ref('h.region_path'), day).as('chair')])
    .where('s.id', '=', stationId).where(crossStationVisible(ctx.actor, ref('s.id'), ref('s.type')))
    .forUpdate('s').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (who === 'host' && !row.host) throw new AppError('FORBIDDEN');
  if (who === 'chair' && !row.chair) throw new AppError('CROSS_PROVINCE_NOT_CHAIR');
  return row;
}

async function stationOfAgreement(ctx: WriteContext, agreementId: number): Promise<number> {
  const row = await ctx.trx.selectFrom('cross_province_agreement').select('station_id').where('id', '=', agreementId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row.station_id;
}

/** The station's member regions (home included). */
async function memberCodes(trx: Transaction<DB>, stationId: number): Promise<string[]> {
  return (await trx.selectFrom('station_region').select('region_code').where('station_id', '=', stationId).orderBy('is_home', 'desc').orderBy('region_code').execute())
    .map((r) => r.region_code);
}

/**
 * A party's region must be a town or county; one not yet a member region of the station joins
 * it (the station's manager adds it through the stations feature), so its staff see the station.
 */
async function resolveParties(ctx: WriteContext, stationId: number, stationVersion: number, signedOn: string, parties: PartyInput[]) {
  const codes = parties.map((p) => p.regionCode);
  if (new Set(codes).size !== codes.length) throw new AppError('CROSS_PROVINCE_PARTY_INVALID');
  const regions = await ctx.trx.selectFrom('region').select(['code', 'name', 'path', 'level']).where('code', 'in', codes).execute();
  if (regions.length !== codes.length || regions.some((r) => r.level !== 'town' && r.level !== 'county')) throw new AppError('CROSS_PROVINCE_PARTY_INVALID');
  for (const p of parties) if (p.joinedOn !== null && p.joinedOn < signedOn) throw new AppError('CROSS_PROVINCE_DATES_INVALID');
  const members = await memberCodes(ctx.trx, stationId);
  const missing = codes.filter((c) => !members.includes(c) && !members.some((m) => m.startsWith(c)));
  if (missing.length) await updateStation(ctx, stationId, stationVersion, { memberRegionCodes: [...members.slice(1), ...missing] });
  const byCode = new Map(regions.map((r) => [r.code, r]));
  for (const p of parties) if (p.chairDeputyId !== null) await checkChairDeputy(ctx, stationId, p.chairDeputyId, byCode.get(p.regionCode)!.path);
  return parties.map((p) => ({ ...p, region: byCode.get(p.regionCode)! }));
}

/**
 * A party's chair named as a deputy must be a current deputy of that party's town or county whom
 * the writer reaches (or who sits at the station): else 400 CROSS_PROVINCE_CHAIR_INVALID, and no
 * deputy elsewhere can be named, looked up by id or sent the hand-over reminders.
 */
async function checkChairDeputy(ctx: WriteContext, stationId: number, deputyId: number, partyPath: string): Promise<void> {
  const found = await ctx.trx.selectFrom('deputy as d').select('d.id')
    .where('d.id', '=', deputyId).where('d.active', '=', true).where('d.status', '=', 'current')
    .where(within(ref('d.region_path'), partyPath))
    .where((eb) => eb.or([
      deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path')),
      eb.exists(eb.selectFrom('deputy_station as ds').select('ds.deputy_id').whereRef('ds.deputy_id', '=', 'd.id').where('ds.station_id', '=', stationId)),
    ]))
    .executeTakeFirst();
  if (!found) throw new AppError('CROSS_PROVINCE_CHAIR_INVALID');
}

export async function createAgreement(ctx: WriteContext, stationId: number, input: AgreementInput): Promise<number> {
  const station = await lockStation(ctx, stationId, 'host');
  if (input.validTo !== null && input.validTo < input.validFrom) throw new AppError('CROSS_PROVINCE_DATES_INVALID');
  const parties = await resolveParties(ctx, stationId, station.version, input.signedOn, input.parties);
  const { id } = await ctx.trx.insertInto('cross_province_agreement').values({
    station_id: stationId, title: input.title, signed_on: input.signedOn, scope: input.scope, valid_from: input.validFrom, valid_to: input.validTo,
    created_by_account_id: ctx.actor.accountId || null, created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('cross_province_party').values(parties.map((p, i) => ({
    agreement_id: id, region_code: p.region.code, region_path: p.region.path, congress_name: p.congressName || `${p.region.name}人大`,
    joined_on: p.joinedOn ?? input.signedOn, ordinal: i + 1, chair_name: p.chairName, chair_deputy_id: p.chairDeputyId,
  }))).execute();
  await recordAudit(ctx, { action: 'cross_province.agreement_create', entityType: 'cross_province_agreement', entityId: id, after: { stationId, ...input } });
  return id;
}

/** A party joining an agreement later (台前's three towns became five). */
export async function addParty(ctx: WriteContext, agreementId: number, input: PartyInput): Promise<void> {
  const stationId = await stationOfAgreement(ctx, agreementId);
  const station = await lockStation(ctx, stationId, 'host');
  const agreement = await ctx.trx.selectFrom('cross_province_agreement').select(['signed_on']).where('id', '=', agreementId).executeTakeFirstOrThrow();
  const existing = await ctx.trx.selectFrom('cross_province_party').select(['region_code', 'ordinal']).where('agreement_id', '=', agreementId).execute();
  if (existing.some((p) => p.region_code === input.regionCode)) throw new AppError('CROSS_PROVINCE_PARTY_INVALID');
  const [party] = await resolveParties(ctx, stationId, station.version, agreement.signed_on, [{ ...input, joinedOn: input.joinedOn ?? today() }]);
  await ctx.trx.insertInto('cross_province_party').values({
    agreement_id: agreementId, region_code: party!.region.code, region_path: party!.region.path, congress_name: party!.congressName || `${party!.region.name}人大`,
    joined_on: party!.joinedOn!, ordinal: Math.max(0, ...existing.map((p) => p.ordinal)) + 1, chair_name: party!.chairName, chair_deputy_id: party!.chairDeputyId,
  }).execute();
  await recordAudit(ctx, { action: 'cross_province.party_add', entityType: 'cross_province_agreement', entityId: agreementId, after: input });
}

/** The agreement document or a rule or manual attached to it: a PDF (≤ 10 MB) or a photo (≤ 5 MB), judged by its bytes. */
export async function checkAgreementFile<F extends { name: string; bytes: Uint8Array }>(file: F): Promise<F & { mime: DocumentOrImageType }> {
  const mime = sniffDocumentOrImage(file.bytes);
  if (!mime) throw new AppError('CROSS_PROVINCE_FILE_TYPE', { name: file.name });
  const max = mime === 'application/pdf' ? MAX_DOCUMENT_BYTES : MAX_PHOTO_BYTES;
  if (file.bytes.length > max) throw new AppError('CROSS_PROVINCE_FILE_TOO_LARGE', { name: file.name, maxMb: max / 1024 / 1024 });
  return { ...file, mime, bytes: await keptBytes(file, mime) };
}

/** Attaches a file checked by `checkAgreementFile`, which runs before the transaction so that no connection is held while a photo is decoded. */
export async function addFile(ctx: WriteContext, agreementId: number, file: { kind: (typeof FILE_KINDS)[number]; name: string; mime: DocumentOrImageType; bytes: Uint8Array }): Promise<number> {
  await lockStation(ctx, await stationOfAgreement(ctx, agreementId), 'host');
  const { mime, bytes } = file;
  const { sha256 } = await storeFile(bytes, mime);
  const { id } = await ctx.trx.insertInto('cross_province_file').values({
    agreement_id: agreementId, kind: file.kind, name: file.name, mime, size: bytes.length, sha256,
    created_by_account_id: ctx.actor.accountId || null, created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'cross_province.file_add', entityType: 'cross_province_agreement', entityId: agreementId, after: { fileId: id, kind: file.kind, name: file.name, mime, size: bytes.length, sha256 } });
  return id;
}

export async function removeFile(ctx: WriteContext, agreementId: number, fileId: number): Promise<void> {
  await lockStation(ctx, await stationOfAgreement(ctx, agreementId), 'host');
  const gone = await ctx.trx.deleteFrom('cross_province_file').where('id', '=', fileId).where('agreement_id', '=', agreementId).returning(['name', 'sha256']).executeTakeFirst();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, { action: 'cross_province.file_remove', entityType: 'cross_province_agreement', entityId: agreementId, before: { fileId, ...gone } });
}

/**
 * Draws up the rota of a year from the parties of the station's latest agreement, in order:
 * quarters not yet begun are (re)written, quarters begun stay as they were.
 */
export async function generateRota(ctx: WriteContext, stationId: number, year: number): Promise<number> {
  await lockStation(ctx, stationId, 'host');
  const agreement = await ctx.trx.selectFrom('cross_province_agreement').select('id').where('station_id', '=', stationId)
    .orderBy('signed_on', 'desc').orderBy('id', 'desc').executeTakeFirst();
  const parties = agreement ? await ctx.trx.selectFrom('cross_province_party')
    .select(['region_code as regionCode', 'region_path as regionPath', 'joined_on as joinedOn', 'chair_name as chairName', 'chair_deputy_id as chairDeputyId', 'congress_name as congressName'])
    .where('agreement_id', '=', agreement.id).orderBy('ordinal').execute() : [];
  if (parties.length === 0) throw new AppError('CROSS_PROVINCE_NO_PARTIES');
  const day = today();
  const last = await ctx.trx.selectFrom('cross_province_chair').select('region_code').where('station_id', '=', stationId)
    .where('starts_on', '<', `${year}-01-01`).orderBy('starts_on', 'desc').executeTakeFirst();
  const rota = rotaOf(year, parties, last?.region_code ?? null);
  // A quarter already begun keeps its chair; the rota goes on after it.
  const begun = await ctx.trx.selectFrom('cross_province_chair').select(['starts_on', 'region_code']).where('station_id', '=', stationId)
    .where('starts_on', '>=', `${year}-01-01`).where('starts_on', '<=', day).orderBy('starts_on', 'desc').execute();
  const fresh = begun.length ? rotaOf(year, parties, begun[0]!.region_code).filter((r) => r.period.start > begun[0]!.starts_on) : rota;
  const rows = fresh.filter((r) => r.period.start > day || begun.length === 0);
  await ctx.trx.deleteFrom('cross_province_chair').where('station_id', '=', stationId)
    .where('starts_on', 'in', rows.length ? rows.map((r) => r.period.start) : ['0000-01-01']).execute();
  if (rows.length) {
    await ctx.trx.insertInto('cross_province_chair').values(rows.map((r) => ({
      station_id: stationId, starts_on: r.period.start, ends_on: r.period.end, region_code: r.party.regionCode, region_path: r.party.regionPath,
      chair_name: r.party.chairName || `${r.party.congressName}主席`, chair_deputy_id: r.party.chairDeputyId,
    }))).execute();
  }
  await recordAudit(ctx, { action: 'cross_province.rota', entityType: 'station', entityId: stationId, after: { year, quarters: rows.map((r) => ({ startsOn: r.period.start, regionCode: r.party.regionCode })) } });
  return rows.length;
}

/** The incoming chair's side confirms the hand-over (clears its to-do): its staff, or the chair deputy. */
export async function acceptHandover(ctx: WriteContext, chairId: number): Promise<void> {
  const row = await ctx.trx.selectFrom('cross_province_chair as c').innerJoin('station as s', 's.id', 'c.station_id')
    .select(['c.id', 'c.accepted_at', 'c.region_path', 'c.chair_deputy_id'])
    .where('c.id', '=', chairId).where(crossStationVisible(ctx.actor, ref('s.id'), ref('s.type'))).forUpdate('c').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const mine = ctx.actor.role === 'admin' || (ctx.actor.role === 'staff' && row.region_path.startsWith(ctx.actor.scopePath!))
    || (ctx.actor.role === 'deputy' && row.chair_deputy_id === ctx.actor.deputyId);
  if (!mine) throw new AppError('FORBIDDEN');
  if (row.accepted_at) return;
  await ctx.trx.updateTable('cross_province_chair').set({ accepted_at: now() }).where('id', '=', chairId).execute();
  await recordAudit(ctx, { action: 'cross_province.handover_accept', entityType: 'cross_province_chair', entityId: chairId, after: { acceptedAt: now().toISOString() } });
}

export async function scheduleMeeting(ctx: WriteContext, stationId: number, input: z.infer<typeof MeetingBody>): Promise<number> {
  await lockStation(ctx, stationId, 'chair');
  const { id } = await ctx.trx.insertInto('cross_province_meeting').values({
    station_id: stationId, scheduled_on: input.scheduledOn, title: input.title, place: input.place, state: 'scheduled', created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'cross_province.meeting_schedule', entityType: 'cross_province_meeting', entityId: id, after: { stationId, ...input } });
  return id;
}

async function lockMeeting(ctx: WriteContext, meetingId: number) {
  const m = await ctx.trx.selectFrom('cross_province_meeting').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND');
  const station = await lockStation(ctx, m.station_id, 'chair');
  return { m, station };
}

/**
 * Records a held joint meeting: attendance by side, minutes, and the activity of kind
 * joint_meeting at the station (through the activities feature), so it is in the registers.
 */
export async function holdMeeting(ctx: WriteContext, meetingId: number, input: z.infer<typeof HoldBody>): Promise<number> {
  const { m, station } = await lockMeeting(ctx, meetingId);
  if (m.state !== 'scheduled') throw new AppError('CROSS_PROVINCE_MEETING_STATE');
  if (m.version !== input.version) throw new AppError('CONFLICT', { currentVersion: m.version });
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() > now().getTime()) throw new AppError('CROSS_PROVINCE_MEETING_NOT_HELD');
  const members = await memberCodes(ctx.trx, m.station_id);
  const sides = input.attendance.map((a) => a.regionCode);
  if (new Set(sides).size !== sides.length || sides.some((c) => !members.includes(c))) throw new AppError('CROSS_PROVINCE_PARTY_INVALID');
  const activityId = await createActivity(ctx, {
    kind: 'joint_meeting', title: m.title, stationId: m.station_id, regionCode: null, campaignId: null, startsAt, endsAt: null,
    place: m.place || station.name, summary: input.minutes.slice(0, 2000), suggestionsMade: 0,
    participants: input.deputyIds.map((deputyId) => ({ deputyId, attendance: 'present' as const })), unitIds: [], rotaSlotId: null,
  });
  if (input.attendance.length) {
    await ctx.trx.insertInto('cross_province_attendance').values(input.attendance.map((a) => ({ meeting_id: meetingId, region_code: a.regionCode, present: a.present, names: a.names }))).execute();
  }
  await ctx.trx.updateTable('cross_province_meeting').set({
    state: 'held', minutes: input.minutes, activity_id: activityId, held_at: startsAt, scheduled_on: shanghaiDate(startsAt), version: m.version + 1,
  }).where('id', '=', meetingId).execute();
  await recordAudit(ctx, { action: 'cross_province.meeting_hold', entityType: 'cross_province_meeting', entityId: meetingId, after: { activityId, attendance: input.attendance } });
  return activityId;
}

export async function cancelMeeting(ctx: WriteContext, meetingId: number): Promise<void> {
  const { m } = await lockMeeting(ctx, meetingId);
  if (m.state !== 'scheduled') throw new AppError('CROSS_PROVINCE_MEETING_STATE');
  await ctx.trx.updateTable('cross_province_meeting').set({ state: 'cancelled', version: m.version + 1 }).where('id', '=', meetingId).execute();
  await recordAudit(ctx, { action: 'cross_province.meeting_cancel', entityType: 'cross_province_meeting', entityId: meetingId, before: { state: m.state } });
}

export async function setCadence(ctx: WriteContext, stationId: number, input: CadenceInput): Promise<void> {
  await lockStation(ctx, stationId, 'host');
  if ([input.receptionKinds, input.exchangeKinds, input.jointKinds].some((k) => k.length === 0)) throw new AppError('CROSS_PROVINCE_KINDS_INVALID');
  const values = {
    receptions_per_week: input.receptionsPerWeek, exchanges_per_month: input.exchangesPerMonth, joint_per_quarter: input.jointPerQuarter,
    reception_kinds: input.receptionKinds, exchange_kinds: input.exchangeKinds, joint_kinds: input.jointKinds, updated_at: now(),
  };
  await ctx.trx.insertInto('cross_province_cadence').values({ station_id: stationId, ...values })
    .onConflict((oc) => oc.column('station_id').doUpdateSet({ ...values, version: sql`cross_province_cadence.version + 1` })).execute();
  await recordAudit(ctx, { action: 'cross_province.cadence', entityType: 'station', entityId: stationId, after: input });
}

async function checkIssueInput(ctx: WriteContext, stationId: number, input: IssueInput) {
  const members = await memberCodes(ctx.trx, stationId);
  if (new Set(input.sides).size !== input.sides.length || input.sides.some((c) => !members.includes(c))) throw new AppError('CROSS_PROVINCE_PARTY_INVALID');
  if (input.caseIds.length) {
    const seen = await ctx.trx.selectFrom('opinion as o').select('o.id').where('o.id', 'in', input.caseIds).where('o.station_id', '=', stationId)
      .where(caseVisible(ctx.actor, caseColumns('o'))).execute();
    if (seen.length !== new Set(input.caseIds).size) throw new AppError('CROSS_PROVINCE_LINK_INVALID');
  }
  if (input.suggestionIds.length) {
    const seen = await ctx.trx.selectFrom('suggestion as s').select('s.id').where('s.id', 'in', input.suggestionIds).where('s.state', '<>', 'draft')
      .where(suggestionVisible(ctx.actor, suggestionColumns('s'))).execute();
    if (seen.length !== new Set(input.suggestionIds).size) throw new AppError('CROSS_PROVINCE_LINK_INVALID');
  }
}

async function writeIssueParts(trx: Transaction<DB>, issueId: number, input: IssueInput) {
  await trx.deleteFrom('cross_province_issue_side').where('issue_id', '=', issueId).execute();
  await trx.deleteFrom('cross_province_issue_link').where('issue_id', '=', issueId).execute();
  await trx.insertInto('cross_province_issue_side').values(input.sides.map((c) => ({ issue_id: issueId, region_code: c }))).execute();
  const links: { issue_id: number; kind: 'case' | 'suggestion'; target_id: number }[] = [
    ...[...new Set(input.caseIds)].map((id) => ({ issue_id: issueId, kind: 'case' as const, target_id: id })),
    ...[...new Set(input.suggestionIds)].map((id) => ({ issue_id: issueId, kind: 'suggestion' as const, target_id: id })),
  ];
  if (links.length) await trx.insertInto('cross_province_issue_link').values(links).execute();
}

/** A new item of the joint governance list, by the host or this quarter's chair side. */
export async function createIssue(ctx: WriteContext, stationId: number, input: IssueInput): Promise<number> {
  await lockStation(ctx, stationId, 'chair');
  await checkIssueInput(ctx, stationId, input);
  const at = now();
  const { id } = await ctx.trx.insertInto('cross_province_issue').values({
    station_id: stationId, title: input.title, category: input.category, description: input.description, status: 'open', deadline: input.deadline, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await writeIssueParts(ctx.trx, id, input);
  await recordAudit(ctx, { action: 'cross_province.issue_create', entityType: 'cross_province_issue', entityId: id, after: { stationId, ...input } });
  return id;
}

async function lockIssue(ctx: WriteContext, issueId: number, version: number) {
  const issue = await ctx.trx.selectFrom('cross_province_issue').selectAll().where('id', '=', issueId).executeTakeFirst();
  if (!issue) throw new AppError('NOT_FOUND');
  await lockStation(ctx, issue.station_id, 'chair');
  if (issue.version !== version) throw new AppError('CONFLICT', { currentVersion: issue.version });
  return issue;
}

export async function updateIssue(ctx: WriteContext, issueId: number, input: IssueInput & { version: number }): Promise<void> {
  const issue = await lockIssue(ctx, issueId, input.version);
  await checkIssueInput(ctx, issue.station_id, input);
  await ctx.trx.updateTable('cross_province_issue').set({
    title: input.title, category: input.category, description: input.description, deadline: input.deadline, updated_at: now(), version: issue.version + 1,
  }).where('id', '=', issueId).execute();
  await writeIssueParts(ctx.trx, issueId, input);
  await recordAudit(ctx, { action: 'cross_province.issue_update', entityType: 'cross_province_issue', entityId: issueId,
    before: { title: issue.title, category: issue.category, deadline: issue.deadline }, after: input });
}

/** A progress note on an item, optionally moving its status (open → in progress → resolved, or back). */
export async function addIssueNote(ctx: WriteContext, issueId: number, input: z.infer<typeof NoteBody>): Promise<void> {
  const issue = await lockIssue(ctx, issueId, input.version);
  const to: CrossProvinceIssueStatus | null = input.status && input.status !== issue.status ? input.status : null;
  const at = now();
  await ctx.trx.insertInto('cross_province_issue_note').values({
    issue_id: issueId, at, body: input.body, status_from: to ? issue.status : null, status_to: to, author_name: ctx.actor.displayName, author_account_id: ctx.actor.accountId || null,
  }).execute();
  await ctx.trx.updateTable('cross_province_issue').set({ status: to ?? issue.status, updated_at: at, version: issue.version + 1 }).where('id', '=', issueId).execute();
  await recordAudit(ctx, { action: 'cross_province.issue_note', entityType: 'cross_province_issue', entityId: issueId, before: { status: issue.status }, after: { status: to ?? issue.status, body: input.body } });
}

/** The accounts of a side: its staff (the region's and the regions above it, up to the county) and its chair deputy's account. */
function sideAccounts(trx: Transaction<DB>, regionPath: string, deputyId: number | null) {
  const staff = accountsWithRole(trx, 'staff').innerJoin('region as r', 'r.code', 'account.region_code')
    .where(sql<boolean>`${regionPath} like r.path || '%'`).where('r.level', 'in', ['county', 'town']);
  return anyOf(staff, deputyId !== null && deputiesOf(trx, [deputyId]));
}

/**
 * Daily: tells the incoming and the outgoing chair some days before a quarter turns (once each),
 * and every side of a station a week before a scheduled joint meeting.
 */
export async function remindCrossProvince(trx: Transaction<DB>, at: Date): Promise<void> {
  const day = shanghaiDate(at);
  const incoming = await trx.selectFrom('cross_province_chair as c').innerJoin('station as s', 's.id', 'c.station_id')
    .select(['c.id', 'c.station_id', 'c.starts_on', 'c.region_path', 'c.chair_name', 'c.chair_deputy_id', 's.name'])
    .where('c.starts_on', '>', day).where('c.starts_on', '<=', addDays(day, HANDOVER_DAYS)).execute();
  for (const c of incoming) {
    const outgoing = await trx.selectFrom('cross_province_chair').select(['region_path', 'chair_name', 'chair_deputy_id'])
      .where('station_id', '=', c.station_id).where('starts_on', '<', c.starts_on).orderBy('starts_on', 'desc').executeTakeFirst();
    const title = `${c.name}轮值交接:${c.starts_on} 起由${c.chair_name}轮值`;
    const link = `/cross-province?station=${c.station_id}`;
    await notify(trx, { accountIds: sideAccounts(trx, c.region_path, c.chair_deputy_id), kind: 'cross_province.handover', title, body: '请做好接任准备,牵头协同治理清单和联席会议。', link, dedupeKey: `cross_province:handover:${c.id}:in` });
    if (outgoing) {
      await notify(trx, { accountIds: sideAccounts(trx, outgoing.region_path, outgoing.chair_deputy_id), kind: 'cross_province.handover', title, body: `请${outgoing.chair_name}整理本季度工作,向接任方移交协同治理清单。`, link, dedupeKey: `cross_province:handover:${c.id}:out` });
    }
  }
  const meetings = await trx.selectFrom('cross_province_meeting as m').innerJoin('station as s', 's.id', 'm.station_id')
    .select(['m.id', 'm.station_id', 'm.title', 'm.scheduled_on', 'm.place', 's.name'])
    .where('m.state', '=', 'scheduled').where('m.scheduled_on', '>=', day).where('m.scheduled_on', '<=', addDays(day, MEETING_NOTICE_DAYS)).execute();
  for (const m of meetings) {
    const sides = await trx.selectFrom('station_region').select('region_path').where('station_id', '=', m.station_id).execute();
    const officers = trx.selectFrom('account_station').select('account_id as id').where('station_id', '=', m.station_id);
    await notify(trx, { accountIds: anyOf(...sides.map((side) => sideAccounts(trx, side.region_path, null)), officers), kind: 'cross_province.meeting', title: `${m.name}联席会议:${m.scheduled_on} ${m.title}`, body: m.place, link: `/cross-province?station=${m.station_id}`, dedupeKey: `cross_province:meeting:${m.id}:${m.scheduled_on}` });
  }
}
