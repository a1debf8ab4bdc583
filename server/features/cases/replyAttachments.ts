import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { AnyActor, Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { storeFile, withStoredBytes } from '../../platform/files/index.js';
import { MAX_PHOTO_BYTES } from '../../platform/uploads/imageType.js';
import { sniffDocumentOrImage } from '../../platform/uploads/documentType.js';
import { keptBytes } from '../../platform/uploads/photo.js';
import { REPLY_RESULTS, type ReplyResult } from '../../../common/caseVocabulary.js';
import { caseColumns, caseVisible } from './access.js';

/** At most this many files with one reply. */
export const MAX_REPLY_ATTACHMENTS = 6;
/** A reply letter (PDF) may be up to 10 MB; a photo up to 5 MB, as a submission's; all files of one reply up to 20 MB. */
export const MAX_REPLY_PDF_BYTES = 10 * 1024 * 1024;
export const MAX_REPLY_TOTAL_BYTES = 20 * 1024 * 1024;

/** A file as the reply's request carries it. */
export interface ReplyAttachmentInput {
  name: string;
  bytes: Uint8Array;
  /** Shown to the constituent on her tracking page once the reply is approved; otherwise for the people handling the case. */
  public: boolean;
}

/** What a reply carries besides its text. */
export interface ReplyDetails {
  result: ReplyResult | null;
  handlerName: string | null;
  handlerContact: string | null;
  /** Checked by `checkReplyAttachments` before the transaction. */
  attachments: CheckedAttachment[];
}

export type CheckedAttachment = ReplyAttachmentInput & { mime: string; sha256: string };

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Checks a reply's files by their content: a PDF, JPEG, PNG or WebP whatever its name says
 * (REPLY_ATTACHMENT_TYPE otherwise), within the size limits (REPLY_ATTACHMENT_TOO_LARGE); a
 * photo decoded and encoded again without its metadata (IMAGE_UNREADABLE, IMAGE_TOO_MANY_PIXELS).
 */
export async function checkReplyAttachments(files: ReplyAttachmentInput[]): Promise<CheckedAttachment[]> {
  if (files.length > MAX_REPLY_ATTACHMENTS) throw new AppError('REPLY_ATTACHMENTS_TOO_MANY', { max: MAX_REPLY_ATTACHMENTS });
  let total = 0;
  const checked: CheckedAttachment[] = [];
  for (const [index, f] of files.entries()) {
    const mime = sniffDocumentOrImage(f.bytes);
    if (!mime) throw new AppError('REPLY_ATTACHMENT_TYPE', { name: f.name, index });
    const limit = mime === 'application/pdf' ? MAX_REPLY_PDF_BYTES : MAX_PHOTO_BYTES;
    total += f.bytes.length;
    if (f.bytes.length > limit || total > MAX_REPLY_TOTAL_BYTES) {
      throw new AppError('REPLY_ATTACHMENT_TOO_LARGE', { name: f.name, index, maxMb: megabytes(f.bytes.length > limit ? limit : MAX_REPLY_TOTAL_BYTES) });
    }
    const bytes = await keptBytes(f, mime);
    checked.push({ ...f, bytes, mime, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return checked;
}

/** Stores a reply's checked files with its event, in the reply's transaction. */
export async function insertReplyAttachments(
  ctx: WriteContext<AnyActor>, caseId: number, eventId: number, files: CheckedAttachment[], now: Date,
): Promise<{ id: number; name: string; mime: string; size: number; public: boolean }[]> {
  if (!files.length) return [];
  for (const f of files) await storeFile(f.bytes, f.mime);
  const rows = await ctx.trx.insertInto('opinion_reply_attachment').values(files.map((f) => ({
    opinion_id: caseId, event_id: eventId, name: f.name, mime: f.mime, size: f.bytes.length, sha256: f.sha256,
    public: f.public, created_by_account_id: ctx.actor.accountId || null, created_at: now,
  }))).returning(['id', 'name', 'mime', 'size', 'public']).execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, mime: r.mime, size: r.size, public: r.public }));
}

type ReplyEventData = { result?: ReplyResult | null; handlerName?: string | null; handlerContact?: string | null };

const resultLabel = (result: ReplyResult | null | undefined) => (result ? REPLY_RESULTS.labels[result] : null);

/**
 * The latest reply on a case as the people handling it see it: its result type, handler and
 * contact, when, whether it is approved yet, and all its files (public and internal). Null before a reply.
 * `events` are the case's events in their order (others than the reply's are skipped); `files`
 * those of its latest reply, in their order.
 */
export function caseReply(
  caseId: number, events: readonly { id: number; action: string; at: Date; data: unknown }[],
  files: readonly { id: number; name: string; mime: string; size: number; public: boolean }[],
) {
  const replies = events.filter((e) => REPLY_REVIEW_ACTIONS.includes(e.action));
  const reply = replies.filter((e) => e.action === 'reply').at(-1);
  if (!reply) return null;
  const after = replies.filter((e) => e.id > reply.id).at(-1);
  const data = (reply.data ?? {}) as ReplyEventData;
  return {
    result: data.result ?? null,
    resultLabel: resultLabel(data.result),
    handlerName: data.handlerName ?? null,
    handlerContact: data.handlerContact ?? null,
    at: reply.at.toISOString(),
    status: after?.action === 'approve_reply' ? 'approved' as const : after?.action === 'send_back_reply' ? 'sent_back' as const : 'pending' as const,
    attachments: files.map((f) => ({
      id: Number(f.id), name: f.name, mime: f.mime, size: f.size, public: f.public,
      url: `/api/cases/${caseId}/reply-attachments/${f.id}`,
    })),
  };
}

/** The events of a reply's review. */
const REPLY_REVIEW_ACTIONS: readonly string[] = ['reply', 'approve_reply', 'send_back_reply'];

/**
 * The reply the constituent may see: the latest reply approved by the station (a reply under
 * review or sent back is internal). Its event id, or null.
 */
async function approvedReplyEvent(db: Kysely<DB>, caseId: number): Promise<{ id: number; data: ReplyEventData } | null> {
  return approvedReplyOf(await db.selectFrom('opinion_event').select(['id', 'action', 'data'])
    .where('opinion_id', '=', caseId).where('action', 'in', REPLY_ACTIONS).orderBy('id').execute());
}

/** The events `approvedReplyOf` reads. */
export const REPLY_ACTIONS = ['reply', 'approve_reply'] as const;

/** The approved reply among a case's `reply` and `approve_reply` events, in their order (other events are skipped). */
export function approvedReplyOf(events: { id: number; action: string; data: unknown }[]): { id: number; data: ReplyEventData } | null {
  let approved: { id: number; data: ReplyEventData } | null = null;
  let last: { id: number; data: ReplyEventData } | null = null;
  for (const e of events) {
    if (e.action === 'reply') last = { id: Number(e.id), data: (e.data ?? {}) as ReplyEventData };
    else if (e.action === 'approve_reply' && last) approved = last;
  }
  return approved;
}

/** The result type and the public files of the approved reply, for the tracking page (`answerSource`: the case whose answers it shows). */
export async function publicReply(db: Kysely<DB>, answerSource: number, trackingCode: string, reply: { id: number; data: ReplyEventData } | null) {
  if (!reply) return { replyResult: null, attachments: [] };
  const files = await db.selectFrom('opinion_reply_attachment').select(['id', 'name', 'mime', 'size'])
    .where('opinion_id', '=', answerSource).where('event_id', '=', reply.id).where('public', '=', true).orderBy('id').execute();
  const result = reply.data.result ?? null;
  return {
    replyResult: result ? { code: result, label: REPLY_RESULTS.labels[result] } : null,
    attachments: files.map((f) => ({
      id: Number(f.id), name: f.name, mime: f.mime, size: f.size,
      url: `/api/public/opinions/${trackingCode}/attachments/${f.id}`,
    })),
  };
}

/** A file of a case's reply, for a reader who can see the case; NOT_FOUND otherwise. */
export async function getReplyAttachment(db: Kysely<DB>, actor: Actor, caseId: number, attachmentId: number) {
  const file = await db.selectFrom('opinion_reply_attachment as a').innerJoin('opinion as o', 'o.id', 'a.opinion_id')
    .select(['a.name', 'a.mime', 'a.sha256']).where('a.id', '=', attachmentId).where('o.id', '=', caseId)
    .where(caseVisible(actor, caseColumns('o'))).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}

/**
 * A public file of the approved reply of case `id`, whose tracking code and key the caller has
 * checked (a merged case's submitter gets the files of the case it was merged into). Anything
 * else: NOT_FOUND, the same as for a wrong key, an internal file or a reply not yet approved.
 */
export async function getPublicReplyAttachment(db: Kysely<DB>, id: number, attachmentId: number) {
  const c = await db.selectFrom('opinion').select(['id', 'merged_into_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const source = c.merged_into_id ?? c.id;
  const reply = await approvedReplyEvent(db, source);
  const file = reply && await db.selectFrom('opinion_reply_attachment').select(['name', 'mime', 'sha256'])
    .where('id', '=', attachmentId).where('opinion_id', '=', source).where('event_id', '=', reply.id)
    .where('public', '=', true).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}
