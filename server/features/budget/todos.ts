/**
 * What awaits an account's action in budget reviews (待办), each inside the reader's reach:
 * - deputies: 预算草案征求意见 (a review of their term open for comments, on which they have not
 *   commented yet), 绩效评价待评分 (an evaluation they take part in, not yet scored);
 * - units: 预算意见待答复 (a comment addressed to their unit, open);
 * - the congress's staff (administrators: every congress): 预算意见超期未答复 (open comments past their due day).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { endOfShanghaiDay, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { TodoSource } from '../todo/index.js';

type TodoEntry = Awaited<ReturnType<TodoSource['list']>>['items'][number];
import { budgetReviewVisible, reviewColumns } from './access.js';

type Key = 'budget.comment' | 'budget.evaluate' | 'budget.answer' | 'budget.overdue';

const ownCongress = (a: Actor) => (a.role === 'admin' ? sql<SqlBool>`true` : sql<SqlBool>`r.region_path = ${a.scopePath}`);

/** Each item's rows as (id, review id, title, detail, due day), most urgent first by id order within. */
function rows(db: Kysely<DB>, actor: Actor, key: Key, today: string) {
  const reach = budgetReviewVisible(actor, reviewColumns('r'));
  switch (key) {
    case 'budget.comment':
      return db.selectFrom('budget_review as r').where(reach).where('r.state', '=', 'open')
        .where(sql<SqlBool>`not exists (select 1 from budget_comment mc where mc.review_id = r.id and mc.deputy_id = ${actor.deputyId})`)
        .select(['r.id', 'r.id as review_id', 'r.title', sql<string>`'征求代表意见'`.as('detail'), 'r.comments_due_on as due_on']);
    case 'budget.evaluate':
      return db.selectFrom('budget_evaluation as e').innerJoin('budget_review as r', 'r.id', 'e.review_id').where(reach).where('e.state', '=', 'open')
        .where(sql<SqlBool>`exists (select 1 from budget_evaluation_participant ep where ep.evaluation_id = e.id and ep.deputy_id = ${actor.deputyId} and ep.score is null)`)
        .select(['e.id', 'r.id as review_id', 'e.title', 'r.title as detail', sql<string | null>`null`.as('due_on')]);
    case 'budget.answer':
      return db.selectFrom('budget_comment as c').innerJoin('budget_review as r', 'r.id', 'c.review_id').where(reach)
        .where('c.state', '=', 'open').where('c.addressed_unit_id', '=', actor.unitId)
        .select(['c.id', 'r.id as review_id', sql<string>`left(c.body, 60)`.as('title'), 'r.title as detail', 'c.due_on']);
    case 'budget.overdue':
      return db.selectFrom('budget_comment as c').innerJoin('budget_review as r', 'r.id', 'c.review_id').where(reach).where(ownCongress(actor))
        .where('c.state', '=', 'open').where('c.due_on', '<', today)
        .select(['c.id', 'r.id as review_id', sql<string>`left(c.body, 60)`.as('title'), 'r.title as detail', 'c.due_on']);
  }
}

const HREF: Record<Key, (reviewId: number) => string> = {
  'budget.comment': (id) => `/budget/${id}`,
  'budget.evaluate': (id) => `/budget/${id}?tab=evaluations`,
  'budget.answer': () => '/budget-answers',
  'budget.overdue': (id) => `/budget/${id}?tab=comments`,
};

const KEYS: readonly Key[] = ['budget.comment', 'budget.evaluate', 'budget.answer', 'budget.overdue'];
const isKey = (k: string): k is Key => (KEYS as readonly string[]).includes(k);

export const BUDGET_TODOS: TodoSource = {
  group: { zh: '预算审查', en: 'Budget review' },
  items: [
    { key: 'budget.comment', label: { zh: '预算草案征求意见', en: 'Budgets open for your comments' }, roles: ['deputy'], order: 260, tone: 'normal', href: '/budget' },
    { key: 'budget.evaluate', label: { zh: '绩效评价待评分', en: 'Performance evaluations to score' }, roles: ['deputy'], order: 261, tone: 'warning', href: '/budget' },
    { key: 'budget.answer', label: { zh: '预算意见待答复', en: 'Budget comments to answer' }, roles: ['unit'], order: 262, tone: 'warning', href: '/budget-answers' },
    { key: 'budget.overdue', label: { zh: '预算意见超期未答复', en: 'Budget comments overdue' }, roles: ['admin', 'staff'], order: 263, tone: 'danger', href: '/budget' },
  ],
  async count(db, actor, keys) {
    const today = shanghaiDate(clockNow());
    const out: Record<string, number> = {};
    for (const key of keys.filter(isKey)) {
      const row = await db.selectFrom(rows(db, actor, key, today).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      out[key] = row.n;
    }
    return out;
  },
  async list(db, actor, key, page) {
    if (!isKey(key)) return { items: [], nextCursor: null };
    const today = shanghaiDate(clockNow());
    const after = decodeCursor(page.cursor, isIdCursor);
    let q = db.selectFrom(rows(db, actor, key, today).as('x')).selectAll().orderBy('x.id').limit(page.limit + 1);
    if (after !== null) q = q.where('x.id', '>', after);
    return toPage(await q.execute(), page.limit, (r) => r.id, (r): TodoEntry => ({
      id: r.id, code: `#${r.id}`, title: r.title, detail: r.detail,
      dueAt: r.due_on ? endOfShanghaiDay(r.due_on).toISOString() : null, overdue: r.due_on !== null && r.due_on < today, href: HREF[key](r.review_id),
    }));
  },
};
