/**
 * A deputy's performance archive (履职档案) over one of their terms or a period, built from the
 * records: who they are, the figures of their work and every fact behind the figures. Readable
 * by those who may read the deputy's record (administrators, staff and officers in scope); a
 * deputy reads their own only. The facts are the deputy's whoever reads them; nothing of the
 * constituents is in it beyond the gist of each opinion. The suggestions they led or co-signed
 * (代表建议) come from the suggestions feature.
 */
import type { Kysely } from 'kysely';
import { CASE_STATE_LABELS, RATING_LABELS } from '../../../common/caseVocabulary.js';
import { ACTIVITY_KINDS, ATTENDANCE, DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, STATION_MEMBER_ROLES, type DeputyLevel } from '../../../common/enums.js';
import { POINT_SOURCES } from '../../../common/points.js';
import type { DB } from '../../platform/db/schema.js';
import { termPeriod } from '../terms/index.js';
import { fromCents } from '../points/index.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { deputyVisible, ref } from '../../platform/access/scope.js';
import { archiveReadable } from './access.js';
import { dateText, type Period } from '../../platform/documents/model.js';
import { deputyRecord, recordFigures } from '../deputies/index.js';
import { ledgerEntries } from '../points/index.js';
import { deputyTerm, deputyTerms } from '../terms/index.js';
import { deputySuggestions } from '../suggestions/index.js';
import { deputyConsultations } from '../consultations/index.js';
import { deputyLivelihood } from '../livelihood/index.js';
import { deputyBudgetReviews } from '../budget/index.js';
import { deputyReportBacks } from '../reportBacks/index.js';
import { deputyMediations } from '../mediation/index.js';
import { now as clockNow } from '../../platform/clock.js';

const LEVEL_ORDER = DEPUTY_LEVELS.keys as readonly string[];
const DUTY_LABELS = {
  scheduled: { zh: '待接待', en: 'Scheduled' },
  held: { zh: '已接待', en: 'Held' },
  missed: { zh: '未接待', en: 'Missed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const;
const brief = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** The deputy's facts, or 404 when the reader may not read their archive. */
async function archiveDeputy(db: Kysely<DB>, actor: Actor, id: number) {
  if (!archiveReadable(actor, id)) throw new AppError('NOT_FOUND');
  const d = await db.selectFrom('deputy as d').innerJoin('region as r', 'r.code', 'd.region_code')
    .select(['d.id', 'd.name', 'd.gender', 'd.ethnicity', 'd.party', 'd.occupation', 'd.constituency', 'd.status', 'd.special_liaison', 'r.full_name as region'])
    .where('d.id', '=', id).where(deputyVisible(actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
  const [levels, stations] = await Promise.all([
    db.selectFrom('deputy_level as l').leftJoin('region as r', 'r.code', 'l.region_code')
      .select(['l.level', 'l.term', 'r.full_name']).where('l.deputy_id', '=', id).execute(),
    db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
      .select(['s.id', 's.name', 'ds.role']).where('ds.deputy_id', '=', id).orderBy('s.id').execute(),
  ]);
  return {
    ...d,
    levels: levels.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level)),
    stations,
  };
}

/**
 * Points (履职积分) earned in the period, year by year (they start from zero each year) and by
 * where they came from, as the points ledger prices them for this reader.
 */
async function archivePoints(db: Kysely<DB>, actor: Actor, deputyId: number, period: Period) {
  const entries = (await ledgerEntries(db, actor, { year: null, deputyIds: [deputyId] }))
    .filter((e) => (period.from === null || e.date >= period.from) && e.date <= period.to);
  const years = new Map<number, number>();
  const sources = new Map<string, number>();
  for (const e of entries) {
    const year = Number(e.date.slice(0, 4));
    years.set(year, (years.get(year) ?? 0) + e.cents);
    sources.set(e.source, (sources.get(e.source) ?? 0) + e.cents);
  }
  return {
    total: fromCents(entries.reduce((n, e) => n + e.cents, 0)),
    years: [...years].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, points: fromCents(cents) })),
    bySource: [...sources].map(([source, cents]) => ({
      source, label: POINT_SOURCES.labels[source as keyof typeof POINT_SOURCES.labels], points: fromCents(cents),
    })),
  };
}

/** The terms a deputy's archive can be read for, to whoever may read that archive (404 otherwise). */
export async function getArchiveTerms(db: Kysely<DB>, actor: Actor, deputyId: number, now = clockNow()) {
  await archiveDeputy(db, actor, deputyId);
  return deputyTerms(db, deputyId, shanghaiDate(now));
}

