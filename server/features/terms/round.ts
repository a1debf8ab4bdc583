/**
 * The election round (换届) of one congress, as a plan: from the running term's deputies, the
 * region's stations, the roster of the next term and the staff's decisions, what becomes of
 * every person, every station membership and every open case, what the coverage (编组进站)
 * will be, and what blocks it. No database here: `queries/electionRound.ts` loads the state,
 * `commands/electionRound.ts` writes the plan.
 */
import type { StationMemberRole } from '../../../common/enums.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { termConflict, type TermConflict, type TermDates } from './congressTerms.js';

export type RoundOutcome = 're_elected' | 'leaves';

export interface RoundInput {
  version: number;
  next: { number: number; startsOn: string };
  deputies: { deputyId: number; outcome: RoundOutcome; specialLiaison?: boolean | undefined }[];
  rosterImportId?: number | undefined;
  memberships?: { deputyId?: number | undefined; rosterRow?: number | undefined; stations: { stationId: number; role: StationMemberRole }[] }[] | undefined;
  successors?: { stationId: number; deputyId?: number | undefined; rosterRow?: number | undefined }[] | undefined;
}

export interface Membership { stationId: number; role: StationMemberRole }

/** A serving deputy of the term being closed. */
export interface ServingDeputy {
  id: number;
  name: string;
  /** Seats in other congresses: such a deputy keeps serving whatever happens here. */
  otherSeats: number;
  memberships: Membership[];
}

/** A member of a station the plan looks at who is not affected by the round. */
export interface OtherMember { deputyId: number; stationId: number; role: StationMemberRole; name: string; serving: boolean; specialLiaison: boolean }

export interface RosterRow {
  row: number;
  name: string;
  /** The registered person the row is, found again when the plan is made. */
  match: { id: number; name: string; status: 'current' | 'former'; by: 'phone' | 'birthYear'; memberships: Membership[] } | null;
  stations: { id: number; name: string; role: StationMemberRole; active: boolean }[];
}

export interface OpenCase { id: number; trackingCode: string; state: string; stationId: number; holderId: number }

export interface RoundState {
  term: TermDates & { id: number; version: number };
  /** The other terms of the same congress. */
  otherTerms: TermDates[];
  serving: ServingDeputy[];
  /** Active stations whose home region is in the congress's region, by id. */
  stations: Map<number, { id: number; name: string }>;
  /** Stations of the open cases outside the region (a successor may be named for them too). */
  caseStations: Map<number, { id: number; name: string }>;
  /** Members of those stations who are not serving deputies of the term. */
  others: OtherMember[];
  roster: { batchProblem: { code: string; details?: Record<string, unknown> } | null; rows: RosterRow[] } | null;
  openCases: OpenCase[];
}

export interface Problem { path: string; code: string; details?: Record<string, unknown> }

/** A person of the plan: a registered deputy (`d`) or a new one from a roster row (`r`). */
export type PersonKey = `d${number}` | `r${number}`;
const dKey = (id: number): PersonKey => `d${id}`;
const rKey = (row: number): PersonKey => `r${row}`;

export interface PersonPlan {
  key: PersonKey;
  deputyId: number | null;
  rosterRow: number | null;
  name: string;
  /** Sits in the new term. */
  newTerm: boolean;
  /** How they joined the new term. */
  joinedBy: 'elected' | 're_elected' | null;
  /** For a serving deputy of the old term: how their seat ends. */
  oldOutcome: 're_elected' | 'left' | null;
  /** Status after the round. */
  status: 'current' | 'former';
  specialLiaison: boolean;
  /** Keeps a seat in another congress (a leaving one then keeps status and stations). */
  otherSeats: boolean;
  before: Membership[];
  after: Membership[];
}

export interface CoverageStation {
  id: number;
  name: string;
  deputies: { id: number | null; rosterRow: number | null; name: string; role: StationMemberRole; thisTerm: boolean; specialLiaison: boolean }[];
  deputyCount: number;
  hasHead: boolean;
  flags: ('NO_DEPUTY' | 'NO_HEAD')[];
}

export interface Coverage {
  serving: number;
  stationed: number;
  stationedRate: number;
  stationCount: number;
  coveredCount: number;
  coverageRate: number;
  headedCount: number;
  stations: CoverageStation[];
  unstationed: { id: number | null; rosterRow: number | null; name: string }[];
}

export interface Handover {
  caseId: number;
  trackingCode: string;
  state: string;
  stationId: number;
  from: { id: number; name: string };
  to: { key: PersonKey; deputyId: number | null; rosterRow: number | null; name: string } | null;
}

