/**
 * The election round (换届), through the API. The demo holds 黄田镇's round (12th → 13th)
 * done; the round run here is 公会镇's (451103104), whose 12th term has 钟立新 (also a county
 * deputy, 站长 of the court station), 邓丽娟 (联络员) and 覃永福 (驻站代表). Dates come from the
 * clock: the new term starts a few days after today, whatever today is.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { today } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { verifyAuditChain } from '../audit/index.js';
import { demoDay } from '../../testing/demoDates.js';
import { csvBuffer, type Rows } from '../../testing/importFiles.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

const COURT = '平桂区公会镇代表法庭联络室';
const HEADER = ['姓名', '性别', '民族', '政治面貌', '手机号码', '代表层级', '届次', '所属区划', '工作单位及职务', '所在联络站', '站内职责'];

interface Problem { path: string; code: string; message: string; details?: Record<string, unknown> }
interface Coverage {
  term: { id: number | null; number: number };
  serving: number; stationed: number; stationedRate: number; stationCount: number; coveredCount: number; coverageRate: number; headedCount: number;
  stations: { id: number; name: string; deputyCount: number; hasHead: boolean; flags: string[]; deputies: { id: number | null; name: string; role: string; thisTerm: boolean; specialLiaison: boolean }[] }[];
  unstationed: { id: number | null; name: string }[];
}
interface Plan {
  ok: boolean; closing: { endsOn: string }; counts: Record<string, number>;
  roster: { row: number; name: string; match: { deputyId: number; by: string; reElected: boolean } | null }[];
  coverage: Coverage; handovers: { caseId: number; from: { id: number }; to: { deputyId: number | null; name: string } | null }[]; problems: Problem[];
}

describe('the election round', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let yicheng: Client;
  const ids = { zhong: 0, deng: 0, qin: 0, court: 0, term: 0, version: 0, caseId: 0, huangtian13: 0, huangtian12: 0 };
  const db = () => t.database.db;
  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  // The round is held on the old term's last day: the new term begins tomorrow.
  const startsOn = () => addDays(today(), 1);

  async function roster(rows: Rows, termId = ids.term) {
    const created = ok(await staff.post('/api/imports/deputies', { filename: '公会镇第十三届花名册.csv', termId }), 201).json<{ id: number; termId: number }>();
    assert.equal(created.termId, termId);
    const res = await t.app.inject({
      method: 'PUT', url: `/api/imports/deputies/${created.id}/file`, payload: Readable.from([csvBuffer([HEADER, ...rows])]), remoteAddress: staff.remoteAddress,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/octet-stream' },
    });
    return { id: created.id, batch: ok(res).json<{ status: string; errorRows: number }>() };
  }

  const decisions = () => [
    { deputyId: ids.zhong, outcome: 're_elected' },
    { deputyId: ids.deng, outcome: 'leaves' },
    { deputyId: ids.qin, outcome: 'leaves', specialLiaison: true },
  ];

  async function snapshotOfTerm() {
    const term = await db().selectFrom('congress_term').selectAll().where('id', '=', ids.term).executeTakeFirstOrThrow();
    const deputies = await db().selectFrom('deputy').select(['id', 'status', 'special_liaison', 'version']).where('id', 'in', [ids.zhong, ids.deng, ids.qin]).orderBy('id').execute();
    const stations = await db().selectFrom('deputy_station').selectAll().where('station_id', '=', ids.court).orderBy('deputy_id').execute();
    const opinion = await db().selectFrom('opinion').select(['holder_deputy_id', 'version']).where('id', '=', ids.caseId).executeTakeFirstOrThrow();
    const terms = await db().selectFrom('congress_term').select('id').where('region_code', '=', '451103104').execute();
    return { term, deputies, stations, opinion, terms: terms.length };
  }

  before(async () => {
    t = await startTestApp();
    [staff, officer, yicheng] = await Promise.all([signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'yicheng')]);
    Object.assign(ids, {
      zhong: await idOf(db(), 'deputy', '钟立新'), deng: await idOf(db(), 'deputy', '邓丽娟'), qin: await idOf(db(), 'deputy', '覃永福'),
      court: await idOf(db(), 'station', COURT),
    });
    const term = await db().selectFrom('congress_term').select(['id', 'version'])
      .where('level', '=', 'township').where('region_code', '=', '451103104').where('number', '=', 12).executeTakeFirstOrThrow();
    ids.term = term.id;
    ids.version = term.version;
    const termId = async (n: number) => (await db().selectFrom('congress_term').select('id')
      .where('level', '=', 'township').where('region_code', '=', '451103101').where('number', '=', n).executeTakeFirstOrThrow()).id;
    ids.huangtian13 = await termId(13);
    ids.huangtian12 = await termId(12);
    // A meeting of the term's deputies at the court station, and an open case addressed to 邓丽娟, who is going to leave.
    ok(await staff.post('/api/activities', {
      stationId: ids.court, kind: 'group', title: '换届前代表小组活动', startsAt: `${addDays(today(), -10)}T09:00:00+08:00`,
      participants: [{ deputyId: ids.zhong, attendance: 'present' }, { deputyId: ids.deng, attendance: 'present' }, { deputyId: ids.qin, attendance: 'leave' }],
    }), 201);
    const categoryId = (await db().selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    ids.caseId = ok(await staff.post('/api/cases', {
      stationId: ids.court, deputyId: ids.deng, channel: 'reception', items: [{ categoryId, content: '换届测试:村道排水沟堵塞' }],
    }), 201).json<{ items: { id: number }[] }>().items[0]!.id;
  });
  after(() => t.close());

  it('holds 黄田镇 after its round in the demo: three re-elected, a 特邀联络员, one new deputy from the roster', async () => {
    const closed = ok(await staff.get(`/api/terms/${ids.huangtian12}`)).json<{ endsOn: string; current: boolean }>();
    const running = ok(await staff.get(`/api/terms/${ids.huangtian13}`)).json<{ startsOn: string; endsOn: string | null }>();
    assert.deepEqual([closed.endsOn, running.startsOn, running.endsOn], [demoDay('2026-11-25'), demoDay('2026-11-26'), null]);
    const liangjun = await idOf(db(), 'deputy', '梁俊华');
    const terms = ok(await staff.get(`/api/deputies/${liangjun}/terms`)).json<{ terms: { id: number }[] }>().terms.map((x) => x.id);
    assert.ok(terms.includes(ids.huangtian12) && terms.includes(ids.huangtian13), 'a re-elected deputy sits in both terms');
    const li = await db().selectFrom('deputy').select(['id', 'status', 'special_liaison']).where('name', '=', '黎永昌').executeTakeFirstOrThrow();
    assert.deepEqual([li.status, li.special_liaison], ['former', true]);
    assert.equal((await db().selectFrom('deputy').select('id').where('name', 'in', ['蒙丽萍', '梁俊华', '韦秀兰', '黄志强']).execute()).length, 4, 'matched, not duplicated');

    const coverage = ok(await staff.get(`/api/terms/${ids.huangtian13}/coverage`)).json<Coverage>();
    assert.deepEqual([coverage.serving, coverage.stationed, coverage.stationedRate, coverage.stationCount, coverage.coveredCount, coverage.coverageRate],
      [4, 4, 1, 2, 2, 1], '进驻 100%, 覆盖 100%');
    const point = coverage.stations.find((s) => s.name === '平桂区黄田镇公和村人大代表联络点')!;
    assert.deepEqual(point.deputies.filter((d) => d.specialLiaison).map((d) => d.name), ['黎永昌'], 'kept as 特邀联络员, not counted');
    assert.ok(!point.deputies.find((d) => d.name === '黎永昌')!.thisTerm);
    assert.equal((await db().selectFrom('audit_log').select('id').where('action', '=', 'term.round').execute()).length, 1);
  });

  it('sets out what the round starts from, to staff who manage the congress only', async () => {
    const inputs = ok(await staff.get(`/api/terms/${ids.term}/round`)).json<{
      term: { number: number }; suggested: { number: number }; deputies: { id: number; name: string; openCases: number; otherSeats: unknown[]; stations: { role: string }[] }[];
      stations: { id: number; name: string; regionName: string; openCasesOfDeputies: number }[];
    }>();
    assert.equal(inputs.suggested.number, 13);
    assert.deepEqual(inputs.deputies.map((d) => d.id).sort(), [ids.zhong, ids.deng, ids.qin].sort());
    assert.equal(inputs.deputies.find((d) => d.id === ids.deng)!.openCases, 1);
    assert.equal(inputs.deputies.find((d) => d.id === ids.zhong)!.otherSeats.length, 1, 'also a county deputy');
    assert.deepEqual(inputs.stations.find((s) => s.id === ids.court), { id: ids.court, name: COURT, regionName: '公会镇', openCasesOfDeputies: 1 });
    assert.equal((await officer.get(`/api/terms/${ids.term}/round`)).statusCode, 403);
    assert.equal((await yicheng.get(`/api/terms/${ids.term}/round`)).statusCode, 404);
    assert.equal(ok(await staff.get(`/api/terms/${ids.huangtian12}/round`), 409).json<{ error: { code: string } }>().error.code, 'ROUND_TERM_NOT_LATEST');
  });

  it('blocks a round that leaves a deputy undecided or a case without a successor, and writes nothing', async () => {
    const before = await snapshotOfTerm();
    const body = { version: ids.version, next: { number: 13, startsOn: startsOn() }, deputies: decisions().slice(0, 2) };
    const plan = ok(await staff.post(`/api/terms/${ids.term}/round/preview`, body)).json<Plan>();
    assert.equal(plan.ok, false);
    assert.deepEqual(plan.problems.map((p) => `${p.path} ${p.code}`).sort(), ['deputies ROUND_DEPUTY_MISSING', 'successors ROUND_SUCCESSOR_MISSING']);
    assert.equal(plan.handovers.length, 1);
    assert.equal(plan.handovers[0]!.to, null);
    const run = ok(await staff.post(`/api/terms/${ids.term}/round`, body), 409).json<{ error: { code: string; fields: { path: string; code: string }[] } }>();
    assert.equal(run.error.code, 'ROUND_BLOCKED');
    assert.equal(run.error.fields.length, 2);

    // A successor who leaves too is no successor.
    const leaving = ok(await staff.post(`/api/terms/${ids.term}/round/preview`, { ...body, deputies: decisions(), successors: [{ stationId: ids.court, deputyId: ids.qin }] })).json<Plan>();
    assert.deepEqual(leaving.problems.map((p) => `${p.path} ${p.code}`), ['successors.0.deputyId ROUND_SUCCESSOR_INVALID', 'successors ROUND_SUCCESSOR_MISSING']);
    // The next term cannot start before the running one did.
    const early = ok(await staff.post(`/api/terms/${ids.term}/round/preview`, { ...body, next: { number: 13, startsOn: '2020-01-01' } })).json<Plan>();
    assert.ok(early.problems.some((p) => p.path === 'next.startsOn' && p.code === 'ROUND_START_TOO_EARLY'));
    assert.deepEqual(await snapshotOfTerm(), before);
  });

  it('leaves the old term untouched when a roster row is bad', async () => {
    const before = await snapshotOfTerm();
    const bad = await roster([['韦春燕', '女', '壮族', '群众', '1390774', '乡镇', '第十三届', '451103104', '村医', COURT, '驻站代表']]);
    assert.deepEqual([bad.batch.status, bad.batch.errorRows], ['ready', 1]);
    const body = { version: ids.version, next: { number: 13, startsOn: startsOn() }, deputies: decisions(), rosterImportId: bad.id, successors: [{ stationId: ids.court, deputyId: ids.zhong }] };
    const plan = ok(await staff.post(`/api/terms/${ids.term}/round/preview`, body)).json<Plan>();
    assert.deepEqual(plan.problems.map((p) => `${p.path} ${p.code}`), ['rosterImportId ROUND_ROSTER_HAS_ERRORS']);
    ok(await staff.post(`/api/terms/${ids.term}/round`, body), 409);
    assert.deepEqual(await snapshotOfTerm(), before);
    // Only the round commits a roster made for it.
    assert.equal(ok(await staff.post(`/api/imports/deputies/${bad.id}/commit`), 409).json<{ error: { code: string } }>().error.code, 'IMPORT_HAS_ERRORS');
  });

  it('runs the round all at once: terms, seats, people matched not duplicated, stations, hand-overs, audit; the old term\'s archives unchanged', async () => {
    // Everything but who the deputy is now (status, stations), when it was generated and the term's last day, now recorded.
    const archive = async (deputyId: number) => {
      const { deputy: _profile, generatedAt: _at, term, ...rest } = ok(await staff.get(`/api/deputies/${deputyId}/archive?term=${ids.term}`))
        .json<{ deputy: unknown; generatedAt: string; term: { to: string | null } }>();
      assert.ok(term.to === null || term.to === today());
      return { ...rest, term: { ...term, to: null } };
    };
    const archivesBefore = await Promise.all([ids.zhong, ids.deng, ids.qin].map(archive));
    const auditBefore = Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const good = await roster([
      ['钟立新', '男', '汉族', '中共党员', '13907741011', '乡镇', '第十三届', '451103104', '律师', '', ''],
      ['韦春燕', '女', '壮族', '群众', '13907741099', '乡镇', '第十三届', '451103104', '村医', COURT, '驻站代表'],
    ]);
    assert.deepEqual([good.batch.status, good.batch.errorRows], ['ready', 0], 'a registered person is matched, not refused');
    assert.equal(ok(await staff.post(`/api/imports/deputies/${good.id}/commit`), 409).json<{ error: { code: string } }>().error.code, 'IMPORT_FOR_ROUND');

    const body = {
      version: ids.version, next: { number: 13, startsOn: startsOn() }, deputies: decisions(), rosterImportId: good.id,
      successors: [{ stationId: ids.court, deputyId: ids.zhong }],
    };
    const plan = ok(await staff.post(`/api/terms/${ids.term}/round/preview`, body)).json<Plan>();
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.closing.endsOn, addDays(startsOn(), -1));
    assert.deepEqual(plan.roster.map((r) => [r.name, r.match?.deputyId ?? null, r.match?.reElected ?? null]), [['钟立新', ids.zhong, true], ['韦春燕', null, null]]);
    assert.deepEqual(plan.counts, {
      serving: 3, reElected: 1, leaving: 2, specialLiaisons: 1, rosterRows: 2, rosterMatched: 1, rosterNew: 1, newTermDeputies: 2, casesHandedOver: 1,
    });
    const court = plan.coverage.stations.find((s) => s.id === ids.court)!;
    assert.deepEqual([plan.coverage.serving, plan.coverage.stationed, plan.coverage.stationedRate, court.deputyCount, court.hasHead, court.flags], [2, 2, 1, 3, true, []]);
    assert.deepEqual(court.deputies.map((d) => [d.name, d.role, d.thisTerm, d.specialLiaison]).sort(), [
      ['李红梅', 'resident', false, false], ['覃永福', 'resident', false, true], ['钟立新', 'head', true, false], ['韦春燕', 'resident', true, false],
    ].sort());
    assert.deepEqual(plan.handovers.map((h) => [h.caseId, h.from.id, h.to?.deputyId]), [[ids.caseId, ids.deng, ids.zhong]]);

    const res = ok(await staff.post(`/api/terms/${ids.term}/round`, body), 201).json<{
      term: { id: number; number: number; startsOn: string; endsOn: string | null }; closed: { endsOn: string }; summary: Record<string, number>; coverage: Coverage;
    }>();
    assert.deepEqual([res.term.number, res.term.startsOn, res.term.endsOn, res.closed.endsOn], [13, startsOn(), null, addDays(startsOn(), -1)]);
    assert.deepEqual(res.summary, { reElected: 1, left: 2, specialLiaisons: 1, imported: 1, matched: 1, casesHandedOver: 1, membershipsKept: 2, membershipsEnded: 1, membershipsAdded: 1 });
    assert.deepEqual([res.coverage.term.id, res.coverage.serving, res.coverage.stationedRate, res.coverage.coverageRate], [res.term.id, 2, 1, 1]);
    assert.deepEqual(ok(await staff.get(`/api/terms/${res.term.id}/coverage`)).json(), res.coverage);

    // People: matched, not duplicated; seats in both terms; former deputies and the 特邀联络员.
    assert.equal((await db().selectFrom('deputy').select('id').where('name', '=', '钟立新').execute()).length, 1);
    const zhongTerms = ok(await staff.get(`/api/deputies/${ids.zhong}/terms`)).json<{ terms: { id: number; to: string | null }[] }>().terms;
    assert.ok(zhongTerms.some((x) => x.id === ids.term) && zhongTerms.some((x) => x.id === res.term.id), 're-elected: both terms');
    const people = await db().selectFrom('deputy').select(['id', 'status', 'special_liaison']).where('id', 'in', [ids.deng, ids.qin]).orderBy('id').execute();
    assert.deepEqual(people.map((p) => [p.status, p.special_liaison]), ids.deng < ids.qin ? [['former', false], ['former', true]] : [['former', true], ['former', false]]);
    const dengTerms = ok(await staff.get(`/api/deputies/${ids.deng}/terms`)).json<{ terms: { id: number }[] }>().terms.map((x) => x.id);
    assert.deepEqual(dengTerms, [ids.term]);
    const members = await db().selectFrom('deputy_station').select(['deputy_id', 'role']).where('station_id', '=', ids.court).execute();
    assert.ok(!members.some((m) => m.deputy_id === ids.deng), 'a deputy who leaves leaves their station');
    assert.ok(members.some((m) => m.deputy_id === ids.qin && m.role === 'resident'), 'a 特邀联络员 keeps it');
    const seats = await db().selectFrom('deputy_term').select(['deputy_id', 'term_id', 'joined_by', 'outcome']).where('term_id', 'in', [ids.term, res.term.id]).orderBy('term_id').orderBy('deputy_id').execute();
    assert.deepEqual(seats.filter((s) => s.term_id === ids.term).map((s) => [s.deputy_id, s.outcome]).sort(),
      [[ids.zhong, 're_elected'], [ids.deng, 'left'], [ids.qin, 'left']].sort());
    assert.deepEqual(seats.filter((s) => s.term_id === res.term.id).map((s) => s.joined_by).sort(), ['elected', 're_elected']);

    // The case: handed over, on its timeline, still addressed to 邓丽娟 in the history.
    const detail = ok(await staff.get(`/api/cases/${ids.caseId}`)).json<{ deputy: { id: number }; timeline: { action: string; label: { zh: string }; data: Record<string, unknown> }[] }>();
    const handOver = detail.timeline.find((e) => e.action === 'hand_over')!;
    assert.deepEqual([handOver.label.zh, handOver.data.fromDeputyId, handOver.data.toDeputyId], ['换届移交', ids.deng, ids.zhong]);
    assert.equal(detail.deputy.id, ids.deng);
    const holder = await db().selectFrom('opinion').select('holder_deputy_id').where('id', '=', ids.caseId).executeTakeFirstOrThrow();
    assert.equal(holder.holder_deputy_id, ids.zhong);
    const orphans = await db().selectFrom('opinion as o').innerJoin('deputy as d', (j) => j.on((eb) => eb(eb.fn.coalesce('o.holder_deputy_id', 'o.deputy_id'), '=', eb.ref('d.id'))))
      .select('o.id').where('d.status', '=', 'former').where('o.state', 'not in', ['declined', 'merged', 'closed', 'archived']).execute();
    assert.deepEqual(orphans, [], 'no open case is held by a former deputy');

    // History: the old term's archives read as before.
    assert.deepEqual(await Promise.all([ids.zhong, ids.deng, ids.qin].map(archive)), archivesBefore);

    // Audit: the round, the terms, each deputy, the case; the chain holds.
    const actions = (await db().selectFrom('audit_log').select('action').orderBy('id').offset(auditBefore).execute()).map((a) => a.action);
    assert.deepEqual(actions, ['term.update', 'term.create', 'term.round', 'case.hand_over', 'deputy.update', 'deputy.update', 'deputy.update', 'deputy.create']);
    assert.equal((await verifyAuditChain(db())).ok, true);

    // Done once: the closed term is no longer the latest.
    assert.equal(ok(await staff.post(`/api/terms/${ids.term}/round/preview`, { ...body, version: ids.version + 1 }), 409).json<{ error: { code: string } }>().error.code, 'ROUND_TERM_NOT_LATEST');
  });
});
