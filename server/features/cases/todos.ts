/**
 * What awaits an account's action among the cases (待办), as SQL conditions on the case row
 * `o`, each inside the reader's reach (caseVisible). The to-do centre counts and lists them
 * (the `todos` contribution); the queue filters by one (`?todo=`) or by all of the reader's
 * (`?awaitingMe=true`). Each condition is what the workflow lets that role do next:
 *
 * - stations (officers, staff, administrators): 待受理 (accept), 待交办 (assign), 待审核 (approve
 *   the unit's reply); officers also 待反馈 (answer the constituent);
 * - units (the lead unit): 待签收, 即将到期 (due by the end of the next working day), 已超期;
 * - deputies, on the cases addressed (or handed over) to them: 待审核 (accept or answer on the
 *   spot what was brought to them), 待反馈 (answer the constituent);
 * - supervisors (staff, administrators): 已超期 (to urge), 延期待审批, 未评价 (answered, waiting
 *   for the constituent's rating: a call-back may be due).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Role } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { FALSE, type Filter } from '../../platform/access/scope.js';
import { endOfShanghaiDay, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now } from '../../platform/clock.js';
import { loadCalendar } from '../calendar/index.js';
import type { TodoItem, TodoSource } from '../todo/index.js';
import { caseColumns, caseOnActorSide, caseVisible } from './access.js';
import { listCases, overdueExpr } from './queries.js';

type Condition = (actor: Actor, ctx: TodoContext) => Filter;

/** What some conditions need besides the actor: the end of the next working day (即将到期). */
export interface TodoContext { dueSoonBy: Date }

export async function todoContext(db: Kysely<DB>): Promise<TodoContext> {
  const calendar = await loadCalendar(db);
  return { dueSoonBy: endOfShanghaiDay(calendar.addWorkingDays(shanghaiDate(now()), 1)) };
}

const STATION: Role[] = ['admin', 'staff', 'officer'];
const SUPERVISORS: Role[] = ['admin', 'staff'];

/** Past its deadline now, as the queue's `overdue` filter says. */
const overdue = () => overdueExpr();
/** Addressed (or handed over) to the deputy. */
const mine = (a: Actor) => sql<SqlBool>`coalesce(o.holder_deputy_id, o.deputy_id) = ${a.deputyId}`;
const leadUnit = (a: Actor) => sql<SqlBool>`o.assigned_unit_id = ${a.unitId}`;

interface CaseTodo extends TodoItem { when: Partial<Record<Role, Condition>> }

const all = (roles: Role[], c: Condition): Partial<Record<Role, Condition>> => Object.fromEntries(roles.map((r) => [r, c]));

export const CASE_TODO_ITEMS: readonly CaseTodo[] = [
  {
    key: 'case.accept', label: { zh: '待受理', en: 'To accept' }, roles: STATION, order: 10, tone: 'warning', href: '/cases?todo=case.accept',
    when: {
      admin: () => sql<SqlBool>`o.state in ('submitted', 'escalated')`,
      // An escalated case waits for the congress it went up to: its staff, not the station below.
      staff: (a) => sql<SqlBool>`(o.state = 'submitted' or (o.state = 'escalated' and o.region_path like ${`${a.scopePath ?? ''}%`}))`,
      officer: () => sql<SqlBool>`o.state = 'submitted'`,
    },
  },
  {
    key: 'case.assign', label: { zh: '待交办', en: 'To assign' }, roles: STATION, order: 20, tone: 'warning', href: '/cases?todo=case.assign',
    when: all(STATION, () => sql<SqlBool>`o.state in ('accepted', 'returned', 'rehandling')`),
  },
  {
    key: 'case.approve', label: { zh: '办复待审核', en: 'Replies to approve' }, roles: STATION, order: 30, tone: 'normal', href: '/cases?todo=case.approve',
    when: all(STATION, () => sql<SqlBool>`o.state = 'replied'`),
  },
  {
    key: 'case.sign', label: { zh: '待签收', en: 'To sign for' }, roles: ['unit'], order: 40, tone: 'warning', href: '/cases?todo=case.sign',
    when: { unit: (a) => sql<SqlBool>`(${leadUnit(a)} and o.state = 'assigned')` },
  },
  {
    key: 'case.due_soon', label: { zh: '即将到期', en: 'Due soon' }, roles: ['unit'], order: 50, tone: 'warning', href: '/cases?todo=case.due_soon',
    when: { unit: (a, c) => sql<SqlBool>`(${leadUnit(a)} and o.state = 'in_progress' and o.deadline_at <= ${c.dueSoonBy} and not ${overdue()})` },
  },
  {
    key: 'case.unit_overdue', label: { zh: '已超期', en: 'Overdue' }, roles: ['unit'], order: 60, tone: 'danger', href: '/cases?todo=case.unit_overdue',
    when: { unit: (a) => sql<SqlBool>`(${leadUnit(a)} and ${overdue()})` },
  },
  {
    key: 'case.review', label: { zh: '待审核', en: 'To review' }, roles: ['deputy'], order: 70, tone: 'warning', href: '/cases?todo=case.review',
    when: { deputy: (a) => sql<SqlBool>`(${mine(a)} and o.state = 'submitted')` },
  },
  {
    key: 'case.answer', label: { zh: '待反馈', en: 'To answer' }, roles: ['deputy', 'officer'], order: 80, tone: 'warning', href: '/cases?todo=case.answer',
    when: {
      deputy: (a) => sql<SqlBool>`(${mine(a)} and o.state = 'reply_approved')`,
      officer: () => sql<SqlBool>`o.state = 'reply_approved'`,
    },
  },
  {
    key: 'case.overdue', label: { zh: '超期待督办', en: 'Overdue, to urge' }, roles: SUPERVISORS, order: 90, tone: 'danger', href: '/cases?todo=case.overdue',
    when: all(SUPERVISORS, () => overdue()),
  },
  {
    key: 'case.extension', label: { zh: '延期待审批', en: 'Extensions to decide' }, roles: SUPERVISORS, order: 100, tone: 'warning', href: '/cases?todo=case.extension',
    when: all(SUPERVISORS, () => sql<SqlBool>`o.state = 'extension_requested'`),
  },
  {
    key: 'case.unrated', label: { zh: '未评价', en: 'Unrated answers' }, roles: SUPERVISORS, order: 110, tone: 'normal', href: '/cases?todo=case.unrated',
    when: all(SUPERVISORS, () => sql<SqlBool>`(o.state = 'answered' and o.rating is null)`),
  },
];

