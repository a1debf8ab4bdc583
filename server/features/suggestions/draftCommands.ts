/**
 * Drafting a suggestion or motion (起草): the congress it goes to (one of the lead deputy's
 * levels, in its running term, during a session or between sessions), what it is about, what it
 * grows from and who is asked to co-sign; the draft's files. The edit action (draftActions.ts)
 * checks a changed draft with the same rules.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { containsPattern } from '../../platform/db/sql.js';
import type { DeputyLevel } from '../../../common/enums.js';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { SuggestionKind } from '../../platform/db/schemaSuggestions.js';
import { AppError, invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { storeFile } from '../../platform/files/index.js';
import { sniffDocumentOrImage, type DocumentOrImageType } from '../../platform/uploads/documentType.js';
import { keptBytes } from '../../platform/uploads/photo.js';
import { MAX_PHOTO_BYTES } from '../../platform/uploads/imageType.js';
import { congressTermName } from '../terms/index.js';
import { suggestionColumns, suggestionVisible } from './access.js';
import { notifySuggestion } from './notices.js';
import { settingsFor, type Congress } from './settings.js';
import { checkSources, replaceSources } from './sources.js';
import { SUGGESTION_RULES } from './workflow.js';

/** What a deputy writes in a draft (POST /api/suggestions, PUT /api/suggestions/{id}). */
export interface DraftInput {
  kind: SuggestionKind;
  title: string;
  reasons: string;
  proposals: string;
  categoryId: number;
  /** The region the suggestion concerns, inside the congress's region. */
  regionCode: string;
  /** The congress's level, one of the lead deputy's; needed only by a deputy of several levels. */
  level?: DeputyLevel | undefined;
  /** The session it is filed during; null between sessions; left out: the session open today, if any. */
  sessionId?: number | null | undefined;
  caseIds?: number[] | undefined;
  activityIds?: number[] | undefined;
  cosignerIds?: number[] | undefined;
}

type Db = Kysely<DB> | Transaction<DB>;

/** The lead deputy's seats: each names a congress. */
async function seatsOf(db: Db, deputyId: number) {
  return db.selectFrom('deputy_level as l').leftJoin('region as r', 'r.code', 'l.region_code')
    .select(['l.level', 'l.region_code', 'r.name as region_name', 'r.path as region_path'])
    .where('l.deputy_id', '=', deputyId).orderBy('l.level').execute();
}

/** The congress's running term on `today`: no end yet, begun already. */
async function runningTerm(db: Db, c: Congress, today: string) {
  return db.selectFrom('congress_term').select(['id', 'number']).where('level', '=', c.level)
    .where(sql<boolean>`region_code is not distinct from ${c.regionCode}`)
    .where('ends_on', 'is', null).where('starts_on', '<=', today).orderBy('starts_on', 'desc').executeTakeFirst();
}

/**
 * The congresses the signed-in deputy may file with: for each of their seats with a running
 * term, the congress's name, the term, its sessions (which is open today) and the motion threshold.
 */
export async function congressOptions(db: Kysely<DB>, actor: Actor) {
  if (actor.deputyId === null) return [];
  const today = shanghaiDate(clockNow());
  const options = [];
  for (const seat of await seatsOf(db, actor.deputyId)) {
    const congress = { level: seat.level, regionCode: seat.region_code };
    const term = await runningTerm(db, congress, today);
    if (!term) continue;
    const sessions = await db.selectFrom('congress_session').select(['id', 'number', 'opens_on', 'closes_on'])
      .where('term_id', '=', term.id).orderBy('number').execute();
    options.push({
      level: seat.level, regionCode: seat.region_code, regionName: seat.region_name,
      congressName: congressTermName(seat.level, seat.region_name, term.number), termId: term.id, termNumber: term.number,
      sessions: sessions.map((s) => ({ id: s.id, number: s.number, opensOn: s.opens_on, closesOn: s.closes_on, open: s.opens_on <= today && today <= s.closes_on, closed: s.closes_on < today })),
      motionMinCosigners: (await settingsFor(db, seat.level, seat.region_code)).motionMinCosigners,
    });
  }
  return options;
}

/**
 * The deputies of the same congresses as the signed-in deputy (or of the one of `level`),
 * current, by name or pinyin: whom they may ask to co-sign.
 */
