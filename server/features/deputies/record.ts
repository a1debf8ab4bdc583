/**
 * What one deputy did in a period, read from the records the work left behind: the activities
 * they were expected at and whether they came, the reception days they were on the rota for,
 * the constituents' opinions that are theirs (addressed to them, answered by them, or collected
 * at an activity they attended) with how those ended, and the campaigns they took part in.
 * It is the same whoever asks; the performance archive and the public disclosure are built
 * from it, each showing what its reader may see.
 */
import { sql, type Kysely } from 'kysely';
import type { CaseChannel, Rating } from '../../../common/caseVocabulary.js';
import type { ActivityKind, Attendance } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { CaseState } from '../cases/index.js';
import { rotaStatus } from '../activities/index.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { periodBounds, type Period } from '../../platform/documents/model.js';
import { now as clockNow } from '../../platform/clock.js';

export interface RecordActivity {
  id: number; kind: ActivityKind; title: string; startsAt: Date; station: string | null; campaignId: number | null;
  campaign: string | null; attendance: Attendance;
}

/** A reception day from the deputy's side: held means held with them there. */
export type DutyStatus = 'scheduled' | 'held' | 'missed' | 'cancelled';
export interface RecordDuty { date: string; station: string; status: DutyStatus }

export interface RecordCase {
  id: number; trackingCode: string; submittedAt: Date; channel: CaseChannel; category: string; state: CaseState; rating: Rating | null;
  answered: boolean; content: string;
  /** How the case is theirs: addressed to them, answered by them, collected at an activity they attended. */
  addressed: boolean; answeredBy: boolean; collected: boolean;
}

export interface DeputyRecord {
  activities: RecordActivity[];
  duties: RecordDuty[];
  cases: RecordCase[];
}

/**
 * The deputy's status for a rota day: the station's status, except that a day held without
 * them there (not listed as present) is a day they missed.
 */
export function dutyStatus(slot: { onDate: string; activityId: number | null; cancelled: boolean; present: boolean }, today: string): DutyStatus {
  const status = rotaStatus(slot, today);
  return status === 'held' && !slot.present ? 'missed' : status;
}

