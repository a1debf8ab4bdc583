/**
 * The issue list (问题清单) that follows a report-back: items from the evaluation's comments or
 * entered by staff or the deputy, each tracked to closure (workflow.ts): closed by the deputy (or
 * those running it) with a note, handed on as a case (registered through the cases feature at the
 * report-back's station, addressed to the deputy; the item keeps the case) or as the deputy's
 * draft suggestion (through the suggestions feature, linked). Open items past their due date are
 * reminded by a timer (timers.ts).
 */
import { sql } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { cancelTimers, morningOf, setTimer } from '../../platform/workflow/timers.js';
import { maskText } from '../../platform/text/maskText.js';
import { registerOpinions } from '../cases/index.js';
import { createSuggestion } from '../suggestions/index.js';
import { reportBackColumns, reportBackManageable, reportBackOwn, reportBackVisible } from './access.js';
import { lockReportBack } from './commands.js';
import { ISSUE_STATE_LABELS, issueWorkflow, type IssueAction, type ReportBackPart } from './workflow.js';
import { ISSUE_REMIND } from './jobKinds.js';

/** Days after the meeting an item is due by when no date is given. */
export const DEFAULT_ISSUE_DAYS = 30;

export function issueTimerPrefix(issueId: number): string {
  return `report_back:issue:${issueId}:`;
}

/** Sets the overdue reminder of an open item: the morning after its due date. */
export async function planIssueReminder(trx: WriteContext['trx'], issueId: number, dueOn: string): Promise<void> {
  const day = addDays(dueOn, 1);
  await setTimer(trx, { kind: ISSUE_REMIND, key: `${issueTimerPrefix(issueId)}${day}`, at: morningOf(day), payload: { issueId, day } });
}

export interface IssueInput { text: string; dueOn?: string | null | undefined; evaluationId?: number | null | undefined }

