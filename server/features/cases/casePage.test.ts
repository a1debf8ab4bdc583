/**
 * What the case page, the queue, the dashboard and the Excel export show of a case: one deadline
 * (its last day, Asia/Shanghai; the instant it passes is the next day's 00:00), the working days
 * past it, the timeline's unit and deadline, merging by tracking code, only the applicable one of
 * flag and unflag; and the statistics as Excel, read back by exceljs and LibreOffice.
 * The clock stands years ahead of the holiday schedules the database holds.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { resetClock, setClock } from '../../platform/clock.js';
import { factories, type Factories } from '../../testing/factories.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { libreOfficeCsv } from '../../testing/officeFiles.js';

/** Years ahead of every stored holiday schedule; November holds no public holiday in any year. */
const START = '2031-11-03'; // a Monday

/** An independent count: weekdays in (from, to], for a stretch without public holidays. */
function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = Date.parse(`${from}T00:00:00Z`) + 86_400_000; d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    const day = new Date(d).getUTCDay();
    if (day !== 0 && day !== 6) n++;
  }
  return n;
}
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function workbook(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('the case page and the queue: one deadline, overdue working days, merge by code, key supervision', () => {
  let t: TestApp;
  let make: Factories;
  let staff: Client;
  let account: Awaited<ReturnType<Factories['account']>>;
  let stationId: number;
  before(async () => {
    setClock(START);
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    stationId = (await make.station({ regionCode: county.towns[0]!.code })).id;
    account = await make.account('staff', { regionCode: county.code });
  });
  // Moving the clock ends sessions: every test signs in afresh.
  beforeEach(async () => { setClock(START); staff = await make.signIn(account); });
  after(async () => { resetClock(); await t.close(); });

  it('shows the last day as the deadline everywhere: detail, queue and Excel; the instant is the next day\'s 00:00 in Beijing', async () => {
    const c = await make.case({ state: 'in_progress', stationId });
    const detail = (await staff.get(`/api/cases/${c.id}`)).json();
    assert.match(detail.deadlineDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(detail.deadlineDate >= START, `${detail.deadlineDate} is not before today`);
    // The last day is counted on the working calendar: the category's working days after the signing day.
    assert.equal(weekdaysBetween(START, detail.deadlineDate), detail.deadlineDays);
    assert.equal(new Date(detail.deadlineAt).getTime(), new Date(`${plusDays(detail.deadlineDate, 1)}T00:00:00+08:00`).getTime());
    assert.equal(detail.overdue, false);
    assert.equal(detail.overdueWorkingDays, null);

    const queue = (await staff.get(`/api/cases?stationId=${stationId}&limit=50`)).json();
    const item = queue.items.find((i: { id: number }) => i.id === c.id);
    assert.equal(item.deadlineDate, detail.deadlineDate, 'the queue (and the dashboard, which reads it) shows the same last day');

    const res = await staff.get(`/api/cases.xlsx?stationId=${stationId}`);
    assert.equal(res.statusCode, 200, res.body);
    const rows = rowsOf(await workbook(res.rawPayload));
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === c.trackingCode)!;
    const cell = row[header.indexOf('办理期限')];
    assert.ok(cell instanceof Date, 'the deadline is a date cell');
    assert.equal(cell.toISOString().slice(0, 10), detail.deadlineDate, 'Excel shows the last day, not the next day\'s 00:00');
    const csv = libreOfficeCsv(res.rawPayload);
    const csvRow = csv.find((r) => r[0] === c.trackingCode)!;
    assert.equal(csvRow[csv[0]!.indexOf('办理期限')], detail.deadlineDate);
  });

  it('counts the working days past the last day on the calendar, in the detail, the queue and Excel', async () => {
    const c = await make.case({ state: 'in_progress', stationId });
    const { deadlineDate } = (await staff.get(`/api/cases/${c.id}`)).json();
    try {
      // The end of the last day itself: not overdue yet.
      setClock(new Date(`${deadlineDate}T23:59:00+08:00`));
      staff = await make.signIn(account);
      assert.equal((await staff.get(`/api/cases/${c.id}`)).json().overdue, false);
      // Nine calendar days later (over a weekend, Beijing time).
      const today = plusDays(deadlineDate, 9);
      setClock(today);
      staff = await make.signIn(account);
      const detail = (await staff.get(`/api/cases/${c.id}`)).json();
      assert.equal(detail.overdue, true);
      assert.equal(detail.overdueWorkingDays, weekdaysBetween(deadlineDate, today));
      assert.ok(detail.overdueWorkingDays >= 6 && detail.overdueWorkingDays <= 7);
      const item = (await staff.get(`/api/cases?stationId=${stationId}&overdue=true&limit=50`)).json().items.find((i: { id: number }) => i.id === c.id);
      assert.equal(item.overdueWorkingDays, detail.overdueWorkingDays);
      const rows = rowsOf(await workbook((await staff.get(`/api/cases.xlsx?stationId=${stationId}&overdue=true`)).rawPayload));
      assert.equal(rows.find((r) => r[0] === c.trackingCode)![rows[0]!.indexOf('超期工作日')], detail.overdueWorkingDays);
    } finally {
      setClock(START);
    }
  });

  it('names the unit on the assignment and the last day on the signing in the timeline', async () => {
    const c = await make.case({ state: 'in_progress', stationId });
    const detail = (await staff.get(`/api/cases/${c.id}`)).json();
    const assign = detail.timeline.find((e: { action: string }) => e.action === 'assign');
    assert.deepEqual(assign.unit, { id: c.unitId, name: detail.unit.name });
    assert.equal(assign.deadlineDays, detail.deadlineDays);
    const sign = detail.timeline.find((e: { action: string }) => e.action === 'sign');
    assert.equal(sign.deadlineDate ?? detail.timeline.find((e: { deadlineDate: string | null }) => e.deadlineDate)?.deadlineDate, detail.deadlineDate);
  });

  it('merges by tracking code, typed any way; an unknown code or one out of reach answers on the field', async () => {
    const into = await make.case({ state: 'accepted', stationId });
    const merged = await make.case({ state: 'accepted', stationId });
    const elsewhere = await make.case({ state: 'accepted' });
    for (const code of ['222-222-222', elsewhere.trackingCode]) {
      const res = await staff.post(`/api/cases/${merged.id}/actions/merge`, { intoCode: code, comment: '同一件事' });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['intoCode', 'CASE_MERGE_TARGET']]);
    }
    const self = await staff.post(`/api/cases/${merged.id}/actions/merge`, { intoCode: merged.trackingCode });
    assert.equal(self.statusCode, 400, self.body);
    const typed = into.trackingCode.replace(/-/g, ' ').toLowerCase();
    const res = await staff.post(`/api/cases/${merged.id}/actions/merge`, { intoCode: typed });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().to, 'merged');
    assert.deepEqual(res.json().case.mergedInto, { id: into.id, trackingCode: into.trackingCode });
  });

  it('offers only the applicable one of flag and unflag, and refuses the other', async () => {
    const c = await make.case({ state: 'accepted', stationId });
    const offered = async () => (await staff.get(`/api/cases/${c.id}`)).json().actions.map((a: { action: string }) => a.action) as string[];
    let actions = await offered();
    assert.ok(actions.includes('flag_key') && !actions.includes('unflag_key'), actions.join());
    const refused = await staff.post(`/api/cases/${c.id}/actions/unflag_key`);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'KEY_SUPERVISION_UNCHANGED');
    assert.equal((await staff.post(`/api/cases/${c.id}/actions/flag_key`)).statusCode, 200);
    actions = await offered();
    assert.ok(actions.includes('unflag_key') && !actions.includes('flag_key'), actions.join());
    assert.equal((await staff.post(`/api/cases/${c.id}/actions/flag_key`)).json().error.code, 'KEY_SUPERVISION_UNCHANGED');
    assert.equal((await staff.post(`/api/cases/${c.id}/actions/unflag_key`)).statusCode, 200);
    assert.ok((await offered()).includes('flag_key'));
  });

  it('proposes the due date of a number of working days from the server\'s today', async () => {
    const res = await staff.get('/api/calendar/add-working-days?days=5');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { from: START, date: '2031-11-10', provisional: true });
  });
});

