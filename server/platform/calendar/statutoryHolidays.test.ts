import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import { PROJECT_ROOT } from '../config.js';
import { statutoryRestDays } from './statutoryHolidays.js';
import { addDays, weekday, WorkingCalendar, type CalendarDay } from './workingDays.js';

const dates = (year: number) => statutoryRestDays(year).map((d) => d.date);

describe('the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision)', () => {
  it('give the 13 rest days of 2027: 元旦, 春节 from 除夕 (腊月廿九), 清明, 劳动节, 端午, 中秋, 国庆', () => {
    assert.deepEqual(dates(2027), [
      '2027-01-01', // 元旦
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', // 除夕 (the 12th month has 29 days), 正月初一 to 初三
      '2027-04-05', // 清明
      '2027-05-01', '2027-05-02', // 劳动节
      '2027-06-09', // 端午 (五月初五)
      '2027-09-15', // 中秋 (八月十五)
      '2027-10-01', '2027-10-02', '2027-10-03', // 国庆节
    ]);
  });

  it('give the rest days of 2028, where 中秋 falls on 国庆\'s third day', () => {
    assert.deepEqual(dates(2028), [
      '2028-01-01',
      '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28',
      '2028-04-04',
      '2028-05-01', '2028-05-02',
      '2028-05-28',
      '2028-10-01', '2028-10-02', '2028-10-03',
    ]);
    assert.equal(statutoryRestDays(2028).find((d) => d.date === '2028-10-03')?.name, '中秋节、国庆节');
  });

  it('agree for 2024–2035 with a second, independent lunar calendar and solar-term table (the chinese-days package)', () => {
    for (let year = 2024; year <= 2035; year++) {
      const days = statutoryRestDays(year);
      const spring = days.filter((d) => d.name === '春节').map((d) => d.date);
      assert.equal(spring.length, 4, `${year}`);
      const eve = chineseDays.getLunarDate(spring[0]!);
      assert.equal(eve.lunarMon, 12, `${year} 除夕 is in the 12th lunar month`);
      assert.equal(chineseDays.getLunarDate(addDays(spring[0]!, 1)).lunarDay, 1, `${year} the day after 除夕 is 正月初一`);
      spring.slice(1).forEach((date, i) => {
        const l = chineseDays.getLunarDate(date);
        assert.deepEqual([l.lunarMon, l.lunarDay, l.isLeap], [1, i + 1, false], `${year} 春节 ${date}`);
      });
      for (const [name, mon, day] of [['端午节', 5, 5], ['中秋节', 8, 15]] as const) {
        const d = days.find((x) => x.name.includes(name))!;
        const l = chineseDays.getLunarDate(d.date);
        assert.deepEqual([l.lunarMon, l.lunarDay, l.isLeap], [mon, day, false], `${year} ${name} ${d.date}`);
      }
      assert.equal(days.find((d) => d.name === '清明节')!.date, chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), `${year} 清明`);
      assert.ok(days.every((d) => d.date.startsWith(`${year}-`)), `${year}: every day within the year`);
    }
  });

  it('are rest days in the official schedules shipped since the revision took effect (2025–2026)', () => {
    // The 2024 revision applies from 1 January 2025; 2024 still followed the old rules (no 除夕, one 劳动节 day).
    for (const year of [2025, 2026]) {
      const official = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'resources/holidays', `${year}.json`), 'utf8')) as { days: CalendarDay[] }).days;
      const rest = new Set(official.filter((d) => d.kind === 'rest').map((d) => d.date));
      for (const d of statutoryRestDays(year)) assert.ok(rest.has(d.date), `${year}: ${d.date} ${d.name}`);
    }
  });
});

describe('the provisional calendar of a year without an official schedule', () => {
  const calendar = new WorkingCalendar([], [2024, 2025, 2026]);

  it('rests on the statutory days, adds no makeup working day and does not move a holiday off a weekend', () => {
    for (const d of ['2027-02-05', '2027-02-08', '2027-06-09', '2027-09-15', '2027-10-01']) {
      assert.equal(calendar.isWorkingDay(d), false, d);
      assert.equal(calendar.isPublicHoliday(d), true, d);
    }
    assert.equal(calendar.isWorkingDay('2027-02-09'), true, '正月初四 is a working day');
    // 劳动节 2027 is a Saturday and a Sunday: Monday 3 May stays a working day.
    assert.deepEqual([weekday('2027-05-01'), weekday('2027-05-02')], [6, 7]);
    assert.equal(calendar.isWorkingDay('2027-05-03'), true);
    // No weekend becomes a working day.
    for (let d = '2027-01-01'; d <= '2028-12-31'; d = addDays(d, 1)) {
      if (weekday(d) >= 6) assert.equal(calendar.isWorkingDay(d), false, d);
    }
    assert.equal(calendar.isProvisional('2027-03-01'), true);
    assert.equal(calendar.isProvisional('2026-03-01'), false);
  });

  it('counts a deadline over 春节 2027 and says it is provisional', () => {
    // Signed on Thursday 2027-02-04: 除夕 (Fri), the weekend, 初三 (Mon) off; Tue 9, Wed 10, Thu 11.
    assert.equal(calendar.addWorkingDays('2027-02-04', 3), '2027-02-11');
    assert.equal(calendar.provisionalWithin('2027-02-04', '2027-02-11'), true);
    // From the last days of 2026 into 2027: 元旦 is a rest day, the count is provisional.
    assert.equal(calendar.addWorkingDays('2026-12-30', 2), '2027-01-04');
    assert.equal(calendar.provisionalWithin('2026-12-30', '2027-01-04'), true);
    assert.equal(calendar.provisionalWithin('2026-12-01', '2026-12-31'), false);
    assert.equal(calendar.provisionalWithin('2026-12-31', '2026-12-31'), false, 'the start day itself never counts');
  });

  it('gives way to the official schedule once the year is covered', () => {
    const official = new WorkingCalendar([{ date: '2027-02-09', kind: 'rest' }, { date: '2027-02-20', kind: 'workday' }], [2024, 2025, 2026, 2027]);
    assert.equal(official.isWorkingDay('2027-02-09'), false);
    assert.equal(official.isWorkingDay('2027-02-20'), true);
    assert.equal(official.isWorkingDay('2027-02-05'), true, 'only the schedule\'s days count once it is entered');
    assert.equal(official.provisionalWithin('2027-02-04', '2027-02-11'), false);
  });
});
