import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../config.js';
import { WorkingCalendar, type CalendarDay } from '../calendar/workingDays.js';
import type { Database } from '../db/engine.js';
import { openTestDatabase } from '../../testing/database.js';
import { cancelTimers, morningOf, nextOverdueDay, planDeadlineReminders, setTimer, workingDayFrom } from './timers.js';

const YEARS = [2024, 2025, 2026];
const shipped = YEARS.flatMap((y) => (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'resources/holidays', `${y}.json`), 'utf8')) as { days: CalendarDay[] }).days);
const cal = new WorkingCalendar(shipped, YEARS);
const STEPS = [{ kind: 'before', offset: -1 }, { kind: 'due', offset: 0 }] as const;

describe('reminder timers', () => {
  it('go out at 09:00 Asia/Shanghai', () => {
    assert.equal(morningOf('2025-09-30').toISOString(), '2025-09-30T01:00:00.000Z');
  });

  it('count working days back and forth from a deadline', () => {
    assert.equal(workingDayFrom(cal, '2025-03-10', -1), '2025-03-07', 'Monday → the Friday before');
    assert.equal(workingDayFrom(cal, '2025-10-09', -1), '2025-09-30', 'over 国庆');
    assert.equal(workingDayFrom(cal, '2025-09-29', -1), '2025-09-28', 'the make-up Sunday');
    assert.equal(workingDayFrom(cal, '2025-09-30', 0), '2025-09-30');
    assert.equal(workingDayFrom(cal, '2025-09-30', 1), '2025-10-09');
  });

  it('plan the day before, the day, and the first overdue day', () => {
    assert.deepEqual(planDeadlineReminders(cal, '2025-09-30', new Date('2025-09-26T10:00:00+08:00'), STEPS, 'overdue'), [
      { kind: 'before', day: '2025-09-29' }, { kind: 'due', day: '2025-09-30' }, { kind: 'overdue', day: '2025-10-09' },
    ]);
    assert.deepEqual(planDeadlineReminders(cal, '2025-09-30', new Date('2025-09-26T10:00:00+08:00'), STEPS), [
      { kind: 'before', day: '2025-09-29' }, { kind: 'due', day: '2025-09-30' },
    ]);
  });

  it('leave out the steps whose time has come, and resume the overdue chain after today', () => {
    assert.deepEqual(planDeadlineReminders(cal, '2025-09-30', morningOf('2025-09-29'), STEPS, 'overdue'), [
      { kind: 'due', day: '2025-09-30' }, { kind: 'overdue', day: '2025-10-09' },
    ]);
    // Long past the deadline: the next working day after Friday 10 Oct is the make-up Saturday.
    assert.deepEqual(planDeadlineReminders(cal, '2025-09-30', new Date('2025-10-10T12:00:00+08:00'), STEPS, 'overdue'), [
      { kind: 'overdue', day: '2025-10-11' },
    ]);
  });

  it('repeat an overdue reminder each working day after the deadline', () => {
    assert.equal(nextOverdueDay(cal, '2025-09-30', '2025-10-09'), '2025-10-10');
    assert.equal(nextOverdueDay(cal, '2025-09-30', '2025-09-29'), '2025-10-09');
  });
});

describe('timer jobs', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  const pending = async (prefix: string) => (await database.db.selectFrom('job').select(['dedupe_key', 'run_at', 'payload'])
    .where('dedupe_key', 'like', `${prefix}%`).where('done_at', 'is', null).orderBy('dedupe_key').execute());

  it('sets a timer once per key, at its instant, in the caller\'s transaction', async () => {
    await database.db.transaction().execute(async (trx) => {
      await setTimer(trx, { kind: 'test.timer', key: 'wf-test:1:due', at: morningOf('2031-03-03'), payload: { id: 1 } });
      await setTimer(trx, { kind: 'test.timer', key: 'wf-test:1:due', at: morningOf('2031-03-04'), payload: { id: 1, again: true } });
    });
    assert.deepEqual(await pending('wf-test:1:'), [{ dedupe_key: 'wf-test:1:due', run_at: morningOf('2031-03-03'), payload: { id: 1 } }]);
    await database.db.transaction().execute(async (trx) => {
      await setTimer(trx, { kind: 'test.timer', key: 'wf-test:9:due', at: morningOf('2031-03-03'), payload: {} });
      throw new Error('rolled back');
    }).catch(() => undefined);
    assert.deepEqual(await pending('wf-test:9:'), []);
  });

  it('cancels the timers not yet run whose key starts with a prefix, and no others', async () => {
    await database.db.transaction().execute(async (trx) => {
      for (const key of ['wf-test:2:before', 'wf-test:2:due', 'wf-test:20:due', 'wf-test_2:due', 'wf-test:2:done']) {
        await setTimer(trx, { kind: 'test.timer', key, at: morningOf('2031-03-03'), payload: {} });
      }
    });
    await database.db.updateTable('job').set({ done_at: new Date() }).where('dedupe_key', '=', 'wf-test:2:done').execute();
    const cancelled = await database.db.transaction().execute((trx) => cancelTimers(trx, 'wf-test:2:'));
    assert.equal(cancelled, 2);
    const left = await database.db.selectFrom('job').select('dedupe_key').where('dedupe_key', 'like', 'wf-test%2%').execute();
    assert.deepEqual(left.map((j) => j.dedupe_key).sort(), ['wf-test:20:due', 'wf-test:2:done', 'wf-test_2:due']);
  });
});
