/**
 * What an election round (换届) starts from: the running term, its serving deputies with their
 * stations, seats elsewhere and open cases, the stations of the congress's region, and the
 * roster uploaded for the round; and the coverage (编组进站) of a term. Read inside the round's
 * transaction when it runs, so the plan written is the plan checked.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CASE_STATE_LABELS } from '../../../common/caseVocabulary.js';
import { DEPUTY_LEVELS, STATION_MEMBER_ROLES, type DeputyLevel, type StationMemberRole } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { congressTermName } from './congressTerms.js';
import { OPEN_STATES, type CaseState } from '../cases/index.js';
import {
  coverageOf, type Coverage, type Membership, type OpenCase, type OtherMember, type PersonKey, type RosterRow, type RoundPlan, type RoundState,
} from './round.js';
import { personKeyKind, personKeys, type DeputyRowData } from '../deputies/index.js';
import { AppError, errorCatalog, errorMessage, FIELD_MESSAGES, type ErrorCode, type FieldMessageCode, type Lang } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { deputyVisible, ref } from '../../platform/access/scope.js';
import { termManageable, termVisible } from './access.js';

export interface RoundTerm {
  id: number;
  level: DeputyLevel;
  region_code: string | null;
  region_path: string;
  region_name: string | null;
  number: number;
  starts_on: string;
  ends_on: string | null;
  version: number;
}

/**
 * The term a round or its coverage is about, as the caller may manage it: 404 when they cannot
 * see it, 403 when they see it but do not manage it. `lock` takes the row for the round.
 */
export async function requireRoundTerm(db: Kysely<DB>, actor: Actor, termId: number, options: { lock?: boolean; latest?: boolean } = {}): Promise<RoundTerm> {
  let q = db.selectFrom('congress_term as t')
    .select(['t.id', 't.level', 't.region_code', 't.region_path', 't.number', 't.starts_on', 't.ends_on', 't.version',
      termManageable(actor, ref('t.region_path')).as('can_manage')])
    .where('t.id', '=', termId).where(termVisible(actor, ref('t.region_path')));
  if (options.lock) q = q.forUpdate();
  const t = await q.executeTakeFirst();
  if (!t) throw new AppError('NOT_FOUND');
  if (!t.can_manage) throw new AppError('FORBIDDEN');
  if (options.latest ?? true) {
    const later = await db.selectFrom('congress_term').select('number')
      .where('level', '=', t.level).where(sql<boolean>`region_code is not distinct from ${t.region_code}`)
      .where('number', '>', t.number).orderBy('number', 'desc').limit(1).executeTakeFirst();
    if (later) throw new AppError('ROUND_TERM_NOT_LATEST', { number: later.number });
  }
  const region = t.region_code === null ? null : await db.selectFrom('region').select('name').where('code', '=', t.region_code).executeTakeFirst();
  return {
    id: t.id, level: t.level, region_code: t.region_code, region_path: t.region_path, region_name: region?.name ?? null,
    number: t.number, starts_on: t.starts_on, ends_on: t.ends_on, version: t.version,
  };
}

/** The deputies holding a running seat in the term: recorded in `deputy_term`, or by their level alone. */
export function termSeatHolders(t: Pick<RoundTerm, 'id' | 'level' | 'region_code' | 'number'>): RawBuilder<number> {
  const congress = t.region_code === null ? sql`dl.region_code is null` : sql`dl.region_code = ${t.region_code}`;
  return sql<number>`(select dt.deputy_id from deputy_term dt where dt.term_id = ${t.id} and dt.outcome is null
    union select dl.deputy_id from deputy_level dl where dl.level = ${t.level} and ${congress} and dl.term = ${t.number}
      and not exists (select 1 from deputy_term x where x.deputy_id = dl.deputy_id and x.term_id = ${t.id}))`;
}

const openStates = sql.join(OPEN_STATES.map((s) => sql`${s}`));

