/** The election round (换届) as the server presents it: docs/ELECTIONS.md. */
import type { Term } from './TermsPage.js';

export type Label = { zh: string; en: string };
export type MemberRole = 'head' | 'liaison' | 'resident';

export interface RoundInputs {
  term: Term;
  suggested: { number: number; startsOn: string; name: Label };
  deputies: {
    id: number; name: string; gender: 'male' | 'female'; phone: string | null;
    otherSeats: { level: string; levelLabel: Label; term: number }[];
    stations: { id: number; name: string; role: MemberRole; roleLabel: Label }[];
    openCases: number;
  }[];
  stations: { id: number; name: string; regionName: string; openCasesOfDeputies: number }[];
}

export type Outcome = 're_elected' | 'leaves';

/** Someone who serves after the round: a registered deputy or a row of the roster. */
export type PersonRef = { deputyId: number; rosterRow?: undefined } | { rosterRow: number; deputyId?: undefined };

export interface RoundInput {
  version: number;
  next: { number: number; startsOn: string };
  deputies: { deputyId: number; outcome: Outcome; specialLiaison?: boolean }[];
  rosterImportId?: number;
  memberships?: (PersonRef & { stations: { stationId: number; role: MemberRole }[] })[];
  successors?: (PersonRef & { stationId: number })[];
}

export interface Problem { path: string; code: string; message: string; details?: Record<string, unknown> }

export interface CoveragePerson { id: number | null; rosterRow: number | null; name: string }

export interface Coverage {
  term: { id: number | null; number: number; name: Label };
  serving: number; stationed: number; stationedRate: number;
  stationCount: number; coveredCount: number; coverageRate: number; headedCount: number;
  stations: {
    id: number; name: string;
    deputies: (CoveragePerson & { role: MemberRole; roleLabel: Label; thisTerm: boolean; specialLiaison: boolean })[];
    deputyCount: number; hasHead: boolean; flags: ('NO_DEPUTY' | 'NO_HEAD')[];
  }[];
  unstationed: CoveragePerson[];
}

export interface RoundPlan {
  ok: boolean;
  closing: { id: number; number: number; startsOn: string; endsOn: string; name: Label };
  next: { number: number; startsOn: string; name: Label };
  counts: {
    serving: number; reElected: number; leaving: number; specialLiaisons: number;
    rosterRows: number; rosterMatched: number; rosterNew: number; newTermDeputies: number; casesHandedOver: number;
  };
  roster: {
    row: number; name: string;
    match: null | { deputyId: number; name: string; status: 'current' | 'former'; by: 'phone' | 'birthYear'; reElected: boolean };
    stations: { id: number; name: string; role: MemberRole; roleLabel: Label }[];
  }[];
  coverage: Coverage;
  handovers: {
    caseId: number; trackingCode: string; state: string; stateLabel: Label;
    station: { id: number; name: string };
    from: { id: number; name: string };
    to: null | { deputyId: number | null; rosterRow: number | null; name: string };
  }[];
  problems: Problem[];
}

export interface RoundResult {
  term: Term;
  closed: Term;
  summary: {
    reElected: number; left: number; specialLiaisons: number; imported: number; matched: number; casesHandedOver: number;
    membershipsKept: number; membershipsEnded: number; membershipsAdded: number;
  };
  coverage: Coverage;
}

/** A person's key in the page's maps: `d12` for a deputy, `r3` for roster row 3. */
export const personKey = (p: { deputyId?: number | null; rosterRow?: number | null; id?: number | null }): string =>
  (p.rosterRow !== null && p.rosterRow !== undefined ? `r${p.rosterRow}` : `d${p.deputyId ?? p.id}`);

export const personRef = (key: string): PersonRef =>
  (key.startsWith('r') ? { rosterRow: Number(key.slice(1)) } : { deputyId: Number(key.slice(1)) });
