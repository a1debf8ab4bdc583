/**
 * What waits at the stations (待办): an open topic, within its window, asking one of the
 * station's stations — in the work list of its officers and deputies until it closes.
 */
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { stationVisible } from '../../platform/access/scope.js';
import { endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { TodoSource } from '../todo/index.js';
import { topicColumns, topicVisible } from './access.js';

const KEY = 'consultation.gather';

/** Open now and asking one of the account's stations. */
function gathering(actor: Actor) {
  return sql<SqlBool>`(t.state = 'open' and t.opens_on <= ${today()} and t.closes_on >= ${today()} and exists (select 1 from consultation_station tcs
    where tcs.topic_id = t.id and ${stationVisible(actor, sql.ref('tcs.station_id'))}))`;
}

export const CONSULTATION_TODOS: TodoSource = {
  group: { zh: '议题征询', en: 'Consultations' },
  items: [{ key: KEY, label: { zh: '议题征询待收集意见', en: 'Topics to gather views on' }, roles: ['officer', 'deputy'], order: 300, tone: 'normal', href: '/consultations?todo=consultation.gather' }],
  async count(db, actor, keys): Promise<Record<string, number>> {
    if (!keys.includes(KEY)) return {};
    const row = await db.selectFrom('consultation_topic as t').select(sql<number>`count(*)`.as('n'))
      .where(topicVisible(actor, topicColumns('t'))).where(gathering(actor)).executeTakeFirstOrThrow();
    return { [KEY]: Number(row.n) };
  },
  async list(db, actor, key, page) {
    if (key !== KEY) return { items: [], nextCursor: null };
    const after = page.cursor ? Number(Buffer.from(page.cursor, 'base64url').toString('utf8')) : null;
    const rows = await db.selectFrom('consultation_topic as t').innerJoin('region as r', 'r.code', 't.congress_region_code')
      .select(['t.id', 't.title', 't.closes_on', 'r.name as region_name'])
      .where(topicVisible(actor, topicColumns('t'))).where(gathering(actor))
      .$if(after !== null && Number.isInteger(after), (q) => q.where('t.id', '>', after!))
      .orderBy('t.id').limit(page.limit + 1).execute();
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit);
    return {
      nextCursor: more ? Buffer.from(String(items.at(-1)!.id)).toString('base64url') : null,
      items: items.map((r) => ({
        id: r.id, code: `议题#${r.id}`, title: r.title, detail: `${r.region_name}人大常委会 · 截止 ${r.closes_on}`,
        dueAt: endOfShanghaiDay(r.closes_on).toISOString(), overdue: false, href: `/consultations/${r.id}`,
      })),
    };
  },
};