describe('statistics as Excel', () => {
  let t: TestApp;
  let make: Factories;
  let staff: Client;
  let stationId: number;
  before(async () => {
    setClock(START);
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    stationId = (await make.station({ regionCode: county.towns[0]!.code })).id;
    staff = (await make.signedIn('staff', { regionCode: county.code })).client;
    for (const state of ['submitted', 'accepted', 'in_progress', 'replied', 'answered'] as const) await make.case({ state, stationId });
  });
  after(async () => { resetClock(); await t.close(); });

  it('writes the figures per group as the JSON gives them, readable by exceljs and LibreOffice', async () => {
    for (const group of ['station', 'unit', 'category', 'month'] as const) {
      const json = (await staff.get(`/api/statistics/cases/by/${group}`)).json() as { key: string; label: string; received: number; replied: number; onTimeRate: number | null }[];
      assert.ok(json.length > 0);
      const res = await staff.get(`/api/statistics/cases.xlsx?group=${group}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const rows = rowsOf(await workbook(res.rawPayload));
      const [header, ...body] = rows;
      assert.equal(header![0], { station: '联络站', unit: '承办单位', category: '意见类别', month: '月份' }[group]);
      assert.equal(body.length, json.length);
      const col = (name: string) => header!.indexOf(name);
      json.forEach((r, i) => {
        assert.equal(body[i]![col('收到')], r.received);
        assert.equal(body[i]![col('办复')], r.replied);
        assert.equal(body[i]![col('按期办复率(%)')] ?? null, r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10);
      });
      if (group === 'station') {
        const csv = libreOfficeCsv(res.rawPayload);
        assert.equal(csv[0]![0], '联络站');
        assert.equal(csv.length, json.length + 1);
        assert.equal(Number(csv[1]![csv[0]!.indexOf('收到')]), json[0]!.received);
      }
    }
    assert.equal((await staff.get('/api/statistics/cases.xlsx?group=planet')).statusCode, 400);
  });

  it('writes the unit league table in its order, numbered', async () => {
    const json = (await staff.get('/api/statistics/units/league')).json() as { unitName: string; assigned: number }[];
    assert.ok(json.length > 0);
    const res = await staff.get('/api/statistics/units/league.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const [header, ...body] = rowsOf(await workbook(res.rawPayload));
    assert.deepEqual(header!.slice(0, 3), ['名次', '承办单位', '交办']);
    assert.deepEqual(body.map((r) => [r[0], r[1], r[2]]), json.map((r, i) => [i + 1, r.unitName, r.assigned]));
    const csv = libreOfficeCsv(res.rawPayload);
    assert.equal(csv[1]![1], json[0]!.unitName);
  });
});
