/**
 * The constituents' evaluation (测评): from a phone through the QR code (no account), or from a
 * paper form entered by staff. One evaluation per phone per report-back, enforced by the
 * database: the phone number's hash and the device cookie's hash are each unique per
 * report-back (an insert that collides on either is refused, whichever process writes). The
 * hashes are salted with the report-back's key, so they link nothing across report-backs and no
 * phone number is stored. See docs/REPORTBACKS.md, "Stuffing resistance".
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { PublicActor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import type { ReportBackRating } from './types.js';
import { lockReportBack } from './commands.js';

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export const phoneHash = (key: string, phone: string) => hash('phone', key, phone);
export const deviceHash = (key: string, token: string) => hash('device', key, token);
const ipHash = (key: string, ip: string) => hash('ip', key, ip);

export interface EvaluationInput { rating: ReportBackRating; comment?: string | null | undefined; phone: string }

/** Whether evaluations are taken now: the state is evaluating and the window has not run out. */
export function evaluationOpen(r: { state: string; eval_closes_at: Date | null }, at: Date): boolean {
  return r.state === 'evaluating' && (r.eval_closes_at === null || r.eval_closes_at > at);
}

/** A constituent's evaluation from their phone, by the report-back's key and the device's cookie token. */
export async function submitEvaluation(ctx: WriteContext<PublicActor>, key: string, deviceToken: string, input: EvaluationInput): Promise<void> {
  const r = await ctx.trx.selectFrom('report_back').select(['id', 'state', 'eval_key', 'eval_closes_at']).where('eval_key', '=', key).executeTakeFirst();
  if (!r) throw new AppError('REPORT_BACK_KEY_UNKNOWN');
  const at = clockNow();
  if (!evaluationOpen(r, at)) throw new AppError('REPORT_BACK_EVALUATION_CLOSED');
  const inserted = await ctx.trx.insertInto('report_back_evaluation').values({
    report_back_id: r.id, channel: 'qr', rating: input.rating, comment: input.comment?.trim() || null,
    phone_hash: phoneHash(key, input.phone), device_hash: deviceHash(key, deviceToken), ip_hash: ctx.ip ? ipHash(key, ctx.ip) : null, created_at: at,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new AppError('REPORT_BACK_ALREADY_EVALUATED');
  await recordAudit(ctx, { action: 'report_back.evaluate', entityType: 'report_back', entityId: r.id,
    after: { evaluationId: Number(inserted.id), rating: input.rating, hasComment: Boolean(input.comment?.trim()) } });
}

export interface PaperForm { rating: ReportBackRating; comment?: string | null | undefined; phone?: string | null | undefined }

/**
 * Paper forms entered by those running the report-back, while or after it is evaluated. A form
 * with a phone number that has evaluated already (by phone or on paper) is refused; the others are entered.
 */
export async function enterPaperForms(ctx: WriteContext, id: number, forms: PaperForm[]): Promise<{ created: number; refused: { index: number; code: string }[] }> {
  const row = await lockReportBack(ctx, id);
  if (row.part !== 'manager') throw new AppError(row.part === 'reader' ? 'NOT_FOUND' : 'FORBIDDEN');
  if (row.state !== 'evaluating' && row.state !== 'evaluated') throw new AppError('REPORT_BACK_EVALUATION_CLOSED');
  const key = row.eval_key!;
  const at = clockNow();
  const refused: { index: number; code: string }[] = [];
  const ids: number[] = [];
  for (const [index, f] of forms.entries()) {
    const inserted = await ctx.trx.insertInto('report_back_evaluation').values({
      report_back_id: id, channel: 'paper', rating: f.rating, comment: f.comment?.trim() || null,
      phone_hash: f.phone ? phoneHash(key, f.phone) : null, entered_by_account_id: ctx.actor.accountId || null, created_at: at,
    }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (inserted) ids.push(Number(inserted.id));
    else refused.push({ index, code: 'REPORT_BACK_ALREADY_EVALUATED' });
  }
  if (ids.length === 0 && forms.length > 0 && refused.length === 0) throw invalidFields([{ path: 'forms', code: 'REQUIRED' }]);
  await recordAudit(ctx, { action: 'report_back.evaluate_paper', entityType: 'report_back', entityId: id, after: { evaluationIds: ids, refused } });
  return { created: ids.length, refused };
}

/** Counts of one report-back's evaluations by rating and channel. */
export function evaluationCounts(reportBackId: ReturnType<typeof sql.ref> | number) {
  return sql<{ satisfied: number; basically_satisfied: number; unsatisfied: number; total: number; qr: number; paper: number }>`(
    select json_build_object(
      'satisfied', count(*) filter (where e.rating = 'satisfied'),
      'basically_satisfied', count(*) filter (where e.rating = 'basically_satisfied'),
      'unsatisfied', count(*) filter (where e.rating = 'unsatisfied'),
      'total', count(*), 'qr', count(*) filter (where e.channel = 'qr'), 'paper', count(*) filter (where e.channel = 'paper'))
    from report_back_evaluation e where e.report_back_id = ${reportBackId})`;
}