export async function deputyRecord(db: Kysely<DB>, deputyId: number, period: Period, now = clockNow()): Promise<DeputyRecord> {
  const { from, to } = periodBounds(period);
  const during = (column: string) => (from ? sql<boolean>`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to})` : sql<boolean>`${sql.ref(column)} < ${to}`);
  const answeredByThem = sql<boolean>`exists (select 1 from opinion_event e join account ac on ac.id = e.actor_account_id
    where e.opinion_id = o.id and e.action in ('answer', 'answer_on_spot') and ac.deputy_id = ${deputyId})`;
  const collectedByThem = sql<boolean>`(o.activity_id is not null and exists (select 1 from activity_participant p
    where p.activity_id = o.activity_id and p.deputy_id = ${deputyId} and p.attendance = 'present'))`;
  // Each way a case is theirs has an index of its own; the union keeps the planner on them.
  const theirs = sql`(select id from opinion where deputy_id = ${deputyId}
    union select e.opinion_id from opinion_event e join account ac on ac.id = e.actor_account_id
      where ac.deputy_id = ${deputyId} and e.action in ('answer', 'answer_on_spot')
    union select o2.id from activity_participant p join opinion o2 on o2.activity_id = p.activity_id
      where p.deputy_id = ${deputyId} and p.attendance = 'present')`;

  const [activities, duties, cases] = await Promise.all([
    db.selectFrom('activity_participant as p').innerJoin('activity as a', 'a.id', 'p.activity_id')
      .leftJoin('station as s', 's.id', 'a.station_id').leftJoin('activity_campaign as c', 'c.id', 'a.campaign_id')
      .select(['a.id', 'a.kind', 'a.title', 'a.starts_at', 's.name as station', 'a.campaign_id', 'c.name as campaign', 'p.attendance'])
      .where('p.deputy_id', '=', deputyId).where(during('a.starts_at'))
      .orderBy('a.starts_at').orderBy('a.id').execute(),
    db.selectFrom('rota_duty as t').innerJoin('rota_slot as rs', 'rs.id', 't.slot_id').innerJoin('station as s', 's.id', 'rs.station_id')
      .select(['rs.on_date', 'rs.activity_id', 'rs.cancelled', 's.name as station',
        sql<boolean>`exists (select 1 from activity_participant p where p.activity_id = rs.activity_id
          and p.deputy_id = t.deputy_id and p.attendance = 'present')`.as('present')])
      .where('t.deputy_id', '=', deputyId)
      .where('rs.on_date', '<=', period.to)
      .$if(period.from !== null, (q) => q.where('rs.on_date', '>=', period.from!))
      .orderBy('rs.on_date').execute(),
    db.selectFrom('opinion as o').innerJoin('case_category as c', 'c.id', 'o.category_id')
      .select(['o.id', 'o.tracking_code', 'o.submitted_at', 'o.channel', 'c.name as category', 'o.state', 'o.rating', 'o.answered_at', 'o.content',
        sql<boolean>`o.deputy_id is not distinct from ${deputyId}`.as('addressed'), answeredByThem.as('answered_by'), collectedByThem.as('collected')])
      .where(sql<boolean>`o.id in ${theirs}`).where(during('o.submitted_at'))
      .orderBy('o.submitted_at').orderBy('o.id').execute(),
  ]);
  const today = shanghaiDate(now);
  return {
    activities: activities.map((a) => ({
      id: a.id, kind: a.kind, title: a.title, startsAt: a.starts_at, station: a.station, campaignId: a.campaign_id, campaign: a.campaign, attendance: a.attendance,
    })),
    duties: duties.map((d) => ({
      date: d.on_date, station: d.station,
      status: dutyStatus({ onDate: d.on_date, activityId: d.activity_id, cancelled: d.cancelled, present: Boolean(d.present) }, today),
    })),
    cases: cases.map((c) => ({
      id: c.id, trackingCode: c.tracking_code, submittedAt: c.submitted_at, channel: c.channel, category: c.category, state: c.state,
      rating: c.rating, answered: c.answered_at !== null, content: c.content,
      addressed: Boolean(c.addressed), answeredBy: Boolean(c.answered_by), collected: Boolean(c.collected),
    })),
  };
}

/** The counts both the archive and the public disclosure give. */
export function recordFigures(r: DeputyRecord) {
  const count = <T>(list: T[], test: (x: T) => boolean) => list.filter(test).length;
  const byKind = new Map<ActivityKind, number>();
  for (const a of r.activities) if (a.attendance === 'present') byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  const rated = count(r.cases, (c) => c.rating !== null);
  const satisfied = count(r.cases, (c) => c.rating === 'satisfied');
  const basicallySatisfied = count(r.cases, (c) => c.rating === 'basically_satisfied');
  return {
    activities: {
      expected: r.activities.length,
      present: count(r.activities, (a) => a.attendance === 'present'),
      leave: count(r.activities, (a) => a.attendance === 'leave'),
      absent: count(r.activities, (a) => a.attendance === 'absent'),
      byKind,
    },
    duties: {
      total: r.duties.length,
      held: count(r.duties, (d) => d.status === 'held'),
      missed: count(r.duties, (d) => d.status === 'missed'),
      cancelled: count(r.duties, (d) => d.status === 'cancelled'),
      scheduled: count(r.duties, (d) => d.status === 'scheduled'),
    },
    cases: {
      total: r.cases.length,
      addressed: count(r.cases, (c) => c.addressed),
      answeredByDeputy: count(r.cases, (c) => c.answeredBy),
      collectedAtActivities: count(r.cases, (c) => c.collected),
      answered: count(r.cases, (c) => c.answered),
      rated, satisfied, basicallySatisfied, unsatisfied: rated - satisfied - basicallySatisfied,
      satisfactionRate: rated ? (satisfied + basicallySatisfied) / rated : null,
    },
    campaigns: new Set(r.activities.filter((a) => a.attendance === 'present' && a.campaignId !== null).map((a) => a.campaignId)).size,
  };
}