export async function invitableDeputies(db: Kysely<DB>, actor: Actor, q: { q?: string | undefined; level?: DeputyLevel | undefined }) {
  if (actor.deputyId === null) return [];
  let query = db.selectFrom('deputy as d').select(['d.id', 'd.name'])
    .where('d.status', '=', 'current').where('d.active', '=', true).where('d.id', '<>', actor.deputyId)
    .where(({ exists, selectFrom }) => exists(selectFrom('deputy_level as mine').innerJoin('deputy_level as theirs', (j) => j
      .onRef('theirs.level', '=', 'mine.level').on(sql<boolean>`theirs.region_code is not distinct from mine.region_code`))
      .select('mine.deputy_id').where('mine.deputy_id', '=', actor.deputyId!).whereRef('theirs.deputy_id', '=', 'd.id')
      .$if(q.level !== undefined, (w) => w.where('mine.level', '=', q.level!))));
  if (q.q) {
    const like = containsPattern(q.q);
    query = query.where((eb) => eb.or([eb('d.name', 'like', like), eb('d.name_pinyin', 'ilike', like), eb('d.name_initials', 'ilike', like)]));
  }
  const deputies = await query.orderBy('d.name_pinyin').orderBy('d.id').limit(50).execute();
  const stations = deputies.length ? await db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
    .select(['ds.deputy_id', 's.name']).where('ds.deputy_id', 'in', deputies.map((d) => d.id)).orderBy('s.name').execute() : [];
  return deputies.map((d) => ({ id: d.id, name: d.name, stations: stations.filter((s) => s.deputy_id === d.id).map((s) => s.name) }));
}

/** A draft checked: the suggestion's columns it sets and its congress. */
export async function resolveDraft(trx: Transaction<DB>, actor: Actor, input: DraftInput, now: Date) {
  const today = shanghaiDate(now);
  const seats = await seatsOf(trx, actor.deputyId!);
  if (seats.length === 0) throw new AppError('SUGGESTION_NO_TERM');
  const seat = input.level !== undefined ? seats.find((s) => s.level === input.level) : seats.length === 1 ? seats[0] : undefined;
  if (!seat) throw invalidFields([{ path: 'level', code: input.level === undefined ? 'REQUIRED' : 'UNKNOWN_REFERENCE' }]);
  const congress: Congress = { level: seat.level, regionCode: seat.region_code };
  const congressPath = seat.region_path ?? '';
  const term = await runningTerm(trx, congress, today);
  if (!term) throw new AppError('SUGGESTION_NO_TERM');
  let sessionId: number | null;
  if (input.sessionId === undefined) {
    const open = await trx.selectFrom('congress_session').select('id').where('term_id', '=', term.id)
      .where('opens_on', '<=', today).where('closes_on', '>=', today).executeTakeFirst();
    sessionId = open?.id ?? null;
  } else if (input.sessionId === null) {
    sessionId = null;
  } else {
    const session = await trx.selectFrom('congress_session').select('id').where('id', '=', input.sessionId).where('term_id', '=', term.id).executeTakeFirst();
    if (!session) throw invalidFields([{ path: 'sessionId', code: 'UNKNOWN_REFERENCE' }]);
    sessionId = session.id;
  }
  if (input.kind === 'motion' && sessionId === null) throw new AppError('MOTION_NEEDS_SESSION');
  const problems: { path: string; code: FieldMessageCode }[] = [];
  const category = await trx.selectFrom('case_category').select('id').where('id', '=', input.categoryId).where('active', '=', true).executeTakeFirst();
  if (!category) problems.push({ path: 'categoryId', code: 'CATEGORY_UNKNOWN' });
  const region = await trx.selectFrom('region').select(['code', 'path']).where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) problems.push({ path: 'regionCode', code: 'UNKNOWN_REFERENCE' });
  else if (!region.path.startsWith(congressPath)) problems.push({ path: 'regionCode', code: 'NOT_IN_SCOPE' });
  if (problems.length) throw invalidFields(problems);
  await checkSources(trx, actor, { caseIds: input.caseIds ?? [], activityIds: input.activityIds ?? [] });
  return {
    congress,
    columns: {
      kind: input.kind, title: input.title, reasons: input.reasons, proposals: input.proposals, category_id: input.categoryId,
      region_code: region!.code, region_path: region!.path,
      congress_level: congress.level, congress_region_code: congress.regionCode, congress_region_path: congressPath,
      term_id: term.id, session_id: sessionId,
    },
  };
}

