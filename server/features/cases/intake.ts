import { createHash } from 'node:crypto';
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { CaseChannel } from '../../../common/caseVocabulary.js';
import { auditOfWrittenRow, createChainHead, writtenRowAuditCtes, type StatementContext, type WriteContext, type WrittenRowAudit } from '../../platform/audit/audit.js';
import { PUBLIC_ACTOR, type AnyActor, type PublicActor } from '../../platform/access/actor.js';
import { fixedStatement } from '../../platform/db/fixedStatement.js';
import type { DB } from '../../platform/db/schema.js';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../platform/uploads/imageType.js';
import { checkedPhoto } from '../../platform/uploads/photo.js';
import { storeFile } from '../../platform/files/index.js';
import { derivePin, deriveQueryKey, hashPin, hashQueryKey, newPin, newPublicId, newQueryKey, newSalt, trackingCodes } from './trackingCode.js';
import { AppError, invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { caseDeputyAssignable } from './access.js';
import { ref, stationVisible } from '../../platform/access/scope.js';
import { submitNotification, submitRecipientsQuery } from './followUps.js';
import { notificationCtes, type NotificationValues } from '../../platform/notify/notify.js';
import { now } from '../../platform/clock.js';

export interface OpinionDraft {
  categoryId: number;
  content: string;
  place: string;
  /** The region the case is about (属地), inside one of the station's regions; left out: the station's home side. */
  placeRegionCode?: string | null;
  name: string | null;
  phone: string | null;
}

export interface Target {
  stationId?: number | undefined;
  deputyId?: number | undefined;
}

export interface Photo {
  bytes: Uint8Array;
}

/**
 * A photo as intake stores it: its type read from its bytes, decoded and encoded again without
 * its metadata (`checkPhotos`), which is done before the write's transaction opens so that no
 * connection is held while libvips works.
 */
export interface CheckedPhoto {
  mime: string;
  bytes: Uint8Array;
  /** SHA-256 of the bytes as submitted: what an Idempotency-Key's request hash covers. */
  submittedSha256: Buffer;
}

export interface Receipt {
  id: number;
  trackingCode: string;
  queryKey: string;
  /** The case's id in public listings (Open311). */
  publicId: string;
  /** The query PIN shown on the receipt; only its hash is stored. Null for cases registered by staff. */
  pin: string | null;
}

/** The station a submission goes to: the one named, or the deputy's (their first, or the one named with them). */
async function resolveTarget(trx: Kysely<DB>, target: Target) {
  let stationId = target.stationId;
  if (target.deputyId !== undefined) {
    const memberships = await trx.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
      .innerJoin('station as s', 's.id', 'ds.station_id')
      .select('ds.station_id').where('ds.deputy_id', '=', target.deputyId).where('d.active', '=', true).where('s.active', '=', true)
      .orderBy('ds.station_id').execute();
    const ids = memberships.map((m) => m.station_id);
    if (ids.length === 0 || (stationId !== undefined && !ids.includes(stationId))) throw new AppError('TARGET_NOT_FOUND');
    stationId ??= ids[0]!;
  }
  if (stationId === undefined) throw new AppError('TARGET_NOT_FOUND');
  const station = await trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 'h.region_code', 'h.region_path']).where('s.id', '=', stationId).where('s.active', '=', true)
    .executeTakeFirst();
  if (!station) throw new AppError('TARGET_NOT_FOUND');
  return { stationId: station.id, deputyId: target.deputyId ?? null, regionCode: station.region_code, regionPath: station.region_path };
}

/** Where a case goes: its station, deputy and the station's home region. */
interface Place { stationId: number; deputyId: number | null; regionCode: string; regionPath: string }
/** A station and category not checked yet: the insert checks them (see `insertOpinion`). */
interface UncheckedPlace { check: { stationId: number; categoryId: number } }

