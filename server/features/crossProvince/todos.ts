/**
 * What waits in cross-province stations (待办): the incoming chair's side confirms the hand-over
 * of the rotating chair, from two weeks before its quarter begins until it confirms (its staff,
 * and the chair deputy).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { byRole, within } from '../../platform/access/scope.js';
import { addDays, endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { TodoSource } from '../todo/index.js';

const HANDOVER = 'cross_province.handover';
/** How long before its quarter an incoming chair's hand-over waits in their to-do list. */
const TODO_DAYS = 14;

function waiting(db: Kysely<DB>, actor: Actor) {
  const day = today();
  return db.selectFrom('cross_province_chair as c').innerJoin('station as s', 's.id', 'c.station_id').innerJoin('region as r', 'r.code', 'c.region_code')
    .where('c.accepted_at', 'is', null).where('c.starts_on', '>', day).where('c.starts_on', '<=', addDays(day, TODO_DAYS))
    .where(byRole(actor, {
      staff: (a) => within(sql.ref('c.region_path'), a.scopePath!),
      deputy: (a) => sql<SqlBool>`c.chair_deputy_id = ${a.deputyId}`,
    }));
}

const decode = (cursor: string | undefined) => (cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : null);
const encode = (id: number) => Buffer.from(String(id)).toString('base64url');

export const CROSS_PROVINCE_TODOS: TodoSource = {
  group: { zh: '跨省联建', en: 'Cross-province stations' },
  items: [
    { key: HANDOVER, label: { zh: '轮值交接待确认', en: 'Chair hand-overs to confirm' }, roles: ['staff', 'deputy'], order: 440, tone: 'normal', href: '/cross-province' },
  ],
  async count(db, actor, keys) {
    const out: Record<string, number> = {};
    if (keys.includes(HANDOVER)) out[HANDOVER] = Number((await waiting(db, actor).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return out;
  },
  async list(db, actor, key, page) {
    if (key !== HANDOVER) return { items: [], nextCursor: null };
    const after = decode(page.cursor);
    const rows = await waiting(db, actor).select(['c.id', 'c.starts_on', 'c.station_id', 'c.chair_name', 's.name', 'r.name as region_name'])
      .$if(after !== null && Number.isInteger(after), (q) => q.where('c.id', '>', after!)).orderBy('c.id').limit(page.limit + 1).execute();
    const more = rows.length > page.limit;
    const list = rows.slice(0, page.limit);
    return {
      nextCursor: more ? encode(list.at(-1)!.id) : null,
      items: list.map((r) => ({
        id: r.id, code: `轮值#${r.id}`, title: `${r.region_name}接任轮值(${r.chair_name})`, detail: `${r.name} · ${r.starts_on} 起`,
        dueAt: endOfShanghaiDay(addDays(r.starts_on, -1)).toISOString(), overdue: false, href: `/cross-province?station=${r.station_id}`,
      })),
    };
  },
};
