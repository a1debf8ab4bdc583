/**
 * The reads of cross-province stations, each scoped in its SQL: a station out of sight (or not
 * cross-province) answers 404 exactly as a missing one.
 */
import { sql, type Kysely } from 'kysely';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../common/enums.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { withStoredBytes } from '../../platform/files/index.js';
import { maskText } from '../../platform/text/maskText.js';
import { caseColumns, caseVisible } from '../cases/index.js';
import { suggestionColumns, suggestionVisible } from '../suggestions/index.js';
import { chairOrHost, crossStationVisible, hostOperable } from './access.js';
import { halfYearAfter, month, quarter, week, type Period } from './periods.js';

/** 廉江's "周周有接待, 月月有交流, 季季有互动", the cadence of a station that set none. */
export const DEFAULT_CADENCE = {
  receptionsPerWeek: 1, exchangesPerMonth: 1, jointPerQuarter: 1,
  receptionKinds: ['reception'] as ActivityKind[], exchangeKinds: ['training', 'research', 'group', 'joint_meeting'] as ActivityKind[],
  jointKinds: ['joint_meeting', 'inspection', 'theme', 'mediation'] as ActivityKind[],
};

async function stationRow(db: Kysely<DB>, actor: AnyActor, stationId: number) {
  const day = today();
  const row = await db.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.name', 'h.region_code', 'h.region_path',
      hostOperable(actor, ref('s.id'), ref('h.region_path')).as('host'),
      chairOrHost(actor, ref('s.id'), ref('h.region_path'), day).as('chair')])
    .where('s.id', '=', stationId).where(crossStationVisible(actor, ref('s.id'), ref('s.type'))).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function currentChair(db: Kysely<DB>, stationId: number, day: string) {
  return db.selectFrom('cross_province_chair as c').innerJoin('region as r', 'r.code', 'c.region_code')
    .select(['c.id', 'c.starts_on', 'c.ends_on', 'c.region_code', 'r.name as region_name', 'c.chair_name', 'c.accepted_at'])
    .where('c.station_id', '=', stationId).where('c.starts_on', '<=', day).where('c.ends_on', '>=', day).executeTakeFirst();
}

const chairView = (c: { id: number; starts_on: string; ends_on: string; region_code: string; region_name: string; chair_name: string; accepted_at: Date | null }) => ({
  id: c.id, startsOn: c.starts_on, endsOn: c.ends_on, regionCode: c.region_code, regionName: c.region_name, chairName: c.chair_name, accepted: c.accepted_at !== null,
});

/** The cross-province stations in reach, with this quarter's chair. */
export async function listStations(db: Kysely<DB>, actor: AnyActor) {
  const day = today();
  const rows = await db.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .innerJoin('region as r', 'r.code', 'h.region_code')
    .leftJoin('cross_province_chair as c', (j) => j.onRef('c.station_id', '=', 's.id').on('c.starts_on', '<=', day).on('c.ends_on', '>=', day))
    .leftJoin('region as cr', 'cr.code', 'c.region_code')
    .select(['s.id', 's.name', 'r.full_name as home', 'c.chair_name', 'cr.name as chair_region'])
    .where('s.active', '=', true).where(crossStationVisible(actor, ref('s.id'), ref('s.type'))).orderBy('s.id').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, home: r.home, chair: r.chair_name ? { name: r.chair_name, regionName: r.chair_region ?? '' } : null })) };
}

