/**
 * Cross-province stations through the API, one test per role and side: the 豫鲁 station (host
 * 台前 `taiqian`, member side 阳谷 `yanggu`, this quarter's chair 十五里园镇 in the demo), the 粤桂
 * station (廉江 `lianjiang`), the station's officer, a deputy of each side, a unit clerk, the public.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { now, resetClock, setClock, today } from '../../platform/clock.js';
import { onTemplateDay } from '../../testing/demoDates.js';
import { factories, type Factories } from '../../testing/factories.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import type { Actor } from '../../platform/access/actor.js';
import { acceptHandover, remindCrossProvince } from './commands.js';
import { CROSS_PROVINCE_TODOS } from './todos.js';
import { quarter } from './periods.js';

const SHIWULIYUAN = '371521111';
const DAYUCHEN = '410927103';

interface Overview { canHost: boolean; canChair: boolean; currentChair: { regionCode: string; id: number } | null; nextHandover: { id: number; regionCode: string } | null;
  agreements: { id: number; parties: { regionCode: string; joinedLater: boolean }[]; files: { url: string; kind: string }[]; expired: boolean }[];
  meetings: { id: number; state: string; version: number; activityId: number | null; attendance: unknown[] }[]; suggestedMeetingOn: string; rota: unknown[]; sides: unknown[] }
interface IssueList { items: { id: number; title: string; status: string; version: number }[]; canEdit: boolean }

describe('cross-province stations', () => {
  let t: TestApp;
  let make: Factories;
  let yulu: number;
  let yuegui: number;
  const c = {} as Record<'taiqian' | 'yanggu' | 'lianjiang' | 'unit' | 'officer' | 'tqDeputy' | 'ygDeputy' | 'ljDeputy', Client>;
  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const ditch = async (client: Client) => (ok(await client.get(`/api/cross-province/stations/${yulu}/issues`))).json<IssueList>().items.find((i) => i.title === '刘子渔村排水沟清淤')!;

  // The demo's weeks and quarters as the template placed them, on a clock that stays put.
  const pinned = onTemplateDay();

  before(async () => {
    setClock(pinned);
    t = await startTestApp();
    make = factories(t);
    const db = t.database.db;
    yulu = await idOf(db, 'station', '豫鲁跨省联建人大代表联络站');
    yuegui = await idOf(db, 'station', '廉江市石角镇粤桂省际人大代表联络站');
    c.taiqian = await signIn(t.app, 'taiqian');
    c.yanggu = await signIn(t.app, 'yanggu');
    c.lianjiang = await signIn(t.app, 'lianjiang');
    c.unit = await signIn(t.app, 'shuiliju');
    c.officer = (await make.signedIn('officer', { stationIds: [yulu] })).client;
    c.tqDeputy = (await make.signedIn('deputy', { deputyId: await idOf(db, 'deputy', '刘长河') })).client;
    c.ygDeputy = (await make.signedIn('deputy', { deputyId: await idOf(db, 'deputy', '任建军') })).client;
    c.ljDeputy = (await make.signedIn('deputy', { deputyId: await idOf(db, 'deputy', '林国栋') })).client;
  });
  after(async () => { resetClock(); await t.close(); });

  it('台前 staff (the host): the five-town agreement, this quarter chair, edits the list, holds a meeting logged as an activity', async () => {
    const o = (ok(await c.taiqian.get(`/api/cross-province/stations/${yulu}`))).json<Overview>();
    assert.equal(o.canHost, true);
    assert.equal(o.currentChair?.regionCode, SHIWULIYUAN);
    const [agreement] = o.agreements;
    assert.equal(agreement!.parties.length, 5);
    assert.equal(agreement!.parties.filter((p) => p.joinedLater).length, 2);
    assert.deepEqual(agreement!.files.map((f) => f.kind).sort(), ['agreement', 'flow', 'manual', 'rules']);
    const file = ok(await c.taiqian.get(agreement!.files[0]!.url));
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.ok(o.meetings.some((m) => m.state === 'held' && m.activityId !== null && m.attendance.length === 3));
    // A new joint meeting, held: it becomes an activity of kind joint_meeting at the station.
    const meeting = (ok(await c.taiqian.post(`/api/cross-province/stations/${yulu}/meetings`, { scheduledOn: today(), title: '临时联席会议' }), 201)).json<{ id: number }>().id;
    const held = (ok(await c.taiqian.post(`/api/cross-province/meetings/${meeting}/hold`, {
      startsAt: new Date(now().getTime() - 3_600_000).toISOString(), minutes: '议定清单事项分工', version: 1,
      attendance: [{ regionCode: DAYUCHEN, present: 3 }, { regionCode: SHIWULIYUAN, present: 2 }],
    }))).json<{ activityId: number }>();
    const activity = (ok(await c.taiqian.get(`/api/activities/${held.activityId}`))).json<{ kind: string; station: { id: number } }>();
    assert.equal(activity.kind, 'joint_meeting');
    assert.equal(activity.station.id, yulu);
    ok(await c.taiqian.post(`/api/cross-province/meetings/${meeting}/hold`, { startsAt: now().toISOString(), minutes: 'x', attendance: [], version: 2 }), 409);
    // A future meeting cannot be recorded as held.
    const later = (ok(await c.taiqian.post(`/api/cross-province/stations/${yulu}/meetings`, { scheduledOn: addDays(today(), 10), title: '下次联席会议' }), 201)).json<{ id: number }>().id;
    const early = await c.taiqian.post(`/api/cross-province/meetings/${later}/hold`, { startsAt: new Date(now().getTime() + 86_400_000).toISOString(), minutes: 'x', attendance: [], version: 1 });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json<{ error: { code: string } }>().error.code, 'CROSS_PROVINCE_MEETING_NOT_HELD');
    // The shared calendar of this month holds the meeting just held.
    const cal = (ok(await c.taiqian.get(`/api/cross-province/stations/${yulu}/calendar?month=${today().slice(0, 7)}`))).json<{ items: { title: string }[] }>();
    assert.ok(cal.items.some((i) => i.title === '临时联席会议'));
    // 台前 does not see 粤桂.
    ok(await c.taiqian.get(`/api/cross-province/stations/${yuegui}`), 404);
    // A party's chair is a current deputy of that party's town: not a deputy of 平桂, not 阳谷's deputy for 打渔陈镇; nothing is written.
    const before = (await t.database.db.selectFrom('cross_province_agreement').select('id').where('station_id', '=', yulu).execute()).length;
    for (const chair of ['梁俊华', '任建军']) {
      const wrong = await c.taiqian.post(`/api/cross-province/stations/${yulu}/agreements`, {
        title: '补充协议', signedOn: today(), validFrom: today(), parties: [{ regionCode: DAYUCHEN, chairName: chair, chairDeputyId: await idOf(t.database.db, 'deputy', chair) }],
      });
      assert.equal(wrong.statusCode, 400, wrong.body);
      assert.equal(wrong.json<{ error: { code: string } }>().error.code, 'CROSS_PROVINCE_CHAIR_INVALID');
    }
    assert.equal((await t.database.db.selectFrom('cross_province_agreement').select('id').where('station_id', '=', yulu).execute()).length, before);
    ok(await c.taiqian.post(`/api/cross-province/stations/${yulu}/agreements`, {
      title: '补充协议', signedOn: today(), validFrom: today(), parties: [{ regionCode: DAYUCHEN, chairName: '刘长河', chairDeputyId: await idOf(t.database.db, 'deputy', '刘长河') }],
    }), 201);
  });

  it('阳谷 staff (this quarter chair side): updates the governance list but not the agreement; loses the pen when the chair moves on', async () => {
    const o = (ok(await c.yanggu.get(`/api/cross-province/stations/${yulu}`))).json<Overview>();
    assert.equal(o.canHost, false);
    assert.equal(o.canChair, true);
    const item = await ditch(c.yanggu);
    const after1 = (ok(await c.yanggu.post(`/api/cross-province/issues/${item.id}/notes`, { body: '十五里园镇段清淤完成,排水畅通', status: 'resolved', version: item.version })))
      .json<{ status: string; notes: { body: string; statusTo: string | null; author: string }[] }>();
    assert.equal(after1.status, 'resolved');
    assert.equal(after1.notes.at(-1)!.statusTo, 'resolved');
    // Every side reads it: 台前 sees the new status.
    assert.equal((await ditch(c.taiqian)).status, 'resolved');
    ok(await c.yanggu.post(`/api/cross-province/stations/${yulu}/agreements`, {
      title: '越权协议', signedOn: today(), validFrom: today(), parties: [{ regionCode: SHIWULIYUAN }],
    }), 403);
    ok(await c.yanggu.request('PUT', `/api/cross-province/stations/${yulu}/cadence`, { receptionsPerWeek: 1, exchangesPerMonth: 1, jointPerQuarter: 1, receptionKinds: ['reception'], exchangeKinds: ['training'], jointKinds: ['joint_meeting'] }), 403);
    ok(await c.yanggu.get(`/api/cross-province/stations/${yuegui}/issues`), 404);
    // Next quarter another side chairs: 阳谷 reads only, 台前 (host) still writes.
    setClock(new Date(`${quarter(today(), 1).start}T10:00:00+08:00`));
    try {
      const yanggu = await signIn(t.app, 'yanggu');
      const taiqian = await signIn(t.app, 'taiqian');
      const next = await ditch(yanggu);
      const refused = await yanggu.post(`/api/cross-province/issues/${next.id}/notes`, { body: '越权', version: next.version });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json<{ error: { code: string } }>().error.code, 'CROSS_PROVINCE_NOT_CHAIR');
      ok(await taiqian.post(`/api/cross-province/issues/${next.id}/notes`, { body: '牵头方跟进', version: next.version }));
    } finally { setClock(pinned); }
  });

  it('廉江 staff: the cadence of 粤桂 with the gap week flagged, counted from the activities; 豫鲁 out of reach', async () => {
    const r = (ok(await c.lianjiang.get(`/api/cross-province/stations/${yuegui}/cadence?weeks=8`))).json<{
      weeks: { start: string; held: number; expected: number; gap: boolean; running: boolean }[]; months: { gap: boolean }[]; quarters: { gap: boolean }[]; gaps: number; canEdit: boolean;
    }>();
    assert.equal(r.canEdit, true);
    assert.equal(r.weeks.length, 8);
    assert.equal(r.weeks.filter((w) => w.gap).length, 1);
    assert.equal(r.weeks.at(-4)!.gap, true, 'the third week back');
    assert.equal(r.weeks.at(-1)!.running, true);
    assert.equal(r.months.filter((m) => m.gap).length + r.quarters.filter((q) => q.gap).length, 0);
    // A reception in the gap week closes the gap.
    const gapWeek = r.weeks.find((w) => w.gap)!;
    ok(await c.lianjiang.post('/api/activities', { kind: 'reception', title: '补充接待', stationId: yuegui, startsAt: new Date(`${addDays(gapWeek.start, 2)}T09:00:00+08:00`).toISOString(), participants: [] }), 201);
    const again = (ok(await c.lianjiang.get(`/api/cross-province/stations/${yuegui}/cadence?weeks=8`))).json<{ gaps: number }>();
    assert.equal(again.gaps, 0);
    // A configured cadence: two receptions a week.
    const set = (ok(await c.lianjiang.request('PUT', `/api/cross-province/stations/${yuegui}/cadence`, {
      receptionsPerWeek: 2, exchangesPerMonth: 1, jointPerQuarter: 1, receptionKinds: ['reception'], exchangeKinds: ['training'], jointKinds: ['joint_meeting'],
    }))).json<{ receptionsPerWeek: number; stored: boolean }>();
    assert.equal(set.receptionsPerWeek, 2);
    ok(await c.lianjiang.request('PUT', `/api/cross-province/stations/${yuegui}/cadence`, {
      receptionsPerWeek: 2, exchangesPerMonth: 1, jointPerQuarter: 1, receptionKinds: [], exchangeKinds: ['training'], jointKinds: ['joint_meeting'],
    }), 400);
    ok(await c.lianjiang.get(`/api/cross-province/stations/${yulu}`), 404);
    const list = (ok(await c.lianjiang.get('/api/cross-province/stations'))).json<{ items: { id: number }[] }>();
    assert.deepEqual(list.items.map((s) => s.id), [yuegui]);
  });

  it('the station officer: host of 豫鲁, adds an item and a file; another station is out of reach', async () => {
    const o = (ok(await c.officer.get(`/api/cross-province/stations/${yulu}`))).json<Overview>();
    assert.equal(o.canHost, true);
    ok(await c.officer.post(`/api/cross-province/stations/${yulu}/issues`, { title: '跨界土地纠纷调处', category: 'land_dispute', sides: [DAYUCHEN, SHIWULIYUAN] }), 201);
    ok(await c.officer.post(`/api/cross-province/stations/${yulu}/issues`, { title: '外站事项', category: 'road', sides: ['440881105'] }), 400);
    ok(await c.officer.post(`/api/cross-province/agreements/${o.agreements[0]!.id}/files`, { kind: 'other', name: 'a.txt', data: Buffer.from('plain text').toString('base64') }), 400);
    ok(await c.officer.get(`/api/cross-province/stations/${yuegui}`), 404);
  });

  it('a deputy of each side reads the station of their side only and writes nothing', async () => {
    for (const [client, station, other] of [[c.tqDeputy, yulu, yuegui], [c.ygDeputy, yulu, yuegui], [c.ljDeputy, yuegui, yulu]] as const) {
      ok(await client.get(`/api/cross-province/stations/${station}`));
      ok(await client.get(`/api/cross-province/stations/${station}/issues`));
      ok(await client.get(`/api/cross-province/stations/${other}`), 404);
      ok(await client.post(`/api/cross-province/stations/${station}/issues`, { title: '代表不能写', category: 'road', sides: [DAYUCHEN] }), 403);
    }
  });

  it('links only cases of the station and suggestions the writer reaches; a linked one shows its title only to a reader who reaches it', async () => {
    const db = t.database.db;
    const taiqian = await signIn(t.app, 'taiqian');
    const yanggu = await signIn(t.app, 'yanggu');
    const elsewhere = await make.case({ stationId: (await make.station({ regionCode: DAYUCHEN })).id });
    const here = await make.case({ stationId: yulu });
    // A suggestion submitted to 平桂's congress, out of 台前's and 阳谷's reach.
    const pinggui = await db.selectFrom('account').select(['anchor_path', 'region_code']).where('username', '=', 'pinggui').executeTakeFirstOrThrow();
    const foreign = await db.insertInto('suggestion').values({
      kind: 'suggestion', state: 'submitted', title: '平桂区代表关于校车安全的建议', reasons: '理由', proposals: '建议', submitted_at: now(), updated_at: now(),
      category_id: (await db.selectFrom('case_category').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      region_code: pinggui.region_code!, region_path: pinggui.anchor_path, congress_level: 'county', congress_region_code: pinggui.region_code, congress_region_path: pinggui.anchor_path,
      term_id: (await db.selectFrom('congress_term').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      lead_deputy_id: await idOf(db, 'deputy', '王惠敏'),
    }).returning(['id', 'title']).executeTakeFirstOrThrow();
    const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
    const base = { title: '跨界道路联合整治', category: 'road', sides: [DAYUCHEN, SHIWULIYUAN] };
    const url = `/api/cross-province/stations/${yulu}/issues`;
    assert.equal(code(ok(await taiqian.post(url, { ...base, caseIds: [elsewhere.id] }), 400)), 'CROSS_PROVINCE_LINK_INVALID', 'a case of another station');
    assert.equal(code(ok(await taiqian.post(url, { ...base, suggestionIds: [foreign.id] }), 400)), 'CROSS_PROVINCE_LINK_INVALID', 'a suggestion out of reach');
    const id = (ok(await taiqian.post(url, { ...base, caseIds: [here.id] }), 201)).json<{ id: number }>().id;
    // Links written before these checks: the reader sees a title or tracking code only where they reach it.
    await db.insertInto('cross_province_issue_link').values([
      { issue_id: id, kind: 'case', target_id: elsewhere.id }, { issue_id: id, kind: 'suggestion', target_id: foreign.id },
    ]).execute();
    type Links = { links: { kind: string; id: number; label: string; state: string }[] };
    const label = (r: Links, kind: string, target: number) => r.links.find((l) => l.kind === kind && l.id === target)!.label;
    const byHost = (ok(await taiqian.get(`/api/cross-province/issues/${id}`))).json<Links>();
    assert.equal(label(byHost, 'case', here.id), here.trackingCode);
    assert.equal(label(byHost, 'case', elsewhere.id), elsewhere.trackingCode);
    assert.equal(label(byHost, 'suggestion', foreign.id), `#${foreign.id}`);
    const byMember = await yanggu.get(`/api/cross-province/issues/${id}`);
    assert.equal(label(ok(byMember).json<Links>(), 'case', elsewhere.id), `#${elsewhere.id}`);
    assert.ok(!byMember.body.includes(elsewhere.trackingCode) && !byMember.body.includes(foreign.title), byMember.body);
    const pub = await new Client(t.app).get(`/api/public/cross-province/stations/${yulu}/issues`);
    assert.ok(!ok(pub).body.includes(foreign.title) && !pub.body.includes(elsewhere.trackingCode));
  });

  it('a unit clerk reaches none of it; the public reads the governance list without personal data', async () => {
    ok(await c.unit.get('/api/cross-province/stations'), 403);
    ok(await c.unit.get(`/api/cross-province/stations/${yulu}/issues`), 403);
    const anon = new Client(t.app);
    ok(await anon.get(`/api/cross-province/stations/${yulu}`), 401);
    const pub = (ok(await anon.get(`/api/public/cross-province/stations/${yulu}/issues`))).json<{ items: { title: string; progress: { body: string }[] }[] }>();
    assert.ok(pub.items.some((i) => i.title === '刘子渔村排水沟清淤'));
    assert.ok(!JSON.stringify(pub).includes('author'));
    ok(await anon.get(`/api/public/cross-province/stations/${await idOf(t.database.db, 'station', '黄田镇人大代表联络站').catch(() => 2147483000)}/issues`), 404);
  });

  it('the rota goes on in order; the hand-over is reminded to both chairs and waits in the incoming side to-do list', async () => {
    c.taiqian = await signIn(t.app, 'taiqian');
    c.yanggu = await signIn(t.app, 'yanggu');
    const o = (ok(await c.taiqian.get(`/api/cross-province/stations/${yulu}`))).json<Overview>();
    assert.ok(o.nextHandover);
    const year = Number(today().slice(0, 4)) + 2;
    assert.equal((ok(await c.taiqian.post(`/api/cross-province/stations/${yulu}/rota`, { year }))).json<{ quarters: number }>().quarters, 4);
    ok(await c.yanggu.post(`/api/cross-province/stations/${yulu}/rota`, { year }), 403);
    // A week before the next quarter: the reminder job tells both sides once.
    const turn = quarter(today(), 1).start;
    const db = t.database.db;
    const at = new Date(`${addDays(turn, -3)}T08:00:00+08:00`);
    await db.transaction().execute((trx) => remindCrossProvince(trx, at));
    await db.transaction().execute((trx) => remindCrossProvince(trx, at));
    const told = await db.selectFrom('notification').select(['account_id']).where('kind', '=', 'cross_province.handover').execute();
    const yangguId = (await db.selectFrom('account').select('id').where('username', '=', 'yanggu').executeTakeFirstOrThrow()).id;
    assert.equal(told.filter((n) => n.account_id === yangguId).length, 1, 'the outgoing side (阳谷) is told once');
    // Three days before the turn, the incoming side finds the hand-over in its to-do list until it confirms.
    const incoming = (await db.selectFrom('cross_province_chair').select(['id', 'region_code']).where('station_id', '=', yulu).where('starts_on', '=', turn).executeTakeFirstOrThrow());
    const username = incoming.region_code.startsWith('410927') ? 'taiqian' : incoming.region_code.startsWith('371521') ? 'yanggu' : null;
    const account = await db.selectFrom('account as a').innerJoin('region as r', 'r.code', 'a.region_code').select(['a.id', 'a.display_name', 'a.region_code', 'r.path'])
      .where('a.username', '=', username ?? 'taiqian').executeTakeFirstOrThrow();
    const actor: Actor = { kind: 'account', accountId: account.id, username: username ?? 'taiqian', displayName: account.display_name, role: 'staff', regionCode: account.region_code,
      scopePath: username ? account.path : `${account.path}-`, deputyId: null, unitId: null, mustChangePassword: false };
    setClock(at);
    try {
      const waiting = await CROSS_PROVINCE_TODOS.list(db, actor, 'cross_province.handover', { limit: 20 });
      assert.equal(waiting.items.some((i) => i.id === incoming.id), username !== null, 'the incoming side waits to confirm; no other side does');
      if (username) {
        await db.transaction().execute((trx) => acceptHandover({ trx, actor, ip: null }, incoming.id));
        const left = await CROSS_PROVINCE_TODOS.count(db, actor, ['cross_province.handover']);
        assert.equal(left['cross_province.handover'], 0);
      }
    } finally { setClock(pinned); }
  });
});