/** What an archive covers: one of the deputy's terms (its days), or a period of dates. */
export type ArchiveSelection = { term: number } | { period: Period };

export async function getDeputyArchive(db: Kysely<DB>, actor: Actor, deputyId: number, selection: ArchiveSelection, now = clockNow()) {
  const d = await archiveDeputy(db, actor, deputyId);
  const today = shanghaiDate(now);
  const term = 'term' in selection ? await deputyTerm(db, deputyId, selection.term, today) : null;
  const period: Period = 'period' in selection ? selection.period : termPeriod({ startsOn: term!.from, endsOn: term!.to }, today);
  const [record, points, suggestions, consultations, budget, livelihood, reportBacks, mediations] = await Promise.all([
    deputyRecord(db, deputyId, period, now), archivePoints(db, actor, deputyId, period), deputySuggestions(db, deputyId, period),
    deputyConsultations(db, deputyId, period), deputyBudgetReviews(db, deputyId, period), deputyLivelihood(db, deputyId, period),
    deputyReportBacks(db, deputyId, period),
    deputyMediations(db, deputyId, period.from ?? '1900-01-01', period.to),
  ]);
  const figures = recordFigures(record);
  const campaigns = new Map<number, { id: number; name: string; activities: number }>();
  for (const a of record.activities) {
    if (a.attendance !== 'present' || a.campaignId === null) continue;
    const c = campaigns.get(a.campaignId) ?? { id: a.campaignId, name: a.campaign ?? '', activities: 0 };
    c.activities++;
    campaigns.set(a.campaignId, c);
  }
  return {
    deputy: {
      id: d.id, name: d.name, gender: GENDERS.labels[d.gender], ethnicity: d.ethnicity, party: d.party, occupation: d.occupation,
      constituency: d.constituency, region: d.region, status: DEPUTY_STATUSES.labels[d.status], specialLiaison: d.special_liaison,
      levels: d.levels.map((l) => ({ level: l.level as DeputyLevel, label: DEPUTY_LEVELS.labels[l.level], term: l.term, region: l.full_name })),
      stations: d.stations.map((s) => ({ id: s.id, name: s.name, role: STATION_MEMBER_ROLES.labels[s.role] })),
    },
    term,
    period: { from: period.from, to: period.to },
    generatedAt: now.toISOString(),
    summary: {
      activities: {
        expected: figures.activities.expected, present: figures.activities.present, leave: figures.activities.leave, absent: figures.activities.absent,
        byKind: ACTIVITY_KINDS.keys.filter((k) => figures.activities.byKind.has(k))
          .map((k) => ({ kind: k, label: ACTIVITY_KINDS.labels[k], count: figures.activities.byKind.get(k)! })),
      },
      receptionDays: figures.duties,
      opinions: figures.cases,
      campaigns: figures.campaigns,
      suggestions: suggestions.summary,
      consultations: consultations.summary,
      budget: budget.summary,
      livelihood: livelihood.summary,
      reportBacks: reportBacks.summary,
      points,
    },
    activities: record.activities.map((a) => ({
      id: a.id, date: dateText(a.startsAt), kind: a.kind, kindLabel: ACTIVITY_KINDS.labels[a.kind], title: a.title, station: a.station,
      campaign: a.campaign, attendance: a.attendance, attendanceLabel: ATTENDANCE.labels[a.attendance],
    })),
    opinions: record.cases.map((c) => ({
      id: c.id, trackingCode: c.trackingCode, date: dateText(c.submittedAt), category: c.category, summary: brief(c.content),
      state: c.state, stateLabel: CASE_STATE_LABELS.labels[c.state], rating: c.rating, ratingLabel: c.rating ? RATING_LABELS.labels[c.rating] : null,
      addressed: c.addressed, answeredByDeputy: c.answeredBy, collectedAtActivity: c.collected,
    })),
    campaigns: [...campaigns.values()],
    suggestions: suggestions.items,
    consultations: consultations.items,
    budgetReviews: budget.items,
    livelihoodProjects: livelihood.projects,
    livelihoodEvaluations: livelihood.evaluations,
    reportBacks: reportBacks.items,
    mediations,
    receptionDays: record.duties.map((r) => ({ date: r.date, station: r.station, status: r.status, statusLabel: DUTY_LABELS[r.status] })),
  };
}
export type DeputyArchive = Awaited<ReturnType<typeof getDeputyArchive>>;
