/**
 * npm run bench:statements — the SQL statements one public submission sends, counted and listed
 * through Kysely's `log` option (PostgreSQL of DATABASE_URL, a fresh demo database
 * `lianxin_statements` or BENCH_DB, dropped afterwards unless BENCH_KEEP is set).
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import type { DB } from '../server/platform/db/schema.js';
import { serverUrl } from '../server/testing/database.js';
import { benchDatabase, BENCH_SERVER } from './benchKit.js';

const NAME = process.env.BENCH_DB ?? 'lianxin_statements';
const bench = await benchDatabase('postgres', NAME);
const logged: string[] = [];
let counting = false;
const pool = new pg.Pool({ connectionString: serverUrl(BENCH_SERVER, NAME), max: 4 });
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => { if (counting) logged.push(event.query.sql.replace(/\s+/g, ' ')); },
});
const app = await buildApp({ database: { db, engine: 'postgres', close: () => db.destroy() }, config: { ...loadConfig({}), logLevel: 'error' } });
const station = (await db.selectFrom('station').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
const category = (await db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
const submit = async (i: number) => {
  const res = await app.inject({
    method: 'POST', url: '/api/public/opinions', remoteAddress: `10.0.0.${i}`,
    payload: { stationId: station, categoryId: category, content: `统计语句的提交 ${i}`, name: '测试', phone: '13800000000' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
};
await submit(1); // warm: the first one loads caches (calendar, settings)
counting = true;
await submit(2);
counting = false;
console.log(`One public submission (after a first one): ${logged.length} statements, begin and commit included\n`);
for (const [i, s] of logged.entries()) console.log(`${String(i + 1).padStart(2)}. ${s.length > 240 ? `${s.slice(0, 240)}…` : s}`);
await app.close();
await db.destroy();
await bench.close();
