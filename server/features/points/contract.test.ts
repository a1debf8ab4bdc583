import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { POINT_SOURCES } from '../../../common/points.js';
import { FEATURES } from '../index.js';
import { today } from '../../platform/clock.js';
import { factories } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { FACT_COLUMNS } from './contract.js';
import { yearPeriod } from './scoring.js';

const installed = FEATURES.flatMap((f) => (f.pointSources ?? []).map((s) => ({ feature: f.name, source: s })));

describe('the point fact sources the features hand in', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    // A fact of each feature today: an activity with suggestions made, a case addressed to a deputy, a bonus.
    const f = factories(t);
    const station = await f.station();
    const [a, b] = [await f.deputy({ stations: [{ id: station.id }] }), await f.deputy({ stations: [{ id: station.id }] })];
    const activity = await f.activity({ stationId: station.id, participants: [{ deputyId: a.id }, { deputyId: b.id, attendance: 'leave' }] });
    await sql`update activity set suggestions_made = 2 where id = ${activity.id}`.execute(t.database.db);
    await f.case({ stationId: station.id, deputyId: a.id });
    await sql`insert into point_bonus (deputy_id, region_code, region_path, station_id, on_date, points, reason)
      select ${b.id}, h.region_code, h.region_path, h.station_id, ${today()}::date, 5, '测试加分'
      from station_region h where h.station_id = ${station.id} and h.is_home`.execute(t.database.db);
  });
  after(() => t.close());

  it('price every point source, each in one fragment only', () => {
    const declared = installed.flatMap(({ source }) => source.sources);
    assert.deepEqual([...declared].sort(), [...POINT_SOURCES.keys].sort());
    assert.deepEqual(installed.map(({ feature }) => feature).sort(), ['activities', 'cases', 'points']);
  });

  it('answer the contract\'s columns, only their own sources, and only facts of the year asked for', async () => {
    const year = Number(today().slice(0, 4));
    for (const { feature, source } of installed) {
      for (const p of [null, yearPeriod(year)]) {
        const columns = sql.raw(Object.keys(FACT_COLUMNS).map((c) => `x.${c}`).join(', '));
        const { rows } = await sql<{ source: string; day: string; deputy_id: number | null }>`select ${columns} from (${source.facts(p)}) x`.execute(t.database.db);
        for (const r of rows) {
          assert.ok(source.sources.includes(r.source as never), `${feature}: ${r.source}`);
          assert.match(r.day, /^\d{4}-\d{2}-\d{2}$/, feature);
          assert.notEqual(r.deputy_id, null, feature);
          if (p) assert.ok(r.day >= p.firstDay && r.day <= p.lastDay, `${feature}: ${r.day} in ${year}`);
        }
        assert.ok(rows.length > 0, `${feature} has facts ${p ? `in ${year}` : 'in all'}`);
      }
    }
  });
});
