/**
 * Writing topics: creating and changing a draft (its questions, its stations), its documents,
 * and the steps publish → close → deliberate (审议意见) → handle (政府处理情况). Each write is
 * one transaction with its audit record; who may run the topic is checked in the SQL.
 */
import { bookTitle } from '../../platform/text/bookTitle.js';
import { sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import type { ConsultationLevel } from '../../platform/db/schemaConsultation.js';
import { AppError } from '../../platform/errors.js';
import { storeFile } from '../../platform/files/index.js';
import { now as clockNow } from '../../platform/clock.js';
import { regionManageable, within } from '../../platform/access/scope.js';
import { sniffDocumentOrImage, type DocumentOrImageType } from '../../platform/uploads/documentType.js';
import { keptBytes } from '../../platform/uploads/photo.js';
import { MAX_PHOTO_BYTES } from '../../platform/uploads/imageType.js';
import { notify } from '../../platform/notify/notify.js';
import { accountsWithRole, anyOf, type Audience } from '../../platform/notify/audience.js';
import { noteOnCase } from '../cases/index.js';
import { topicColumns, topicManageable } from './access.js';
import { STATE_LABELS, STEPS, type Step } from './states.js';

export interface TopicInput {
  title: string;
  background: string;
  questions: string[];
  opensOn: string;
  closesOn: string;
  congress: { level: ConsultationLevel; regionCode: string };
  stationIds?: number[] | undefined;
  wholeRegionCode?: string | undefined;
}

const REGION_LEVEL_OF: Record<ConsultationLevel, string> = { provincial: 'province', city: 'city', county: 'county', township: 'town' };

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The topic row as its runner may change it, locked; NOT_FOUND when out of the actor's reach to run. */
async function lockManaged(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('consultation_topic as t').selectAll('t')
    .where('t.id', '=', id).where(topicManageable(ctx.actor, topicColumns('t'))).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The congress region (checked against its level and the actor's scope) and the stations asked. */
async function resolveInput(ctx: WriteContext, input: TopicInput) {
  if (input.closesOn < input.opensOn) throw new AppError('CONSULTATION_WINDOW_INVALID');
  const region = await ctx.trx.selectFrom('region').select(['code', 'path', 'level', 'name']).where('code', '=', input.congress.regionCode).executeTakeFirst();
  if (!region || region.level !== REGION_LEVEL_OF[input.congress.level] || !regionManageable(ctx.actor, region.path)) {
    throw new AppError('CONSULTATION_CONGRESS_INVALID');
  }
  let stationIds: number[];
  let wholeRegionCode: string | null = null;
  if (input.wholeRegionCode) {
    const whole = await ctx.trx.selectFrom('region').select(['code', 'path']).where('code', '=', input.wholeRegionCode).executeTakeFirst();
    if (!whole || !whole.path.startsWith(region.path)) throw new AppError('CONSULTATION_CONGRESS_INVALID');
    wholeRegionCode = whole.code;
    const rows = await ctx.trx.selectFrom('station as s').select('s.id').where('s.active', '=', true)
      .where(sql<boolean>`exists (select 1 from station_region sr where sr.station_id = s.id and ${within(sql.ref('sr.region_path'), whole.path)})`)
      .orderBy('s.id').execute();
    stationIds = rows.map((r) => r.id);
  } else {
    stationIds = [...new Set(input.stationIds ?? [])];
    if (stationIds.length) {
      const rows = await ctx.trx.selectFrom('station as s').select(['s.id', 's.name',
        sql<boolean>`exists (select 1 from station_region sr where sr.station_id = s.id and ${within(sql.ref('sr.region_path'), region.path)})`.as('inside')])
        .where('s.id', 'in', stationIds).execute();
      if (rows.length !== stationIds.length) throw new AppError('NOT_FOUND');
      const outside = rows.find((r) => !r.inside);
      if (outside) throw new AppError('CONSULTATION_STATION_OUTSIDE', { name: outside.name });
    }
  }
  if (stationIds.length === 0) throw new AppError('CONSULTATION_NO_STATIONS');
  return { region, stationIds, wholeRegionCode };
}

async function writeParts(trx: Transaction<DB>, id: number, questions: string[], stationIds: number[]) {
  await trx.deleteFrom('consultation_question').where('topic_id', '=', id).execute();
  await trx.insertInto('consultation_question').values(questions.map((text, i) => ({ topic_id: id, position: i + 1, text }))).execute();
  await trx.deleteFrom('consultation_station').where('topic_id', '=', id).execute();
  await trx.insertInto('consultation_station').values(stationIds.map((station_id) => ({ topic_id: id, station_id }))).execute();
}

const facts = (input: TopicInput, stationIds: number[]) => ({
  title: input.title, opensOn: input.opensOn, closesOn: input.closesOn, congress: input.congress,
  questions: input.questions, stationIds, wholeRegionCode: input.wholeRegionCode ?? null,
});

export async function createTopic(ctx: WriteContext, input: TopicInput): Promise<number> {
  const { region, stationIds, wholeRegionCode } = await resolveInput(ctx, input);
  const at = clockNow();
  const { id } = await ctx.trx.insertInto('consultation_topic').values({
    title: input.title, background: input.background, state: 'draft', congress_level: input.congress.level,
    congress_region_code: region.code, congress_region_path: region.path, whole_region_code: wholeRegionCode,
    opens_on: input.opensOn, closes_on: input.closesOn, created_by_account_id: ctx.actor.accountId || null, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await writeParts(ctx.trx, id, input.questions, stationIds);
  await recordAudit(ctx, { action: 'consultation.create', entityType: 'consultation', entityId: id, after: facts(input, stationIds) });
  return id;
}

export async function updateTopic(ctx: WriteContext, id: number, input: TopicInput & { version: number }): Promise<void> {
  const row = await lockManaged(ctx, id);
  if (row.state !== 'draft') throw new AppError('CONSULTATION_NOT_DRAFT');
  if (row.version !== input.version) throw new AppError('CONFLICT');
  const { region, stationIds, wholeRegionCode } = await resolveInput(ctx, input);
  await ctx.trx.updateTable('consultation_topic').set({
    title: input.title, background: input.background, congress_level: input.congress.level,
    congress_region_code: region.code, congress_region_path: region.path, whole_region_code: wholeRegionCode,
    opens_on: input.opensOn, closes_on: input.closesOn, updated_at: clockNow(), version: row.version + 1,
  }).where('id', '=', id).execute();
  await writeParts(ctx.trx, id, input.questions, stationIds);
  await recordAudit(ctx, { action: 'consultation.update', entityType: 'consultation', entityId: id,
    before: { title: row.title, opensOn: row.opens_on, closesOn: row.closes_on, version: row.version }, after: facts(input, stationIds) });
}

/** A background document (PDF ≤ 10 MB, or a JPEG/PNG/WebP photo ≤ 5 MB), judged by its bytes; while a draft or open. */
export async function checkDocument(file: { name: string; bytes: Uint8Array }): Promise<{ name: string; mime: DocumentOrImageType; bytes: Uint8Array }> {
  const mime = sniffDocumentOrImage(file.bytes);
  if (!mime) throw new AppError('CONSULTATION_FILE_TYPE', { name: file.name });
  const max = mime === 'application/pdf' ? MAX_DOCUMENT_BYTES : MAX_PHOTO_BYTES;
  if (file.bytes.length > max) throw new AppError('CONSULTATION_FILE_TOO_LARGE', { name: file.name, maxMb: max / 1024 / 1024 });
  return { name: file.name, mime, bytes: await keptBytes(file, mime) };
}

/** Adds a document checked by `checkDocument`, which runs before the transaction so that no connection is held while a photo is decoded. */
export async function addDocument(ctx: WriteContext, id: number, file: { name: string; mime: DocumentOrImageType; bytes: Uint8Array }) {
  const row = await lockManaged(ctx, id);
  if (row.state !== 'draft' && row.state !== 'open') throw new AppError('CONSULTATION_NOT_DRAFT');
  const { mime, bytes } = file;
  const { sha256 } = await storeFile(bytes, mime);
  const doc = await ctx.trx.insertInto('consultation_document').values({
    topic_id: id, name: file.name, mime, size: bytes.length, sha256, created_by_account_id: ctx.actor.accountId || null, created_at: clockNow(),
  }).returning(['id', 'name', 'mime', 'size']).executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'consultation.add_document', entityType: 'consultation', entityId: id, after: { documentId: doc.id, name: doc.name, mime, size: doc.size, sha256 } });
  return { ...doc, url: `/api/consultations/${id}/documents/${doc.id}` };
}

export async function removeDocument(ctx: WriteContext, id: number, documentId: number): Promise<void> {
  const row = await lockManaged(ctx, id);
  if (row.state !== 'draft') throw new AppError('CONSULTATION_NOT_DRAFT');
  const gone = await ctx.trx.deleteFrom('consultation_document').where('id', '=', documentId).where('topic_id', '=', id)
    .returning(['name', 'sha256']).executeTakeFirst();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, { action: 'consultation.remove_document', entityType: 'consultation', entityId: id, before: { documentId, ...gone } });
}

/** The stations a topic's feedback goes to, as a query: where a view was registered or an activity linked. */
function contributingStations(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('consultation_view').select('station_id').where('topic_id', '=', id)
    .union(trx.selectFrom('consultation_activity').select('station_id').where('topic_id', '=', id));
}

/** Who is told of a topic at the stations `stations` (a query of station ids): their officers and their deputies' accounts. */
function stationPeople(trx: Transaction<DB>, stations: SelectQueryBuilder<DB, any, { station_id: number }>): Audience {
  return anyOf(
    trx.selectFrom('account_station').select('account_id as id').where('station_id', 'in', stations),
    accountsWithRole(trx, 'deputy').where('account.deputy_id', 'in', trx.selectFrom('deputy_station').select('deputy_id').where('station_id', 'in', stations)),
  )!;
}

/**
 * One step of a topic: publish (draft → open; the stations asked are told, it enters their work
 * lists), close (open → closed), deliberate (closed → deliberated, with the committee's opinion)
 * and handle (deliberated → handled, with the government's report). Each feedback step is told to
 * the officers and deputies of every contributing station and noted on each case a view came with.
 */
export async function takeStep(ctx: WriteContext, id: number, step: Step, text?: string): Promise<void> {
  const row = await lockManaged(ctx, id);
  const rule = STEPS[step];
  if (row.state !== rule.from) {
    throw new AppError('CONSULTATION_TRANSITION_INVALID', { stateLabel: STATE_LABELS[row.state].zh, stepLabel: rule.label.zh });
  }
  const at = clockNow();
  const by = ctx.actor.displayName;
  const base = { state: rule.to, updated_at: at, version: row.version + 1 };
  const q = ctx.trx.updateTable('consultation_topic').where('id', '=', id);
  if (step === 'publish') await q.set({ ...base, published_at: at }).execute();
  else if (step === 'close') await q.set({ ...base, closed_at: at }).execute();
  else if (step === 'deliberate') await q.set({ ...base, opinion: text!, opinion_at: at, opinion_by: by }).execute();
  else await q.set({ ...base, handling: text!, handling_at: at, handling_by: by }).execute();

  const link = `/consultations/${id}`;
  if (step === 'publish') {
    await notify(ctx.trx, {
      accountIds: stationPeople(ctx.trx, ctx.trx.selectFrom('consultation_station').select('station_id').where('topic_id', '=', id)),
      exceptAccountId: ctx.actor.accountId,
      kind: 'consultation.publish', title: '新的议题征询', body: `${bookTitle(row.title)}征询意见,${row.opens_on} 至 ${row.closes_on}`, link, dedupeKey: `consultation:${id}:publish`,
    });
  }
  if (step === 'deliberate' || step === 'handle') {
    await notify(ctx.trx, {
      accountIds: stationPeople(ctx.trx, contributingStations(ctx.trx, id)), exceptAccountId: ctx.actor.accountId,
      kind: `consultation.${step}`, title: step === 'deliberate' ? '议题征询:常委会审议意见已反馈' : '议题征询:政府处理情况已反馈',
      body: bookTitle(row.title), link, dedupeKey: `consultation:${id}:${step}`,
    });
    const cases = await ctx.trx.selectFrom('consultation_view').select('case_id').distinct().where('topic_id', '=', id).where('case_id', 'is not', null).execute();
    const comment = step === 'deliberate' ? `${bookTitle(row.title)}常委会审议意见:${text}` : `${bookTitle(row.title)}政府处理情况:${text}`;
    for (const c of cases) await noteOnCase(ctx.trx, c.case_id!, 'consultation_feedback', comment.slice(0, 2000), { link: `/consultations/${id}` }, at);
  }
  await recordAudit(ctx, { action: `consultation.${step}`, entityType: 'consultation', entityId: id,
    before: { state: row.state }, after: { state: rule.to, ...(text !== undefined ? { text } : {}) } });
}

