/**
 * Reading suggestions: who reaches which (staff in and out of their region, deputies as lead,
 * co-signer or neither, units as lead, co-unit or neither, the public), the list's filters and
 * paging, the detail's part and the actions it offers, contact details, and the to-do items.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { factories, type Factories } from '../../testing/factories.js';
import { congress, suggestionIn, type Congress } from '../../testing/suggestions.js';
import { libreOfficeCsv } from '../../testing/officeFiles.js';
import { storeFile } from '../../platform/files/index.js';

const PHONE = '13907740001';

/** Every worksheet's rows as text, by the sheet's name. */
async function sheets(payload: Buffer): Promise<Map<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return new Map(workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))));
    return [sheet.name, rows];
  }));
}

describe('reading suggestions', () => {
  let t: TestApp;
  let make: Factories;
  let a: Congress;
  let b: Congress;
  /** Staff of the city above county a: they read its suggestions but do not act for its congress. */
  let above: Client;
  let s: Record<'draft' | 'assigned' | 'late' | 'answered' | 'hidden' | 'submitted' | 'motion' | 'following' | 'other', number>;

  const ok = async (client: Client, url: string) => {
    const res = await client.get(url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const idsOf = async (client: Client, query = '') =>
    new Set((await ok(client, `/api/suggestions?pageSize=200${query}`)).items.map((i: { id: number }) => i.id));
  const detail = (client: Client, id: number) => ok(client, `/api/suggestions/${id}`);
  const actionsOf = async (client: Client, id: number) => (await detail(client, id)).actions.map((x: { action: string }) => x.action);

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    a = await congress(make);
    b = await congress(make);
    const db = make.db;
    const city = await db.selectFrom('region').select('parent_code').where('code', '=', a.countyCode).executeTakeFirstOrThrow();
    above = (await make.signedIn('staff', { regionCode: city.parent_code! })).client;
    await db.updateTable('deputy').set({ phone: PHONE }).where('id', '=', a.lead.deputyId!).execute();
    const day = today();
    s = {
      draft: await suggestionIn(make, a, 'draft'),
      assigned: await suggestionIn(make, a, 'assigned'),
      late: await suggestionIn(make, a, 'assigned'),
      answered: await suggestionIn(make, a, 'answered'),
      hidden: await suggestionIn(make, a, 'registered'),
      submitted: await suggestionIn(make, a, 'submitted'),
      motion: await suggestionIn(make, a, 'submitted'),
      following: await suggestionIn(make, a, 'following_up'),
      other: await suggestionIn(make, b, 'assigned'),
    };
    // The co-signer has not answered the draft's invitation yet.
    await db.updateTable('suggestion_signer').set({ status: 'invited', responded_at: null })
      .where('suggestion_id', '=', s.draft).where('deputy_id', '=', a.cosigner.deputyId!).execute();
    // Past its deadline and its window for a reassignment, under key supervision.
    await db.updateTable('suggestion').set({ deadline_date: addDays(day, -1), reassign_until: addDays(day, -20), key_supervision: true, key_leader: '副县长' })
      .where('id', '=', s.late).execute();
    await db.updateTable('suggestion').set({ published: false }).where('id', '=', s.hidden).execute();
    await db.updateTable('suggestion').set({ kind: 'motion' }).where('id', '=', s.motion).execute();
    // The B answer's commitment, due in ten days.
    const answer = await db.insertInto('suggestion_answer').values({
      suggestion_id: s.following, round: 1, unit_id: a.unit.unitId!, category: 'B', body: '已列入明年计划。', signed_by: '局长 张三', answered_at: new Date(), on_time: true,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('suggestion_commitment').values({ suggestion_id: s.following, answer_id: answer.id, body: '明年六月前完成改造', due_on: addDays(day, 10) }).execute();
    await db.insertInto('suggestion_answer').values({
      suggestion_id: s.answered, round: 1, unit_id: a.unit.unitId!, category: 'A', body: '路灯已安装到位。', signed_by: '局长 张三', answered_at: new Date(), on_time: true,
    }).execute();
    const { sha256 } = await storeFile(new Uint8Array([37, 80, 68, 70]), 'application/pdf');
    await db.insertInto('suggestion_attachment').values([
      { suggestion_id: s.answered, purpose: 'answer', name: '答复函.pdf', mime: 'application/pdf', size: 4, sha256, public: true },
      { suggestion_id: s.answered, purpose: 'answer', name: '内部说明.pdf', mime: 'application/pdf', size: 4, sha256, public: false },
    ]).execute();
  });
  after(() => t.close());

  it('gives staff the suggestions going to congresses in their region, never a draft', async () => {
    const mine = [s.assigned, s.late, s.answered, s.hidden, s.submitted, s.motion, s.following];
    assert.deepEqual(await idsOf(a.staff.client), new Set(mine));
    assert.deepEqual(await idsOf(b.staff.client), new Set([s.other]));
    const fromAbove = await idsOf(above);
    for (const id of mine) assert.ok(fromAbove.has(id), `the city's staff read ${id}`);
    assert.equal(fromAbove.has(s.draft), false);
    assert.equal((await b.staff.client.get(`/api/suggestions/${s.assigned}`)).statusCode, 404);
    assert.equal((await a.staff.client.get(`/api/suggestions/${s.draft}`)).statusCode, 404);
  });

  it('gives deputies what they lead or were invited to, and units what is assigned to them', async () => {
    const all = [s.draft, s.assigned, s.late, s.answered, s.hidden, s.submitted, s.motion, s.following];
    assert.deepEqual(await idsOf(a.lead.client), new Set(all));
    assert.deepEqual(await idsOf(a.cosigner.client), new Set(all));
    assert.deepEqual(await idsOf(b.lead.client), new Set([s.other]));
    assert.equal((await b.lead.client.get(`/api/suggestions/${s.draft}`)).statusCode, 404);
    const handled = new Set([s.assigned, s.late, s.answered, s.following]);
    assert.deepEqual(await idsOf(a.unit.client), handled);
    assert.deepEqual(await idsOf(a.coUnit.client), handled);
    assert.deepEqual(await idsOf(a.otherUnit.client), new Set());
    assert.equal((await a.otherUnit.client.get(`/api/suggestions/${s.assigned}`)).statusCode, 404);
  });

  it('filters and pages the list, with the total', async () => {
    const staff = a.staff.client;
    assert.deepEqual(await idsOf(staff, '&state=assigned'), new Set([s.assigned, s.late]));
    assert.deepEqual(await idsOf(staff, '&overdue=true'), new Set([s.late]));
    assert.deepEqual(await idsOf(staff, '&keyOnly=true'), new Set([s.late]));
    assert.deepEqual(await idsOf(staff, '&kind=motion'), new Set([s.motion]));
    assert.deepEqual(await idsOf(staff, `&unitId=${a.coUnit.unitId}`), new Set([s.assigned, s.late, s.answered, s.following]));
    assert.deepEqual(await idsOf(staff, `&termId=${b.termId}`), new Set());
    assert.deepEqual(await idsOf(a.lead.client, '&state=draft'), new Set([s.draft]));
    assert.deepEqual(await idsOf(a.cosigner.client, '&mine=true'), new Set(), 'a co-signer leads none of them');
    const answered = await detail(staff, s.answered);
    assert.deepEqual(await idsOf(staff, `&q=${encodeURIComponent(answered.numberLabel)}`), new Set([s.answered]));

    const first = await ok(staff, '/api/suggestions?pageSize=3');
    assert.equal(first.total, 7);
    assert.equal(first.items.length, 3);
    const second = await ok(staff, '/api/suggestions?pageSize=3&page=2');
    const next = await ok(staff, `/api/suggestions?pageSize=3&cursor=${first.nextCursor}`);
    assert.deepEqual(second.items.map((i: { id: number }) => i.id), next.items.map((i: { id: number }) => i.id));
    assert.equal(new Set([...first.items, ...second.items].map((i: { id: number }) => i.id)).size, 6);

    const byDeadline = (await ok(staff, '/api/suggestions?state=assigned&sort=deadline')).items.map((i: { id: number }) => i.id);
    assert.deepEqual(byDeadline, [s.late, s.assigned]);
    const item = (await ok(staff, '/api/suggestions?state=assigned')).items.find((i: { id: number }) => i.id === s.late);
    assert.equal(item.overdue, true);
    assert.equal(item.leadUnit.id, a.unit.unitId);
    assert.equal(item.cosignerCount, 1);
  });

  it('names the reader\'s part and offers only the actions that will succeed', async () => {
    assert.deepEqual(await actionsOf(a.cosigner.client, s.draft), ['cosign', 'decline_cosign']);
    const invitation = (status: 'invited' | 'confirmed') => make.db.updateTable('suggestion_signer').set({ status })
      .where('suggestion_id', '=', s.draft).where('deputy_id', '=', a.cosigner.deputyId!).execute();
    await invitation('confirmed');
    assert.deepEqual(await actionsOf(a.cosigner.client, s.draft), ['decline_cosign'], 'confirmed: may still withdraw before submission');
    await invitation('invited');
    assert.deepEqual(await actionsOf(a.lead.client, s.draft), ['edit', 'invite', 'submit', 'withdraw']);
    assert.deepEqual(await actionsOf(a.staff.client, s.submitted), ['register', 'decline', 'make_reference', 'convert_to_case', 'set_publication']);
    assert.deepEqual(await actionsOf(a.staff.client, s.motion), ['decline', 'make_reference', 'convert_to_case', 'place_on_agenda', 'convert_to_suggestion', 'set_publication']);

    const staffView = await detail(a.staff.client, s.assigned);
    assert.equal(staffView.part, 'staff');
    assert.deepEqual(staffView.actions.map((x: { action: string }) => x.action), ['urge', 'flag_key', 'set_publication']);
    assert.deepEqual(await actionsOf(a.staff.client, s.late), ['urge', 'flag_key', 'unflag_key', 'set_publication']);
    const aboveView = await detail(above, s.assigned);
    assert.equal(aboveView.part, null);
    assert.deepEqual(aboveView.actions, []);

    const unitView = await detail(a.unit.client, s.assigned);
    assert.equal(unitView.part, 'unit');
    assert.deepEqual(unitView.actions.map((x: { action: string }) => x.action), ['request_reassignment', 'record_contact', 'answer']);
    assert.equal(unitView.actions.find((x: { action: string }) => x.action === 'answer').needsComment, true);
    assert.deepEqual(await actionsOf(a.unit.client, s.late), ['record_contact', 'answer'], 'the window for a reassignment has passed');
    assert.deepEqual(await actionsOf(a.coUnit.client, s.assigned), ['request_reassignment', 'send_view']);
    assert.equal((await detail(a.coUnit.client, s.assigned)).part, 'co_unit');
    assert.deepEqual(await actionsOf(a.unit.client, s.following), ['record_contact', 'report_progress'], 'a commitment is open: no upgrade yet');

    assert.deepEqual(await actionsOf(a.lead.client, s.answered), ['rate']);
    assert.deepEqual(await actionsOf(a.cosigner.client, s.answered), ['add_rating']);
    await make.db.insertInto('suggestion_rating').values({ suggestion_id: s.answered, round: 1, deputy_id: a.cosigner.deputyId!, rating: 'satisfied', comment: null, rated_at: new Date() }).execute();
    assert.deepEqual(await actionsOf(a.cosigner.client, s.answered), [], 'a co-signer rates a round once');
    await make.db.deleteFrom('suggestion_rating').where('suggestion_id', '=', s.answered).execute();
  });

  it('shows the detail\'s records, and a deputy\'s phone only to those who may read it', async () => {
    const view = await detail(a.staff.client, s.following);
    assert.equal(view.answers.length, 1);
    assert.equal(view.answers[0].category, 'B');
    assert.equal(view.commitments.length, 1);
    assert.equal(view.commitments[0].overdue, false);
    assert.deepEqual(view.units.map((u: { role: string }) => u.role), ['lead', 'co']);
    assert.deepEqual(view.signers.map((g: { role: string }) => g.role), ['lead', 'cosigner']);
    const phoneOf = async (client: Client) => (await detail(client, s.assigned)).signers.find((g: { role: string }) => g.role === 'lead').phone;
    assert.equal(await phoneOf(a.staff.client), PHONE);
    assert.equal(await phoneOf(a.lead.client), PHONE);
    assert.equal(await phoneOf(a.unit.client), null);
    assert.equal(await phoneOf(a.cosigner.client), null);
    const files = (await detail(a.unit.client, s.answered)).files;
    assert.deepEqual(files.map((f: { public: boolean }) => f.public), [true, false]);
  });

  it('publishes registered suggestions unless withheld, without contact details or internal files', async () => {
    const anon = t.app;
    const list = (await anon.inject({ method: 'GET', url: '/api/public/suggestions' })).json();
    const ids = new Set(list.items.map((i: { id: number }) => i.id));
    for (const id of [s.assigned, s.late, s.answered, s.following, s.other]) assert.ok(ids.has(id), `${id} is public`);
    for (const id of [s.draft, s.hidden, s.submitted, s.motion]) assert.equal(ids.has(id), false, `${id} is not public`);
    for (const id of [s.draft, s.hidden, s.submitted]) {
      assert.equal((await anon.inject({ method: 'GET', url: `/api/public/suggestions/${id}` })).statusCode, 404);
    }
    const page = await anon.inject({ method: 'GET', url: `/api/public/suggestions/${s.answered}` });
    assert.equal(page.statusCode, 200, page.body);
    const shown = page.json();
    assert.equal(shown.answers[0].body, '路灯已安装到位。');
    assert.deepEqual(shown.files.map((f: { name: string }) => f.name), ['答复函.pdf']);
    assert.equal(page.body.includes(PHONE), false);
    assert.equal((await anon.inject({ method: 'GET', url: shown.files[0].url })).statusCode, 200);
    const internal = (await detail(a.staff.client, s.answered)).files.find((f: { public: boolean }) => !f.public);
    assert.equal((await anon.inject({ method: 'GET', url: `/api/public/suggestions/${s.answered}/files/${internal.id}` })).statusCode, 404);
    const region = (await anon.inject({ method: 'GET', url: `/api/public/suggestions?regionCode=${b.countyCode}` })).json();
    assert.deepEqual(region.items.map((i: { id: number }) => i.id), [s.other]);
    assert.equal(region.total, 1);
  });

  it('counts and lists what awaits each part', async () => {
    const counts = async (client: Client) => Object.fromEntries((await ok(client, '/api/todo')).items
      .filter((i: { key: string }) => i.key.startsWith('suggestion.')).map((i: { key: string; count: number }) => [i.key, i.count]));
    assert.deepEqual(await counts(a.staff.client), {
      'suggestion.review': 2, 'suggestion.assign': 1, 'suggestion.reassignment': 0, 'suggestion.overdue': 1,
    });
    assert.equal((await counts(above))['suggestion.review'], 0, 'staff above the congress do not review for it');
    assert.deepEqual(await counts(a.unit.client), { 'suggestion.answer': 2, 'suggestion.co_view': 0, 'suggestion.commitments': 1 });
    assert.deepEqual(await counts(a.coUnit.client), { 'suggestion.answer': 0, 'suggestion.co_view': 2, 'suggestion.commitments': 0 });
    assert.deepEqual(await counts(a.cosigner.client), { 'suggestion.cosign': 1, 'suggestion.rate': 1 });
    assert.deepEqual(await counts(a.lead.client), { 'suggestion.cosign': 0, 'suggestion.rate': 1 });

    const overdue = await ok(a.staff.client, '/api/todo/suggestion.overdue');
    assert.deepEqual(overdue.items.map((i: { id: number }) => i.id), [s.late]);
    assert.equal(overdue.items[0].overdue, true);
    assert.equal(overdue.items[0].href, `/suggestions/${s.late}`);
    const due = await ok(a.unit.client, '/api/todo/suggestion.commitments');
    assert.equal(due.items[0].dueAt.slice(0, 10), addDays(today(), 10));
    assert.deepEqual(await idsOf(a.unit.client, '&todo=suggestion.answer'), new Set([s.assigned, s.late]));
  });

  it('exports the list as Excel with the same filters and reach, which LibreOffice reads', async () => {
    const res = await a.staff.client.get('/api/suggestions.xlsx?state=assigned');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [rows] = [...(await sheets(res.rawPayload)).values()];
    assert.equal(rows![0]![0], '编号');
    assert.equal(rows!.length, 3, 'a header and the two assigned suggestions');
    const late = await detail(a.staff.client, s.late);
    const lateRow = rows!.find((r) => r[0] === late.numberLabel)!;
    assert.ok(lateRow.includes('办理中') && lateRow.includes('是'), lateRow.join(' | '));
    const csv = libreOfficeCsv(res.rawPayload);
    assert.deepEqual(csv[0]!.slice(0, 4), ['编号', '类型', '标题', '状态']);
    assert.deepEqual(new Set(csv.slice(1).map((r) => r[0])), new Set(rows!.slice(1).map((r) => r[0])));
    assert.equal((await a.otherUnit.client.get('/api/suggestions.xlsx')).statusCode, 200);
    assert.equal((await (await make.signedIn('officer')).client.get('/api/suggestions.xlsx')).statusCode, 403);
  });

  it('adds the station\'s deputies\' suggestions to its 意见建议登记簿 as a sheet of their own', async () => {
    const station = await make.db.selectFrom('deputy_station').select('station_id').where('deputy_id', '=', a.lead.deputyId!).executeTakeFirstOrThrow();
    const period = `from=${addDays(today(), -1)}&to=${today()}`;
    await make.db.updateTable('suggestion').set({ title: '另一县的建议' }).where('id', '=', s.other).execute();
    const res = await a.staff.client.get(`/api/registers/opinions.xlsx?stationId=${station.station_id}&${period}`);
    assert.equal(res.statusCode, 200, res.body);
    const book = await sheets(res.rawPayload);
    assert.deepEqual([...book.keys()], ['意见建议登记簿', '代表建议、议案']);
    const part = book.get('代表建议、议案')!;
    const text = part.flat().join('\n');
    const assigned = await detail(a.staff.client, s.assigned);
    for (const id of [s.assigned, s.answered, s.following]) assert.ok(text.includes((await detail(a.staff.client, id)).numberLabel), `${id} in\n${text}`);
    assert.ok(text.includes(`${assigned.units[0].name}(主办)`), 'with its units');
    assert.equal(part.filter((r) => /^\d+$/.test(r[0]!)).length, 7, 'every suggestion submitted in the period, no draft');
    assert.equal(text.includes('另一县的建议'), false, 'nothing of another station');
    // The station's officer finds what the public page shows: the published, numbered ones.
    const officer = (await make.signedIn('officer', { stationIds: [station.station_id] })).client;
    const officerPart = (await sheets((await officer.get(`/api/registers/opinions.xlsx?stationId=${station.station_id}&${period}`)).rawPayload)).get('代表建议、议案')!;
    assert.equal(officerPart.filter((r) => /^\d+$/.test(r[0]!)).length, 4, 'assigned, late, answered, following');
    const deputyRes = await b.lead.client.get(`/api/registers/opinions.xlsx?stationId=${station.station_id}&${period}`);
    assert.equal(deputyRes.statusCode, 404, 'not a station of theirs');
  });
});