export interface LoadedRound {
  state: RoundState;
  /** Details of the serving deputies for the inputs page. */
  deputies: Map<number, { gender: 'male' | 'female'; phone: string | null }>;
  stationNames: Map<number, string>;
  /** The home region's name of the region's stations and the cases' stations. */
  stationRegions: Map<number, string>;
  otherSeats: Map<number, { level: DeputyLevel; term: number }[]>;
}

/** Everything the plan needs, read as it is now (inside the round's transaction when it runs). */
export async function loadRound(db: Kysely<DB>, actor: Actor, t: RoundTerm, rosterImportId?: number): Promise<LoadedRound> {
  const holders = termSeatHolders(t);
  const [otherTerms, deputies, memberships, seats, stations, cases] = await Promise.all([
    db.selectFrom('congress_term').select(['number', 'starts_on', 'ends_on'])
      .where('level', '=', t.level).where(sql<boolean>`region_code is not distinct from ${t.region_code}`).where('id', '<>', t.id).execute(),
    db.selectFrom('deputy as d').select(['d.id', 'd.name', 'd.gender', 'd.phone'])
      .where(sql<boolean>`d.id in ${holders}`).where('d.status', '=', 'current').where('d.active', '=', true)
      .orderBy('d.name').orderBy('d.id').execute(),
    db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
      .select(['ds.deputy_id', 'ds.station_id', 'ds.role', 's.name'])
      .where(sql<boolean>`ds.deputy_id in ${holders}`).orderBy('ds.station_id').execute(),
    db.selectFrom('deputy_level as dl').select(['dl.deputy_id', 'dl.level', 'dl.term'])
      .where(sql<boolean>`dl.deputy_id in ${holders}`)
      .where(sql<boolean>`not (dl.level = ${t.level} and dl.region_code is not distinct from ${t.region_code})`).execute(),
    db.selectFrom('station as s').innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .innerJoin('region as r', 'r.code', 'h.region_code')
      .select(['s.id', 's.name', 'r.name as region_name']).where('s.active', '=', true).where('h.region_path', 'like', `${t.region_path}%`).orderBy('s.id').execute(),
    db.selectFrom('opinion as o').innerJoin('station as s', 's.id', 'o.station_id').innerJoin('region as r', 'r.code', 's.home_region_code')
      .select(['o.id', 'o.tracking_code', 'o.state', 'o.station_id', 's.name as station_name', 'r.name as region_name',
        sql<number>`coalesce(o.holder_deputy_id, o.deputy_id)`.as('holder_id')])
      .where(sql<boolean>`o.state in (${openStates})`)
      .where(sql<boolean>`coalesce(o.holder_deputy_id, o.deputy_id) in ${holders}`)
      .orderBy('o.id').execute(),
  ]);
  const servingIds = new Set(deputies.map((d) => d.id));
  const stationMap = new Map(stations.map((s) => [s.id, { id: s.id, name: s.name }]));
  const caseStations = new Map<number, { id: number; name: string }>();
  for (const c of cases) if (!stationMap.has(c.station_id)) caseStations.set(c.station_id, { id: c.station_id, name: c.station_name });
  const stationNames = new Map<number, string>([...stations.map((s) => [s.id, s.name] as const), ...memberships.map((m) => [m.station_id, m.name] as const)]);
  for (const s of caseStations.values()) stationNames.set(s.id, s.name);

  const lookedAt = [...stationMap.keys(), ...caseStations.keys()];
  const others: OtherMember[] = lookedAt.length === 0 ? [] : (await db.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
    .select(['ds.deputy_id', 'ds.station_id', 'ds.role', 'd.name', 'd.status', 'd.active', 'd.special_liaison'])
    .where('ds.station_id', 'in', lookedAt).execute())
    .filter((m) => !servingIds.has(m.deputy_id))
    .map((m) => ({
      deputyId: m.deputy_id, stationId: m.station_id, role: m.role, name: m.name,
      serving: m.active && m.status === 'current', specialLiaison: m.status === 'former' && m.special_liaison,
    }));

  const byDeputy = new Map<number, Membership[]>();
  for (const m of memberships) {
    const list = byDeputy.get(m.deputy_id);
    const entry = { stationId: m.station_id, role: m.role };
    if (list) list.push(entry); else byDeputy.set(m.deputy_id, [entry]);
  }
  const otherSeats = new Map<number, { level: DeputyLevel; term: number }[]>();
  for (const s of seats) otherSeats.set(s.deputy_id, [...(otherSeats.get(s.deputy_id) ?? []), { level: s.level, term: s.term }]);

  const roster = rosterImportId === undefined ? null : await loadRoster(db, actor, t, rosterImportId);
  return {
    state: {
      term: { id: t.id, number: t.number, startsOn: t.starts_on, endsOn: t.ends_on, version: t.version },
      otherTerms: otherTerms.map((o) => ({ number: o.number, startsOn: o.starts_on, endsOn: o.ends_on })),
      serving: deputies.map((d) => ({ id: d.id, name: d.name, otherSeats: otherSeats.get(d.id)?.length ?? 0, memberships: byDeputy.get(d.id) ?? [] })),
      stations: stationMap,
      caseStations,
      others,
      roster,
      openCases: cases.map((c): OpenCase => ({ id: c.id, trackingCode: c.tracking_code, state: c.state, stationId: c.station_id, holderId: c.holder_id })),
    },
    deputies: new Map(deputies.map((d) => [d.id, { gender: d.gender, phone: d.phone }])),
    stationNames,
    stationRegions: new Map([...stations.map((x) => [x.id, x.region_name] as const), ...cases.map((c) => [c.station_id, c.region_name] as const)]),
    otherSeats,
  };
}