/** Checks the deputies asked to co-sign: current deputies of the same congress, not the lead; the fields' errors otherwise. */
export async function checkCosigners(trx: Transaction<DB>, congress: Congress, leadDeputyId: number, ids: number[], path: string): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set((await trx.selectFrom('deputy as d').innerJoin('deputy_level as l', 'l.deputy_id', 'd.id').select('d.id')
    .where('d.id', 'in', unique).where('d.status', '=', 'current').where('d.active', '=', true)
    .where('l.level', '=', congress.level).where(sql<boolean>`l.region_code is not distinct from ${congress.regionCode}`)
    .execute()).map((d) => d.id));
  const bad = ids.map((id, i) => ({ id, i })).filter(({ id }) => id === leadDeputyId || !found.has(id));
  if (bad.length) throw invalidFields(bad.map(({ i }) => ({ path: `${path}.${i}`, code: 'UNKNOWN_REFERENCE' })));
  return unique;
}

/** Asks deputies to co-sign (again, for one who declined before); those asked already are left as they are. Returns those newly asked. */
export async function inviteCosigners(trx: Transaction<DB>, suggestionId: number, deputyIds: number[], now: Date): Promise<number[]> {
  const existing = await trx.selectFrom('suggestion_signer').select(['deputy_id', 'status']).where('suggestion_id', '=', suggestionId).execute();
  const asked: number[] = [];
  for (const id of deputyIds) {
    const row = existing.find((e) => e.deputy_id === id);
    if (!row) {
      await trx.insertInto('suggestion_signer').values({ suggestion_id: suggestionId, deputy_id: id, role: 'cosigner', status: 'invited', invited_at: now }).execute();
    } else if (row.status === 'declined') {
      await trx.updateTable('suggestion_signer').set({ status: 'invited', invited_at: now, responded_at: null })
        .where('suggestion_id', '=', suggestionId).where('deputy_id', '=', id).execute();
    } else continue;
    asked.push(id);
  }
  if (asked.length) await notifySuggestion(trx, suggestionId, 'suggestion.invite', '代表邀请您联名附议', { deputyIds: asked }, null);
  return asked;
}

/**
 * A deputy drafts a suggestion or motion: it goes to one of their congresses, they are its lead
 * signer, and the deputies named are asked to co-sign. One transaction with its event and audit
 * record. `at` is now, except for the demo's story, drafted on its own day.
 */