/**
 * For one draft sent to a station (no deputy named): the category's check and the station's
 * look-up are left to the statement that inserts the case, which refuses as `requireCategories`
 * and then `resolveTarget` would. With a deputy named, both are done here.
 */
async function resolveStationAndCategory(trx: Kysely<DB>, target: Target, categoryId: number): Promise<Place | UncheckedPlace> {
  if (target.deputyId !== undefined || target.stationId === undefined) {
    await requireCategories(trx, [{ categoryId }], () => 'categoryId');
    return resolveTarget(trx, target);
  }
  return { check: { stationId: target.stationId, categoryId } };
}

async function requireCategories(trx: Kysely<DB>, drafts: { categoryId: number }[], pathOf: (i: number) => string) {
  const ids = [...new Set(drafts.map((d) => d.categoryId))];
  const found = new Set((await trx.selectFrom('case_category').select('id').where('id', 'in', ids).where('active', '=', true).execute()).map((c) => c.id));
  const bad = drafts.map((d, i) => ({ d, i })).filter(({ d }) => !found.has(d.categoryId));
  if (bad.length) throw invalidFields(bad.map(({ i }) => ({ path: pathOf(i), code: 'CATEGORY_UNKNOWN' })));
}

/**
 * Each photo's type read from its bytes, its size checked, then decoded and encoded again
 * without its metadata (platform/uploads/photo.ts); problems are added to `problems`. The bytes
 * answered are the ones to store. One photo at a time, so that one request decodes one at most.
 */
export async function photoProblems(photos: Photo[], problems: { path: string; code: FieldMessageCode }[]): Promise<{ mime: string; bytes: Uint8Array }[]> {
  const out: { mime: string; bytes: Uint8Array }[] = [];
  for (const [i, p] of photos.entries()) {
    const checked = await checkedPhoto(p.bytes, MAX_PHOTO_BYTES);
    if (!checked.ok) problems.push({ path: `photos.${i}`, code: checked.code });
    out.push(checked.ok ? { mime: checked.mime, bytes: checked.bytes } : { mime: '', bytes: p.bytes });
  }
  return out;
}

/**
 * A submission's photos checked and cleaned (`photoProblems`), or refused with every photo's
 * problem. Call it before the write's transaction: decoding holds no connection then.
 */
export async function checkPhotos(photos: Photo[]): Promise<CheckedPhoto[]> {
  if (photos.length > MAX_PHOTOS) throw invalidFields([{ path: 'photos', code: 'TOO_MANY_PHOTOS' }]);
  const problems: { path: string; code: FieldMessageCode }[] = [];
  const checked = await photoProblems(photos, problems);
  if (problems.length) throw invalidFields(problems);
  return checked.map((c, i) => ({ ...c, submittedSha256: createHash('sha256').update(photos[i]!.bytes).digest() }));
}

/**
 * A public submission's Idempotency-Key claimed by the statement that writes its case: the key's
 * hash, the request's, and the receipt kept for a retry (no query key in it).
 */
interface Claim { keyHash: string; requestHash: string; salt: string }

/** The claim's key was claimed before (a retry, or a key used again): nothing was written. */
class KeyClaimed extends Error {}

const CLAIM_SCOPE = 'public-opinion';

/** The values of one case, its first event, its audit record and an Idempotency-Key's claim, as the insert below takes them. */
interface CaseInsert extends WrittenRowAudit, NotificationValues {
  claimKeyHash: string | null; claimRequestHash: string | null; claimResponse: string | null;
  checkCategoryId: number | null; stationId: number; regionCode: string | null; regionPath: string | null;
  trackingCode: string; publicId: string; queryKeyHash: string; pinHash: string | null; channel: CaseChannel; categoryId: number;
  deputyId: number | null; content: string; place: string; placeRegionCode: string | null; placeRegionPath: string | null;
  name: string | null; phone: string | null; submittedAt: Date; ip: string | null; createdBy: number | null; activityId: number | null;
  idempotencyKey: string | null; actorKind: string; actorName: string; comment: string | null; data: string;
}

