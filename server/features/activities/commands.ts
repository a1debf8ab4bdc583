/**
 * Recording deputies' activities (履职活动): where and when, who took part and whether they came,
 * the departments invited, photos and reports, the campaign it belongs to, and the reception
 * day of the rota it fulfils. One transaction per write, its audit record last.
 */
import { sql } from 'kysely';
import type { ActivityKind, Attendance } from '../../../common/enums.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { AppError, invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { storeFile, type StoredFile } from '../../platform/files/index.js';
import { activityColumns, activityEditable, activityNeedsStation, activityVisible, recordingDeputy } from './access.js';
import { atOperableStation, deputyVisible, hasRole, ref, regionManageable, stationVisible, unitVisible } from '../../platform/access/scope.js';
import { photoProblems } from '../cases/index.js';
import { now } from '../../platform/clock.js';

export const MAX_ACTIVITY_PHOTOS = 9;
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export interface ActivityFileInput { bytes: Uint8Array; filename?: string }

export interface ActivityInput {
  kind: ActivityKind;
  title: string;
  stationId: number | null;
  /** Needed only without a station (视察, 调研 in a region); a station's activity is in its home region. */
  regionCode: string | null;
  campaignId: number | null;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
  summary: string;
  suggestionsMade: number;
  participants: { deputyId: number; attendance: Attendance }[];
  unitIds: number[];
  /** The reception day of the rota this activity holds. */
  rotaSlotId: number | null;
}

type Problem = { path: string; code: FieldMessageCode };

