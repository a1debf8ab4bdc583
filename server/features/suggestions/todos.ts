/**
 * What awaits an account's action among suggestions (待办), as SQL conditions on the row `s`,
 * each inside the reader's reach (suggestionVisible). The to-do centre counts and lists them
 * (the `todos` contribution); the list filters by one (`?todo=`). Each is what the workflow
 * lets that part do next:
 *
 * - deputies: 待附议 (an invitation to answer), 待评价 (an answer to rate: the lead's, or a
 *   confirmed co-signer's not yet rated this round);
 * - the congress's staff (administrators: every congress): 待审查 (submitted), 待交办
 *   (registered), 调整交办申请 (a unit's request to decide); staff of the congresses above
 *   read these but do not act, so they are not theirs; 超期未答复 (to urge) for every congress
 *   in reach;
 * - units: 待答复 (the lead unit), 会办意见待提交 (a co-unit's view not yet sent), 承诺事项
 *   待落实 (the lead unit's open commitments due within a month or past).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Role } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { FALSE, type Filter } from '../../platform/access/scope.js';
import { addDays, endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { TodoItem, TodoSource } from '../todo/index.js';
import { suggestionColumns, suggestionVisible } from './access.js';
import { listSuggestions, overdueExpr } from './queries.js';

type Condition = (actor: Actor) => Filter;

/** Commitments due within this many days (or past) are listed as waiting. */
const COMMITMENT_HORIZON_DAYS = 30;

/** The congress the staff member acts for (administrators: any). */
const ownCongress = (a: Actor) => (a.role === 'admin' ? sql<SqlBool>`true` : sql<SqlBool>`s.congress_region_path = ${a.scopePath}`);
const unitIs = (a: Actor, role: 'lead' | 'co', extra = sql<SqlBool>`true`) =>
  sql<SqlBool>`exists (select 1 from suggestion_unit tu where tu.suggestion_id = s.id and tu.unit_id = ${a.unitId} and tu.role = ${role} and ${extra})`;

interface SuggestionTodo extends TodoItem { when: Partial<Record<Role, Condition>> }

const STAFF: Role[] = ['admin', 'staff'];
const both = (c: Condition): Partial<Record<Role, Condition>> => ({ admin: c, staff: c });

export const SUGGESTION_TODO_ITEMS: readonly SuggestionTodo[] = [
  {
    key: 'suggestion.cosign', label: { zh: '待附议', en: 'Invitations to co-sign' }, roles: ['deputy'], order: 210, tone: 'warning', href: '/suggestions?todo=suggestion.cosign',
    when: {
      deputy: (a) => sql<SqlBool>`(s.state = 'draft' and exists (select 1 from suggestion_signer tg
        where tg.suggestion_id = s.id and tg.deputy_id = ${a.deputyId} and tg.role = 'cosigner' and tg.status = 'invited'))`,
    },
  },
  {
    key: 'suggestion.rate', label: { zh: '答复待评价', en: 'Answers to rate' }, roles: ['deputy'], order: 220, tone: 'warning', href: '/suggestions?todo=suggestion.rate',
    when: {
      deputy: (a) => sql<SqlBool>`(s.state = 'answered' and (s.lead_deputy_id = ${a.deputyId} or (exists (select 1 from suggestion_signer tg
        where tg.suggestion_id = s.id and tg.deputy_id = ${a.deputyId} and tg.role = 'cosigner' and tg.status = 'confirmed')
        and not exists (select 1 from suggestion_rating tr where tr.suggestion_id = s.id and tr.round = s.round and tr.deputy_id = ${a.deputyId}))))`,
    },
  },
  {
    key: 'suggestion.review', label: { zh: '建议待审查', en: 'Suggestions to review' }, roles: STAFF, order: 230, tone: 'warning', href: '/suggestions?todo=suggestion.review',
    when: both((a) => sql<SqlBool>`(s.state = 'submitted' and ${ownCongress(a)})`),
  },
  {
    key: 'suggestion.assign', label: { zh: '建议待交办', en: 'Suggestions to assign' }, roles: STAFF, order: 240, tone: 'warning', href: '/suggestions?todo=suggestion.assign',
    when: both((a) => sql<SqlBool>`(s.state = 'registered' and ${ownCongress(a)})`),
  },
  {
    key: 'suggestion.reassignment', label: { zh: '调整交办申请', en: 'Reassignment requests' }, roles: STAFF, order: 250, tone: 'warning', href: '/suggestions?todo=suggestion.reassignment',
    when: both((a) => sql<SqlBool>`(s.state = 'reassign_requested' and ${ownCongress(a)})`),
  },
  {
    key: 'suggestion.overdue', label: { zh: '建议超期未答复', en: 'Suggestions overdue' }, roles: STAFF, order: 260, tone: 'danger', href: '/suggestions?todo=suggestion.overdue',
    when: both(() => overdueExpr()),
  },
  {
    key: 'suggestion.answer', label: { zh: '建议待答复', en: 'Suggestions to answer' }, roles: ['unit'], order: 270, tone: 'warning', href: '/suggestions?todo=suggestion.answer',
    when: { unit: (a) => sql<SqlBool>`(s.state in ('assigned', 'rehandling') and ${unitIs(a, 'lead')})` },
  },
  {
    key: 'suggestion.co_view', label: { zh: '会办意见待提交', en: 'Co-unit views to send' }, roles: ['unit'], order: 280, tone: 'warning', href: '/suggestions?todo=suggestion.co_view',
    when: { unit: (a) => sql<SqlBool>`(s.state in ('assigned', 'rehandling') and ${unitIs(a, 'co', sql<SqlBool>`tu.view is null`)})` },
  },
  {
    key: 'suggestion.commitments', label: { zh: '承诺事项待落实', en: 'Commitments due' }, roles: ['unit'], order: 290, tone: 'normal', href: '/suggestions?todo=suggestion.commitments',
    when: {
      unit: (a) => sql<SqlBool>`(s.state = 'following_up' and ${unitIs(a, 'lead')} and exists (select 1 from suggestion_commitment tc
        where tc.suggestion_id = s.id and tc.done_at is null and tc.due_on <= ${addDays(today(), COMMITMENT_HORIZON_DAYS)}))`,
    },
  },
];

