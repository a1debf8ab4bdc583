/**
 * Notes on a case's timeline from the other instruments the opinion fed: the constituent sees on
 * the tracking page that it went into a deputy's suggestion (已纳入代表建议《…》), a livelihood
 * project or a standing-committee consultation, and what became of it. The case's state does not
 * change. A note may carry `link`, a public page under /m that tells more (`/suggestions/12`).
 */
import type { Transaction } from 'kysely';
import type { Label } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';

export const CASE_NOTES = {
  suggestion_included: { zh: '已纳入代表建议', en: 'Taken up in a deputy’s suggestion' },
  suggestion_answered: { zh: '代表建议已答复', en: 'The deputy’s suggestion was answered' },
  project_proposed: { zh: '已纳入民生实事候选项目', en: 'Taken up as a candidate livelihood project' },
  project_adopted: { zh: '民生实事项目经代表票决通过', en: 'The livelihood project was voted in by the deputies' },
  project_not_adopted: { zh: '民生实事项目未获票决通过', en: 'The livelihood project was not voted in' },
  project_completed: { zh: '民生实事项目已完成验收', en: 'The livelihood project was completed and accepted' },
  consultation_included: { zh: '已纳入人大常委会议题征询', en: 'Taken into a standing-committee consultation' },
  consultation_feedback: { zh: '议题审议意见已反馈', en: 'The committee’s opinion on the topic was reported back' },
  deliberation_included: { zh: '已纳入逢四议事议题', en: 'Taken up as a deliberation-day topic' },
  deliberation_published: { zh: '逢四议事结果已公布', en: 'The deliberation day’s results were published' },
  whistled: { zh: '网格员吹哨', en: 'Whistle blown by a grid worker' },
  former_deputy_collected: { zh: '往届代表收集,现届代表转交', en: 'Collected by a former deputy, carried by a current deputy' },
} as const satisfies Record<string, Label>;
export type CaseNote = keyof typeof CASE_NOTES;

export function isCaseNote(action: string): action is CaseNote {
  return Object.hasOwn(CASE_NOTES, action);
}

/** What a note may carry: the suggestion it is about, or a public page (under /m) that tells more. */
export interface CaseNoteData {
  suggestionId?: number;
  link?: string;
  [key: string]: unknown;
}

/** The public page a note points to, if it names one under /m (`/projects/3`). */
export function noteLink(data: unknown): string | null {
  const link = (data as CaseNoteData | null)?.link;
  return typeof link === 'string' && /^\/[A-Za-z0-9/_-]*$/.test(link) ? link : null;
}

/**
 * Adds a public note to the case's timeline, in the caller's transaction; `comment` is what the
 * constituent reads with it (the suggestion's title, say). Nothing for a case that does not exist.
 */
export async function noteOnCase(trx: Transaction<DB>, opinionId: number, note: CaseNote, comment: string, data: CaseNoteData, now: Date): Promise<void> {
  const c = await trx.selectFrom('opinion').select('state').where('id', '=', opinionId).executeTakeFirst();
  if (!c) return;
  await trx.insertInto('opinion_event').values({
    opinion_id: opinionId, at: now, actor_kind: 'system', actor_account_id: null, actor_name: '系统',
    action: note, from_state: c.state, to_state: c.state, comment, public: true, data: JSON.stringify(data),
  }).execute();
}