export async function addIssue(ctx: WriteContext, reportBackId: number, input: IssueInput): Promise<number> {
  const row = await lockReportBack(ctx, reportBackId);
  if (row.part === 'reader') throw new AppError('FORBIDDEN');
  if (row.state === 'cancelled') throw new AppError('REPORT_BACK_TRANSITION_INVALID', { stateLabel: '已取消', stepLabel: '登记问题' });
  if (input.evaluationId) {
    const e = await ctx.trx.selectFrom('report_back_evaluation').select('id').where('id', '=', input.evaluationId).where('report_back_id', '=', reportBackId).executeTakeFirst();
    if (!e) throw new AppError('REPORT_BACK_ISSUE_EVALUATION_UNKNOWN');
  }
  const meeting = await ctx.trx.selectFrom('activity').select('starts_at').where('id', '=', row.activity_id).executeTakeFirstOrThrow();
  const dueOn = input.dueOn ?? addDays(shanghaiDate(meeting.starts_at), DEFAULT_ISSUE_DAYS);
  const at = clockNow();
  const source = input.evaluationId ? 'evaluation' : row.part === 'deputy' ? 'deputy' : 'staff';
  const { id } = await ctx.trx.insertInto('report_back_issue').values({
    report_back_id: reportBackId, text: input.text, source, evaluation_id: input.evaluationId ?? null, due_on: dueOn, state: 'open',
    created_by_account_id: ctx.actor.accountId || null, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await planIssueReminder(ctx.trx, id, dueOn);
  await recordAudit(ctx, { action: 'report_back.issue_add', entityType: 'report_back', entityId: reportBackId, after: { issueId: id, text: input.text, source, dueOn, evaluationId: input.evaluationId ?? null } });
  return id;
}

/** The item with its report-back, locked, and the actor's part; NOT_FOUND out of reach. */
async function lockIssue(ctx: WriteContext, issueId: number) {
  const c = reportBackColumns('r');
  const row = await ctx.trx.selectFrom('report_back_issue as i').innerJoin('report_back as r', 'r.id', 'i.report_back_id')
    .selectAll('i').select(['r.deputy_id', 'r.station_id', 'r.congress_level', 'r.congress_region_code', 'r.congress_region_path', 'r.activity_id', 'r.title as report_back_title',
      reportBackManageable(ctx.actor, c).as('manager'), reportBackOwn(ctx.actor, c).as('own')])
    .where('i.id', '=', issueId).where(reportBackVisible(ctx.actor, c)).forUpdate('i').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const part: ReportBackPart = row.manager ? 'manager' : row.own ? 'deputy' : 'reader';
  return { ...row, part };
}

function refuse(state: keyof typeof ISSUE_STATE_LABELS, action: IssueAction, reason: 'ROLE' | 'STATE' | 'COMMENT', part: ReportBackPart): never {
  if (reason === 'ROLE') throw new AppError(part === 'reader' ? 'NOT_FOUND' : 'FORBIDDEN');
  if (reason === 'COMMENT') throw invalidFields([{ path: 'note', code: 'REQUIRED' }]);
  throw new AppError('REPORT_BACK_ISSUE_TRANSITION_INVALID', { stateLabel: ISSUE_STATE_LABELS[state].zh, stepLabel: issueWorkflow.rules[action].label.zh });
}

async function finish(ctx: WriteContext, issue: { id: number; report_back_id: number; state: string; version: number }, action: IssueAction, set: Record<string, unknown>, after: Record<string, unknown>) {
  const at = clockNow();
  await ctx.trx.updateTable('report_back_issue').set({
    ...set, state: issueWorkflow.rules[action].to!, closed_at: at, closed_by_account_id: ctx.actor.accountId || null, closed_by_name: ctx.actor.displayName,
    updated_at: at, version: issue.version + 1,
  }).where('id', '=', issue.id).execute();
  await cancelTimers(ctx.trx, issueTimerPrefix(issue.id));
  await recordAudit(ctx, { action: `report_back.issue_${action}`, entityType: 'report_back', entityId: issue.report_back_id,
    before: { issueId: issue.id, state: issue.state }, after: { issueId: issue.id, state: issueWorkflow.rules[action].to, ...after } });
}

/** The deputy (or those running the report-back) closes the item with a note of what was done. */
export async function closeIssue(ctx: WriteContext, issueId: number, note: string): Promise<void> {
  const issue = await lockIssue(ctx, issueId);
  const check = issueWorkflow.check(issue.state, 'close', issue.part, note);
  if (!check.ok) refuse(issue.state, 'close', check.reason, issue.part);
  await finish(ctx, issue, 'close', { closing_note: note.trim() }, { note: note.trim() });
}

/** Hands the item on as a case at the report-back's station, addressed to the deputy. */
export async function handOnAsCase(ctx: WriteContext, issueId: number, input: { categoryId?: number | undefined }): Promise<number> {
  const issue = await lockIssue(ctx, issueId);
  const check = issueWorkflow.check(issue.state, 'hand_case', issue.part);
  if (!check.ok) refuse(issue.state, 'hand_case', check.reason, issue.part);
  if (issue.station_id === null) throw invalidFields([{ path: 'stationId', code: 'REQUIRED' }]);
  const categoryId = input.categoryId
    ?? (await ctx.trx.selectFrom('case_category').select('id').where('active', '=', true).orderBy(sql`code = 'other'`, 'desc').orderBy('sort').executeTakeFirstOrThrow()).id;
  const meeting = await ctx.trx.selectFrom('activity').select(['place', 'starts_at']).where('id', '=', issue.activity_id).executeTakeFirstOrThrow();
  const [receipt] = await registerOpinions(ctx, {
    stationId: issue.station_id, deputyId: issue.deputy_id, channel: 'visit', receivedAt: null, activityId: issue.activity_id,
    items: [{ categoryId, content: `述职问题清单:${maskText(issue.text)}`.slice(0, 2000), place: meeting.place, name: null, phone: null }],
  });
  await finish(ctx, issue, 'hand_case', { case_id: receipt!.id }, { caseId: receipt!.id, trackingCode: receipt!.trackingCode });
  return receipt!.id;
}

/** Hands the item on as the deputy's draft suggestion (代表建议草稿), to the congress they reported to. */
export async function handOnAsSuggestion(ctx: WriteContext, issueId: number, input: { title?: string | undefined; categoryId?: number | undefined }): Promise<number> {
  const issue = await lockIssue(ctx, issueId);
  const check = issueWorkflow.check(issue.state, 'hand_suggestion', issue.part);
  if (!check.ok) refuse(issue.state, 'hand_suggestion', check.reason, issue.part);
  const categoryId = input.categoryId
    ?? (await ctx.trx.selectFrom('case_category').select('id').where('active', '=', true).orderBy(sql`code = 'other'`, 'desc').orderBy('sort').executeTakeFirstOrThrow()).id;
  const title = (input.title?.trim() || `关于${maskText(issue.text).replace(/[。.!!??]+$/, '')}的建议`).slice(0, 100);
  const suggestionId = await createSuggestion(ctx, {
    kind: 'suggestion', title, categoryId, regionCode: issue.congress_region_code, level: issue.congress_level === 'township' ? 'township' : issue.congress_level,
    reasons: `${issue.report_back_title}时选民提出:${maskText(issue.text)}`, proposals: '', activityIds: [issue.activity_id],
  });
  await finish(ctx, issue, 'hand_suggestion', { suggestion_id: suggestionId }, { suggestionId });
  return suggestionId;
}