/**
 * A case, its first event and its audit record in one statement, which also claims a public
 * submission's Idempotency-Key (nothing is written when the key was claimed before) and tells who
 * hears of the case (`submitRecipientsQuery`, `notificationCtes`): with `checked`, the statement checks the station and
 * the category itself (the place comes from the station's home region); otherwise the place is
 * given. With `toDeputy`, the case is addressed to a deputy, who hears of it; without, the
 * station's head deputy does. Every intake sends it, so each variant is compiled once.
 */
function caseInsert(checked: boolean, toDeputy: boolean) {
  type Target = { category_ok: boolean; station_id: number | null; region_code: string | null; region_path: string | null; sided: boolean | null };
  return fixedStatement((db: Kysely<DB>, v: CaseInsert) => {
    const recipients = submitRecipientsQuery(db, v.stationId, toDeputy ? v.deputyId : null, v.createdBy);
    // The station and its home region: checked with the category, or as resolved (a CTE, in parentheses); and
    // whether the station is a cross-province one, the only kind whose cases belong to a side (`case_side_path`).
    const target = checked
      ? sql<Target>`
        (select exists (select 1 from case_category where id = ${v.checkCategoryId} and active) as category_ok, s.id as station_id, h.region_code, h.region_path,
          s.type = ${sql.lit('cross_province')} as sided
        from (select 1) as one
        left join (station s join station_region h on h.station_id = s.id and h.is_home) on s.id = ${v.stationId} and s.active)`
      : sql<Target>`
        (select true as category_ok, ${v.stationId}::int as station_id, ${v.regionCode}::text as region_code, ${v.regionPath}::text as region_path,
          exists (select 1 from station where id = ${v.stationId} and type = ${sql.lit('cross_province')}) as sided)`;
    const claimed = sql<SqlBool>`(${v.claimKeyHash}::text is null or exists (select 1 from claim))`;
    const audit = writtenRowAuditCtes(v, 'o');
    const told = notificationCtes(v, { link: sql<string>`'/cases/' || o.id`, caseId: sql<number>`o.id`, from: sql.table('o') });
    // Nothing is written when the audit chain has no head row yet.
    const chainReady = sql<SqlBool>`exists (select 1 from audit_head)`;
    return db.with('t', () => target)
      .with('audit_head', () => audit.head)
      // Claimed only with a case to write: a refused submission leaves its key free.
      .with('claim', () => sql`(insert into idempotency (scope, key, request_hash, response)
        select ${CLAIM_SCOPE}, ${v.claimKeyHash}::text, ${v.claimRequestHash}::text, ${v.claimResponse}::jsonb from t
        where ${v.claimKeyHash}::text is not null and ${chainReady} and t.category_ok and t.station_id is not null
        on conflict (scope, key) do nothing returning key)`)
      .with('o', (d) => d.insertInto('opinion').columns([
        'tracking_code', 'public_id', 'query_key_hash', 'pin_hash', 'channel', 'state', 'category_id', 'station_id', 'deputy_id', 'region_code',
        'region_path', 'scope_paths', 'content', 'place', 'place_region_code', 'place_region_path', 'side_path', 'submitter_name', 'submitter_phone',
        'submitted_at', 'submitter_ip', 'created_by_account_id', 'activity_id', 'idempotency_key', 'co_unit_ids', 'updated_at',
      ]).expression((eb) => eb.selectFrom('t').select([
        eb.val(v.trackingCode).as('tracking_code'),
        eb.val(v.publicId).as('public_id'),
        eb.val(v.queryKeyHash).as('query_key_hash'),
        eb.val(v.pinHash).as('pin_hash'),
        eb.val(v.channel).as('channel'),
        eb.val('submitted').as('state'),
        eb.val(v.categoryId).as('category_id'),
        't.station_id',
        eb.val(v.deputyId).as('deputy_id'),
        't.region_code',
        't.region_path',
        sql<string[]>`case_scope_paths(t.station_id, t.region_path)`.as('scope_paths'),
        eb.val(v.content).as('content'),
        eb.val(v.place).as('place'),
        eb.val(v.placeRegionCode).as('place_region_code'),
        eb.val(v.placeRegionPath).as('place_region_path'),
        // The function is called for a cross-province station only: for any other it answers null, at the cost of a call.
        sql<string | null>`case when t.sided then case_side_path(t.station_id, ${v.placeRegionPath}::text) end`.as('side_path'),
        eb.val(v.name).as('submitter_name'),
        eb.val(v.phone).as('submitter_phone'),
        eb.val(v.submittedAt).as('submitted_at'),
        eb.val(v.ip).as('submitter_ip'),
        eb.val(v.createdBy).as('created_by_account_id'),
        eb.val(v.activityId).as('activity_id'),
        eb.val(v.idempotencyKey).as('idempotency_key'),
        sql<number[]>`'{}'::int[]`.as('co_unit_ids'),
        eb.val(v.submittedAt).as('updated_at'),
      ]).where('t.category_ok', '=', true).where('t.station_id', 'is not', null).where(claimed).where(chainReady))
        .onConflict((oc) => oc.column('tracking_code').doNothing()).returning(['id', 'tracking_code', 'public_id', 'sign_due_date']))
      .with('e', (d) => d.insertInto('opinion_event')
        .columns(['opinion_id', 'at', 'actor_kind', 'actor_account_id', 'actor_name', 'action', 'to_state', 'comment', 'public', 'data'])
        .expression((eb) => eb.selectFrom('o').select([
          'o.id', eb.val(v.submittedAt).as('at'), eb.val(v.actorKind).as('actor_kind'), eb.val(v.createdBy).as('actor_account_id'),
          eb.val(v.actorName).as('actor_name'), eb.val('submit').as('action'), eb.val('submitted').as('to_state'), eb.val(v.comment).as('comment'),
          eb.val(true).as('public'), sql<string>`${v.data}::jsonb`.as('data'),
        ])))
      .with('audit_added', () => audit.added)
      .with('audit_moved', () => audit.moved)
      .with('notify_r', () => recipients)
      .with('notify_p', () => told.p)
      .with('notify_m', () => told.m)
      .with('notify_n', () => told.n)
      .with('notify_o', () => told.o)
      .with('notify_j', () => told.j)
      .selectFrom('t').leftJoin('o', (j) => j.onTrue())
      .select(['t.category_ok', 't.station_id', 'o.id', 'o.tracking_code', 'o.public_id'])
      .select(claimed.as('claimed'))
      .select(chainReady.as('chain_ready'))
      .select(sql<{ head_id: number; head_hash: string } | null>`(select json_build_object('head_id', head_id, 'head_hash', head_hash) from audit_moved)`.as('moved_head'));
  });
}
const INSERT_CASE = {
  checked: { toDeputy: caseInsert(true, true), toStation: caseInsert(true, false) },
  resolved: { toDeputy: caseInsert(false, true), toStation: caseInsert(false, false) },
};

