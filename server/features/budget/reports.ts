/**
 * The government's reports filed with a review: on state assets (国有资产管理情况报告) and on debt
 * (政府债务报告), with their documents (checked by content and size as a case reply's files). The
 * deputies' questions on them are comments with `reportId` (comments.ts), answered by the finance office.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { BudgetReportKind } from '../../platform/db/schemaBudget.js';
import { AppError } from '../../platform/errors.js';
import { storeFile, withStoredBytes } from '../../platform/files/index.js';
import { now as clockNow } from '../../platform/clock.js';
import { checkReplyAttachments, type CheckedAttachment } from '../cases/index.js';
import { lockReview, reachReview, requireEditable, requirePart, touchReview } from './review.js';

export interface ReportInput {
  kind: BudgetReportKind;
  title: string;
  summary?: string | undefined;
  files?: { name: string; data: string }[] | undefined;
}

/** A report's files checked by their content, photos cleaned: before the transaction, so that no connection is held while libvips works. */
export function checkReportFiles(files: ReportInput['files']): Promise<CheckedAttachment[]> {
  return checkReplyAttachments((files ?? []).map((f) => ({ name: f.name, public: false, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })));
}

/** Files a report with its files, checked by `checkReportFiles` (`input.files` is not read). */
export async function fileReport(ctx: WriteContext, reviewId: number, input: ReportInput, files: CheckedAttachment[] = []): Promise<number> {
  const r = await lockReview(ctx, reviewId);
  requirePart(r, 'staff', 'finance');
  requireEditable(r);
  const now = clockNow();
  const row = await ctx.trx.insertInto('budget_report').values({
    review_id: reviewId, kind: input.kind, title: input.title.trim(), summary: input.summary ?? '',
    filed_by_account_id: ctx.actor.accountId || null, filed_by: ctx.actor.displayName, filed_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  if (files.length) {
    for (const f of files) await storeFile(f.bytes, f.mime);
    await ctx.trx.insertInto('budget_report_file').values(files.map((f) => ({
      report_id: row.id, name: f.name, mime: f.mime, size: f.bytes.length, sha256: f.sha256, created_at: now,
    }))).execute();
  }
  await touchReview(ctx.trx, reviewId, now);
  await recordAudit(ctx, {
    action: 'budget_report.create', entityType: 'budget_report', entityId: row.id,
    after: { reviewId, kind: input.kind, title: input.title, files: files.map((f) => ({ name: f.name, mime: f.mime, size: f.bytes.length, sha256: f.sha256 })) },
  });
  return row.id;
}

/** A report's document, for the parts that read the whole review (not a department reached only by its comments). */
export async function reportFile(db: Kysely<DB>, actor: Actor, reportId: number, fileId: number) {
  const report = await db.selectFrom('budget_report').select('review_id').where('id', '=', reportId).executeTakeFirst();
  const r = await reachReview(db, actor, report?.review_id ?? 0);
  if (r.part === 'department') throw new AppError('NOT_FOUND');
  const file = await db.selectFrom('budget_report_file').select(['name', 'mime', 'sha256']).where('id', '=', fileId).where('report_id', '=', reportId).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}
