import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from '../../platform/db/migrate.js';
import { openTestDatabase } from '../../testing/database.js';
import type { Database } from '../../platform/db/engine.js';

/**
 * What `case_scope_paths` and `case_side_path` answer for every station, with region paths as the
 * case's own region and as its place (属地), and no place: the functions every new case's row
 * calls (intake.ts). The paths are every province, city and county; every town of a county
 * holding a station's region; and one town in 25 of the rest. All 44 930 regions against every
 * station, three times over, took four minutes on the embedded database.
 */
async function answers(database: Database) {
  const rows = await sql<{ station: number; path: string | null; level: string | null; scope: string[]; side: string | null }>`
    with p as (
      select r.path, r.level from region r
      where r.level <> 'town' or abs(hashtext(r.code)) % 25 = 0
        or exists (select 1 from region c join station_region m on m.region_path like c.path || '%' where c.code = r.parent_code)
      union all select null, null)
    select s.id as station, p.path, p.level, case_scope_paths(s.id, coalesce(p.path, h.region_path)) as scope, case_side_path(s.id, p.path) as side
    from station s join station_region h on h.station_id = s.id and h.is_home cross join p
    order by s.id, p.path nulls first`.execute(database.db);
  return rows.rows;
}

const language = (database: Database) => sql<{ proname: string; lang: string; config: string[] | null }>`
  select p.proname, l.lanname as lang, p.proconfig as config from pg_proc p join pg_language l on l.oid = p.prolang
  where p.proname in ('case_scope_paths', 'case_side_path') order by p.proname`.execute(database.db).then((r) => r.rows);

describe('migrations 0045 (the case path functions in PL/pgSQL, planned once) and 0046 (account look-ups)', () => {
  const LATER = MIGRATION_NAMES.filter((name) => name > '0044_grams_statistics');
  it('answers what the SQL functions answered, for every station, with places of every level and none, and is undone and done again', async () => {
    const database = await openTestDatabase();
    try {
      const stations = await sql<{ type: string }>`select distinct type from station`.execute(database.db);
      assert.ok(stations.rows.some((s) => s.type === 'cross_province'), 'the demo has a cross-province station, whose side is worked out');
      const now = await answers(database);
      assert.ok(now.some((a) => a.side !== null), 'some place lies on a member region\'s side');
      for (const level of ['province', 'city', 'county', 'town']) assert.ok(now.some((a) => a.level === level), `the places include a ${level}`);
      assert.ok(now.some((a) => a.level === 'town' && a.side !== null), 'a town lies on a member region\'s side');
      assert.ok(now.some((a) => a.level === 'town' && a.side === null), 'a town lies on no side');
      assert.deepEqual(await language(database), [
        { proname: 'case_scope_paths', lang: 'plpgsql', config: ['plan_cache_mode=force_generic_plan'] },
        { proname: 'case_side_path', lang: 'plpgsql', config: ['plan_cache_mode=force_generic_plan'] },
      ]);
      assert.deepEqual(await migrateTo(database.db, '0044_grams_statistics'), [...LATER].reverse());
      assert.deepEqual((await language(database)).map((f) => f.lang), ['sql', 'sql']);
      assert.deepEqual(await answers(database), now);
      assert.deepEqual(await migrateToLatest(database.db), LATER);
      assert.deepEqual(await answers(database), now);
      // 0046: the account look-ups of the notifications' recipients, undone and done again with the functions.
      const indexes = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname in
        ('account_deputy_idx', 'account_unit_idx', 'account_staff_region_idx', 'account_station_station_idx')`.execute(database.db);
      assert.equal(indexes.rows[0]!.n, 4);
    } finally {
      await database.close();
    }
  });
});