/**
 * Inserts a case, its first event, its audit record and its notifications in one statement, at
 * `at`: a place already resolved, or a station and category the same statement checks (400
 * CATEGORY_UNKNOWN, then 404 TARGET_NOT_FOUND, nothing written), then its photos. With `claim`, the
 * same statement claims the Idempotency-Key, and throws `KeyClaimed` having written nothing when it
 * was claimed before. Without photos, that one statement is the whole write: `ctx.trx` may then be
 * the database itself, the statement its own transaction.
 */
async function insertOpinion(
  ctx: StatementContext<AnyActor>,
  at: Place | UncheckedPlace,
  draft: OpinionDraft & { placeRegionPath?: string | null },
  meta: {
    channel: CaseChannel; submittedAt: Date; ip: string | null; createdBy: number | null; idempotencyKey: string | null; activityId?: number | null;
    /** Who the submit step names and what it says, when not a constituent or the registering account (a case from another instance). */
    via?: { actorName: string; comment: string; data: Record<string, unknown> };
    claim?: Claim;
  },
  photos: { mime: string; bytes: Uint8Array }[],
  queryKey: string = newQueryKey(),
  pin: string | null = null,
): Promise<Receipt> {
  if (photos.length > 0 && !ctx.trx.isTransaction) throw new Error('a case with photos is written in a transaction');
  let row: { id: number; tracking_code: string; public_id: string; head: { head_id: number; head_hash: string } } | undefined;
  const check = 'check' in at ? at.check : null;
  const given = 'check' in at ? null : at;
  const deputyId = given?.deputyId ?? null;
  // Who the submit step names, and what it says.
  const step = {
    actorKind: meta.createdBy && ctx.actor.kind === 'account' ? ctx.actor.role : 'constituent',
    actorName: meta.via?.actorName ?? (meta.createdBy ? ctx.actor.displayName : '群众'),
    comment: meta.via?.comment ?? null,
    data: JSON.stringify({ channel: meta.channel, photos: photos.length, ...meta.via?.data }),
  };
  const stationId = check ? check.stationId : given!.stationId;
  let settle: ((head: { head_id: number; head_hash: string }) => void) | undefined;
  // The audit chain is chosen by the first code tried, so that a retry goes to the same chain.
  let chainKey: string | undefined;
  // A fresh code collides about once in 10^11, and an audit chain lacks its head row only when
  // nobody wrote to it yet: retry rather than fail. The case, its first event, its audit record and
  // its notifications are written by one statement (none of them when the code collided, the
  // chain had no head or the check failed).
  for (let attempt = 0; !row && attempt < 5; attempt++) {
    const trackingCode = trackingCodes.next();
    chainKey ??= trackingCode;
    const publicId = newPublicId();
    const told = submitNotification({ tracking_code: trackingCode, content: draft.content });
    const audit = auditOfWrittenRow(ctx, {
      action: 'case.submit', entityType: 'case',
      after: { trackingCode, channel: meta.channel, stationId, deputyId, categoryId: draft.categoryId, photos: photos.length },
    }, chainKey);
    settle = audit.settle;
    const claim = meta.claim;
    // The values as one object, its own ones written out and the others assigned to it: built with
    // spreads, V8 gave every such object hidden classes of its own, some 40 KB of garbage a case.
    const values: CaseInsert = Object.assign({
      claimKeyHash: claim?.keyHash ?? null, claimRequestHash: claim?.requestHash ?? null,
      claimResponse: claim ? JSON.stringify({ salt: claim.salt, trackingCode, publicId }) : null,
      checkCategoryId: check?.categoryId ?? null, stationId,
      regionCode: given?.regionCode ?? null, regionPath: given?.regionPath ?? null,
      trackingCode, publicId, queryKeyHash: hashQueryKey(queryKey), pinHash: pin === null ? null : hashPin(trackingCode, pin),
      channel: meta.channel, categoryId: draft.categoryId, deputyId, content: draft.content, place: draft.place,
      placeRegionCode: draft.placeRegionCode ?? null, placeRegionPath: draft.placeRegionPath ?? null, name: draft.name, phone: draft.phone,
      submittedAt: meta.submittedAt, ip: meta.ip, createdBy: meta.createdBy, activityId: meta.activityId ?? null, idempotencyKey: meta.idempotencyKey,
    }, audit.values, told, step);
    const [written] = await INSERT_CASE[check ? 'checked' : 'resolved'][deputyId === null ? 'toStation' : 'toDeputy'](ctx.trx, values);
    if (!written) throw new Error('the case insert answered no row');
    if (!written.chain_ready) {
      await createChainHead(ctx.trx, audit.chain);
      continue;
    }
    if (!written.category_ok) throw invalidFields([{ path: 'categoryId', code: 'CATEGORY_UNKNOWN' }]);
    if (written.station_id === null) throw new AppError('TARGET_NOT_FOUND');
    if (!written.claimed) throw new KeyClaimed();
    if (written.id !== null) {
      row = { id: written.id, tracking_code: written.tracking_code!, public_id: written.public_id!, head: written.moved_head! };
    } else if (claim) {
      // The code collided: the key's claim, written with it, is taken back for the next code.
      await ctx.trx.deleteFrom('idempotency').where('scope', '=', CLAIM_SCOPE).where('key', '=', claim.keyHash).execute();
    }
  }
  if (!row || !settle) throw new Error('Could not allot a tracking code');
  settle(row.head);
  for (const p of photos) {
    const file = await storeFile(p.bytes, p.mime);
    await ctx.trx.insertInto('opinion_photo').values({ opinion_id: row.id, mime: file.mime, size: file.size, sha256: file.sha256 }).execute();
  }
  return { id: row.id, trackingCode: row.tracking_code, publicId: row.public_id, queryKey, pin };
}