export interface RoundPlan {
  closingEndsOn: string;
  people: PersonPlan[];
  coverage: Coverage;
  handovers: Handover[];
  problems: Problem[];
  counts: {
    serving: number; reElected: number; leaving: number; specialLiaisons: number;
    rosterRows: number; rosterMatched: number; rosterNew: number; newTermDeputies: number; casesHandedOver: number;
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000);

/** Whether a conflict of the next term with the congress's terms is about its number or its dates. */
function conflictProblem(conflict: TermConflict): Problem {
  const details = { number: conflict.other.number, dates: conflict.other.endsOn === null ? `${conflict.other.startsOn} –` : `${conflict.other.startsOn} – ${conflict.other.endsOn}` };
  if (conflict.kind === 'exists') return { path: 'next.number', code: 'TERM_EXISTS', details };
  if (conflict.kind === 'order') return { path: 'next.number', code: 'TERM_OUT_OF_ORDER', details };
  return { path: 'next.startsOn', code: 'TERM_OVERLAP', details };
}

/**
 * Coverage of the stations after the round (or as things are, with no changes): the people
 * of the term, the members of each station, who counts as serving.
 */
export function coverageOf(
  stations: { id: number; name: string }[],
  members: { key: PersonKey; deputyId: number | null; rosterRow: number | null; name: string; stationId: number; role: StationMemberRole; serving: boolean; thisTerm: boolean; specialLiaison: boolean }[],
  termPeople: { key: PersonKey; deputyId: number | null; rosterRow: number | null; name: string }[],
): Coverage {
  const byStation = new Map<number, typeof members>();
  for (const m of members) {
    const list = byStation.get(m.stationId);
    if (list) list.push(m); else byStation.set(m.stationId, [m]);
  }
  const stationed = new Set<PersonKey>();
  const list: CoverageStation[] = stations.map((s) => {
    const here = (byStation.get(s.id) ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const serving = here.filter((m) => m.serving);
    for (const m of here) if (m.thisTerm) stationed.add(m.key);
    const hasHead = serving.some((m) => m.role === 'head');
    const flags: CoverageStation['flags'] = [];
    if (serving.length === 0) flags.push('NO_DEPUTY');
    if (!hasHead) flags.push('NO_HEAD');
    return {
      id: s.id, name: s.name, deputyCount: serving.length, hasHead, flags,
      deputies: here.map((m) => ({ id: m.deputyId, rosterRow: m.rosterRow, name: m.name, role: m.role, thisTerm: m.thisTerm, specialLiaison: m.specialLiaison })),
    };
  });
  const covered = list.filter((s) => s.deputyCount > 0).length;
  const stationedCount = termPeople.filter((p) => stationed.has(p.key)).length;
  return {
    serving: termPeople.length,
    stationed: stationedCount,
    stationedRate: rate(stationedCount, termPeople.length),
    stationCount: list.length,
    coveredCount: covered,
    coverageRate: rate(covered, list.length),
    headedCount: list.filter((s) => s.hasHead).length,
    stations: list,
    unstationed: termPeople.filter((p) => !stationed.has(p.key)).map((p) => ({ id: p.deputyId, rosterRow: p.rosterRow, name: p.name })),
  };
}

function setMemberships(current: Membership[], add: Membership[]): Membership[] {
  const map = new Map(current.map((m) => [m.stationId, m.role]));
  for (const m of add) map.set(m.stationId, m.role);
  return [...map].map(([stationId, role]) => ({ stationId, role })).sort((a, b) => a.stationId - b.stationId);
}

/** The round as a plan, with every blocking problem found (none: it may run). */
export function planRound(state: RoundState, input: RoundInput): RoundPlan {
  const problems: Problem[] = [];
  const closingEndsOn = addDays(input.next.startsOn, -1);

  // ── terms ──
  if (input.next.startsOn <= state.term.startsOn) problems.push({ path: 'next.startsOn', code: 'ROUND_START_TOO_EARLY' });
  else {
    const closed: TermDates = { number: state.term.number, startsOn: state.term.startsOn, endsOn: closingEndsOn };
    const conflict = termConflict({ number: input.next.number, startsOn: input.next.startsOn, endsOn: null }, [closed, ...state.otherTerms]);
    if (conflict) problems.push(conflictProblem(conflict));
  }

  // ── the deputies of the old term ──
  const serving = new Map(state.serving.map((d) => [d.id, d]));
  const decided = new Map<number, { outcome: RoundOutcome; specialLiaison: boolean }>();
  input.deputies.forEach((d, i) => {
    if (!serving.has(d.deputyId)) problems.push({ path: `deputies.${i}.deputyId`, code: 'ROUND_DEPUTY_NOT_SERVING', details: { deputyId: d.deputyId } });
    else if (decided.has(d.deputyId)) problems.push({ path: `deputies.${i}.deputyId`, code: 'ROUND_DEPUTY_REPEATED', details: { deputyId: d.deputyId } });
    else decided.set(d.deputyId, { outcome: d.outcome, specialLiaison: Boolean(d.specialLiaison) && d.outcome === 'leaves' });
    if (d.specialLiaison && d.outcome !== 'leaves') problems.push({ path: `deputies.${i}.specialLiaison`, code: 'ROUND_LIAISON_NOT_LEAVING' });
  });
  for (const d of state.serving) {
    if (!decided.has(d.id)) problems.push({ path: 'deputies', code: 'ROUND_DEPUTY_MISSING', details: { deputyId: d.id, name: d.name } });
  }

  const people = new Map<PersonKey, PersonPlan>();
  for (const d of state.serving) {
    const choice = decided.get(d.id) ?? { outcome: 're_elected' as const, specialLiaison: false };
    const stays = choice.outcome === 're_elected';
    const keepsOtherSeat = d.otherSeats > 0;
    let after = d.memberships;
    if (!stays && !keepsOtherSeat) {
      after = choice.specialLiaison ? d.memberships.map((m) => ({ stationId: m.stationId, role: m.role === 'head' ? 'liaison' as const : m.role })) : [];
    }
    people.set(dKey(d.id), {
      key: dKey(d.id), deputyId: d.id, rosterRow: null, name: d.name,
      newTerm: stays, joinedBy: stays ? 're_elected' : null, oldOutcome: stays ? 're_elected' : 'left',
      status: stays || keepsOtherSeat ? 'current' : 'former', specialLiaison: choice.specialLiaison, otherSeats: keepsOtherSeat,
      before: d.memberships, after,
    });
  }

  // ── the roster of the new term ──
  let rosterMatched = 0;
  let rosterNew = 0;
  const rosterRows = new Map<number, PersonKey>();
  if (input.rosterImportId !== undefined) {
    if (!state.roster || state.roster.batchProblem) {
      problems.push({ path: 'rosterImportId', code: state.roster?.batchProblem?.code ?? 'ROUND_ROSTER_UNKNOWN', ...(state.roster?.batchProblem?.details && { details: state.roster.batchProblem.details }) });
    } else {
      for (const row of state.roster.rows) {
        const inactive = row.stations.filter((s) => !s.active);
        if (inactive.length) problems.push({ path: `roster.${row.row}`, code: 'ROUND_STATION_UNKNOWN', details: { row: row.row, station: inactive[0]!.name } });
        const stations = row.stations.map((s) => ({ stationId: s.id, role: s.role }));
        if (row.match) {
          rosterMatched++;
          const key = dKey(row.match.id);
          rosterRows.set(row.row, key);
          const existing = people.get(key);
          if (existing && existing.oldOutcome === 'left') {
            problems.push({ path: `roster.${row.row}`, code: 'ROUND_ROSTER_LEAVING', details: { row: row.row, deputyId: row.match.id, name: row.match.name } });
          } else if (existing) {
            existing.after = setMemberships(existing.after, stations);
          } else {
            people.set(key, {
              key, deputyId: row.match.id, rosterRow: row.row, name: row.match.name, newTerm: true, joinedBy: 'elected', oldOutcome: null,
              status: 'current', specialLiaison: false, otherSeats: false,
              before: row.match.memberships, after: setMemberships(row.match.memberships, stations),
            });
          }
        } else {
          rosterNew++;
          const key = rKey(row.row);
          rosterRows.set(row.row, key);
          people.set(key, {
            key, deputyId: null, rosterRow: row.row, name: row.name, newTerm: true, joinedBy: 'elected', oldOutcome: null,
            status: 'current', specialLiaison: false, otherSeats: false, before: [], after: setMemberships([], stations),
          });
        }
      }
    }
  }

  // ── 编组进站: overrides ──
  const knownStation = (id: number) => state.stations.has(id);
  (input.memberships ?? []).forEach((m, i) => {
    const key = m.deputyId !== undefined ? dKey(m.deputyId) : m.rosterRow !== undefined ? rosterRows.get(m.rosterRow) : undefined;
    const person = key ? people.get(key) : undefined;
    const placeable = person && (person.newTerm || (person.specialLiaison && person.status === 'former'));
    if (!person || !placeable) {
      problems.push({ path: `memberships.${i}.${m.deputyId !== undefined ? 'deputyId' : 'rosterRow'}`, code: 'ROUND_MEMBER_UNKNOWN' });
      return;
    }
    m.stations.forEach((s, j) => {
      if (!knownStation(s.stationId)) problems.push({ path: `memberships.${i}.stations.${j}.stationId`, code: 'ROUND_STATION_UNKNOWN', details: { stationId: s.stationId } });
    });
    const kept = person.after.filter((x) => !knownStation(x.stationId));
    person.after = setMemberships(kept, m.stations.filter((s) => knownStation(s.stationId)));
  });

  // ── who serves after the round, and where everyone sits ──
  const affected = new Set(people.keys());
  const lookedAt = new Map([...state.stations, ...state.caseStations]);
  const members: Parameters<typeof coverageOf>[1] = [];
  for (const o of state.others) {
    if (affected.has(dKey(o.deputyId))) continue;
    members.push({ key: dKey(o.deputyId), deputyId: o.deputyId, rosterRow: null, name: o.name, stationId: o.stationId, role: o.role, serving: o.serving, thisTerm: false, specialLiaison: o.specialLiaison });
  }
  for (const p of people.values()) {
    for (const m of p.after) {
      if (!lookedAt.has(m.stationId)) continue;
      members.push({
        key: p.key, deputyId: p.deputyId, rosterRow: p.deputyId === null ? p.rosterRow : null, name: p.name, stationId: m.stationId, role: m.role,
        serving: p.status === 'current', thisTerm: p.newTerm, specialLiaison: p.status === 'former' && p.specialLiaison,
      });
    }
  }
  const newTermPeople = [...people.values()].filter((p) => p.newTerm)
    .map((p) => ({ key: p.key, deputyId: p.deputyId, rosterRow: p.deputyId === null ? p.rosterRow : null, name: p.name }));
  const coverage = coverageOf([...state.stations.values()], members.filter((m) => state.stations.has(m.stationId)), newTermPeople);

  // ── open cases of the deputies who leave ──
  const seats = new Map<string, (typeof members)[number]>();
  for (const m of members) if (m.serving) seats.set(`${m.key}@${m.stationId}`, m);
  const successors = new Map<number, Handover['to']>();
  (input.successors ?? []).forEach((s, i) => {
    if (!lookedAt.has(s.stationId)) {
      problems.push({ path: `successors.${i}.stationId`, code: 'ROUND_STATION_UNKNOWN', details: { stationId: s.stationId } });
      return;
    }
    const field = s.deputyId !== undefined ? 'deputyId' : 'rosterRow';
    const key = s.deputyId !== undefined ? dKey(s.deputyId) : s.rosterRow !== undefined ? rosterRows.get(s.rosterRow) : undefined;
    const member = key ? seats.get(`${key}@${s.stationId}`) : undefined;
    if (!member) {
      problems.push({ path: `successors.${i}.${field}`, code: 'ROUND_SUCCESSOR_INVALID', details: { stationId: s.stationId } });
      return;
    }
    successors.set(s.stationId, { key: member.key, deputyId: member.deputyId, rosterRow: member.rosterRow, name: member.name });
  });
  const leaving = new Map([...people.values()].filter((p) => p.status === 'former' && p.deputyId !== null).map((p) => [p.deputyId!, p]));
  const handovers: Handover[] = [];
  const unnamed = new Map<number, number>();
  for (const c of state.openCases) {
    const from = leaving.get(c.holderId);
    if (!from) continue;
    const to = successors.get(c.stationId) ?? null;
    if (!to) unnamed.set(c.stationId, (unnamed.get(c.stationId) ?? 0) + 1);
    handovers.push({ caseId: c.id, trackingCode: c.trackingCode, state: c.state, stationId: c.stationId, from: { id: from.deputyId!, name: from.name }, to });
  }
  for (const [stationId, cases] of unnamed) {
    problems.push({ path: 'successors', code: 'ROUND_SUCCESSOR_MISSING', details: { stationId, station: lookedAt.get(stationId)?.name ?? '', cases } });
  }

  const olds = [...people.values()].filter((p) => p.oldOutcome !== null);
  const reElected = olds.filter((p) => p.oldOutcome === 're_elected').length;
  return {
    closingEndsOn,
    people: [...people.values()],
    coverage,
    handovers,
    problems,
    counts: {
      serving: state.serving.length,
      reElected,
      leaving: olds.length - reElected,
      specialLiaisons: olds.filter((p) => p.specialLiaison).length,
      rosterRows: state.roster?.rows.length ?? 0,
      rosterMatched,
      rosterNew,
      newTermDeputies: newTermPeople.length,
      casesHandedOver: handovers.length,
    },
  };
}