/**
 * The roster uploaded for this round, its rows matched again with the people registered now
 * (someone may have been registered since the upload).
 */
async function loadRoster(db: Kysely<DB>, actor: Actor, t: RoundTerm, batchId: number): Promise<RoundState['roster']> {
  const batch = await db.selectFrom('import_batch').select(['status', 'error_rows', 'term_id', 'failure'])
    .where('id', '=', batchId).where('kind', '=', 'deputies').where('created_by', '=', actor.accountId).executeTakeFirst();
  if (!batch || batch.term_id !== t.id) return { batchProblem: { code: 'ROUND_ROSTER_UNKNOWN' }, rows: [] };
  if (batch.status !== 'ready') return { batchProblem: { code: 'ROUND_ROSTER_NOT_READY', details: { status: batch.status } }, rows: [] };
  if (batch.error_rows > 0) return { batchProblem: { code: 'ROUND_ROSTER_HAS_ERRORS', details: { errorRows: batch.error_rows } }, rows: [] };
  const staged = (await db.selectFrom('import_row').select(['row_no', 'data']).where('batch_id', '=', batchId).orderBy('row_no').execute())
    .map((r) => ({ row: r.row_no, d: r.data as unknown as DeputyRowData }));

  const names = [...new Set(staged.map((r) => r.d.name))];
  const known = new Map<string, { id: number; name: string; status: 'current' | 'former' }>();
  for (let i = 0; i < names.length; i += 1000) {
    const found = await db.selectFrom('deputy as d').select(['d.id', 'd.name', 'd.phone', 'd.birth_year', 'd.status'])
      .where('d.name', 'in', names.slice(i, i + 1000)).where('d.active', '=', true)
      .where(deputyVisible(actor, ref('d.id'), ref('d.region_path'))).orderBy('d.id').execute();
    for (const d of found) {
      for (const key of personKeys({ name: d.name, phone: d.phone, birthYear: d.birth_year })) if (!known.has(key)) known.set(key, { id: d.id, name: d.name, status: d.status });
    }
  }
  const matched = new Map<number, { id: number; name: string; status: 'current' | 'former'; by: 'phone' | 'birthYear' }>();
  for (const r of staged) {
    const key = personKeys(r.d).find((k) => known.has(k));
    if (key) matched.set(r.row, { ...known.get(key)!, by: personKeyKind(key) });
  }
  const matchedIds = [...new Set([...matched.values()].map((m) => m.id))];
  const memberships = new Map<number, Membership[]>();
  if (matchedIds.length) {
    for (const m of await db.selectFrom('deputy_station').select(['deputy_id', 'station_id', 'role'])
      .where('deputy_id', 'in', matchedIds).orderBy('station_id').execute()) {
      memberships.set(m.deputy_id, [...(memberships.get(m.deputy_id) ?? []), { stationId: m.station_id, role: m.role }]);
    }
  }
  const stationIds = [...new Set(staged.flatMap((r) => r.d.stations.map((s) => s.id)))];
  const active = new Set(stationIds.length === 0 ? [] : (await db.selectFrom('station').select('id')
    .where('id', 'in', stationIds).where('active', '=', true).execute()).map((s) => s.id));
  const rows: RosterRow[] = staged.map((r) => {
    const m = matched.get(r.row);
    return {
      row: r.row, name: r.d.name,
      match: m ? { ...m, memberships: memberships.get(m.id) ?? [] } : null,
      stations: r.d.stations.map((s) => ({ id: s.id, name: s.name, role: s.role, active: active.has(s.id) })),
    };
  });
  return { batchProblem: null, rows };
}