export interface PublicSubmission extends OpinionDraft {
  target: Target;
  channel: 'qr' | 'online';
  /** Checked by `checkPhotos` before the transaction. */
  photos: CheckedPhoto[];
  idempotencyKey: string | null;
}

function requestHash(s: PublicSubmission): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([s.target.stationId ?? null, s.target.deputyId ?? null, s.categoryId, s.content, s.place, s.name, s.phone, s.channel]));
  for (const p of s.photos) h.update(p.submittedSha256);
  return h.digest('hex');
}

/**
 * A constituent's submission, as the public routes write it: without photos, the one statement
 * that writes the case, its event, audit record, notifications and key's claim is the whole write
 * and its own transaction (no begin and commit to send); with photos, one transaction holds the
 * case and its photos.
 */
export async function submitPublic(db: Kysely<DB>, ip: string | null, s: PublicSubmission): Promise<Receipt & { pin: string }> {
  if (s.photos.length === 0) return submitPublicOpinion({ trx: db, actor: PUBLIC_ACTOR, ip }, s);
  return db.transaction().execute((trx) => submitPublicOpinion({ trx, actor: PUBLIC_ACTOR, ip }, s));
}

/**
 * A constituent's submission (QR code or web, no account). With an Idempotency-Key, a retry
 * of the same submission answers the first receipt instead of registering it twice; the same
 * key with a different submission is refused. In a transaction, or on the database itself when
 * it has no photos (see `submitPublic`).
 */