export const SUGGESTION_TODO_KEYS = SUGGESTION_TODO_ITEMS.map((i) => i.key);

/** The condition of one item for the actor (never true when the item is not for their role). */
export function suggestionTodoCondition(actor: Actor, key: string): Filter {
  const when = SUGGESTION_TODO_ITEMS.find((i) => i.key === key)?.when[actor.role];
  return when ? when(actor) : FALSE;
}

/** Counts and lists of the suggestion items, for the to-do centre. */
export const SUGGESTION_TODOS: TodoSource = {
  group: { zh: '代表建议', en: 'Suggestions' },
  items: SUGGESTION_TODO_ITEMS.map(({ when: _when, ...item }) => item),
  async count(db, actor, keys) {
    if (keys.length === 0) return {};
    const conditions = keys.map((k) => suggestionTodoCondition(actor, k));
    const row = await db.selectFrom('suggestion as s')
      .select(keys.map((k, i) => sql<number>`count(*) filter (where ${conditions[i]!})`.as(`c${i}`)))
      .where(suggestionVisible(actor, suggestionColumns('s')))
      .where(sql<SqlBool>`(${sql.join(conditions, sql` or `)})`)
      .executeTakeFirstOrThrow() as Record<string, number | string>;
    return Object.fromEntries(keys.map((k, i) => [k, Number(row[`c${i}`] ?? 0)]));
  },
  async list(db, actor, key, page) {
    const found = await listSuggestions(db, actor, {}, { sort: 'deadline', limit: page.limit, cursor: page.cursor }, suggestionTodoCondition(actor, key));
    const dues = await dueDays(db, key, found.items.map((s) => s.id));
    return {
      nextCursor: found.nextCursor,
      items: found.items.map((s) => {
        const due = dues ? dues.get(s.id) ?? null : s.deadlineDate;
        return {
          id: s.id, code: s.numberLabel ?? `#${s.id}`, title: s.title,
          detail: [s.stateLabel.zh, s.leadDeputy.name, s.leadUnit?.name ?? '', s.categoryName].filter(Boolean).join(' · '),
          dueAt: due ? endOfShanghaiDay(due).toISOString() : null,
          overdue: due !== null && due < today(),
          href: `/suggestions/${s.id}`,
        };
      }),
    };
  },
};

/**
 * The day each listed item is due by, when it is not the deadline: a co-unit's view by its own
 * day, commitments by the earliest one still open. Null: the deadline.
 */
async function dueDays(db: Kysely<DB>, key: string, ids: number[]): Promise<Map<number, string | null> | null> {
  if (ids.length === 0) return new Map();
  if (key === 'suggestion.co_view') {
    const rows = await db.selectFrom('suggestion').select(['id', 'co_view_due as due']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.due]));
  }
  if (key === 'suggestion.commitments') {
    const rows = await db.selectFrom('suggestion_commitment').select(['suggestion_id as id', sql<string>`min(due_on)::text`.as('due')])
      .where('suggestion_id', 'in', ids).where('done_at', 'is', null).groupBy('suggestion_id').execute();
    return new Map(rows.map((r) => [r.id, r.due]));
  }
  return null;
}
