/**
 * What waits in deliberation days (待办): for a unit's clerk the items to sign for and to answer;
 * for the street's office the answers to review and the unsatisfied feedback to decide on.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { TodoSource } from '../todo/index.js';
import { itemVisible, regionManageable } from './access.js';

const SIGN = 'deliberation.sign';
const ANSWER = 'deliberation.answer';
const REVIEW = 'deliberation.review';
const FEEDBACK = 'deliberation.feedback';
const ITEM_STATE: Record<string, 'assigned' | 'signed' | 'answered'> = { [SIGN]: 'assigned', [ANSWER]: 'signed', [REVIEW]: 'answered' };

function items(db: Kysely<DB>, actor: Actor, key: string) {
  const q = db.selectFrom('deliberation_item as i').innerJoin('deliberation_day as d', 'd.id', 'i.day_id').where('i.state', '=', ITEM_STATE[key]!);
  return key === REVIEW ? q.where(regionManageable(actor, ref('d.region_path'))) : q.where(itemVisible(actor, ref('i.unit_id'), ref('d.region_path'))).where(sql<SqlBool>`${actor.role === 'unit'}`);
}

function feedback(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('deliberation_feedback as f').innerJoin('deliberation_day as d', 'd.id', 'f.day_id')
    .where('f.rating', '=', 'unsatisfied').where('f.decision', 'is', null).where(regionManageable(actor, ref('d.region_path')));
}

const decode = (cursor: string | undefined) => (cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : null);
const encode = (id: number) => Buffer.from(String(id)).toString('base64url');

export const DELIBERATION_TODOS: TodoSource = {
  group: { zh: '逢四议事', en: 'Deliberation days' },
  items: [
    { key: SIGN, label: { zh: '议事事项待签收', en: 'Deliberation items to sign for' }, roles: ['unit'], order: 420, tone: 'warning', href: '/deliberations?todo=deliberation.sign' },
    { key: ANSWER, label: { zh: '议事事项待办复', en: 'Deliberation items to answer' }, roles: ['unit'], order: 421, tone: 'normal', href: '/deliberations?todo=deliberation.answer' },
    { key: REVIEW, label: { zh: '议事事项答复待审核', en: 'Deliberation answers to review' }, roles: ['staff'], order: 422, tone: 'normal', href: '/deliberations?todo=deliberation.review' },
    { key: FEEDBACK, label: { zh: '议事结果群众不满意待处理', en: 'Unsatisfied feedback on deliberation results' }, roles: ['staff'], order: 423, tone: 'warning', href: '/deliberations?todo=deliberation.feedback' },
  ],
  async count(db, actor, keys) {
    const out: Record<string, number> = {};
    for (const key of keys) {
      if (key === FEEDBACK) out[key] = Number((await feedback(db, actor).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      else if (ITEM_STATE[key]) out[key] = Number((await items(db, actor, key).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  },
  async list(db, actor, key, page) {
    const after = decode(page.cursor);
    if (key === FEEDBACK) {
      const rows = await feedback(db, actor).innerJoin('region as r', 'r.code', 'd.region_code').select(['f.id', 'f.day_id', 'f.comment', 'd.held_on', 'r.name'])
        .$if(after !== null && Number.isInteger(after), (q) => q.where('f.id', '>', after!)).orderBy('f.id').limit(page.limit + 1).execute();
      const more = rows.length > page.limit;
      const list = rows.slice(0, page.limit);
      return {
        nextCursor: more ? encode(list.at(-1)!.id) : null,
        items: list.map((r) => ({ id: r.id, code: `反馈#${r.id}`, title: r.comment.slice(0, 60) || '不满意', detail: `${r.name} ${r.held_on} 议事`, dueAt: null, overdue: false, href: `/deliberations/days/${r.day_id}` })),
      };
    }
    if (!ITEM_STATE[key]) return { items: [], nextCursor: null };
    const rows = await items(db, actor, key).innerJoin('unit as u', 'u.id', 'i.unit_id').select(['i.id', 'i.title', 'i.due_on', 'd.held_on', 'u.name as unit_name'])
      .$if(after !== null && Number.isInteger(after), (q) => q.where('i.id', '>', after!)).orderBy('i.id').limit(page.limit + 1).execute();
    const more = rows.length > page.limit;
    const list = rows.slice(0, page.limit);
    return {
      nextCursor: more ? encode(list.at(-1)!.id) : null,
      items: list.map((r) => ({
        id: r.id, code: `议事事项#${r.id}`, title: r.title, detail: `${r.unit_name} · ${r.held_on} 议事`,
        dueAt: r.due_on ? endOfShanghaiDay(r.due_on).toISOString() : null, overdue: r.due_on !== null && r.due_on < today(), href: `/deliberations/items/${r.id}`,
      })),
    };
  },
};