export async function createSuggestion(ctx: WriteContext, input: DraftInput, at: Date = clockNow()): Promise<number> {
  const deputyId = ctx.actor.deputyId;
  if (deputyId === null) throw new AppError('FORBIDDEN');
  const draft = await resolveDraft(ctx.trx, ctx.actor, input, at);
  const cosigners = await checkCosigners(ctx.trx, draft.congress, deputyId, input.cosignerIds ?? [], 'cosignerIds');
  const { id } = await ctx.trx.insertInto('suggestion').values({
    ...draft.columns, state: 'draft', lead_deputy_id: deputyId, created_by_account_id: ctx.actor.accountId, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  const suggestionId = Number(id);
  await ctx.trx.insertInto('suggestion_signer').values({
    suggestion_id: suggestionId, deputy_id: deputyId, role: 'lead', status: 'confirmed', invited_at: at, responded_at: at,
  }).execute();
  await replaceSources(ctx.trx, suggestionId, { caseIds: input.caseIds ?? [], activityIds: input.activityIds ?? [] });
  const data = { kind: input.kind, termId: draft.columns.term_id, sessionId: draft.columns.session_id, cosignerIds: cosigners, caseIds: input.caseIds ?? [], activityIds: input.activityIds ?? [] };
  await ctx.trx.insertInto('suggestion_event').values({
    suggestion_id: suggestionId, at, actor_kind: 'lead', actor_account_id: ctx.actor.accountId, actor_name: ctx.actor.displayName,
    action: 'create', from_state: null, to_state: 'draft', comment: null, data: JSON.stringify(data),
  }).execute();
  await inviteCosigners(ctx.trx, suggestionId, cosigners, at);
  await recordAudit(ctx, { action: 'suggestion.create', entityType: 'suggestion', entityId: suggestionId, after: { state: 'draft', title: input.title, ...data } });
  return suggestionId;
}

/** At most this many files with a draft; a PDF up to 10 MB, a photo up to 5 MB. */
export const MAX_DRAFT_FILES = 10;
const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** The suggestion locked for a change of its draft's files: the lead's, still a draft. */
async function lockDraft(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('suggestion as s').select(['s.lead_deputy_id', 's.state']).where('s.id', '=', id)
    .where(suggestionVisible(ctx.actor, suggestionColumns('s'))).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const actionLabel = SUGGESTION_RULES.edit.label;
  if (row.lead_deputy_id !== ctx.actor.deputyId) throw new AppError('SUGGESTION_ACTION_FORBIDDEN', { actionLabel });
  if (row.state !== 'draft') throw new AppError('SUGGESTION_TRANSITION_INVALID', { state: row.state, action: 'edit', actionLabel });
  return row;
}

/** Adds a file to the lead deputy's draft, its type judged by its content (PDF, JPEG, PNG, WebP). */
export async function checkDraftFile(file: { name: string; bytes: Uint8Array; public: boolean }): Promise<{ name: string; mime: DocumentOrImageType; bytes: Uint8Array; public: boolean }> {
  const mime = sniffDocumentOrImage(file.bytes);
  if (!mime) throw new AppError('DRAFT_FILE_TYPE', { name: file.name });
  const limit = mime === 'application/pdf' ? MAX_PDF_BYTES : MAX_PHOTO_BYTES;
  if (file.bytes.length > limit) throw new AppError('DRAFT_FILE_TOO_LARGE', { name: file.name, maxMb: limit / 1024 / 1024 });
  return { ...file, mime, bytes: await keptBytes(file, mime) };
}

/** Adds a file checked by `checkDraftFile`, which runs before the transaction so that no connection is held while a photo is decoded. */
export async function addDraftFile(ctx: WriteContext, id: number, file: { name: string; mime: DocumentOrImageType; bytes: Uint8Array; public: boolean }) {
  await lockDraft(ctx, id);
  const { mime, bytes } = file;
  const { count } = await ctx.trx.selectFrom('suggestion_attachment').select((eb) => eb.fn.countAll<number>().as('count'))
    .where('suggestion_id', '=', id).where('purpose', '=', 'draft').executeTakeFirstOrThrow();
  if (Number(count) >= MAX_DRAFT_FILES) throw new AppError('DRAFT_FILES_TOO_MANY', { max: MAX_DRAFT_FILES });
  const { sha256 } = await storeFile(bytes, mime);
  const row = await ctx.trx.insertInto('suggestion_attachment').values({
    suggestion_id: id, event_id: null, purpose: 'draft', name: file.name, mime, size: bytes.length, sha256,
    public: file.public, created_by_account_id: ctx.actor.accountId, created_at: clockNow(),
  }).returning(['id', 'name', 'mime', 'size', 'public']).executeTakeFirstOrThrow();
  const added = { id: Number(row.id), name: row.name, mime: row.mime, size: row.size, public: row.public };
  await recordAudit(ctx, { action: 'suggestion.edit', entityType: 'suggestion', entityId: id, after: { fileAdded: { ...added, sha256 } } });
  return added;
}

/** Removes a file from the lead deputy's draft. */
export async function removeDraftFile(ctx: WriteContext, id: number, fileId: number): Promise<void> {
  await lockDraft(ctx, id);
  const removed = await ctx.trx.deleteFrom('suggestion_attachment').where('id', '=', fileId).where('suggestion_id', '=', id)
    .where('purpose', '=', 'draft').returning(['id', 'name', 'sha256']).executeTakeFirst();
  if (!removed) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, { action: 'suggestion.edit', entityType: 'suggestion', entityId: id, before: { file: { id: Number(removed.id), name: removed.name, sha256: removed.sha256 } }, after: { fileRemoved: Number(removed.id) } });
}
