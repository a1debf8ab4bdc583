import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('working-day calendar', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, 'admin');
  });
  after(() => t.close());

  const add = async (from: string, days: number) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/calendar/add-working-days?from=${from}&days=${days}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().date as string;
  };

  it('adds working days over the shipped 2024–2026 schedules, without signing in', async () => {
    assert.equal(await add('2026-09-30', 3), '2026-10-10');
    assert.equal(await add('2025-01-24', 3), '2025-02-05');
    assert.equal(await add('2024-02-08', 2), '2024-02-18', 'the makeup Sunday after 春节 is day 2');
    assert.equal(await add('2026-11-20', 0), '2026-11-20');
  });

  it('answers bad input with coded field errors', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?from=2026-02-30&days=-1' });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]).sort();
    assert.deepEqual(fields, [['querystring.days', 'too_small'], ['querystring.from', 'DATE_INVALID']]);
  });

  it('lists a year\'s schedule with the years that have one', async () => {
    const res = await admin.get('/api/calendar/holidays?year=2025');
    const body = res.json();
    assert.equal(body.covered, true);
    assert.match(body.source, /2025年部分节假日安排/);
    assert.deepEqual(body.days.filter((d: { kind: string }) => d.kind === 'workday').map((d: { date: string }) => d.date),
      ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    assert.deepEqual(body.years, [2024, 2025, 2026]);
    assert.equal((await admin.get('/api/calendar/holidays?year=2027')).json().covered, false);
  });

  it('lets an administrator enter the next year\'s schedule, which deadlines follow at once', async () => {
    assert.equal(await add('2027-09-30', 1), '2027-10-04', 'before: the provisional calendar rests on 国庆 1–3 October only');
    const days = [
      ...['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'].map((date) => ({ date, kind: 'rest', name: '国庆节' })),
      { date: '2027-09-26', kind: 'workday', name: '国庆节调休上班' },
    ];
    const res = await admin.request('PUT', '/api/calendar/holidays/2027', { source: '国务院办公厅关于2027年部分节假日安排的通知', days });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await add('2027-09-30', 1), '2027-10-08');
    assert.equal(await add('2027-09-24', 1), '2027-09-26', 'the makeup Sunday counts');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'holiday_year').where('entity_id', '=', '2027').executeTakeFirstOrThrow();
    assert.equal(audit.action, 'calendar.update');
  });

  it('refuses a schedule with dates outside the year, duplicates or a weekday makeup, changing nothing', async () => {
    const before = (await admin.get('/api/calendar/holidays?year=2026')).json().days;
    const res = await admin.request('PUT', '/api/calendar/holidays/2026', {
      days: [
        { date: '2025-12-31', kind: 'rest' },
        { date: '2026-05-01', kind: 'rest' },
        { date: '2026-05-01', kind: 'rest' },
        { date: '2026-05-06', kind: 'workday' },
      ],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]),
      [['days.0.date', 'DATE_OUTSIDE_YEAR'], ['days.2.date', 'DUPLICATE_VALUES'], ['days.3.kind', 'MAKEUP_NOT_WEEKEND']]);
    assert.deepEqual((await admin.get('/api/calendar/holidays?year=2026')).json().days, before);
  });
});