export const CASE_TODO_KEYS = CASE_TODO_ITEMS.map((i) => i.key);

/** The condition of one item for the actor (never true when the item is not for their role). */
export function caseTodoCondition(actor: Actor, key: string, ctx: TodoContext): Filter {
  const when = CASE_TODO_ITEMS.find((i) => i.key === key)?.when[actor.role];
  return when ? onSide(actor, when(actor, ctx)) : FALSE;
}

/** Staff are asked only about the cases of their side of a cross-province station (属地管理, see caseActorOf); an escalated case waits for the congress above. */
function onSide(actor: Actor, condition: Filter): Filter {
  if (actor.role !== 'staff') return condition;
  return sql<SqlBool>`(${condition} and (o.state = 'escalated' or ${caseOnActorSide(actor, sql.ref('o.side_path'))}))`;
}

/** Any of the actor's items: what awaits them. */
export function awaitingCondition(actor: Actor, ctx: TodoContext): Filter {
  const conditions = CASE_TODO_ITEMS.flatMap((i) => (i.when[actor.role] ? [onSide(actor, i.when[actor.role]!(actor, ctx))] : []));
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` or `)})` : FALSE;
}

/** The queue's `todo` and `awaitingMe` filters as one condition (null: neither asked). */
export async function caseQueueCondition(db: Kysely<DB>, actor: Actor, f: { todo?: string | undefined; awaitingMe?: boolean | undefined }): Promise<Filter | null> {
  if (!f.todo && !f.awaitingMe) return null;
  const ctx = await todoContext(db);
  const parts = [...(f.todo ? [caseTodoCondition(actor, f.todo, ctx)] : []), ...(f.awaitingMe ? [awaitingCondition(actor, ctx)] : [])];
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Counts and lists of the case items, for the to-do centre. */
export const CASE_TODOS: TodoSource = {
  group: { zh: '意见办理', en: 'Cases' },
  items: CASE_TODO_ITEMS.map(({ when: _when, ...item }) => item),
  async count(db, actor, keys) {
    if (keys.length === 0) return {};
    const ctx = await todoContext(db);
    const conditions = keys.map((k) => caseTodoCondition(actor, k, ctx));
    const row = await db.selectFrom('opinion as o')
      .select(keys.map((k, i) => sql<number>`count(*) filter (where ${conditions[i]!})`.as(`c${i}`)))
      .where(caseVisible(actor, caseColumns('o')))
      .where(sql<SqlBool>`(${sql.join(conditions, sql` or `)})`)
      .executeTakeFirstOrThrow() as Record<string, number | string>;
    return Object.fromEntries(keys.map((k, i) => [k, Number(row[`c${i}`] ?? 0)]));
  },
  async list(db, actor, key, page) {
    const where = await caseQueueCondition(db, actor, { todo: key });
    const cases = await listCases(db, actor, { sort: 'deadline', limit: page.limit, cursor: page.cursor }, where);
    return {
      nextCursor: cases.nextCursor,
      items: cases.items.map((c) => ({
        id: c.id, code: c.trackingCode, title: c.summary, detail: [c.station, c.unit ?? '', c.category].filter(Boolean).join(' · '),
        dueAt: c.deadlineAt, overdue: c.overdue, href: `/cases/${c.id}`,
      })),
    };
  },
};
