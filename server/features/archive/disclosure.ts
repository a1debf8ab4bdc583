/**
 * 履职公示: what anyone may read about a deputy's work, without signing in. Counts only, from
 * the same record as the archive: activities attended by kind, reception days held, the
 * opinions that are theirs and how many were answered, the constituents' satisfaction, the
 * campaigns joined. Nothing of any constituent, no phone number, no case text, and no
 * attendance of single events (absences and leave can have private reasons; the archive,
 * for the congress, carries them). Of the deputy's suggestions, only those published with a
 * number, as on the public suggestion pages.
 */
import type { Kysely } from 'kysely';
import { ACTIVITY_KINDS, DEPUTY_LEVELS, type DeputyLevel } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError } from '../../platform/errors.js';
import { deputyRecord, recordFigures } from '../deputies/index.js';
import { now as clockNow } from '../../platform/clock.js';
import { deputySuggestions } from '../suggestions/index.js';
import { deputyReportBacks } from '../reportBacks/index.js';

const LEVEL_ORDER = DEPUTY_LEVELS.keys as readonly string[];

export async function getDisclosure(db: Kysely<DB>, deputyId: number, now = clockNow()) {
  // Like the QR card: any deputy still on the lists; only the active stations they receive at.
  const deputy = await db.selectFrom('deputy').select(['id', 'name', 'status']).where('id', '=', deputyId).where('active', '=', true).executeTakeFirst();
  if (!deputy) throw new AppError('NOT_FOUND');
  const today = shanghaiDate(now);
  const [levels, stations, record, suggestions, reportBacks] = await Promise.all([
    db.selectFrom('deputy_level').select(['level', 'term']).where('deputy_id', '=', deputyId).execute(),
    db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
      .select(['s.id', 's.name']).where('ds.deputy_id', '=', deputyId).where('s.active', '=', true).orderBy('s.id').execute(),
    deputyRecord(db, deputyId, { from: null, to: today }, now),
    deputySuggestions(db, deputyId, { from: null, to: today }, { publicOnly: true }),
    deputyReportBacks(db, deputyId, { from: null, to: today }),
  ]);
  const f = recordFigures(record);
  return {
    id: deputy.id,
    name: deputy.name,
    current: deputy.status === 'current',
    levels: levels.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level))
      .map((l) => ({ level: l.level as DeputyLevel, label: DEPUTY_LEVELS.labels[l.level], term: l.term })),
    stations,
    asOf: today,
    activities: {
      total: f.activities.present,
      byKind: ACTIVITY_KINDS.keys.filter((k) => f.activities.byKind.has(k))
        .map((k) => ({ kind: k, label: ACTIVITY_KINDS.labels[k], count: f.activities.byKind.get(k)! })),
    },
    receptionDaysHeld: f.duties.held,
    opinions: {
      collected: f.cases.total, answered: f.cases.answered, rated: f.cases.rated,
      satisfied: f.cases.satisfied, basicallySatisfied: f.cases.basicallySatisfied, unsatisfied: f.cases.unsatisfied,
      satisfactionRate: f.cases.satisfactionRate,
    },
    campaigns: f.campaigns,
    suggestions: { ...suggestions.summary, items: suggestions.items },
    // 述职: how many, how many evaluations and the share satisfied; never a comment.
    reportBacks: reportBacks.summary,
  };
}
