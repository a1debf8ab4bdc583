import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { openTestDatabase } from '../../testing/database.js';
import type { Database } from './engine.js';
import { checkFixedStatements, fixedStatement } from './fixedStatement.js';
import type { DB } from './schema.js';

describe('a statement compiled once', () => {
  let database: Database;
  before(async () => { database = await openTestDatabase(); });
  after(async () => {
    checkFixedStatements(false);
    await database.close();
  });

  const regionsUnder = fixedStatement((db: Kysely<DB>, v: { path: string; name: string }) => db.selectFrom('region')
    .select(['code', 'name']).where('path', 'like', v.path).where('name', '<>', v.name).orderBy('code'));

  it('answers each run with that run\'s values, as the statement built for them does', async () => {
    const db = database.db;
    const regions = await db.selectFrom('region').select(['path', 'name']).orderBy('path').execute();
    assert.ok(regions.length >= 3);
    for (const { path, name } of [regions[0]!, regions[1]!, regions[regions.length - 1]!, regions[1]!]) {
      const built = await db.selectFrom('region').select(['code', 'name']).where('path', 'like', `${path}%`).where('name', '<>', name).orderBy('code').execute();
      assert.deepEqual(await regionsUnder(db, { path: `${path}%`, name }), built);
    }
    // The whole tree but one region: the values of each run, not of the first, decide.
    assert.equal((await regionsUnder(db, { path: '%', name: regions[0]!.name })).length, regions.length - 1);
    assert.deepEqual(await regionsUnder(db, { path: 'no such path%', name: '' }), []);
  });

  it('refuses, while checking, a statement whose text changes with its values', async () => {
    const db = database.db;
    // A list's length changes the text: `in ($1, $2)` against `in ($1)`.
    const byCodes = fixedStatement((d: Kysely<DB>, v: { codes: string[] }) => d.selectFrom('region').select('code')
      .where('code', 'in', Array.isArray(v.codes) ? v.codes : [v.codes as unknown as string]));
    checkFixedStatements(true);
    await assert.rejects(byCodes(db, { codes: ['450000', '451100'] }), /a fixed statement changed with its values/);
    // Checking off, the copy would be sent with the wrong values: that is why the tests check.
    checkFixedStatements(false);
    await assert.doesNotReject(regionsUnder(db, { path: '%', name: '' }));
  });
});