/** A station's whole picture: sides, agreements with parties and files, rota, meetings, what the reader may do. */
export async function getOverview(db: Kysely<DB>, actor: AnyActor, stationId: number) {
  const s = await stationRow(db, actor, stationId);
  const day = today();
  const sides = await db.selectFrom('station_region as sr').innerJoin('region as r', 'r.code', 'sr.region_code')
    .select(['sr.region_code', 'r.name', 'r.full_name', 'sr.is_home']).where('sr.station_id', '=', stationId).orderBy('sr.is_home', 'desc').orderBy('sr.region_code').execute();
  const agreements = await db.selectFrom('cross_province_agreement').selectAll().where('station_id', '=', stationId).orderBy('signed_on', 'desc').orderBy('id', 'desc').execute();
  const ids = agreements.length ? agreements.map((a) => a.id) : [0];
  const parties = await db.selectFrom('cross_province_party as p').innerJoin('region as r', 'r.code', 'p.region_code')
    .leftJoin('deputy as d', 'd.id', 'p.chair_deputy_id')
    .select(['p.agreement_id', 'p.region_code', 'r.full_name', 'p.congress_name', 'p.joined_on', 'p.ordinal', 'p.chair_name', 'd.name as deputy_name'])
    .where('p.agreement_id', 'in', ids).orderBy('p.ordinal').execute();
  const files = await db.selectFrom('cross_province_file').select(['id', 'agreement_id', 'kind', 'name', 'mime', 'size'])
    .where('agreement_id', 'in', ids).orderBy('id').execute();
  const chairs = await db.selectFrom('cross_province_chair as c').innerJoin('region as r', 'r.code', 'c.region_code')
    .select(['c.id', 'c.starts_on', 'c.ends_on', 'c.region_code', 'r.name as region_name', 'c.chair_name', 'c.accepted_at'])
    .where('c.station_id', '=', stationId).where('c.ends_on', '>=', quarter(day, -4).start).orderBy('c.starts_on').execute();
  const meetings = await db.selectFrom('cross_province_meeting').select(['id', 'scheduled_on', 'title', 'place', 'state', 'minutes', 'activity_id', 'held_at', 'version'])
    .where('station_id', '=', stationId).orderBy('scheduled_on', 'desc').limit(20).execute();
  const attendance = await db.selectFrom('cross_province_attendance as a').innerJoin('region as r', 'r.code', 'a.region_code')
    .select(['a.meeting_id', 'a.region_code', 'r.name', 'a.present', 'a.names'])
    .where('a.meeting_id', 'in', meetings.length ? meetings.map((m) => m.id) : [0]).execute();
  const current = await currentChair(db, stationId, day);
  const lastHeld = meetings.find((m) => m.state === 'held');
  const next = chairs.find((c) => c.starts_on > day);
  return {
    id: s.id, name: s.name, today: day,
    sides: sides.map((r) => ({ regionCode: r.region_code, name: r.name, fullName: r.full_name, home: r.is_home })),
    agreements: agreements.map((a) => ({
      id: a.id, title: a.title, signedOn: a.signed_on, scope: a.scope, validFrom: a.valid_from, validTo: a.valid_to,
      expired: a.valid_to !== null && a.valid_to < day,
      parties: parties.filter((p) => p.agreement_id === a.id).map((p) => ({
        regionCode: p.region_code, regionName: p.full_name, congressName: p.congress_name, joinedOn: p.joined_on, ordinal: p.ordinal,
        chairName: p.chair_name || p.deputy_name || '', joinedLater: p.joined_on > a.signed_on,
      })),
      files: files.filter((f) => f.agreement_id === a.id).map((f) => ({ id: f.id, kind: f.kind, name: f.name, mime: f.mime, size: f.size, url: `/api/cross-province/agreements/${a.id}/files/${f.id}` })),
    })),
    currentChair: current ? chairView(current) : null,
    nextHandover: next ? { ...chairView(next), inDays: Math.round((Date.parse(next.starts_on) - Date.parse(day)) / 86_400_000) } : null,
    rota: chairs.map(chairView),
    meetings: meetings.map((m) => ({
      id: m.id, scheduledOn: m.scheduled_on, title: m.title, place: m.place, state: m.state, minutes: m.minutes, activityId: m.activity_id,
      heldAt: m.held_at?.toISOString() ?? null, version: m.version,
      attendance: attendance.filter((a) => a.meeting_id === m.id).map((a) => ({ regionCode: a.region_code, regionName: a.name, present: a.present, names: a.names })),
    })),
    suggestedMeetingOn: lastHeld ? halfYearAfter(lastHeld.scheduled_on) : day,
    canHost: Boolean(s.host), canChair: Boolean(s.chair),
  };
}

