import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CASE_STATES, OPEN_STATES } from './workflow.js';
import { openTestDatabase } from '../../testing/database.js';
import type { Database } from '../../platform/db/engine.js';

// The partial index of open cases by deadline (migration 0011) lists the open states as they
// were; the queue's query lists OPEN_STATES. If the workflow gains or loses an open state, the
// index no longer matches the query and a new migration must recreate it.
describe('the index of open cases by deadline', () => {
  let database: Database;
  before(async () => { database = await openTestDatabase(); });
  after(() => database.close());

  it('covers exactly the workflow\'s open states', async () => {
    const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'opinion_open_deadline_order_idx'`
      .execute(database.db);
    assert.equal(rows.length, 1);
    const where = rows[0]!.indexdef.slice(rows[0]!.indexdef.indexOf('WHERE'));
    const listed = CASE_STATES.filter((s) => where.includes(`'${s}'`));
    assert.deepEqual([...listed].sort(), [...OPEN_STATES].sort());
  });
});
