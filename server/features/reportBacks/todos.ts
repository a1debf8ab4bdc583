/**
 * What waits in report-backs (待办): for the deputy, the open items of their own report-backs'
 * issue lists (问题清单), to close with a note or hand on as a case or a suggestion.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { TodoSource } from '../todo/index.js';
import { reportBackColumns, reportBackOwn } from './access.js';

const ISSUE = 'report_back.issue';

function openIssues(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('report_back_issue as i').innerJoin('report_back as r', 'r.id', 'i.report_back_id')
    .where('i.state', '=', 'open').where(reportBackOwn(actor, reportBackColumns('r')));
}

const decode = (cursor: string | undefined) => (cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : null);
const encode = (id: number) => Buffer.from(String(id)).toString('base64url');

export const REPORT_BACK_TODOS: TodoSource = {
  group: { zh: '代表述职', en: 'Report-backs' },
  items: [
    { key: ISSUE, label: { zh: '述职问题清单待办结', en: 'Report-back issues to settle' }, roles: ['deputy'], order: 430, tone: 'warning', href: '/report-backs' },
  ],
  async count(db, actor, keys) {
    const out: Record<string, number> = {};
    if (keys.includes(ISSUE)) out[ISSUE] = Number((await openIssues(db, actor).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return out;
  },
  async list(db, actor, key, page) {
    if (key !== ISSUE) return { items: [], nextCursor: null };
    const after = decode(page.cursor);
    const rows = await openIssues(db, actor).select(['i.id', 'i.text', 'i.due_on', 'i.report_back_id', 'r.title'])
      .$if(after !== null && Number.isInteger(after), (q) => q.where('i.id', '>', after!)).orderBy('i.id').limit(page.limit + 1).execute();
    const more = rows.length > page.limit;
    const list = rows.slice(0, page.limit);
    return {
      nextCursor: more ? encode(list.at(-1)!.id) : null,
      items: list.map((r) => ({
        id: r.id, code: `述职问题#${r.id}`, title: r.text.slice(0, 60), detail: r.title,
        dueAt: r.due_on ? endOfShanghaiDay(r.due_on).toISOString() : null, overdue: r.due_on !== null && r.due_on < today(), href: `/report-backs/${r.report_back_id}`,
      })),
    };
  },
};