export async function getFile(db: Kysely<DB>, actor: AnyActor, agreementId: number, fileId: number) {
  const file = await db.selectFrom('cross_province_file as f').innerJoin('cross_province_agreement as a', 'a.id', 'f.agreement_id')
    .innerJoin('station as s', 's.id', 'a.station_id').select(['f.name', 'f.mime', 'f.sha256'])
    .where('f.id', '=', fileId).where('f.agreement_id', '=', agreementId).where(crossStationVisible(actor, ref('s.id'), ref('s.type'))).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}

async function cadenceOf(db: Kysely<DB>, stationId: number) {
  const row = await db.selectFrom('cross_province_cadence').selectAll().where('station_id', '=', stationId).executeTakeFirst();
  if (!row) return { ...DEFAULT_CADENCE, stored: false, version: 0 };
  return {
    receptionsPerWeek: row.receptions_per_week, exchangesPerMonth: row.exchanges_per_month, jointPerQuarter: row.joint_per_quarter,
    receptionKinds: row.reception_kinds as ActivityKind[], exchangeKinds: row.exchange_kinds as ActivityKind[], jointKinds: row.joint_kinds as ActivityKind[],
    stored: true, version: row.version,
  };
}

/** How many activities of the kinds were held at the station in each period, counted in one SQL query. */
async function heldIn(db: Kysely<DB>, stationId: number, kinds: string[], periods: Period[]): Promise<number[]> {
  if (periods.length === 0) return [];
  const starts = periods.map((p) => p.start);
  const ends = periods.map((p) => p.end);
  const rows = await sql<{ i: number; held: string }>`
    select p.i, (select count(*) from activity a where a.station_id = ${stationId} and a.kind = any(${kinds}::text[])
      and a.starts_at >= (p.start_on::timestamp at time zone 'Asia/Shanghai')
      and a.starts_at < ((p.end_on + 1)::timestamp at time zone 'Asia/Shanghai')) as held
    from unnest(${starts}::date[], ${ends}::date[]) with ordinality as p (start_on, end_on, i)
    order by p.i`.execute(db);
  return rows.rows.map((r) => Number(r.held));
}

/**
 * The cadence against what was held: the recent weeks, months and quarters (the current one
 * included, marked running, never flagged), expected vs held, gaps flagged.
 */
export async function cadenceReport(db: Kysely<DB>, actor: AnyActor, stationId: number, counts: { weeks: number; months: number; quarters: number }) {
  const s = await stationRow(db, actor, stationId);
  const cadence = await cadenceOf(db, stationId);
  const day = today();
  const measure = async (expected: number, kinds: ActivityKind[], periods: Period[]) => {
    const held = await heldIn(db, stationId, kinds, periods);
    return periods.map((p, i) => {
      const running = p.end >= day;
      return { start: p.start, end: p.end, expected, held: held[i]!, running, gap: !running && held[i]! < expected };
    });
  };
  const back = (n: number, of: (d: string, k: number) => Period) => Array.from({ length: n }, (_, i) => of(day, i - n + 1));
  const weeks = await measure(cadence.receptionsPerWeek, cadence.receptionKinds, back(counts.weeks, week));
  const months = await measure(cadence.exchangesPerMonth, cadence.exchangeKinds, back(counts.months, month));
  const quarters = await measure(cadence.jointPerQuarter, cadence.jointKinds, back(counts.quarters, quarter));
  const gaps = [...weeks, ...months, ...quarters].filter((p) => p.gap).length;
  return { stationId: s.id, cadence, weeks, months, quarters, gaps, canEdit: Boolean(s.host) };
}

