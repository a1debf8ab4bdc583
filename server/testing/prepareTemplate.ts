/**
 * Run once by scripts/test.mjs before the test files: builds the template every test file
 * starts from (migrations, the region tree, the demo set). Prints the variables to export.
 */
import { writeFileSync } from 'node:fs';
import { now, setClock, today } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { openPGlite, openPostgres } from '../platform/db/engine.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { bootstrap } from '../bootstrap.js';
import { adminQuery, createPostgresDatabase, TEMPLATE_DB_ENV, TEMPLATE_FILE_ENV } from './database.js';
import { DEMO_DAY_ENV } from './demoDates.js';

const [, , out, dropName] = process.argv;
if (out === '--drop') {
  await adminQuery(process.env.DATABASE_URL!, `drop database if exists "${dropName}" with (force)`);
  process.exit(0);
}
const config = { ...loadConfig(), demo: true };
// The whole demo is placed on one day, even when the build runs over midnight; the tests learn which.
setClock(now());
const demoDay = { [DEMO_DAY_ENV]: today() };
const databaseUrl = process.env.DATABASE_URL;

if (databaseUrl) {
  const name = `lianxin_tpl_${process.pid}`;
  const url = await createPostgresDatabase(databaseUrl, name);
  const database = await openPostgres(url);
  await migrateToLatest(database.db);
  await bootstrap(database.db, config);
  await database.close();
  console.log(JSON.stringify({ [TEMPLATE_DB_ENV]: name, ...demoDay }));
} else {
  if (!out) throw new Error('usage: prepareTemplate <output file>');
  const database = await openPGlite(null);
  await migrateToLatest(database.db);
  await bootstrap(database.db, config);
  writeFileSync(out, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await database.close();
  console.log(JSON.stringify({ [TEMPLATE_FILE_ENV]: out, ...demoDay }));
}
