import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../testing/database.js';
import { listPublicStations } from './queries.js';

describe('the public directory\'s statement', { skip: process.env.DATABASE_URL ? false : 'PostgreSQL only (DATABASE_URL)' }, () => {
  it('is planned once per connection at a province\'s two thousand stations: one generic plan serves after at most five runs', async (t) => {
    // With `active` and the page size sent as values, the plan made once for every request guessed
    // a tenth of all stations for the page, each with its deputies looked up, and came out dearer
    // than planning again: PostgreSQL then planned the directory at every request.
    const database = await openTestDatabase();
    t.after(() => database.close());
    const rolledBack = new Error('rolled back');
    await assert.rejects(database.db.transaction().execute(async (trx) => {
      const county = (await trx.selectFrom('region').select('code').where('level', '=', 'county').orderBy('code').executeTakeFirstOrThrow()).code;
      await sql`insert into station (name, type, tier, home_region_code, address, updated_at)
        select '计划联络站' || n, 'station', 'town_center', ${county}, '地址' || n, now() from generate_series(1, 2000) n`.execute(trx);
      await sql`insert into station_region (station_id, region_code, region_path, is_home)
        select s.id, r.code, r.path, true from station s join region r on r.code = s.home_region_code where s.name like '计划联络站%'`.execute(trx);
      await sql`insert into deputy (name, name_pinyin, name_initials, gender, status, region_code, region_path)
        select '计划代表' || s.id || '-' || n, 'jihua', 'jh', 'female', 'current', r.code, r.path
        from station s join region r on r.code = s.home_region_code, generate_series(1, 3) n where s.name like '计划联络站%'`.execute(trx);
      await sql`insert into deputy_station (deputy_id, station_id, role)
        select d.id, s.id, 'resident' from deputy d join station s on d.name like '计划代表' || s.id || '-%'`.execute(trx);
      for (const table of ['station', 'station_region', 'deputy', 'deputy_station']) await sql`analyze ${sql.table(table)}`.execute(trx);

      for (let i = 0; i < 8; i++) assert.equal((await listPublicStations(trx, { limit: 50 })).items.length, 50);
      const plans = await sql<{ generic_plans: number; custom_plans: number }>`/* catalogue */ select generic_plans, custom_plans
        from pg_prepared_statements where statement like '%from "station" as "s"%order by "s"."id"%'`.execute(trx);
      assert.equal(plans.rows.length, 1, 'one statement for the first page, whatever its size');
      // At most the five custom plans PostgreSQL tries first (none when nothing is sent as a value), then the generic one.
      assert.ok(plans.rows[0]!.custom_plans <= 5, `${plans.rows[0]!.custom_plans} custom plans`);
      assert.ok(plans.rows[0]!.generic_plans >= 3, `${plans.rows[0]!.generic_plans} generic plans`);
      throw rolledBack;
    }), rolledBack);
  });
});
