import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import type { FastifyInstance as App } from 'fastify';
import { bootstrap } from '../../bootstrap.js';
import { buildTestApp, Client } from '../../testing/harness.js';
import { adminQuery, createPostgresDatabase, openTestDatabase, serverUrl } from '../../testing/database.js';
import { ConfigError, loadConfig } from '../config.js';
import { openPostgres, type Database } from './engine.js';
import { migrateToLatest } from './migrate.js';

/**
 * Reports read the replica. With LIANXIN_TEST_PRIMARY_URL and LIANXIN_TEST_REPLICA_URL (a
 * primary and its streaming replica, e.g. from `bash scripts/replica-pair.sh start`) the test
 * runs on a real replica and pauses its replay to show which one a report read; otherwise, on
 * PostgreSQL, the replica URL names the test database itself (a second pool), and on PGlite the
 * reports read the one database.
 */
const PRIMARY = process.env.LIANXIN_TEST_PRIMARY_URL;
const REPLICA = process.env.LIANXIN_TEST_REPLICA_URL;
const STATION = '平桂区黄田镇人大代表联络站';

async function received(client: Client): Promise<number> {
  const res = await client.get('/api/statistics/cases');
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ received: number }>().received;
}

async function submit(app: App, db: Database['db']): Promise<void> {
  const station = await db.selectFrom('station').select('id').where('name', '=', STATION).executeTakeFirstOrThrow();
  const category = await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow();
  const res = await app.inject({
    method: 'POST', url: '/api/public/opinions', remoteAddress: `127.9.${[...randomBytes(2)].join('.')}`,
    payload: { stationId: station.id, categoryId: category.id, content: '副本测试:自来水停水' },
  });
  assert.equal(res.statusCode, 201, res.body);
}

describe('reports on a replica', () => {
  it('refuses DATABASE_REPLICA_URL without DATABASE_URL', () => {
    assert.throws(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica/db' }), ConfigError);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'postgres://r/db' }).databaseReplicaUrl, 'postgres://r/db');
    assert.equal(loadConfig({}).databaseReplicaUrl, null);
  });

  it('reads statistics from the streaming replica while writes go to the primary',
    PRIMARY && REPLICA ? {} : { skip: 'needs LIANXIN_TEST_PRIMARY_URL and LIANXIN_TEST_REPLICA_URL (bash scripts/replica-pair.sh start)' },
    async (t) => {
      const name = `lianxin_test_replica_${process.pid}_${randomBytes(3).toString('hex')}`;
      const url = await createPostgresDatabase(PRIMARY!, name);
      const replicaAdmin = new pg.Client({ connectionString: serverUrl(REPLICA!, 'postgres') });
      await replicaAdmin.connect();
      const database = await openPostgres(url, serverUrl(REPLICA!, name));
      let app: App | undefined;
      try {
        await migrateToLatest(database.db);
        const config = { ...loadConfig({}), databaseUrl: url, databaseReplicaUrl: serverUrl(REPLICA!, name) };
        await bootstrap(database.db, config);
        app = await buildTestApp(database, config);
        assert.notEqual(app.readDb, app.db);
        const { rows: [recovery] } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(app.readDb);
        assert.equal(recovery!.standby, true, 'readDb is the standby');

        // The replica may still be replaying the first start: wait until it has the accounts.
        for (let i = 0; !(await app.readDb.selectFrom('account').select('id').where('username', '=', 'huangtian').executeTakeFirst()); i++) {
          assert.ok(i < 100, 'the replica caught up with the first start');
          await sleep(100);
        }
        const clerk = new Client(app);
        assert.equal((await clerk.login('huangtian')).statusCode, 200);
        const before = await received(clerk);
        await replicaAdmin.query('select pg_wal_replay_pause()');
        try {
          await submit(app, database.db);
          assert.equal(await received(clerk), before, 'replay paused: the report does not see the new case yet');
        } finally {
          await replicaAdmin.query('select pg_wal_replay_resume()');
        }
        let after = before;
        for (let i = 0; i < 100 && after === before; i++) {
          await sleep(50);
          after = await received(clerk);
        }
        assert.equal(after, before + 1, 'once replayed, the report counts it');
        const exported = await clerk.get('/api/statistics/cases.xlsx?group=category');
        assert.equal(exported.statusCode, 200, 'an export reads the replica and records the download on the primary');
        const record = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'export.download').execute();
        assert.equal(record.length, 1);
        t.diagnostic(`received ${before} → ${after} on the replica`);
      } finally {
        await app?.close();
        await database.close();
        await replicaAdmin.end();
        await adminQuery(PRIMARY!, `drop database if exists "${name}" with (force)`);
      }
    });

  it('falls back to the primary without a replica, and takes a second pool with DATABASE_REPLICA_URL', async () => {
    const test = await openTestDatabase();
    let second: Database | null = null;
    const apps: App[] = [];
    try {
      const config = loadConfig({});
      const plain = await buildTestApp(test, config);
      apps.push(plain);
      assert.equal(plain.readDb, plain.db, 'no replica: reports read the primary');
      const readers = [plain];
      if (test.engine === 'postgres') {
        // No replica on this machine's test server: the replica URL names the same database.
        const { rows: [db] } = await sql<{ name: string }>`select current_database() as name`.execute(test.db);
        const url = serverUrl(process.env.DATABASE_URL!, db!.name);
        second = await openPostgres(url, url);
        const withReplica = await buildTestApp(second, { ...config, databaseUrl: url, databaseReplicaUrl: url });
        apps.push(withReplica);
        assert.notEqual(withReplica.readDb, withReplica.db, 'a second pool');
        readers.push(withReplica);
      }
      const figures = await Promise.all(readers.map(async (app) => {
        const clerk = new Client(app);
        assert.equal((await clerk.login('huangtian')).statusCode, 200);
        return received(clerk);
      }));
      assert.ok(figures.every((f) => f === figures[0]), `same figures: ${figures.join(', ')}`);
    } finally {
      for (const app of apps) await app.close();
      await second?.close();
      await test.close();
    }
  });
});
