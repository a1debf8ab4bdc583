/**
 * npm run bench:consultations — compiling a consultation with 10 000 views, on each engine.
 *
 * On a fresh database of each engine (BENCH_ENGINES=pglite,postgres; PostgreSQL on DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, database `lianxin_bench_consultations`),
 * with the schema and the demo set: 平桂区's staff publish a topic of three questions asked of
 * 平桂区's stations, then BENCH_VIEWS views (default 10 000) are stored set-based as the public
 * form and the reception days store them (two answers each, a third of them named). It measures,
 * as the staff member who runs the topic (the median of several runs):
 *   - the compilation screen: counts per station and source, the questions with their counts and
 *     the first page of 50 texts (GET /api/consultations/:id/compilation);
 *   - the whole compilation as a document (every text, grouped by question, names masked);
 *   - that document written as Excel and as PDF.
 * Prints a Markdown table for docs/BENCHMARKS.md.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { loadActor } from '../server/platform/access/actors.js';
import { now } from '../server/platform/clock.js';
import { addDays } from '../server/platform/calendar/workingDays.js';
import { today } from '../server/platform/clock.js';
import { registerFont, renderRegisterPdf } from '../server/platform/documents/pdf.js';
import { registerXlsx } from '../server/platform/documents/xlsx.js';
import { loadConfig } from '../server/platform/config.js';
import { createTopic, takeStep } from '../server/features/consultations/commands.js';
import { compilation, compilationDocument } from '../server/features/consultations/compilation.js';
import { benchDatabase, benchEngines, median, timed, type Timing } from './benchKit.js';

const VIEWS = Number(process.env.BENCH_VIEWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const results: { engine: string; rows: Timing[]; version: string }[] = [];

for (const engine of benchEngines()) {
  const bench = await benchDatabase(engine, 'lianxin_bench_consultations');
  const db = bench.database.db;
  const staffId = (await db.selectFrom('account').select('id').where('username', '=', 'pinggui').executeTakeFirstOrThrow()).id;
  const staff = await loadActor(db, staffId);
  const stations = (await db.selectFrom('station as s').select('s.id')
    .where(sql<boolean>`exists (select 1 from station_region sr where sr.station_id = s.id and sr.region_path like (select path from region where code = '451103') || '%')`)
    .execute()).map((s) => s.id);
  const topicId = await db.transaction().execute(async (trx) => {
    const ctx = { trx, actor: staff, ip: null };
    const id = await createTopic(ctx, {
      title: '基准测试议题', background: '', questions: ['问题一', '问题二', '问题三'], opensOn: addDays(today(), -10), closesOn: addDays(today(), 10),
      congress: { level: 'county', regionCode: '451103' }, stationIds: stations,
    });
    await takeStep(ctx, id, 'publish');
    return id;
  });
  const questions = (await db.selectFrom('consultation_question').select('id').where('topic_id', '=', topicId).orderBy('position').execute()).map((q) => q.id);
  // The views, as the public form and the reception days store them: two answers each, a third named.
  await sql`insert into consultation_view (topic_id, station_id, source, name, phone, receipt_hash, heard_on, created_at)
    select ${topicId}, (${sql.val(stations)}::int[])[1 + i % ${stations.length}], case when i % 4 = 0 then 'reception' else 'public' end,
      case when i % 3 = 0 then '群众' || i end, case when i % 5 = 0 then '139' || lpad(i::text, 8, '0') end,
      case when i % 4 <> 0 then md5('receipt' || i) end, case when i % 4 = 0 then current_date end, now() - (i || ' seconds')::interval
    from generate_series(1, ${VIEWS}) i`.execute(db);
  await sql`insert into consultation_answer (view_id, topic_id, question_id, text)
    select v.id, ${topicId}, (${sql.val(questions)}::int[])[1 + (v.id + k) % 3],
      '关于第' || v.id || '条意见:建议加强宣传引导,完善收运设施,明确村组保洁责任,并在实施前设置过渡期。'
    from consultation_view v cross join generate_series(0, 1) k where v.topic_id = ${topicId}`.execute(db);
  const font = registerFont(loadConfig({}).posterFont);
  const doc = await compilationDocument(db, staff, topicId, now());
  const rows = [
    await timed(`[${engine}] compilation screen: counts, questions, first 50 texts (${VIEWS} views)`, RUNS * 4, () => compilation(db, staff, topicId, { limit: 50 })),
    await timed(`[${engine}] whole compilation as a document (${VIEWS * 2} texts, names masked)`, RUNS, () => compilationDocument(db, staff, topicId, now())),
    await timed(`[${engine}] …written as Excel`, RUNS, () => registerXlsx(doc)),
    await timed(`[${engine}] …written as PDF`, Math.max(1, Math.ceil(RUNS / 2)), () => renderRegisterPdf(doc, font)),
  ];
  const version = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(db)).rows[0]!.v;
  results.push({ engine, rows, version });
  await bench.close();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${results.map((r) => `${r.engine}: ${r.version}`).join('; ')}\n`);
console.log('| measure | runs | median | min–max |\n|---|---|---|---|');
for (const r of results.flatMap((x) => x.rows)) console.log(`| ${r.label} | ${r.runs} | ${median(r.times).toFixed(0)} ms | ${r.min.toFixed(0)}–${r.max.toFixed(0)} ms |`);
