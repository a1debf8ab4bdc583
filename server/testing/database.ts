import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openPGlite, openPostgres, type Database } from '../platform/db/engine.js';

/**
 * Test databases. On PGlite (default) each test file gets a fresh in-memory database,
 * loaded from the template the test runner prepared (migrated, regions and demo data in it).
 * With DATABASE_URL set, each test file gets a fresh PostgreSQL database copied from the
 * template database, dropped again on close.
 */
export const TEMPLATE_FILE_ENV = 'LIANXIN_TEST_TEMPLATE_FILE';
export const TEMPLATE_DB_ENV = 'LIANXIN_TEST_TEMPLATE_DB';

export function serverUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(databaseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new empty PostgreSQL database with the collation PGlite has, so both engines sort and match alike. */
export async function createPostgresDatabase(databaseUrl: string, name: string, template = 'template0'): Promise<string> {
  await adminQuery(databaseUrl, `create database "${name}" ${template === 'template0' ? "lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'" : ''} template "${template}"`);
  return serverUrl(databaseUrl, name);
}

export async function openTestDatabase(opts: { empty?: boolean } = {}): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `lianxin_test_${process.pid}_${randomBytes(3).toString('hex')}`;
    const template = opts.empty ? 'template0' : process.env[TEMPLATE_DB_ENV];
    if (!template) throw new Error(`${TEMPLATE_DB_ENV} is not set: run the tests with npm test`);
    const url = await createPostgresDatabase(databaseUrl, name, template);
    const database = await openPostgres(url);
    return {
      ...database,
      async close() {
        await database.close();
        await adminQuery(databaseUrl, `drop database if exists "${name}" with (force)`);
      },
    };
  }
  if (opts.empty) return openPGlite(null);
  const file = process.env[TEMPLATE_FILE_ENV];
  if (!file) throw new Error(`${TEMPLATE_FILE_ENV} is not set: run the tests with npm test`);
  return openPGlite(null, new Blob([readFileSync(file)]));
}