// ── presenting ────────────────────────────────────────────────────────────────────────────

const roleLabel = (role: StationMemberRole) => STATION_MEMBER_ROLES.labels[role];

export function presentCoverage(c: Coverage, term: { id: number | null; number: number; name: { zh: string; en: string } }) {
  return {
    term,
    serving: c.serving, stationed: c.stationed, stationedRate: c.stationedRate,
    stationCount: c.stationCount, coveredCount: c.coveredCount, coverageRate: c.coverageRate, headedCount: c.headedCount,
    stations: c.stations.map((s) => ({ ...s, deputies: s.deputies.map((d) => ({ ...d, roleLabel: roleLabel(d.role) })) })),
    unstationed: c.unstationed,
  };
}

/** A problem's message in the caller's language: a field message, or an error's with its details. */
export function problemMessage(code: string, lang: Lang, details: Record<string, unknown> = {}): string {
  if (Object.hasOwn(FIELD_MESSAGES, code)) return FIELD_MESSAGES[code as FieldMessageCode][lang];
  if (Object.hasOwn(errorCatalog(), code)) return errorMessage(code as ErrorCode, lang, details);
  return code;
}

export function presentProblems(problems: RoundPlan['problems'], lang: Lang) {
  return problems.map((p) => ({ path: p.path, code: p.code, message: problemMessage(p.code, lang, p.details), ...(p.details && { details: p.details }) }));
}

export function termLabel(t: Pick<RoundTerm, 'level' | 'region_name'>, number: number) {
  return congressTermName(t.level, t.region_name, number);
}

/** The plan as the preview answers it. */
export function presentPlan(loaded: LoadedRound, t: RoundTerm, next: { number: number; startsOn: string }, plan: RoundPlan, lang: Lang) {
  const { state } = loaded;
  const name = (id: number) => loaded.stationNames.get(id) ?? state.stations.get(id)?.name ?? state.caseStations.get(id)?.name ?? '';
  const reElected = new Set(plan.people.filter((p) => p.joinedBy === 're_elected').map((p) => p.deputyId));
  return {
    ok: plan.problems.length === 0,
    closing: { id: t.id, number: t.number, startsOn: t.starts_on, endsOn: plan.closingEndsOn, name: termLabel(t, t.number) },
    next: { number: next.number, startsOn: next.startsOn, name: termLabel(t, next.number) },
    counts: plan.counts,
    roster: (state.roster?.rows ?? []).map((r) => ({
      row: r.row, name: r.name,
      match: r.match ? { deputyId: r.match.id, name: r.match.name, status: r.match.status, by: r.match.by, reElected: reElected.has(r.match.id) } : null,
      stations: r.stations.map((s) => ({ id: s.id, name: s.name, role: s.role, roleLabel: roleLabel(s.role) })),
    })),
    coverage: presentCoverage(plan.coverage, { id: null, number: next.number, name: termLabel(t, next.number) }),
    handovers: plan.handovers.map((h) => ({
      caseId: h.caseId, trackingCode: h.trackingCode, state: h.state as CaseState, stateLabel: CASE_STATE_LABELS.labels[h.state as CaseState],
      station: { id: h.stationId, name: name(h.stationId) },
      from: h.from,
      to: h.to ? { deputyId: h.to.deputyId, rosterRow: h.to.rosterRow, name: h.to.name } : null,
    })),
    problems: presentProblems(plan.problems, lang),
  };
}