export async function submitPublicOpinion(ctx: StatementContext<PublicActor>, s: PublicSubmission): Promise<Receipt & { pin: string }> {
  const meta = { channel: s.channel, submittedAt: now(), ip: ctx.ip, createdBy: null, idempotencyKey: null };
  if (!s.idempotencyKey) {
    const pin = newPin();
    return { ...await insertOpinion(ctx, await resolveStationAndCategory(ctx.trx, s.target, s.categoryId), s, meta, s.photos, newQueryKey(), pin), pin };
  }
  // Only hashes of the client's key are kept; the receipt kept for a retry has no query key, which
  // is derived again from the key and the receipt's salt.
  const key = s.idempotencyKey;
  const claim = { keyHash: createHash('sha256').update(key).digest('hex'), requestHash: requestHash(s), salt: newSalt() };
  const pin = derivePin(key, claim.salt);
  try {
    const at = await resolveStationAndCategory(ctx.trx, s.target, s.categoryId);
    return { ...await insertOpinion(ctx, at, s, { ...meta, claim }, s.photos, deriveQueryKey(key, claim.salt), pin), pin };
  } catch (err) {
    // A retry answers the first receipt, even when the deputy named has gone since.
    const first = err instanceof KeyClaimed || err instanceof AppError ? await claimedReceipt(ctx.trx, key, claim) : null;
    if (first) return first;
    throw err;
  }
}

