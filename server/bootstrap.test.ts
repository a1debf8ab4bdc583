import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, REGION_LEVELS, ROLES, STATION_GRADES, STATION_MEMBER_ROLES, STATION_TIERS, STATION_TYPES } from '../common/enums.js';
import { loadConfig } from './platform/config.js';
import { MIGRATION_NAMES, migrateToLatest } from './platform/db/migrate.js';
import { verifyAuditChain } from './features/audit/index.js';
import { openTestDatabase } from './testing/database.js';
import { bootstrap, BootstrapError } from './bootstrap.js';

describe('first start', () => {
  it('without demo data, refuses to start without a strong LIANXIN_ADMIN_PASSWORD and then creates only the administrator', async () => {
    const database = await openTestDatabase({ empty: true });
    try {
      assert.deepEqual(await migrateToLatest(database.db), MIGRATION_NAMES);
      assert.ok(MIGRATION_NAMES.includes('0001_core') && MIGRATION_NAMES.length >= 4);
      assert.deepEqual(await migrateToLatest(database.db), [], 'migrations run once');
      const config = { ...loadConfig({}), demo: false };
      await assert.rejects(bootstrap(database.db, { ...config, adminPassword: null }), BootstrapError);
      await assert.rejects(bootstrap(database.db, { ...config, adminPassword: 'weak' }), /too weak/);
      const empty = await database.db.selectFrom('region').select('code').limit(1).execute();
      assert.equal(empty.length, 0, 'a refused first start writes nothing');

      const first = await bootstrap(database.db, { ...config, adminPassword: 'First#Admin2026' });
      assert.deepEqual(first, { kind: 'admin', username: 'admin' });
      const accounts = await database.db.selectFrom('account').select(['username', 'role', 'must_change_password']).execute();
      assert.deepEqual(accounts, [{ username: 'admin', role: 'admin', must_change_password: false }]);
      assert.equal((await database.db.selectFrom('station').select('id').execute()).length, 0);
      assert.deepEqual(await bootstrap(database.db, { ...config, adminPassword: 'First#Admin2026' }), { kind: 'existing' });

      // The real GB/T 2260 tree, with towns, from the data package.
      const regions = await database.db.selectFrom('region').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
      const byLevel = Object.fromEntries(regions.map((r) => [r.level, Number(r.n)]));
      assert.ok(byLevel.province! >= 31 && byLevel.city! >= 300 && byLevel.county! >= 2800 && byLevel.town! >= 38000, JSON.stringify(byLevel));
      const dayuchen = await database.db.selectFrom('region').selectAll().where('code', '=', '410927103').executeTakeFirstOrThrow();
      assert.equal(dayuchen.full_name, '河南省濮阳市台前县打渔陈镇');
      assert.equal(dayuchen.path, '410000.410900.410927.410927103.');
      const xiantao = await database.db.selectFrom('region').selectAll().where('code', '=', '429004').executeTakeFirstOrThrow();
      assert.equal(xiantao.parent_code, '420000', 'a county-level city directly under the province');
      assert.equal((await verifyAuditChain(database.db)).ok, true);

      // The frozen check constraints of the schema accept every coded value the code uses.
      const checks = await sql<{ table: string; def: string }>`select conrelid::regclass::text as table, pg_get_constraintdef(oid) as def
        from pg_constraint where contype = 'c'`.execute(database.db);
      const expectations: [string, string, readonly string[]][] = [
        ['region', 'level', REGION_LEVELS.keys], ['station', 'type', STATION_TYPES.keys], ['station', 'tier', STATION_TIERS.keys],
        ['station', 'grade', STATION_GRADES.keys], ['deputy', 'gender', GENDERS.keys], ['deputy', 'status', DEPUTY_STATUSES.keys],
        ['deputy_level', 'level', DEPUTY_LEVELS.keys], ['deputy_station', 'role', STATION_MEMBER_ROLES.keys], ['account', 'role', ROLES.keys],
        ['congress_term', 'level', DEPUTY_LEVELS.keys],
      ];
      for (const [table, column, keys] of expectations) {
        const def = checks.rows.find((c) => c.table === table && c.def.includes(`(${column} = ANY`))?.def
          ?? checks.rows.find((c) => c.table === table && c.def.includes(`${column} =`) && keys.every((k) => c.def.includes(`'${k}'`)))?.def;
        assert.ok(def, `check constraint on ${table}.${column}`);
        for (const k of keys) assert.ok(def.includes(`'${k}'`), `${table}.${column} accepts ${k}`);
      }
    } finally {
      await database.close();
    }
  });
});