/** What the round starts from, for the page. */
export async function roundInputs(db: Kysely<DB>, actor: Actor, termId: number, today: string) {
  const t = await requireRoundTerm(db, actor, termId);
  const loaded = await loadRound(db, actor, t);
  const { state } = loaded;
  const openBy = new Map<number, number>();
  const openAt = new Map<number, number>();
  for (const c of state.openCases) {
    openBy.set(c.holderId, (openBy.get(c.holderId) ?? 0) + 1);
    openAt.set(c.stationId, (openAt.get(c.stationId) ?? 0) + 1);
  }
  const suggestedStart = t.ends_on !== null ? addDays(t.ends_on, 1) : today > t.starts_on ? today : addDays(t.starts_on, 1);
  return {
    t,
    suggested: { number: t.number + 1, startsOn: suggestedStart, name: termLabel(t, t.number + 1) },
    deputies: state.serving.map((d) => ({
      id: d.id, name: d.name, gender: loaded.deputies.get(d.id)!.gender, phone: loaded.deputies.get(d.id)!.phone,
      otherSeats: (loaded.otherSeats.get(d.id) ?? []).map((s) => ({ level: s.level, levelLabel: DEPUTY_LEVELS.labels[s.level], term: s.term })),
      stations: d.memberships.map((m) => ({ id: m.stationId, name: loaded.stationNames.get(m.stationId) ?? '', role: m.role, roleLabel: roleLabel(m.role) })),
      openCases: openBy.get(d.id) ?? 0,
    })),
    stations: [...state.stations.values(), ...state.caseStations.values()].map((s) => ({
      id: s.id, name: s.name, regionName: loaded.stationRegions.get(s.id) ?? '', openCasesOfDeputies: openAt.get(s.id) ?? 0,
    })),
  };
}

/**
 * The coverage of a term: its deputies still serving, and the active stations of the
 * congress's region with their serving members (of any congress) and 站长.
 */
export async function termCoverage(db: Kysely<DB>, actor: Actor, termId: number) {
  const t = await requireRoundTerm(db, actor, termId, { latest: false });
  const loaded = await loadRound(db, actor, t);
  const { state } = loaded;
  const key = (id: number): PersonKey => `d${id}`;
  const members = [
    ...state.others.map((o) => ({ key: key(o.deputyId), deputyId: o.deputyId, rosterRow: null, name: o.name, stationId: o.stationId, role: o.role, serving: o.serving, thisTerm: false, specialLiaison: o.specialLiaison })),
    ...state.serving.flatMap((d) => d.memberships.map((m) => ({ key: key(d.id), deputyId: d.id, rosterRow: null, name: d.name, stationId: m.stationId, role: m.role, serving: true, thisTerm: true, specialLiaison: false }))),
  ].filter((m) => state.stations.has(m.stationId));
  const coverage = coverageOf([...state.stations.values()], members, state.serving.map((d) => ({ key: key(d.id), deputyId: d.id, rosterRow: null, name: d.name })));
  return presentCoverage(coverage, { id: t.id, number: t.number, name: termLabel(t, t.number) });
}
