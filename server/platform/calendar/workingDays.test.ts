import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import { LegalHoliday } from 'tyme4ts';
import { PROJECT_ROOT } from '../config.js';
import { addDays, endOfShanghaiDay, isValidDate, shanghaiDate, weekday, WorkingCalendar, type CalendarDay } from './workingDays.js';

const YEARS = [2024, 2025, 2026];
const shipped = YEARS.flatMap((y) => (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'resources/holidays', `${y}.json`), 'utf8')) as { days: CalendarDay[] }).days);
const calendar = new WorkingCalendar(shipped, YEARS);

describe('the shipped State Council schedules', () => {
  it('agree day by day with an independent source (the chinese-days package) for 2024–2026', () => {
    const disagreements: string[] = [];
    for (const y of YEARS) {
      for (let d = `${y}-01-01`; d.startsWith(String(y)); d = addDays(d, 1)) {
        if (calendar.isWorkingDay(d) !== chineseDays.isWorkday(d)) disagreements.push(d);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('agree day by day with a second independent source (tyme4ts\'s LegalHoliday) for 2024–2026', () => {
    const disagreements: string[] = [];
    for (const y of YEARS) {
      for (let d = `${y}-01-01`; d.startsWith(String(y)); d = addDays(d, 1)) {
        const [, m, day] = d.split('-').map(Number);
        const legal = LegalHoliday.fromYmd(y, m!, day!);
        const working = legal ? legal.isWork() : weekday(d) <= 5;
        if (calendar.isWorkingDay(d) !== working) disagreements.push(d);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('have the official 2025 long holidays and makeup workdays', () => {
    // 春节 1月28日—2月4日, 1月26日(周日)、2月8日(周六)上班
    for (let d = '2025-01-28'; d <= '2025-02-04'; d = addDays(d, 1)) assert.equal(calendar.isWorkingDay(d), false, d);
    assert.equal(calendar.isWorkingDay('2025-01-26'), true);
    assert.equal(weekday('2025-01-26'), 7);
    assert.equal(calendar.isWorkingDay('2025-02-08'), true);
    // 劳动节 5月1日—5日, 4月27日(周日)上班; 国庆中秋 10月1日—8日, 9月28日、10月11日上班
    assert.equal(calendar.isWorkingDay('2025-04-27'), true);
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) assert.equal(calendar.isWorkingDay(d), false, d);
    assert.equal(calendar.isWorkingDay('2025-09-28'), true);
    assert.equal(calendar.isWorkingDay('2025-10-11'), true);
    // 端午 5月31日—6月2日
    assert.equal(calendar.isWorkingDay('2025-06-02'), false);
  });

  it('have the official 2026 long holidays and makeup workdays', () => {
    // 元旦 1月1日—3日, 1月4日(周日)上班
    assert.equal(calendar.isWorkingDay('2026-01-02'), false);
    assert.equal(calendar.isWorkingDay('2026-01-04'), true);
    // 春节 2月15日—23日(9天), 2月14日(周六)、2月28日(周六)上班
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) assert.equal(calendar.isWorkingDay(d), false, d);
    assert.equal(calendar.isWorkingDay('2026-02-14'), true);
    assert.equal(calendar.isWorkingDay('2026-02-28'), true);
    // 国庆 10月1日—7日, 9月20日(周日)、10月10日(周六)上班
    assert.equal(calendar.isWorkingDay('2026-09-20'), true);
    assert.equal(calendar.isWorkingDay('2026-10-07'), false);
    assert.equal(calendar.isWorkingDay('2026-10-10'), true);
  });
});

describe('working-day deadlines', () => {
  it('end on the N-th working day after the start day', () => {
    assert.equal(calendar.addWorkingDays('2026-11-16', 3), '2026-11-19'); // Mon → Thu
    assert.equal(calendar.addWorkingDays('2026-11-19', 3), '2026-11-24'); // Thu → Tue over a weekend
    assert.equal(calendar.addWorkingDays('2026-11-21', 1), '2026-11-23'); // a Saturday start counts from Monday
    assert.equal(calendar.addWorkingDays('2026-11-16', 0), '2026-11-16');
  });

  it('skip the long holidays and count the makeup Saturdays and Sundays', () => {
    // Signed on 2025-01-24 (Fri): 1-26 (Sun, makeup) is day 1, 1-27 day 2, then 春节 until 2-4, 2-5 is day 3.
    assert.equal(calendar.addWorkingDays('2025-01-24', 3), '2025-02-05');
    // Signed on 2025-09-26 (Fri): 9-28 (Sun, makeup), 9-29, 9-30, then 10-1..10-8 off, 10-9, 10-10, 10-11 (Sat, makeup).
    assert.equal(calendar.addWorkingDays('2025-09-26', 3), '2025-09-30');
    assert.equal(calendar.addWorkingDays('2025-09-26', 5), '2025-10-10');
    assert.equal(calendar.addWorkingDays('2025-09-26', 6), '2025-10-11');
    // 2026 春节: signed on 2026-02-13 (Fri): 2-14 (Sat, makeup) day 1, 2-15..2-23 off, 2-24 day 2, 2-25 day 3.
    assert.equal(calendar.addWorkingDays('2026-02-13', 3), '2026-02-25');
    // 2026 国庆: signed 2026-09-30 (Wed): 10-1..10-7 off, 10-8 day 1, 10-9 day 2, 10-10 (Sat, makeup) day 3.
    assert.equal(calendar.addWorkingDays('2026-09-30', 3), '2026-10-10');
  });

  it('count working days between two dates, the inverse of adding', () => {
    for (const [from, n] of [['2025-01-24', 3], ['2025-09-26', 6], ['2026-02-13', 5], ['2026-11-20', 10]] as const) {
      assert.equal(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n)), n);
    }
    assert.equal(calendar.workingDaysBetween('2026-11-20', '2026-11-20'), 0);
    assert.equal(calendar.workingDaysBetween('2026-11-23', '2026-11-20'), -1);
  });

  it('treats a year without a schedule as provisional: its statutory holidays rest, and it says so', () => {
    assert.equal(calendar.covers('2027-03-01'), false);
    assert.equal(calendar.covers('2026-03-01'), true);
    assert.equal(calendar.isProvisional('2027-03-01'), true);
    assert.equal(calendar.addWorkingDays('2026-12-31', 1), '2027-01-04', '元旦 (Fri) rests, then the weekend');
    assert.equal(calendar.addWorkingDays('2027-09-30', 1), '2027-10-04', '国庆 1–3 October rests');
  });

  it('refuses bad input', () => {
    assert.throws(() => calendar.addWorkingDays('2026-02-30', 1), RangeError);
    assert.throws(() => calendar.addWorkingDays('2026-02-10', -1), RangeError);
    assert.throws(() => calendar.addWorkingDays('2026-02-10', 1.5), RangeError);
    assert.equal(isValidDate('2024-02-29'), true);
    assert.equal(isValidDate('2025-02-29'), false);
    assert.equal(isValidDate('2025-2-1'), false);
  });
});

describe('Asia/Shanghai dates', () => {
  it('take the civil date in UTC+8 and end a day at the next Shanghai midnight', () => {
    assert.equal(shanghaiDate(new Date('2026-11-20T15:59:59Z')), '2026-11-20');
    assert.equal(shanghaiDate(new Date('2026-11-20T16:00:00Z')), '2026-11-21');
    assert.equal(endOfShanghaiDay('2026-11-20').toISOString(), '2026-11-20T16:00:00.000Z');
  });
});