/**
 * The receipt of the submission that claimed `key` first, when it was the same submission; 400
 * IDEMPOTENCY_KEY_REUSED for another one; null when nobody claimed it.
 */
async function claimedReceipt(trx: Kysely<DB>, key: string, claim: Claim): Promise<(Receipt & { pin: string }) | null> {
  const first = await trx.selectFrom('idempotency').select(['request_hash', 'response'])
    .where('scope', '=', CLAIM_SCOPE).where('key', '=', claim.keyHash).executeTakeFirst();
  if (!first) return null;
  const stored = first.response as { salt: string; trackingCode?: string } | null;
  if (first.request_hash !== claim.requestHash || !stored?.trackingCode) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  const c = await trx.selectFrom('opinion').select(['id', 'public_id']).where('tracking_code', '=', stored.trackingCode).executeTakeFirstOrThrow();
  return { id: c.id, trackingCode: stored.trackingCode, publicId: c.public_id, queryKey: deriveQueryKey(key, stored.salt), pin: derivePin(key, stored.salt) };
}

export interface Registration {
  stationId: number;
  deputyId: number | null;
  channel: CaseChannel;
  receivedAt: Date | null;
  /** The activity during which they were collected (a reception day, a visit): its output. */
  activityId?: number | null;
  items: OpinionDraft[];
}

/**
 * Staff, officers and deputies register what they collected — a reception day, a visit, a
 * WeChat group, a call, a letter — as one batch: all of it or nothing.
 */
export async function registerOpinions(ctx: WriteContext, r: Registration): Promise<Receipt[]> {
  const station = await ctx.trx.selectFrom('station as s').select('s.id').where('s.id', '=', r.stationId)
    .where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
  if (r.deputyId !== null) {
    const member = await ctx.trx.selectFrom('deputy_station').select('deputy_id')
      .where('deputy_id', '=', r.deputyId).where('station_id', '=', r.stationId).executeTakeFirst();
    if (!member) throw invalidFields([{ path: 'deputyId', code: 'UNKNOWN_REFERENCE' }]);
  }
  if (!caseDeputyAssignable(ctx.actor, r.deputyId)) {
    throw invalidFields([{ path: 'deputyId', code: 'NOT_IN_SCOPE' }]);
  }
  if (r.activityId) {
    const activity = await ctx.trx.selectFrom('activity as a').select(['a.id', 'a.station_id'])
      .where('a.id', '=', r.activityId).where(activityVisible(ctx.actor, activityColumns('a'))).executeTakeFirst();
    if (!activity || (activity.station_id !== null && activity.station_id !== r.stationId)) {
      throw invalidFields([{ path: 'activityId', code: 'UNKNOWN_REFERENCE' }]);
    }
  }
  await requireCategories(ctx.trx, r.items, (i) => `items.${i}.categoryId`);
  const at = await resolveTarget(ctx.trx, { stationId: r.stationId });
  const places = await placePaths(ctx.trx, r.stationId, r.items);
  const receipts: Receipt[] = [];
  const receivedAt = r.receivedAt ?? now();
  for (const [i, item] of r.items.entries()) {
    receipts.push(await insertOpinion(ctx, { ...at, deputyId: r.deputyId }, { ...item, placeRegionPath: places[i] ?? null }, {
      channel: r.channel, submittedAt: receivedAt, ip: ctx.ip, createdBy: ctx.actor.accountId, idempotencyKey: null, activityId: r.activityId ?? null,
    }, []));
  }
  return receipts;
}

/**
 * A grid worker's whistle (吹哨): a case of channel `whistle` at the station of their cell, with
 * photos. The grids feature has checked, in its own SQL, that the cell is theirs and that the
 * station is the cell's; here the case is written as any other, its place (属地) the cell's town,
 * so that at a cross-province station the cell's side handles it.
 */