export async function getCadence(db: Kysely<DB>, actor: AnyActor, stationId: number) {
  await stationRow(db, actor, stationId);
  return cadenceOf(db, stationId);
}

const issueColumns = ['i.id', 'i.title', 'i.category', 'i.description', 'i.status', 'i.deadline', 'i.updated_at', 'i.version'] as const;

async function sidesOf(db: Kysely<DB>, issueIds: number[]) {
  return db.selectFrom('cross_province_issue_side as x').innerJoin('region as r', 'r.code', 'x.region_code')
    .select(['x.issue_id', 'x.region_code', 'r.name']).where('x.issue_id', 'in', issueIds.length ? issueIds : [0]).orderBy('x.region_code').execute();
}

/** The joint governance list of a station, every side reads it; `canEdit` for the host and this quarter's chair side. */
export async function listIssues(db: Kysely<DB>, actor: AnyActor, stationId: number) {
  const s = await stationRow(db, actor, stationId);
  const day = today();
  const rows = await db.selectFrom('cross_province_issue as i').select(issueColumns).where('i.station_id', '=', stationId)
    .orderBy(sql`case i.status when 'resolved' then 1 else 0 end`).orderBy('i.id').execute();
  const sides = await sidesOf(db, rows.map((r) => r.id));
  const current = await currentChair(db, stationId, day);
  return {
    items: rows.map((r) => ({
      id: r.id, title: r.title, category: r.category, description: r.description, status: r.status, deadline: r.deadline,
      overdue: r.deadline !== null && r.deadline < day && r.status !== 'resolved', updatedAt: r.updated_at.toISOString(), version: r.version,
      sides: sides.filter((x) => x.issue_id === r.id).map((x) => ({ regionCode: x.region_code, name: x.name })),
    })),
    canEdit: Boolean(s.chair), chair: current ? chairView(current) : null,
  };
}

export async function getIssue(db: Kysely<DB>, actor: AnyActor, issueId: number) {
  const issue = await db.selectFrom('cross_province_issue as i').select([...issueColumns, 'i.station_id']).where('i.id', '=', issueId).executeTakeFirst();
  if (!issue) throw new AppError('NOT_FOUND');
  const s = await stationRow(db, actor, issue.station_id);
  const notes = await db.selectFrom('cross_province_issue_note').select(['id', 'at', 'body', 'status_from', 'status_to', 'author_name'])
    .where('issue_id', '=', issueId).orderBy('at').orderBy('id').execute();
  const linked = await db.selectFrom('cross_province_issue_link').select(['kind', 'target_id']).where('issue_id', '=', issueId).orderBy('kind').orderBy('target_id').execute();
  const ids = (kind: string) => { const list = linked.filter((l) => l.kind === kind).map((l) => l.target_id); return list.length ? list : [0]; };
  // A linked case or suggestion shows its tracking code or title and state only to a reader who reaches it; others see its number.
  const cases = await db.selectFrom('opinion as o').select(['o.id', 'o.tracking_code as label', 'o.state'])
    .where('o.id', 'in', ids('case')).where(caseVisible(actor, caseColumns('o'))).execute();
  const suggestions = await db.selectFrom('suggestion as s').select(['s.id', 's.title as label', 's.state'])
    .where('s.id', 'in', ids('suggestion')).where(suggestionVisible(actor, suggestionColumns('s'))).execute();
  const links = linked.map((l) => {
    const found = (l.kind === 'case' ? cases : suggestions).find((x) => x.id === l.target_id);
    return { kind: l.kind, id: l.target_id, label: found ? String(found.label) : `#${l.target_id}`, state: found ? String(found.state) : '' };
  });
  const sides = await sidesOf(db, [issueId]);
  return {
    id: issue.id, stationId: issue.station_id, stationName: s.name, title: issue.title, category: issue.category, description: issue.description,
    status: issue.status, deadline: issue.deadline, overdue: issue.deadline !== null && issue.deadline < today() && issue.status !== 'resolved',
    updatedAt: issue.updated_at.toISOString(), version: issue.version,
    sides: sides.map((x) => ({ regionCode: x.region_code, name: x.name })),
    notes: notes.map((n) => ({ id: n.id, at: n.at.toISOString(), body: n.body, statusFrom: n.status_from, statusTo: n.status_to, author: n.author_name })),
    links,
    canEdit: Boolean(s.chair),
  };
}

