/**
 * npm run bench:statements — the SQL statements one public submission sends, counted and listed
 * through Kysely's `log` option (PostgreSQL of DATABASE_URL, a fresh demo database
 * `lianxin_statements` or BENCH_DB, dropped afterwards unless BENCH_KEEP is set).
 */
import { serverUrl } from '../server/testing/database.js';
import { benchDatabase, BENCH_SERVER, submissionStatements } from './benchKit.js';

const NAME = process.env.BENCH_DB ?? 'lianxin_statements';
const bench = await benchDatabase('postgres', NAME);
const db = bench.database.db;
const station = (await db.selectFrom('station').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
const category = (await db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
for (const keyed of [false, true]) {
  const logged = await submissionStatements(serverUrl(BENCH_SERVER, NAME), station, category, keyed);
  console.log(`\nOne public submission ${keyed ? 'with' : 'without'} an Idempotency-Key (after a first one): ${logged.length} statements, begin and commit included\n`);
  for (const [i, s] of logged.entries()) console.log(`${String(i + 1).padStart(2)}. ${s.length > 240 ? `${s.slice(0, 240)}…` : s}`);
}
await bench.close();