export async function registerWhistle(ctx: WriteContext, w: { stationId: number; draft: OpinionDraft & { placeRegionPath: string }; photos: CheckedPhoto[] }): Promise<Receipt> {
  const photos = w.photos;
  const at = await resolveStationAndCategory(ctx.trx, { stationId: w.stationId }, w.draft.categoryId);
  return insertOpinion(ctx, at, w.draft, { channel: 'whistle', submittedAt: now(), ip: ctx.ip, createdBy: ctx.actor.accountId, idempotencyKey: null }, photos);
}

/** A case handed over by another province's instance (federation), already authenticated and checked for its station there. */
interface FederatedCase {
  stationId: number;
  categoryCode: string;
  content: string;
  placeRegionCode: string | null;
  name: string | null;
  phone: string | null;
  /** The sending instance: its id and name, and the case's tracking code and receipt time there. */
  origin: { peerId: string; peerName: string; trackingCode: string; receivedAt: Date };
}

/**
 * Registers a case handed over by another province's instance (channel `federation`), as any
 * other intake: the station's home side, its deadlines and follow-ups, the audit record in the
 * caller's transaction. Its submit step names the sending instance and the origin's tracking
 * code. 400 CATEGORY_UNKNOWN (field categoryCode), CASE_PLACE_OUTSIDE_STATION; 404 TARGET_NOT_FOUND.
 */
export async function registerFederated(ctx: WriteContext<PublicActor>, f: FederatedCase): Promise<Receipt> {
  const category = await ctx.trx.selectFrom('case_category').select('id').where('code', '=', f.categoryCode).where('active', '=', true).executeTakeFirst();
  if (!category) throw invalidFields([{ path: 'case.categoryCode', code: 'CATEGORY_UNKNOWN' }]);
  const at = await resolveTarget(ctx.trx, { stationId: f.stationId });
  const [placePath] = await placePaths(ctx.trx, f.stationId, [{ placeRegionCode: f.placeRegionCode }]);
  const draft = { categoryId: category.id, content: f.content, place: '', placeRegionCode: f.placeRegionCode, placeRegionPath: placePath ?? null, name: f.name, phone: f.phone };
  return insertOpinion(ctx, at, draft, {
    channel: 'federation', submittedAt: now(), ip: ctx.ip, createdBy: null, idempotencyKey: null,
    via: {
      actorName: f.origin.peerName,
      comment: `由${f.origin.peerName}(${f.origin.peerId})转来,原受理编号 ${f.origin.trackingCode}`,
      data: { peerId: f.origin.peerId, originTrackingCode: f.origin.trackingCode, originReceivedAt: f.origin.receivedAt.toISOString() },
    },
  }, []);
}

/**
 * The region paths of the items' places (属地), each of which must lie inside one of the
 * station's regions (its home or a member region): 400 CASE_PLACE_OUTSIDE_STATION otherwise.
 */
async function placePaths(trx: Transaction<DB>, stationId: number, items: { placeRegionCode?: string | null }[]): Promise<(string | null)[]> {
  const codes = [...new Set(items.flatMap((i) => (i.placeRegionCode ? [i.placeRegionCode] : [])))];
  if (codes.length === 0) return items.map(() => null);
  const rows = await trx.selectFrom('region as r').select(['r.code', 'r.path']).where('r.code', 'in', codes)
    .where(sql<boolean>`exists (select 1 from station_region sr where sr.station_id = ${stationId} and r.path like sr.region_path || '%')`)
    .execute();
  const found = new Map(rows.map((r) => [r.code, r.path]));
  const outside = codes.find((c) => !found.has(c));
  if (outside) throw new AppError('CASE_PLACE_OUTSIDE_STATION', { regionCode: outside });
  return items.map((i) => (i.placeRegionCode ? found.get(i.placeRegionCode)! : null));
}

/** Forgets idempotency records older than a day (run by the daily maintenance job). */
export async function purgeIdempotency(trx: Transaction<DB>, now: Date): Promise<number> {
  const result = await trx.deleteFrom('idempotency').where('created_at', '<', new Date(now.getTime() - 86_400_000)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