/** The governance list as published on the station's public page: no personal data (names and phones in texts masked), no notes' authors. */
export async function publicIssues(db: Kysely<DB>, stationId: number) {
  const station = await db.selectFrom('station').select(['id', 'name']).where('id', '=', stationId).where('type', '=', 'cross_province').where('active', '=', true).executeTakeFirst();
  if (!station) throw new AppError('NOT_FOUND');
  const rows = await db.selectFrom('cross_province_issue as i').select(issueColumns).where('i.station_id', '=', stationId).orderBy('i.id').execute();
  const sides = await sidesOf(db, rows.map((r) => r.id));
  const notes = await db.selectFrom('cross_province_issue_note').select(['issue_id', 'at', 'body', 'status_to'])
    .where('issue_id', 'in', rows.length ? rows.map((r) => r.id) : [0]).orderBy('at').execute();
  return {
    stationName: station.name,
    items: rows.map((r) => ({
      id: r.id, title: maskText(r.title), category: r.category, description: maskText(r.description), status: r.status, deadline: r.deadline,
      sides: sides.filter((x) => x.issue_id === r.id).map((x) => x.name),
      progress: notes.filter((n) => n.issue_id === r.id).map((n) => ({ at: n.at.toISOString(), body: maskText(n.body), statusTo: n.status_to })),
    })),
  };
}

/** The shared calendar of a month: every side's activities at the station, and the joint meetings. */
export async function calendarMonth(db: Kysely<DB>, actor: AnyActor, stationId: number, monthOf: string) {
  await stationRow(db, actor, stationId);
  const m = month(`${monthOf}-01`);
  const activities = await sql<{ id: number; kind: string; title: string; starts_at: Date; place: string; creator_region: string | null }>`
    select a.id, a.kind, a.title, a.starts_at, a.place, r.name as creator_region
    from activity a left join account acc on acc.id = a.created_by_account_id left join region r on r.code = acc.region_code
    where a.station_id = ${stationId}
      and a.starts_at >= (${m.start}::date::timestamp at time zone 'Asia/Shanghai')
      and a.starts_at < ((${m.end}::date + 1)::timestamp at time zone 'Asia/Shanghai')
    order by a.starts_at, a.id`.execute(db);
  const meetings = await db.selectFrom('cross_province_meeting').select(['id', 'scheduled_on', 'title', 'state', 'activity_id'])
    .where('station_id', '=', stationId).where('state', '=', 'scheduled').where('scheduled_on', '>=', m.start).where('scheduled_on', '<=', m.end).execute();
  const kindLabel = (k: string) => ACTIVITY_KINDS.labels[k as ActivityKind] ?? { zh: k, en: k };
  const items = [
    ...activities.rows.map((a) => ({
      date: new Date(a.starts_at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }), kind: a.kind, kindLabel: kindLabel(a.kind), title: a.title,
      source: 'activity' as const, id: a.id, side: a.creator_region ?? '', href: `/activities/${a.id}`,
    })),
    ...meetings.map((x) => ({ date: x.scheduled_on, kind: 'joint_meeting', kindLabel: kindLabel('joint_meeting'), title: x.title, source: 'meeting' as const, id: x.id, side: '', href: null })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  return { month: monthOf, start: m.start, end: m.end, items };
}
