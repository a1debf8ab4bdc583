/**
 * The report-backs' timers: the evaluation stops by itself at the end of its window (the public
 * form refuses from that instant; this job moves the state and tells the deputy), and an open
 * issue-list item past its due date reminds the deputy and whoever scheduled the report-back,
 * then again every week until it is closed or handed on.
 */
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { jobKind } from '../../platform/feature.js';
import { notify } from '../../platform/notify/notify.js';
import { maskText } from '../../platform/text/maskText.js';
import { morningOf, setTimer } from '../../platform/workflow/timers.js';
import { anyOf, deputiesOf, theAccounts } from '../../platform/notify/audience.js';
import { tellResult } from './commands.js';
import { issueTimerPrefix } from './issues.js';
import { EVALUATION_CLOSE, ISSUE_REMIND } from './jobKinds.js';

export const evaluationCloseJob = jobKind<{ reportBackId: number; closesAt: string }>(EVALUATION_CLOSE, async ({ trx, payload: p, now }) => {
  const r = await trx.selectFrom('report_back').select(['id', 'state', 'eval_closes_at', 'deputy_id', 'version'])
    .where('id', '=', p.reportBackId).forUpdate().executeTakeFirst();
  // Reopened with another window, closed by hand or not due yet: nothing to do.
  if (!r || r.state !== 'evaluating' || !r.eval_closes_at || r.eval_closes_at > now) return;
  await trx.updateTable('report_back').set({ state: 'evaluated', eval_closed_at: r.eval_closes_at, updated_at: now, version: r.version + 1 }).where('id', '=', r.id).execute();
  await tellResult(trx, r.id, r.deputy_id, 0);
  await recordAudit({ trx, actor: SYSTEM_ACTOR, ip: null }, { action: 'report_back.close_evaluation', entityType: 'report_back', entityId: r.id,
    before: { state: 'evaluating' }, after: { state: 'evaluated', automatic: true } });
}, { payload: z.object({ reportBackId: z.number(), closesAt: z.string() }) });

/** Days between two reminders of the same overdue item. */
export const ISSUE_REMIND_EVERY_DAYS = 7;

export const issueRemindJob = jobKind<{ issueId: number; day: string }>(ISSUE_REMIND, async ({ trx, payload: p, now }) => {
  const i = await trx.selectFrom('report_back_issue as i').innerJoin('report_back as r', 'r.id', 'i.report_back_id')
    .select(['i.id', 'i.state', 'i.due_on', 'i.text', 'r.id as report_back_id', 'r.deputy_id', 'r.created_by_account_id', 'r.title'])
    .where('i.id', '=', p.issueId).forUpdate('i').executeTakeFirst();
  if (!i || i.state !== 'open' || !i.due_on) return;
  const today = shanghaiDate(now);
  if (today <= i.due_on) return;
  const text = maskText(i.text);
  const brief = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const title = `述职问题清单逾期未销号(${i.due_on} 到期)`;
  const accounts = anyOf(deputiesOf(trx, [i.deputy_id]), theAccounts(trx, i.created_by_account_id ? [i.created_by_account_id] : []));
  await notify(trx, { accountIds: accounts, kind: 'report_back.issue_overdue', title, body: `${i.title}:${brief}`, link: `/report-backs/${i.report_back_id}`, dedupeKey: `report_back:issue:${i.id}:remind:${today}` });
  await recordAudit({ trx, actor: SYSTEM_ACTOR, ip: null }, { action: 'report_back.issue_remind', entityType: 'report_back', entityId: i.report_back_id, after: { issueId: i.id, day: today, dueOn: i.due_on } });
  const next = addDays(today, ISSUE_REMIND_EVERY_DAYS);
  await setTimer(trx, { kind: ISSUE_REMIND, key: `${issueTimerPrefix(i.id)}${next}`, at: morningOf(next), payload: { issueId: i.id, day: next } });
}, { payload: z.object({ issueId: z.number(), day: z.string() }) });