/** Reports: PDF, or the zip-based Office formats (docx, xlsx, pptx), told apart by their first bytes. */
function sniffReport(bytes: Uint8Array, filename: string): string | null {
  if (bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'application/pdf';
  const zip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ext = filename.toLowerCase().split('.').pop();
  if (zip && ext === 'docx') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (zip && ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (zip && ext === 'pptx') return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return null;
}

/** Where the activity is, checked against the actor's reach: a station they see, or a region they manage. */
async function placeOf(ctx: WriteContext, input: Pick<ActivityInput, 'stationId' | 'regionCode'>) {
  if (input.stationId !== null) {
    const station = await ctx.trx.selectFrom('station as s')
      .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .select(['s.id', 'h.region_code', 'h.region_path'])
      .where('s.id', '=', input.stationId).where('s.active', '=', true)
      .where(stationVisible(ctx.actor, ref('s.id')))
      .executeTakeFirst();
    if (!station) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
    return { stationId: station.id, regionCode: station.region_code, regionPath: station.region_path };
  }
  if (activityNeedsStation(ctx.actor)) throw invalidFields([{ path: 'stationId', code: 'REQUIRED' }]);
  const deputyId = recordingDeputy(ctx.actor);
  let code = input.regionCode;
  if (code === null && deputyId !== null) {
    code = (await ctx.trx.selectFrom('deputy').select('region_code').where('id', '=', deputyId).executeTakeFirstOrThrow()).region_code;
  }
  if (code === null) throw invalidFields([{ path: 'regionCode', code: 'REQUIRED' }]);
  const region = await ctx.trx.selectFrom('region').select(['code', 'path']).where('code', '=', code).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
  const ownRegion = deputyId !== null
    && (await ctx.trx.selectFrom('deputy').select('region_code').where('id', '=', deputyId).executeTakeFirstOrThrow()).region_code === code;
  if (!ownRegion && !regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  return { stationId: null, regionCode: region.code, regionPath: region.path };
}

/** The participants, invited units and campaign must all be records the actor can see. */
async function checkReferences(ctx: WriteContext, input: ActivityInput, problems: Problem[]) {
  const deputyIds = input.participants.map((p) => p.deputyId);
  if (new Set(deputyIds).size !== deputyIds.length) problems.push({ path: 'participants', code: 'DUPLICATE_VALUES' });
  if (deputyIds.length) {
    const seen = new Set((await ctx.trx.selectFrom('deputy as d').select('d.id').where('d.id', 'in', deputyIds)
      .where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path'))).execute()).map((d) => d.id));
    input.participants.forEach((p, i) => { if (!seen.has(p.deputyId)) problems.push({ path: `participants.${i}.deputyId`, code: 'UNKNOWN_REFERENCE' }); });
  }
  if (input.unitIds.length) {
    const seen = new Set((await ctx.trx.selectFrom('unit as u').select('u.id').where('u.id', 'in', input.unitIds)
      .where(unitVisible(ctx.actor, ref('u.id'), ref('u.region_path'))).execute()).map((u) => u.id));
    input.unitIds.forEach((id, i) => { if (!seen.has(id)) problems.push({ path: `unitIds.${i}`, code: 'UNKNOWN_REFERENCE' }); });
  }
  if (input.campaignId !== null) {
    const campaign = await ctx.trx.selectFrom('activity_campaign').select(['id', 'starts_on', 'ends_on'])
      .where('id', '=', input.campaignId).executeTakeFirst();
    if (!campaign) problems.push({ path: 'campaignId', code: 'UNKNOWN_REFERENCE' });
  }
}

/**
 * A rota day the activity holds: the station's, not cancelled, not held by another activity. The
 * rota is the station's record: staff hold its days under the station's manage rule (another side
 * of a shared station records its receptions without one); its deputies hold the days they serve.
 */
async function checkRotaSlot(ctx: WriteContext, slotId: number, stationId: number | null, kind: ActivityKind, activityId: number | null, problems: Problem[]) {
  const slot = await ctx.trx.selectFrom('rota_slot').select(['id', 'station_id', 'activity_id', 'cancelled', atOperableStation(ctx.actor, ref('station_id')).as('operable')])
    .where('id', '=', slotId).forUpdate().executeTakeFirst();
  const outsider = hasRole(ctx.actor, 'staff') && !slot?.operable;
  if (!slot || outsider || slot.station_id !== stationId || slot.cancelled || (slot.activity_id !== null && slot.activity_id !== activityId)) {
    problems.push({ path: 'rotaSlotId', code: 'ROTA_SLOT_UNAVAILABLE' });
  } else if (kind !== 'reception') {
    problems.push({ path: 'kind', code: 'ROTA_NEEDS_RECEPTION' });
  }
}

async function writeLinks(ctx: WriteContext, id: number, input: ActivityInput) {
  await ctx.trx.deleteFrom('activity_participant').where('activity_id', '=', id).execute();
  await ctx.trx.deleteFrom('activity_unit').where('activity_id', '=', id).execute();
  if (input.participants.length) {
    await ctx.trx.insertInto('activity_participant')
      .values(input.participants.map((p) => ({ activity_id: id, deputy_id: p.deputyId, attendance: p.attendance }))).execute();
  }
  if (input.unitIds.length) {
    await ctx.trx.insertInto('activity_unit').values(input.unitIds.map((u) => ({ activity_id: id, unit_id: u }))).execute();
  }
  await ctx.trx.updateTable('rota_slot').set({ activity_id: null }).where('activity_id', '=', id).execute();
  if (input.rotaSlotId !== null) {
    await ctx.trx.updateTable('rota_slot').set({ activity_id: id, version: sql`version + 1` }).where('id', '=', input.rotaSlotId).execute();
  }
}

export async function activitySnapshot(ctx: WriteContext, id: number) {
  const activity = await ctx.trx.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const participants = await ctx.trx.selectFrom('activity_participant').select(['deputy_id', 'attendance']).where('activity_id', '=', id).orderBy('deputy_id').execute();
  const units = (await ctx.trx.selectFrom('activity_unit').select('unit_id').where('activity_id', '=', id).orderBy('unit_id').execute()).map((u) => u.unit_id);
  const files = await ctx.trx.selectFrom('activity_file').select(['id', 'kind', 'filename', 'mime', 'size', 'sha256']).where('activity_id', '=', id).orderBy('id').execute();
  const rotaSlot = await ctx.trx.selectFrom('rota_slot').select('id').where('activity_id', '=', id).executeTakeFirst();
  return { ...activity, participants, units, files, rotaSlotId: rotaSlot?.id ?? null };
}

function checkInput(ctx: WriteContext, input: ActivityInput, problems: Problem[]) {
  if (input.endsAt && input.endsAt < input.startsAt) problems.push({ path: 'endsAt', code: 'ENDS_BEFORE_START' });
  // A deputy records what they did: they are among the participants.
  const deputyId = recordingDeputy(ctx.actor);
  if (deputyId !== null && !input.participants.some((p) => p.deputyId === deputyId)) {
    input.participants = [{ deputyId, attendance: 'present' }, ...input.participants];
  }
}

export async function createActivity(ctx: WriteContext, input: ActivityInput, checked: CheckedActivityFiles = NO_FILES): Promise<number> {
  const place = await placeOf(ctx, input);
  const problems: Problem[] = [];
  checkInput(ctx, input, problems);
  await checkReferences(ctx, input, problems);
  if (input.rotaSlotId !== null) await checkRotaSlot(ctx, input.rotaSlotId, place.stationId, input.kind, null, problems);
  const files = filesWithin(checked, 0, problems);
  if (problems.length) throw invalidFields(problems);
  const { id } = await ctx.trx.insertInto('activity').values({
    kind: input.kind, title: input.title, station_id: place.stationId, region_code: place.regionCode, region_path: place.regionPath,
    campaign_id: input.campaignId, starts_at: input.startsAt, ends_at: input.endsAt, place: input.place, summary: input.summary,
    suggestions_made: input.suggestionsMade, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await writeLinks(ctx, id, input);
  await insertFiles(ctx, id, files);
  await recordAudit(ctx, { action: 'activity.create', entityType: 'activity', entityId: id, after: await activitySnapshot(ctx, id) });
  return id;
}

/** The activity as its editor may change it (404 for one they cannot see, 403 for one they may only read). */
async function lockEditable(ctx: WriteContext, id: number, version: number | null) {
  const row = await ctx.trx.selectFrom('activity as a').select(['a.id', 'a.version', activityEditable(ctx.actor, activityColumns('a')).as('editable')])
    .where('a.id', '=', id).where(activityVisible(ctx.actor, activityColumns('a'))).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.editable) throw new AppError('FORBIDDEN');
  if (version !== null && row.version !== version) throw new AppError('CONFLICT', { currentVersion: row.version });
}

export async function updateActivity(ctx: WriteContext, id: number, version: number, input: ActivityInput): Promise<void> {
  await lockEditable(ctx, id, version);
  const before = await activitySnapshot(ctx, id);
  const place = await placeOf(ctx, input);
  const problems: Problem[] = [];
  checkInput(ctx, input, problems);
  await checkReferences(ctx, input, problems);
  if (input.rotaSlotId !== null) await checkRotaSlot(ctx, input.rotaSlotId, place.stationId, input.kind, id, problems);
  if (problems.length) throw invalidFields(problems);
  await ctx.trx.updateTable('activity').set({
    kind: input.kind, title: input.title, station_id: place.stationId, region_code: place.regionCode, region_path: place.regionPath,
    campaign_id: input.campaignId, starts_at: input.startsAt, ends_at: input.endsAt, place: input.place, summary: input.summary,
    suggestions_made: input.suggestionsMade, updated_at: now(), version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await writeLinks(ctx, id, input);
  await recordAudit(ctx, { action: 'activity.update', entityType: 'activity', entityId: id, before, after: await activitySnapshot(ctx, id) });
}

/** An activity's photos and reports checked (photos cleaned) by `checkActivityFiles`, with the problems found. */
export interface CheckedActivityFiles {
  photoCount: number;
  files: { kind: 'photo' | 'report'; mime: string; bytes: Uint8Array; filename: string }[];
  problems: Problem[];
}

const NO_FILES: CheckedActivityFiles = { photoCount: 0, files: [], problems: [] };

/** The files, with the photo count checked against those the activity has, their problems added to `problems`. */
function filesWithin(checked: CheckedActivityFiles, existingPhotos: number, problems: Problem[]) {
  if (existingPhotos + checked.photoCount > MAX_ACTIVITY_PHOTOS) problems.push({ path: 'photos', code: 'TOO_MANY_ACTIVITY_PHOTOS' });
  problems.push(...checked.problems);
  return checked.files;
}

/**
 * Checks an activity's photos (type, size, decoded and written anew) and reports (type, size).
 * Call it before the write's transaction: no connection is held while libvips works.
 */
export async function checkActivityFiles(photos: ActivityFileInput[], reports: ActivityFileInput[]): Promise<CheckedActivityFiles> {
  const problems: Problem[] = [];
  const checkedPhotos = await photoProblems(photos, problems);
  const checkedReports = reports.map((r, i) => {
    const mime = sniffReport(r.bytes, r.filename ?? '');
    if (!mime) problems.push({ path: `reports.${i}`, code: 'REPORT_TYPE' });
    else if (r.bytes.length > MAX_REPORT_BYTES) problems.push({ path: `reports.${i}`, code: 'REPORT_TOO_LARGE' });
    return { kind: 'report' as const, mime: mime ?? '', bytes: r.bytes, filename: (r.filename ?? '').slice(0, 200) };
  });
  const files = [...checkedPhotos.map((p, i) => ({ kind: 'photo' as const, mime: p.mime, bytes: p.bytes, filename: photos[i]?.filename ?? '' })), ...checkedReports];
  return { photoCount: photos.length, files, problems };
}

async function insertFiles(ctx: WriteContext, id: number, files: { kind: 'photo' | 'report'; mime: string; bytes: Uint8Array; filename: string }[]) {
  if (!files.length) return;
  const stored: StoredFile[] = [];
  for (const f of files) stored.push(await storeFile(f.bytes, f.mime));
  await ctx.trx.insertInto('activity_file').values(files.map((f, i) => ({
    activity_id: id, kind: f.kind, filename: f.filename, mime: f.mime, size: stored[i]!.size, sha256: stored[i]!.sha256,
  }))).execute();
}

/** Adds photos or reports to an activity after the fact (a report written up later). */
export async function addActivityFiles(ctx: WriteContext, id: number, checked: CheckedActivityFiles): Promise<void> {
  await lockEditable(ctx, id, null);
  const existing = Number((await ctx.trx.selectFrom('activity_file').select((eb) => eb.fn.countAll().as('n'))
    .where('activity_id', '=', id).where('kind', '=', 'photo').executeTakeFirstOrThrow()).n);
  const problems: Problem[] = [];
  const files = filesWithin(checked, existing, problems);
  if (problems.length) throw invalidFields(problems);
  const before = await activitySnapshot(ctx, id);
  await insertFiles(ctx, id, files);
  await ctx.trx.updateTable('activity').set({ updated_at: now(), version: sql`version + 1` }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'activity.add_files', entityType: 'activity', entityId: id, before, after: await activitySnapshot(ctx, id) });
}

