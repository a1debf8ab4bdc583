/**
 * What awaits an account among livelihood projects (待办), each inside the reader's reach:
 * - deputies: 票决进行中 (an open vote of a congress term they sit in, not yet voted in — who
 *   voted, never how), 满意度测评待评 (a project of an open evaluation not yet rated);
 * - units: 民生实事节点将到期 (an open milestone of their project due within two weeks, or past);
 * - the congress's staff (administrators: every congress): 民生实事进度滞后 (an open milestone
 *   past its planned day).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { addDays, endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { TodoItem, TodoSource } from '../todo/index.js';
import { projectColumns, projectVisible, roundColumns, roundVisible } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';

/** Milestones due within this many days (or past) are a unit's waiting work. */
const MILESTONE_HORIZON_DAYS = 14;

const ITEMS: readonly TodoItem[] = [
  { key: 'livelihood.vote', label: { zh: '民生实事票决进行中', en: 'Livelihood-project vote open' }, roles: ['deputy'], order: 300, tone: 'danger', href: '/my-vote' },
  { key: 'livelihood.evaluate', label: { zh: '民生实事满意度测评待评', en: 'Livelihood projects to rate' }, roles: ['deputy'], order: 305, tone: 'warning', href: '/livelihood' },
  { key: 'livelihood.milestone_due', label: { zh: '民生实事节点将到期', en: 'Livelihood milestones due' }, roles: ['unit'], order: 310, tone: 'warning', href: '/livelihood' },
  { key: 'livelihood.slipped', label: { zh: '民生实事进度滞后', en: 'Livelihood milestones slipping' }, roles: ['admin', 'staff'], order: 315, tone: 'danger', href: '/livelihood' },
];

interface Row { id: number; code: string; title: string; detail: string; due: string | null; href: string }

/** The records waiting under `key` for the actor (all of them; the lists are short). */
function query(db: Kysely<DB>, actor: Actor, key: string) {
  const on = today();
  switch (key) {
    case 'livelihood.vote':
      if (actor.role !== 'deputy' || actor.deputyId === null) return null;
      return db.selectFrom('livelihood_vote as v').innerJoin('livelihood_round as r', 'r.id', 'v.round_id')
        .select(['v.id', sql<string>`'#' || r.year`.as('code'), 'r.title', sql<string>`'票决进行中'`.as('detail'), sql<string | null>`null`.as('due'), sql<string>`'/my-vote'`.as('href')])
        .where('v.state', '=', 'open').where(roundVisible(actor, roundColumns('r'))).where(sitsInTerm(actor.deputyId, sql.ref('r.term_id')))
        .where(sql<SqlBool>`not exists (select 1 from livelihood_turnout lt where lt.vote_id = v.id and lt.deputy_id = ${actor.deputyId})`);
    case 'livelihood.evaluate':
      if (actor.role !== 'deputy' || actor.deputyId === null) return null;
      return db.selectFrom('livelihood_project as p').innerJoin('livelihood_round as r', 'r.id', 'p.round_id').innerJoin('livelihood_evaluation as e', 'e.round_id', 'r.id')
        .select(['p.id', sql<string>`'#' || p.id`.as('code'), 'p.title', 'r.title as detail', sql<string | null>`e.closes_on::text`.as('due'),
          sql<string>`'/livelihood/projects/' || p.id`.as('href')])
        .where('e.closed_at', 'is', null).where('e.closes_on', '>=', on).where('p.state', 'in', ['in_progress', 'completed'])
        .where(projectVisible(actor, projectColumns('p'))).where(sitsInTerm(actor.deputyId, sql.ref('r.term_id')))
        .where(sql<SqlBool>`not exists (select 1 from livelihood_rating lr where lr.project_id = p.id and lr.deputy_id = ${actor.deputyId})`);
    case 'livelihood.milestone_due':
    case 'livelihood.slipped': {
      const unit = key === 'livelihood.milestone_due';
      if (unit ? actor.role !== 'unit' || actor.unitId === null : actor.role !== 'staff' && actor.role !== 'admin') return null;
      let q = db.selectFrom('livelihood_milestone as m').innerJoin('livelihood_project as p', 'p.id', 'm.project_id')
        .select(['m.id', sql<string>`'#' || p.id`.as('code'), sql<string>`p.title || ':' || m.title`.as('title'), sql<string>`'计划 ' || m.planned_on::text`.as('detail'),
          sql<string | null>`m.planned_on::text`.as('due'), sql<string>`'/livelihood/projects/' || p.id`.as('href')])
        .where('m.done_on', 'is', null).where('p.state', '=', 'in_progress').where(projectVisible(actor, projectColumns('p')));
      if (unit) q = q.where('p.unit_id', '=', actor.unitId!).where('m.planned_on', '<=', addDays(on, MILESTONE_HORIZON_DAYS));
      else {
        q = q.where('m.planned_on', '<', on);
        if (actor.role === 'staff') q = q.where('p.congress_region_path', '=', actor.scopePath ?? '-');
      }
      return q;
    }
    default: return null;
  }
}

export const LIVELIHOOD_TODOS: TodoSource = {
  group: { zh: '民生实事', en: 'Livelihood projects' },
  items: ITEMS,
  async count(db, actor, keys) {
    const out: Record<string, number> = {};
    for (const key of keys) {
      const q = query(db, actor, key);
      out[key] = q ? (await db.selectFrom(q.as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n : 0;
    }
    return out;
  },
  async list(db, actor, key, page) {
    const q = query(db, actor, key);
    if (!q) return { items: [], nextCursor: null };
    const offset = page.cursor ? Number(page.cursor) || 0 : 0;
    const rows = (await db.selectFrom(q.as('x')).selectAll().orderBy(sql`due nulls last`).orderBy('id').offset(offset).limit(page.limit + 1).execute()) as Row[];
    const on = today();
    const items = rows.slice(0, page.limit).map((r) => ({
      id: r.id, code: r.code, title: r.title, detail: r.detail,
      dueAt: r.due ? endOfShanghaiDay(r.due).toISOString() : null, overdue: r.due !== null && r.due < on, href: r.href,
    }));
    return { items, nextCursor: rows.length > page.limit ? String(offset + page.limit) : null };
  },
};
