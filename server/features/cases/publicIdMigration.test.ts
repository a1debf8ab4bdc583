import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/engine.js';
import { migrateTo, migrateToLatest } from '../../platform/db/migrate.js';
import { openTestDatabase } from '../../testing/database.js';

// Cases older than migration 0015 had their tracking codes published by Open311: the migration
// gives each a public id of its own and marks the code as published (no look-up by phone digits).
describe('cases from before the public ids (migration 0015)', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
    await migrateTo(database.db, '0014_point_rules_format');
    // Three cases as the server stored them then.
    await sql`insert into opinion (tracking_code, query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths,
        content, place, submitted_at, co_unit_ids, updated_at)
      select 'OLD-' || n || '23-456', md5(n::text), 'qr', 'submitted', (select min(id) from case_category), h.station_id, h.region_code, h.region_path,
        array[h.region_path], '迁移前的意见', '', now(), '{}', now()
      from generate_series(1, 3) n, (select station_id, region_code, region_path from station_region where is_home order by station_id limit 1) h`.execute(database.db);
  });
  after(() => database.close());

  it('gives every existing case a distinct random public id, marks its code published, and gives it no PIN', async () => {
    const before = await database.db.selectFrom('opinion').select(['id', 'tracking_code']).execute();
    assert.ok(before.length > 0, 'the demo\'s cases');
    assert.ok((await migrateToLatest(database.db)).includes('0015_public_lookup'));
    const rows = await database.db.selectFrom('opinion').select(['id', 'tracking_code', 'public_id', 'pin_hash', 'code_published']).execute();
    assert.equal(rows.length, before.length);
    assert.equal(new Set(rows.map((r) => r.public_id)).size, rows.length);
    for (const r of rows) {
      assert.match(r.public_id, /^[0-9a-f]{32}$/);
      assert.ok(!r.public_id.includes(r.tracking_code.replaceAll('-', '').toLowerCase()));
      assert.equal(r.code_published, true);
      assert.equal(r.pin_hash, null);
    }
  });
});
