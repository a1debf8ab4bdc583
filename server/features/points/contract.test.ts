import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { POINT_SOURCES } from '../../../common/points.js';
import { FEATURES } from '../index.js';
import { today } from '../../platform/clock.js';
import { factories } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { FACT_COLUMNS } from './contract.js';
import { yearPeriod } from './scoring.js';

const installed = FEATURES.flatMap((f) => (f.pointSources ?? []).map((s) => ({ feature: f.name, source: s })));

describe('the point fact sources the features hand in', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    // A fact of each feature today: an activity with suggestions made, a case addressed to a deputy, a bonus.
    const f = factories(t);
    const station = await f.station();
    const [a, b] = [await f.deputy({ stations: [{ id: station.id }] }), await f.deputy({ stations: [{ id: station.id }] })];
    const activity = await f.activity({ stationId: station.id, participants: [{ deputyId: a.id }, { deputyId: b.id, attendance: 'leave' }] });
    await sql`update activity set suggestions_made = 2 where id = ${activity.id}`.execute(t.database.db);
    await f.case({ stationId: station.id, deputyId: a.id });
    // A suggestion registered today, led by a and co-signed by b, and its answer rated by a.
    const term = await f.term({ level: 'township', regionCode: (await t.database.db.selectFrom('station').select('home_region_code').where('id', '=', station.id).executeTakeFirstOrThrow()).home_region_code });
    const { rows: [suggestion] } = await sql<{ id: number }>`insert into suggestion (kind, state, title, reasons, proposals, category_id, region_code, region_path,
        congress_level, congress_region_code, congress_region_path, term_id, lead_deputy_id, submitted_at, registered_at, number, number_label, rating, rated_at, updated_at)
      select 'suggestion', 'closed', '测试建议', '', '', (select min(id) from case_category), t.region_code, t.region_path, 'township', t.region_code, t.region_path,
        t.id, ${a.id}, now(), now(), 1, '第一届闭会期间第0001号', 'satisfied', now(), now() from congress_term t where t.id = ${term.id} returning id`.execute(t.database.db);
    await sql`insert into suggestion_signer (suggestion_id, deputy_id, role, status, invited_at)
      values (${suggestion!.id}, ${a.id}, 'lead', 'confirmed', now()), (${suggestion!.id}, ${b.id}, 'cosigner', 'confirmed', now())`.execute(t.database.db);
    // A consultation topic asking the station, with a view deputy a registered at a reception day.
    const { rows: [topic] } = await sql<{ id: number }>`insert into consultation_topic (title, background, state, congress_level, congress_region_code, congress_region_path,
        opens_on, closes_on, published_at, updated_at)
      select '测试议题', '', 'open', 'township', t.region_code, t.region_path, current_date, current_date + 10, now(), now() from congress_term t where t.id = ${term.id} returning id`.execute(t.database.db);
    await sql`insert into consultation_station (topic_id, station_id) values (${topic!.id}, ${station.id})`.execute(t.database.db);
    await sql`insert into consultation_view (topic_id, station_id, source, heard_on, recorded_by_deputy_id) values (${topic!.id}, ${station.id}, 'reception', current_date, ${a.id})`.execute(t.database.db);
    // A budget review open for comments: deputy a comments on its key project, deputy b scores its evaluation.
    const finance = await f.unit();
    const { rows: [review] } = await sql<{ id: number }>`insert into budget_review (kind, year, term_id, level, region_code, region_path, title, state, finance_unit_id, opened_at)
      select 'draft', ${Number(today().slice(0, 4))}, t.id, 'township', t.region_code, t.region_path, '测试预算审查', 'approved', ${finance.id}, now()
      from congress_term t where t.id = ${term.id} returning id`.execute(t.database.db);
    const { rows: [budgetProject] } = await sql<{ id: number }>`insert into budget_project (review_id, name, amount_yuan) values (${review!.id}, '测试项目', 1000) returning id`.execute(t.database.db);
    await sql`insert into budget_comment (review_id, project_id, deputy_id, body, addressed_kind, addressed_unit_id, state, due_on, created_at)
      values (${review!.id}, ${budgetProject!.id}, ${a.id}, '测试意见', 'finance', ${finance.id}, 'open', current_date + 7, now())`.execute(t.database.db);
    const { rows: [evaluation] } = await sql<{ id: number }>`insert into budget_evaluation (review_id, project_id, title, state, started_at)
      values (${review!.id}, ${budgetProject!.id}, '测试绩效评价', 'open', now()) returning id`.execute(t.database.db);
    await sql`insert into budget_evaluation_participant (evaluation_id, deputy_id, score, scored_at) values (${evaluation!.id}, ${b.id}, 90, now())`.execute(t.database.db);
    // A livelihood project deputy a proposed, adopted today, and deputy b's rating of it at the round's evaluation.
    const { rows: [round] } = await sql<{ id: number }>`insert into livelihood_round (term_id, congress_level, congress_region_code, congress_region_path, year, title,
        collect_opens_on, collect_closes_on, places, ballot_size, mode, state, updated_at)
      select t.id, 'township', t.region_code, t.region_path, ${Number(today().slice(0, 4))}, '测试票决', current_date - 30, current_date - 20, 1, 2, 'for_against', 'counted', now()
      from congress_term t where t.id = ${term.id} returning id`.execute(t.database.db);
    const { rows: [project] } = await sql<{ id: number }>`insert into livelihood_project (round_id, congress_region_path, title, region_code, region_path, address, description,
        budget_yuan, origin, proposer_deputy_id, state, decided_at, updated_at)
      select ${round!.id}, t.region_path, '测试项目', t.region_code, t.region_path, '村委旁', '测试说明', 1000, 'deputy', ${a.id}, 'adopted', now(), now()
      from congress_term t where t.id = ${term.id} returning id`.execute(t.database.db);
    await sql`insert into livelihood_evaluation (round_id, threshold_percent, opened_at, closes_on) values (${round!.id}, 80, now(), current_date + 10)`.execute(t.database.db);
    await sql`insert into livelihood_rating (project_id, deputy_id, rating, rated_at) values (${project!.id}, ${b.id}, 'satisfied', now())`.execute(t.database.db);
    // A report-back of deputy a, held at the activity and evaluated by one constituent.
    const { rows: [reportBack] } = await sql<{ id: number }>`insert into report_back (deputy_id, congress_level, congress_region_code, congress_region_path, activity_id, station_id,
        title, period_from, period_to, state, eval_key, eval_opened_at, eval_closes_at, eval_closed_at, updated_at)
      select ${a.id}, 'township', t.region_code, t.region_path, ${activity.id}, ${station.id}, '测试述职', current_date - 30, current_date, 'evaluated', 'contract-test-key-0001', now(), now(), now(), now()
      from congress_term t where t.id = ${term.id} returning id`.execute(t.database.db);
    await sql`insert into report_back_evaluation (report_back_id, channel, rating, phone_hash, device_hash) values (${reportBack!.id}, 'qr', 'satisfied', 'p', 'd')`.execute(t.database.db);
    // A mediation at the station that reached agreement today, deputy b present at its session.
    const { rows: [mediation] } = await sql<{ id: number }>`insert into mediation (station_id, dispute_type, title, description, received_on, state, outcome, closed_on, created_at, updated_at)
      values (${station.id}, 'neighbours', '测试调解', '', ${today()}::date, 'closed', 'agreed', ${today()}::date, now(), now()) returning id`.execute(t.database.db);
    const { rows: [session] } = await sql<{ id: number }>`insert into mediation_session (mediation_id, held_on, place, notes, created_at)
      values (${mediation!.id}, ${today()}::date, '调解室', '', now()) returning id`.execute(t.database.db);
    await sql`insert into mediation_session_deputy (session_id, deputy_id) values (${session!.id}, ${b.id})`.execute(t.database.db);
    await sql`insert into point_bonus (deputy_id, region_code, region_path, station_id, on_date, points, reason)
      select ${b.id}, h.region_code, h.region_path, h.station_id, ${today()}::date, 5, '测试加分'
      from station_region h where h.station_id = ${station.id} and h.is_home`.execute(t.database.db);
  });
  after(() => t.close());

  it('price every point source, each in one fragment only', () => {
    const declared = installed.flatMap(({ source }) => source.sources);
    assert.deepEqual([...declared].sort(), [...POINT_SOURCES.keys].sort());
    assert.deepEqual(installed.map(({ feature }) => feature).sort(), ['activities', 'budget', 'cases', 'consultations', 'livelihood', 'mediation', 'points', 'reportBacks', 'suggestions']);
  });

  it('answer the contract\'s columns, only their own sources, and only facts of the year asked for', async () => {
    const year = Number(today().slice(0, 4));
    for (const { feature, source } of installed) {
      for (const p of [null, yearPeriod(year)]) {
        const columns = sql.raw(Object.keys(FACT_COLUMNS).map((c) => `x.${c}`).join(', '));
        const { rows } = await sql<{ source: string; day: string; deputy_id: number | null }>`select ${columns} from (${source.facts(p)}) x`.execute(t.database.db);
        for (const r of rows) {
          assert.ok(source.sources.includes(r.source as never), `${feature}: ${r.source}`);
          assert.match(r.day, /^\d{4}-\d{2}-\d{2}$/, feature);
          assert.notEqual(r.deputy_id, null, feature);
          if (p) assert.ok(r.day >= p.firstDay && r.day <= p.lastDay, `${feature}: ${r.day} in ${year}`);
        }
        assert.ok(rows.length > 0, `${feature} has facts ${p ? `in ${year}` : 'in all'}`);
      }
    }
  });
});
