/**
 * Industry contact points through the API on a fresh county: a contact point at one town with a
 * second town as member region. The county's staff and the point's officer run it; staff of the
 * member town only read it (contacts masked, no reveal); its deputy reads it, reveals a contact
 * (audited), logs a visit and turns what it found into a case and a suggestion; staff of another
 * county get 404, a unit's clerk 403. Credit codes are checked by their check character.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { factories, type County, type Station } from '../../testing/factories.js';
import { withCheckCharacter } from './uscc.js';

const code = (n: number) => withCheckCharacter(`91450000MA5K${String(n).padStart(5, '0')}`);

describe('industry contact points through the API', () => {
  let t: TestApp;
  let county: County;
  let point: Station;
  let plain: Station;
  let staff: Client;
  let memberStaff: Client;
  let officer: Client;
  let deputy: Client;
  let outsider: Client;
  let unit: Client;
  let deputyId: number;
  const residents: number[] = [];
  let outsiderDeputy: number;
  const enterpriseIds: number[] = [];
  let campaignId: number;
  let visitId: number;

  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    county = await f.county();
    point = await f.station({ type: 'industry', tier: 'city_featured', regionCode: county.towns[0]!.code, memberRegionCodes: [county.towns[1]!.code] });
    plain = await f.station({ regionCode: county.towns[0]!.code });
    staff = (await f.signedIn('staff', { regionCode: county.code })).client;
    memberStaff = (await f.signedIn('staff', { regionCode: county.towns[1]!.code })).client;
    officer = (await f.signedIn('officer', { stationIds: [point.id] })).client;
    const d = await f.deputy({ stations: [{ id: point.id }], levels: [{ level: 'county', term: 1, regionCode: county.code }], regionCode: county.towns[0]!.code });
    deputyId = d.id;
    await f.term({ level: 'county', regionCode: county.code });
    deputy = (await f.signedIn('deputy', { deputyId })).client;
    for (let i = 0; i < 5; i += 1) residents.push((await f.deputy({ stations: [{ id: point.id }] })).id);
    outsiderDeputy = (await f.deputy({ stations: [{ id: plain.id }] })).id;
    outsider = (await f.signedIn('staff')).client;
    unit = (await f.signedIn('unit')).client;
  });
  after(async () => { await t.close(); });

  it('lists the contact points each role reaches', async () => {
    for (const c of [staff, memberStaff, officer, deputy]) {
      const res = await c.get('/api/industry/points');
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(res.json().items.some((p: { id: number }) => p.id === point.id));
      assert.ok(!res.json().items.some((p: { id: number }) => p.id === plain.id));
    }
    assert.deepEqual((await staff.get('/api/industry/points')).json().items.find((p: { id: number }) => p.id === point.id).canManage, true);
    assert.deepEqual((await memberStaff.get('/api/industry/points')).json().items.find((p: { id: number }) => p.id === point.id).canManage, false);
    assert.equal((await outsider.get('/api/industry/points')).json().items.some((p: { id: number }) => p.id === point.id), false);
    assert.equal((await outsider.get(`/api/industry/points/${point.id}`)).statusCode, 404);
    assert.equal((await staff.get(`/api/industry/points/${plain.id}`)).statusCode, 404);
    assert.equal((await unit.get('/api/industry/points')).statusCode, 403);
  });

  it('adds member enterprises with valid, unique credit codes, for those who run the point', async () => {
    const body = (n: number) => ({ name: `测试企业${n}`, creditCode: code(n), industry: '黄金珠宝', address: '产业园', contactName: '张晓红', contactPhone: '13812345678' });
    const created = await staff.post(`/api/industry/points/${point.id}/enterprises`, body(1));
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().contactPhone, '13812345678');
    enterpriseIds.push(created.json().id);
    const byOfficer = await officer.post(`/api/industry/points/${point.id}/enterprises`, { ...body(2), creditCode: code(2).toLowerCase() });
    assert.equal(byOfficer.statusCode, 201, byOfficer.body);
    assert.equal(byOfficer.json().creditCode, code(2));
    enterpriseIds.push(byOfficer.json().id);
    for (let n = 3; n <= 6; n += 1) enterpriseIds.push((await staff.post(`/api/industry/points/${point.id}/enterprises`, body(n))).json().id);

    const bad = code(7).slice(0, 17) + (code(7).endsWith('1') ? '2' : '1');
    const invalid = await staff.post(`/api/industry/points/${point.id}/enterprises`, { ...body(7), creditCode: bad });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, 'INDUSTRY_CREDIT_CODE_INVALID');
    const taken = await staff.post(`/api/industry/points/${point.id}/enterprises`, body(1));
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'INDUSTRY_CREDIT_CODE_TAKEN');
    const notPoint = await staff.post(`/api/industry/points/${plain.id}/enterprises`, body(8));
    assert.equal(notPoint.json().error.code, 'INDUSTRY_NOT_CONTACT_POINT');
    assert.equal((await memberStaff.post(`/api/industry/points/${point.id}/enterprises`, body(9))).statusCode, 403);
    assert.equal((await deputy.post(`/api/industry/points/${point.id}/enterprises`, body(9))).statusCode, 403);
    assert.equal((await outsider.post(`/api/industry/points/${point.id}/enterprises`, body(9))).statusCode, 404);
    const phone = await staff.post(`/api/industry/points/${point.id}/enterprises`, { ...body(10), contactPhone: '电话' });
    assert.equal(phone.json().error.fields[0].code, 'TELEPHONE_INVALID');

    const id = enterpriseIds[0]!;
    const changed = await staff.request('PUT', `/api/industry/enterprises/${id}`, { ...body(1), industry: '珠宝加工', version: 1 });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().industry, '珠宝加工');
    const stale = await staff.request('PUT', `/api/industry/enterprises/${id}`, { ...body(1), version: 1 });
    assert.equal(stale.statusCode, 409);
    const clash = await officer.request('PUT', `/api/industry/enterprises/${id}`, { ...body(1), creditCode: code(2), version: 2 });
    assert.equal(clash.json().error.code, 'INDUSTRY_CREDIT_CODE_TAKEN');
  });

  it('masks the contacts for those who do not run the point; its deputy reveals them, audited', async () => {
    const id = enterpriseIds[0]!;
    const seen = (await deputy.get(`/api/industry/points/${point.id}/enterprises`)).json().items.find((e: { id: number }) => e.id === id);
    assert.equal(seen.contactName, '张**');
    assert.equal(seen.contactPhone, '138****5678');
    assert.equal(seen.contactRevealable, true);
    const reveal = await deputy.post(`/api/industry/enterprises/${id}/contact`);
    assert.equal(reveal.statusCode, 200, reveal.body);
    assert.deepEqual(reveal.json(), { contactName: '张晓红', contactPhone: '13812345678' });
    const audit = await t.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'industry.contact_reveal')
      .where('entity_id', '=', String(id)).execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.after).includes('13812345678'));

    const member = (await memberStaff.get(`/api/industry/enterprises/${id}`)).json();
    assert.equal(member.contactPhone, '138****5678');
    assert.equal(member.contactRevealable, false);
    const refused = await memberStaff.post(`/api/industry/enterprises/${id}/contact`);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'INDUSTRY_CONTACT_FORBIDDEN');
    assert.equal((await outsider.post(`/api/industry/enterprises/${id}/contact`)).statusCode, 404);
    assert.equal((await outsider.get(`/api/industry/enterprises/${id}`)).statusCode, 404);
    assert.equal((await outsider.get(`/api/industry/points/${point.id}/enterprises`)).statusCode, 404);
    assert.equal((await officer.get(`/api/industry/enterprises/${id}`)).json().contactPhone, '13812345678');

    const list = await deputy.get(`/api/industry/points/${point.id}/enterprises?limit=2`);
    assert.equal(list.json().items.length, 2);
    const next = await deputy.get(`/api/industry/points/${point.id}/enterprises?limit=2&cursor=${list.json().nextCursor}`);
    assert.notEqual(next.json().items[0].id, list.json().items[0].id);
    assert.equal((await staff.get(`/api/industry/points/${point.id}/enterprises?q=${encodeURIComponent('企业3')}`)).json().items.length, 1);
  });

  it('exports the enterprises to Excel, masked as the list is', async () => {
    const res = await deputy.get(`/api/industry/enterprises.xlsx?stationId=${point.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getRow(1).getCell(2).value, '统一社会信用代码');
    assert.equal(sheet.rowCount, 1 + enterpriseIds.length);
    const phones = sheet.getColumn(6).values.slice(2).map(String);
    assert.ok(phones.every((p) => p.includes('****')), phones.join(','));
  });

  it('keeps the 1+2+5+N organisation and flags it while incomplete', async () => {
    const partial = await staff.request('PUT', `/api/industry/points/${point.id}/organisation`, {
      lead: [{ name: '王主任', title: '区人大常委会副主任' }], conveners: [{ deputyId }], residents: residents.slice(0, 3).map((id) => ({ deputyId: id, profession: '珠宝设计' })), participants: [],
    });
    assert.equal(partial.statusCode, 200, partial.body);
    assert.equal(partial.json().organisation.complete, false);
    assert.deepEqual(partial.json().organisation.gaps.map((g: { code: string }) => g.code), ['conveners_short', 'residents_short']);

    const full = await officer.request('PUT', `/api/industry/points/${point.id}/organisation`, {
      lead: [{ name: '王主任', title: '区人大常委会副主任' }], conveners: [{ deputyId }, { name: '李主任', title: '街道人大工委主任' }],
      residents: residents.map((id, i) => ({ deputyId: id, profession: ['珠宝设计', '金融', '法律', '电商', '物流'][i]! })), participants: [],
    });
    assert.equal(full.statusCode, 200, full.body);
    assert.equal(full.json().organisation.complete, true);
    assert.equal(full.json().organisation.residents.length, 5);
    assert.equal(full.json().organisation.conveners[1].name, '李主任');
    assert.equal((await deputy.get(`/api/industry/points/${point.id}`)).json().organisation.complete, true);

    const stranger = await staff.request('PUT', `/api/industry/points/${point.id}/organisation`, { lead: [], conveners: [], residents: [{ deputyId: outsiderDeputy, profession: '法律' }], participants: [] });
    assert.equal(stranger.statusCode, 400);
    assert.equal(stranger.json().error.fields[0].code, 'UNKNOWN_REFERENCE');
    const twice = await staff.request('PUT', `/api/industry/points/${point.id}/organisation`, { lead: [], conveners: [{ deputyId }], residents: [], participants: [{ deputyId }] });
    assert.equal(twice.json().error.fields[0].code, 'DUPLICATE_VALUES');
    assert.equal((await deputy.request('PUT', `/api/industry/points/${point.id}/organisation`, { lead: [], conveners: [], residents: [], participants: [] })).statusCode, 403);
    assert.equal((await memberStaff.request('PUT', `/api/industry/points/${point.id}/organisation`, { lead: [], conveners: [], residents: [], participants: [] })).statusCode, 403);
    assert.equal((await outsider.request('PUT', `/api/industry/points/${point.id}/organisation`, { lead: [], conveners: [], residents: [], participants: [] })).statusCode, 404);
  });

  it('runs a campaign: visits logged as activities, progress and burn-down', async () => {
    const startsOn = addDays(today(), -9);
    const created = await staff.post(`/api/industry/points/${point.id}/campaigns`, { title: '百日联系计划', target: 4, startsOn, endsOn: addDays(startsOn, 19) });
    assert.equal(created.statusCode, 201, created.body);
    campaignId = created.json().id;
    assert.equal(created.json().progress.daysElapsed, 10);
    assert.equal((await deputy.post(`/api/industry/points/${point.id}/campaigns`, { title: 'x', target: 1, startsOn, endsOn: startsOn })).statusCode, 403);
    const backwards = await staff.post(`/api/industry/points/${point.id}/campaigns`, { title: 'x', target: 1, startsOn, endsOn: addDays(startsOn, -1) });
    assert.equal(backwards.json().error.fields[0].code, 'ENDS_BEFORE_START');

    const visit = await deputy.post(`/api/industry/campaigns/${campaignId}/visits`, {
      visitedOn: addDays(startsOn, 2), enterpriseIds: enterpriseIds.slice(0, 2), deputyIds: [residents[0]], summary: '了解企业用工情况',
    });
    assert.equal(visit.statusCode, 201, visit.body);
    visitId = visit.json().visitId;
    const activity = await t.database.db.selectFrom('activity').select(['kind', 'station_id']).where('id', '=', visit.json().activityId).executeTakeFirstOrThrow();
    assert.deepEqual(activity, { kind: 'visit', station_id: point.id });
    const participants = (await t.database.db.selectFrom('activity_participant').select('deputy_id').where('activity_id', '=', visit.json().activityId).execute()).map((p) => p.deputy_id).sort();
    assert.deepEqual(participants, [deputyId, residents[0]!].sort());
    const second = await staff.post(`/api/industry/campaigns/${campaignId}/visits`, { kind: 'research', visitedOn: addDays(startsOn, 5), enterpriseIds: enterpriseIds.slice(1, 3) });
    assert.equal(second.statusCode, 201, second.body);

    const outside = await deputy.post(`/api/industry/campaigns/${campaignId}/visits`, { visitedOn: addDays(startsOn, -1), enterpriseIds: [enterpriseIds[3]] });
    assert.equal(outside.json().error.code, 'INDUSTRY_VISIT_OUTSIDE_CAMPAIGN');
    const future = await deputy.post(`/api/industry/campaigns/${campaignId}/visits`, { visitedOn: addDays(today(), 1), enterpriseIds: [enterpriseIds[3]] });
    assert.equal(future.json().error.fields[0].code, 'DATE_IN_FUTURE');
    const other = await outsider.post(`/api/industry/campaigns/${campaignId}/visits`, { visitedOn: startsOn, enterpriseIds: [enterpriseIds[3]] });
    assert.equal(other.statusCode, 404);
    assert.equal((await memberStaff.post(`/api/industry/campaigns/${campaignId}/visits`, { visitedOn: startsOn, enterpriseIds: [enterpriseIds[3]] })).statusCode, 403);
    assert.equal((await unit.post(`/api/industry/campaigns/${campaignId}/visits`, { visitedOn: startsOn, enterpriseIds: [enterpriseIds[3]] })).statusCode, 403);
    const foreign = await staff.post(`/api/industry/campaigns/${campaignId}/visits`, { visitedOn: startsOn, enterpriseIds: [2147483000] });
    assert.equal(foreign.json().error.fields[0].code, 'UNKNOWN_REFERENCE');

    const c = (await deputy.get(`/api/industry/campaigns/${campaignId}`)).json();
    assert.equal(c.progress.visited, 3);
    assert.equal(c.progress.visitedPercent, 75);
    assert.equal(c.progress.elapsedPercent, 50);
    assert.equal(c.burnDown.length, 20);
    assert.deepEqual(c.burnDown.slice(0, 7).map((d: { remaining: number }) => d.remaining), [4, 4, 2, 2, 2, 1, 1]);
    assert.equal(c.burnDown[10].remaining, null);
    assert.equal(c.visits.length, 2);
    assert.equal((await outsider.get(`/api/industry/campaigns/${campaignId}`)).statusCode, 404);
    assert.equal((await memberStaff.get(`/api/industry/points/${point.id}/campaigns`)).json().items[0].progress.visited, 3);

    const visited = await staff.request('DELETE', `/api/industry/enterprises/${enterpriseIds[0]}`);
    assert.equal(visited.json().error.code, 'INDUSTRY_ENTERPRISE_VISITED');
    assert.equal((await staff.request('DELETE', `/api/industry/enterprises/${enterpriseIds[5]}`)).statusCode, 200);
    assert.equal((await staff.get(`/api/industry/enterprises/${enterpriseIds[5]}`)).statusCode, 404);
  });

  it('makes what a visit found a case or a suggestion, linked both ways', async () => {
    const category = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'economy').executeTakeFirstOrThrow();
    const made = await deputy.post(`/api/industry/visits/${visitId}/case`, {
      summary: '园区道路破损', categoryId: category.id, content: '产业园主干道破损,货车进出困难。', place: '产业园',
    });
    assert.equal(made.statusCode, 201, made.body);
    const caseRow = await t.database.db.selectFrom('opinion').select(['station_id', 'channel', 'activity_id']).where('id', '=', made.json().caseId).executeTakeFirstOrThrow();
    assert.equal(caseRow.station_id, point.id);
    assert.equal(caseRow.channel, 'visit');
    assert.ok(caseRow.activity_id !== null);
    const origin = (await staff.get(`/api/industry/issues?caseId=${made.json().caseId}`)).json();
    assert.equal(origin.items[0].visitId, visitId);
    assert.equal(origin.items[0].campaignId, campaignId);
    assert.deepEqual((await outsider.get(`/api/industry/issues?caseId=${made.json().caseId}`)).json().items, []);
    assert.equal((await outsider.post(`/api/industry/visits/${visitId}/case`, { summary: 'x', categoryId: category.id, content: 'x' })).statusCode, 404);
    assert.equal((await memberStaff.post(`/api/industry/visits/${visitId}/case`, { summary: 'x', categoryId: category.id, content: 'x' })).statusCode, 403);

    const suggestion = await deputy.post(`/api/industry/visits/${visitId}/suggestion`, {
      summary: '企业融资难', title: '关于支持珠宝产业中小企业融资的建议', reasons: '走访企业反映融资难。', proposals: '设立产业贷款风险补偿资金。', categoryId: category.id,
    });
    assert.equal(suggestion.statusCode, 201, suggestion.body);
    const linked = await t.database.db.selectFrom('suggestion').select(['lead_deputy_id']).where('id', '=', suggestion.json().suggestionId).executeTakeFirstOrThrow();
    assert.equal(linked.lead_deputy_id, deputyId);
    assert.equal((await staff.post(`/api/industry/visits/${visitId}/suggestion`, { summary: 'x', title: 'x', reasons: 'x', proposals: 'x', categoryId: category.id })).statusCode, 403);

    const c = (await officer.get(`/api/industry/campaigns/${campaignId}`)).json();
    const issues = c.visits.find((v: { id: number }) => v.id === visitId).issues;
    assert.equal(issues.length, 2);
    assert.equal(issues[0].trackingCode, made.json().trackingCode);
    assert.equal(issues[1].suggestionId, suggestion.json().suggestionId);
    assert.equal(issues[1].suggestionTitle, null, 'a deputy\'s draft is not the officer\'s to read');
    const own = (await deputy.get(`/api/industry/campaigns/${campaignId}`)).json();
    assert.equal(own.visits.find((v: { id: number }) => v.id === visitId).issues[1].suggestionTitle, '关于支持珠宝产业中小企业融资的建议');
    assert.equal((await staff.get(`/api/industry/issues?suggestionId=${suggestion.json().suggestionId}`)).json().items[0].visitId, visitId);
  });

});
