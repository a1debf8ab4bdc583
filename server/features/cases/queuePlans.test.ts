/**
 * The case queue has two plans — sorting the cases found through the reader's own index (a narrow
 * scope) or walking the primary key (a wide one) — chosen by the size of the reader's scope. The
 * choice is only for speed: for every kind of reader and filter, both give the same pages,
 * cursors and totals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadActor } from '../../platform/access/actors.js';
import type { Actor } from '../../platform/access/actor.js';
import { listCases, type CaseFilters } from './queries.js';

const READERS = ['admin', 'foshan', 'pinggui', 'xiwan', 'huangtian', 'liangjun', 'shuiliju'];
const FILTERS: Omit<CaseFilters, 'limit'>[] = [
  {}, { open: true }, { sort: 'deadline' }, { open: true, sort: 'deadline' }, { state: 'submitted' }, { count: true }, { page: 2, count: true },
];

describe('case queue plans', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const officer = await signIn(t.app, 'huangtian');
    const station = (await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
    const categories = (await db.selectFrom('case_category').select('id').orderBy('id').execute()).map((c) => c.id);
    const registered = await officer.post('/api/cases', {
      stationId: station, channel: 'reception',
      items: Array.from({ length: 12 }, (_, i) => ({ categoryId: categories[i % categories.length]!, content: `排序核对 ${i}` })),
    });
    assert.equal(registered.statusCode, 201, registered.body);
    for (const username of READERS) {
      actors.set(username, await loadActor(db, (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id));
    }
  });
  after(() => t.close());

  it('gives the same pages whichever plan it takes', async () => {
    const db = t.database.db;
    let compared = 0;
    for (const [username, actor] of actors) {
      for (const filter of FILTERS) {
        let cursor: string | undefined;
        for (let page = 0; page < 4; page++) {
          const f = { ...filter, limit: 3, ...(cursor && { cursor }) };
          const narrow = await listCases(db, actor, f, null, true);
          const wide = await listCases(db, actor, f, null, false);
          assert.deepEqual(wide, narrow, `${username} ${JSON.stringify(f)}`);
          compared += narrow.items.length;
          if (!narrow.nextCursor || filter.page) break;
          cursor = narrow.nextCursor;
        }
      }
    }
    assert.ok(compared > 100, `compared ${compared} rows`);
  });
});
