import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { now as clockNow } from '../../platform/clock.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { verifyAuditChain } from '../audit/index.js';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoSuggestions } from './demo.js';

describe('the demo suggestions of 平桂区', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoSuggestions>>;
  // The demo as it is loaded today, whatever day that is (the suite also runs years ahead under faketime).
  const now = clockNow();
  const today = shanghaiDate(now);
  before(async () => {
    t = await startTestApp();
    ids = await t.database.db.transaction().execute((trx) => loadDemoSuggestions(trx, now));
  });
  after(() => t.close());

  const suggestion = (id: number) => t.database.db.selectFrom('suggestion').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const unitName = (suggestionId: number, role: 'lead' | 'co') => t.database.db.selectFrom('suggestion_unit as su').innerJoin('unit as u', 'u.id', 'su.unit_id')
    .select('u.name').where('su.suggestion_id', '=', suggestionId).where('su.role', '=', role).orderBy('u.name').execute();

  it('王惠敏\'s water suggestion runs from 梁大哥\'s opinion to the A answer, rated 满意 and closed', async () => {
    const db = t.database.db;
    const s = await suggestion(ids.water);
    assert.deepEqual([s.state, s.kind, s.congress_level, s.session_id, s.number_label, s.answer_category, s.answered_on_time, s.rating, s.round],
      ['closed', 'suggestion', 'county', null, '第四届闭会期间第0001号', 'A', true, 'satisfied', 1]);
    const lead = await db.selectFrom('deputy').select('name').where('id', '=', s.lead_deputy_id).executeTakeFirstOrThrow();
    assert.equal(lead.name, '王惠敏');
    assert.deepEqual((await unitName(ids.water, 'lead')).map((u) => u.name), ['贺州市平桂区水利局']);
    const answer = await db.selectFrom('suggestion_answer').selectAll().where('suggestion_id', '=', ids.water).executeTakeFirstOrThrow();
    assert.ok(answer.body.includes('至12月20日,水并片 120 户群众已到北控水务政务窗口办理开户申请手续'), answer.body);
    assert.equal(shanghaiDate(answer.answered_at).slice(5, 7), '12', 'answered in December, as the report tells it');
    // 面商: the water bureau visited the site with her before answering.
    const contacts = await db.selectFrom('suggestion_contact').select(['stage', 'mode', 'contacted_on']).where('suggestion_id', '=', ids.water).orderBy('id').execute();
    assert.deepEqual(contacts.map((c) => `${c.stage}:${c.mode}`), ['before:phone', 'during:site_visit', 'after:phone']);
    assert.ok(contacts[1]!.contacted_on <= shanghaiDate(answer.answered_at));
    // It grew from his opinion and her visit; the suggestion came before the answer, the answer before her rating.
    const sources = await db.selectFrom('suggestion_source').select(['opinion_id', 'activity_id']).where('suggestion_id', '=', ids.water).execute();
    assert.ok(sources.some((x) => x.opinion_id === ids.villager.caseId));
    assert.equal(sources.filter((x) => x.activity_id !== null).length, 2);
    const opinion = await db.selectFrom('opinion').select(['submitted_at', 'state', 'rating']).where('id', '=', ids.villager.caseId).executeTakeFirstOrThrow();
    assert.deepEqual([opinion.state, opinion.rating], ['closed', 'satisfied']);
    assert.ok(opinion.submitted_at < s.submitted_at! && s.submitted_at! < answer.answered_at && answer.answered_at < s.rated_at!);
    assert.equal(shanghaiDate(opinion.submitted_at).slice(5, 7), '10', 'heard at a reception in October');
  });

  it('shows 梁大哥 on his tracking page that his opinion went into the suggestion, and the answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/opinions/${ids.villager.trackingCode}?key=${ids.villager.key}` });
    assert.equal(res.statusCode, 200, res.body);
    const timeline = res.json<{ timeline: { action: string; note: string | null }[] }>().timeline;
    const included = timeline.find((e) => e.action === 'suggestion_included');
    assert.ok(included?.note?.includes('关于解决公和村水并片区自来水工程通水的建议'), JSON.stringify(timeline));
    assert.ok(timeline.some((e) => e.action === 'suggestion_answered'), 'the answer noted too');
    assert.ok(timeline.some((e) => e.action === 'answer_on_spot' && e.note?.includes('北控水务')), 'her answer to him');
  });

  it('the industrial park suggestion was answered B and is followed up: one commitment kept, one open', async () => {
    const db = t.database.db;
    const s = await suggestion(ids.industry);
    assert.deepEqual([s.state, s.number_label, s.answer_category, s.rating], ['following_up', '第四届第五次会议第0001号', 'B', 'basically_satisfied']);
    const session = await db.selectFrom('congress_session').select(['opens_on', 'closes_on']).where('id', '=', s.session_id!).executeTakeFirstOrThrow();
    const filed = shanghaiDate(s.submitted_at!);
    assert.ok(session.opens_on <= filed && filed <= session.closes_on, 'filed during the session');
    assert.deepEqual((await unitName(ids.industry, 'lead')).map((u) => u.name), ['贺州市平桂区工业和信息化局']);
    const co = await db.selectFrom('suggestion_unit').select(['view']).where('suggestion_id', '=', ids.industry).where('role', '=', 'co').executeTakeFirstOrThrow();
    assert.ok(co.view, 'the co-unit sent its view');
    const commitments = await db.selectFrom('suggestion_commitment').select(['due_on', 'done_at']).where('suggestion_id', '=', ids.industry).orderBy('id').execute();
    assert.equal(commitments.length, 2);
    assert.ok(commitments[0]!.done_at !== null);
    assert.ok(commitments[1]!.done_at === null && commitments[1]!.due_on > today, 'the open one is not yet due');
  });

  it('the service-centre suggestion is a joint one, a key suggestion, still with its units within the deadline', async () => {
    const db = t.database.db;
    const s = await suggestion(ids.serviceCentre);
    assert.deepEqual([s.state, s.congress_level, s.session_id, s.number_label, s.key_supervision], ['assigned', 'county', null, '第四届闭会期间第0002号', true]);
    assert.ok(s.deadline_date! > today, `${s.deadline_date} after ${today}`);
    assert.deepEqual((await unitName(ids.serviceCentre, 'lead')).map((u) => u.name), ['贺州高新技术产业开发区管理委员会']);
    const signers = await db.selectFrom('suggestion_signer').select(['role', 'status']).where('suggestion_id', '=', ids.serviceCentre).execute();
    assert.deepEqual(signers.filter((x) => x.role === 'cosigner').map((x) => x.status), ['confirmed', 'confirmed']);
  });

  it('holds the sessions of 平桂区\'s 4th congress and of 黄田镇\'s, none open today', async () => {
    const sessions = await t.database.db.selectFrom('congress_session as cs').innerJoin('congress_term as ct', 'ct.id', 'cs.term_id')
      .select(['ct.level', 'ct.number as term', 'cs.number', 'cs.opens_on', 'cs.closes_on']).execute();
    assert.deepEqual(sessions.filter((x) => x.level === 'county').map((x) => x.number).sort(), [1, 2, 3, 4, 5]);
    assert.ok(sessions.some((x) => x.level === 'township' && x.term === 13 && x.number === 1));
    assert.ok(sessions.every((x) => !(x.opens_on <= today && today <= x.closes_on)), 'none open today');
  });

  it('is true to the rules: every step in the past, on weekdays in office hours, the audit chain intact, the logins work', async () => {
    const db = t.database.db;
    const steps = await db.selectFrom('suggestion_event').select(['at', 'action']).where('actor_account_id', 'is not', null).execute();
    assert.ok(steps.length >= 20, `${steps.length} steps`);
    for (const { at, action } of steps) {
      assert.ok(at <= now, `${action} at ${at.toISOString()} is not in the future`);
      const beijing = new Date(at.getTime() + 8 * 3_600_000);
      const minutes = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
      assert.ok(beijing.getUTCDay() >= 1 && beijing.getUTCDay() <= 5 && minutes >= 510 && minutes < 1080, `${action} at ${at.toISOString()}`);
    }
    assert.equal((await verifyAuditChain(db)).ok, true);
    for (const username of ['wanghuimin', 'gongxinju', 'gaoxinqu', 'xiebaozhu', 'zhouxiaoyan']) await signIn(t.app, username);
  });
});
