/**
 * The files sent with handling actions: the answer letter (答复函) and its photos, a co-unit's
 * view, a follow-up report. Their type is judged by content and their size checked as a case
 * reply's are (features/cases); they are stored with the action's timeline event.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import type { SuggestionAttachmentTable } from '../../platform/db/schemaSuggestions.js';
import { AppError } from '../../platform/errors.js';
import { storeFile, withStoredBytes } from '../../platform/files/index.js';
import { checkReplyAttachments, type CheckedAttachment } from '../cases/index.js';
import { suggestionColumns, suggestionVisible } from './access.js';
import type { ActionBody } from './actionBody.js';

export type FilePurpose = SuggestionAttachmentTable['purpose'];

/** The files of an action's body, decoded and checked (REPLY_ATTACHMENT_TYPE, REPLY_ATTACHMENT_TOO_LARGE, REPLY_ATTACHMENTS_TOO_MANY). */
export function checkActionFiles(files: ActionBody['files']): Promise<CheckedAttachment[]> {
  return checkReplyAttachments((files ?? []).map((f) => ({ name: f.name, public: f.public, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })));
}

/** What the event and the audit record keep of the files. */
export function fileFacts(files: readonly CheckedAttachment[]) {
  return files.map((f) => ({ name: f.name, mime: f.mime, size: f.bytes.length, public: f.public, sha256: f.sha256 }));
}

/** Stores checked files with their event, in the action's transaction. */
export async function insertActionFiles(
  ctx: WriteContext<Actor>, suggestionId: number, eventId: number, purpose: FilePurpose, files: readonly CheckedAttachment[], now: Date,
): Promise<void> {
  if (!files.length) return;
  for (const f of files) await storeFile(f.bytes, f.mime);
  await ctx.trx.insertInto('suggestion_attachment').values(files.map((f) => ({
    suggestion_id: suggestionId, event_id: eventId, purpose, name: f.name, mime: f.mime, size: f.bytes.length, sha256: f.sha256,
    public: f.public, created_by_account_id: ctx.actor.accountId || null, created_at: now,
  }))).execute();
}

/**
 * A file of a suggestion the reader can see (its signers, the staff of its congress and above,
 * the units it is assigned to), public or internal; NOT_FOUND otherwise.
 */
export async function getSuggestionFile(db: Kysely<DB>, actor: Actor, suggestionId: number, fileId: number) {
  const file = await db.selectFrom('suggestion_attachment as a').innerJoin('suggestion as s', 's.id', 'a.suggestion_id')
    .select(['a.name', 'a.mime', 'a.sha256']).where('a.id', '=', fileId).where('s.id', '=', suggestionId)
    .where(suggestionVisible(actor, suggestionColumns('s'))).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}
