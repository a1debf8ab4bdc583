import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { adminQuery, createPostgresDatabase, serverUrl } from '../../testing/database.js';
import { preparingClient, statementName } from './preparedStatements.js';

const DATABASE_URL = process.env.DATABASE_URL;

/** What the connection holds, as PostgreSQL sees it. */
async function prepared(client: pg.PoolClient): Promise<string[]> {
  // (A leading comment keeps this look-up itself unnamed.)
  const list = await client.query<{ name: string }>("/* catalogue */ select name from pg_prepared_statements where name like 'lx%' order by name");
  return list.rows.map((r) => r.name.replace(/^lx\d+_/, ''));
}

/** A statement's name less its generation. */
const named = (text: string) => statementName(text).replace(/^lx\d+_/, '');

describe('prepared statements on PostgreSQL', { skip: DATABASE_URL ? false : 'PostgreSQL only (DATABASE_URL)' }, () => {
  const name = `lianxin_test_prep_${randomBytes(3).toString('hex')}`;
  let pool: pg.Pool;
  before(async () => {
    const url = await createPostgresDatabase(DATABASE_URL!, name);
    pool = new pg.Pool({ connectionString: url, max: 2, Client: preparingClient(3) });
    await pool.query('create table t (id int primary key, a text)');
    await pool.query("insert into t values (1, 'one'), (2, 'two')");
  });
  after(async () => {
    await pool?.end();
    await adminQuery(DATABASE_URL!, `drop database if exists "${name}" with (force)`);
  });

  it('names a read from its second use on a connection, by the hash of its text', async () => {
    const client = await pool.connect();
    try {
      const text = 'select a from t where id = $1';
      assert.deepEqual((await client.query(text, [1])).rows, [{ a: 'one' }]);
      assert.deepEqual(await prepared(client), [], 'a first use goes unnamed');
      assert.deepEqual((await client.query(text, [2])).rows, [{ a: 'two' }]);
      assert.deepEqual(await prepared(client), [named(text)]);
      assert.deepEqual((await client.query(text, [1])).rows, [{ a: 'one' }], 'the prepared statement answers for new values');
    } finally {
      client.release();
    }
  });

  it('keeps at most the bound on a connection, dropping the least recently used', async () => {
    const client = await pool.connect();
    try {
      const texts = [1, 2, 3, 4, 5].map((i) => `select a, ${i} as n from t where id = $1`);
      for (const text of texts) for (let i = 0; i < 2; i++) await client.query(text, [1]);
      const names = await prepared(client);
      assert.equal(names.length, 3);
      assert.deepEqual(names.sort(), texts.slice(2).map(named).sort());
      // A dropped one comes back when used again.
      for (let i = 0; i < 2; i++) assert.deepEqual((await client.query(texts[0]!, [2])).rows, [{ a: 'two', n: 1 }]);
      assert.ok((await prepared(client)).includes(named(texts[0]!)));
    } finally {
      client.release();
    }
  });

  it('names a text the same way after the pool has forgotten its hash', async () => {
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      const texts = [100, 101, 102].map((i) => `select a, ${i} as n from t where id = $1`);
      for (const text of texts) for (let i = 0; i < 2; i++) await a.query(text, [1]);
      // The other connection names ten times the bound of other texts: the pool's hashes are cleared.
      for (let k = 0; k < 31; k++) for (let i = 0; i < 2; i++) await b.query(`select a, ${200 + k} as n from t where id = $1`, [1]);
      // Used again, the last text goes once unnamed, then under its name, which the connection holds already.
      for (let i = 0; i < 3; i++) assert.deepEqual((await a.query(texts[2]!, [2])).rows, [{ a: 'two', n: 102 }]);
      assert.deepEqual((await prepared(a)).sort(), texts.map(named).sort(), 'nothing dropped to make room for what is there already');
    } finally {
      a.release();
      b.release();
    }
  });

  it('survives a failed transaction, including a deallocation refused inside it', async () => {
    const client = await pool.connect();
    try {
      const texts = [6, 7, 8, 9].map((i) => `select a, ${i} as n from t where id = $1`);
      for (const text of texts.slice(0, 3)) for (let i = 0; i < 2; i++) await client.query(text, [1]);
      await client.query('begin');
      await assert.rejects(client.query('select 1 / 0 as x where $1::int = 1', [1]));
      // Naming a fourth one needs a slot: the deallocation fails in the aborted transaction.
      await assert.rejects(client.query(texts[3]!, [1]));
      await assert.rejects(client.query(texts[3]!, [1]));
      await client.query('rollback');
      for (const text of texts) assert.deepEqual((await client.query(text, [2])).rows.length, 1);
      for (const text of texts) assert.deepEqual((await client.query(text, [2])).rows.length, 1);
      await client.query('begin');
      await client.query("insert into t values (3, 'three')");
      assert.deepEqual((await client.query(texts[0]!, [3])).rows, [{ a: 'three', n: 6 }]);
      await client.query('rollback');
      assert.deepEqual((await client.query(texts[0]!, [3])).rows, []);
    } finally {
      client.release();
    }
  });

  it('prepares `select *` again after DDL through the pool, and after DDL from elsewhere', async () => {
    const client = await pool.connect();
    try {
      const text = 'select * from t where id = $1';
      for (let i = 0; i < 2; i++) assert.deepEqual((await client.query(text, [1])).rows, [{ id: 1, a: 'one' }]);
      await client.query('alter table t add column b int not null default 7');
      for (let i = 0; i < 2; i++) assert.deepEqual((await client.query(text, [1])).rows, [{ id: 1, a: 'one', b: 7 }]);
      // Another process changes the table: one statement fails, the next ones are prepared afresh.
      const other = new pg.Client({ connectionString: serverUrl(DATABASE_URL!, name) });
      await other.connect();
      await other.query('alter table t add column c int not null default 8');
      await other.end();
      await assert.rejects(client.query(text, [1]), /cached plan must not change result type/);
      for (let i = 0; i < 2; i++) assert.deepEqual((await client.query(text, [1])).rows, [{ id: 1, a: 'one', b: 7, c: 8 }]);
    } finally {
      client.release();
    }
  });
});
