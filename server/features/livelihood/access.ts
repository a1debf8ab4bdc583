import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { byRole, columns, near, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';
import type { ProjectActor } from './workflow.js';

/**
 * Livelihood projects: which rounds and projects by `roundVisible` / `projectVisible` (inside the
 * SQL), what may be done by the rule tables in workflow.ts and the part found by `projectActorOf`.
 */
export const abilities = {
  /** Reading rounds, candidates, turnout counts and results; which ones by roundVisible. */
  'livelihood.read': ['admin', 'staff', 'deputy', 'unit', 'officer'],
  /** Proposing a candidate project: deputies and unit clerks on their own account, officers for their station, staff for anyone. */
  'livelihood.propose': ['admin', 'staff', 'deputy', 'unit', 'officer'],
  /** Project actions (edit, withdraw, shortlist, delivery); which ones by the part and the rule table. */
  'livelihood.act': ['admin', 'staff', 'deputy', 'unit', 'officer'],
  /** Rounds, the ballot, opening and closing the vote, paper ballots, the turnout watch: the congress's staff. */
  'livelihood.manage': ['admin', 'staff'],
  /** Casting one's own ballot on the phone. */
  'livelihood.vote': ['deputy'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { livelihood: typeof abilities }
}

/** The columns of a `livelihood_round` row the filters read. */
export interface RoundColumns { termId: Ref; congressRegionPath: Ref }

export function roundColumns(alias: string): RoundColumns {
  return columns(alias, { termId: 'term_id', congressRegionPath: 'congress_region_path' });
}

/**
 * Which rounds an account reaches:
 * - staff: rounds of congresses in their subtree; administrators all;
 * - deputies: rounds of the congress terms they sit in;
 * - unit clerks: rounds of congresses at, above or below their unit's region;
 * - officers: rounds of congresses at, above or below one of their stations' regions.
 */
export function roundVisible(actor: AnyActor, r: RoundColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(r.congressRegionPath, a.scopePath!),
    deputy: (a) => sitsInTerm(a.deputyId!, r.termId),
    unit: (a) => sql<SqlBool>`exists (select 1 from unit u where u.id = ${a.unitId} and ${near(sql.ref('u.region_path'), r.congressRegionPath)})`,
    officer: (a) => sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
        where acs.account_id = ${a.accountId} and ${near(sql.ref('sr.region_path'), r.congressRegionPath)})`,
  });
}

/** The columns of a `livelihood_project` row the filters read. */
export interface ProjectColumns {
  roundId: Ref; state: Ref; createdBy: Ref; proposerDeputyId: Ref; proposerUnitId: Ref; unitId: Ref; stationId: Ref;
}

export function projectColumns(alias: string): ProjectColumns {
  return columns(alias, {
    roundId: 'round_id', state: 'state', createdBy: 'created_by_account_id', proposerDeputyId: 'proposer_deputy_id',
    proposerUnitId: 'proposer_unit_id', unitId: 'unit_id', stationId: 'station_id',
  });
}

/** States before the government's shortlist: a proposal is its proposer's and the staff's until then. */
const PRIVATE_STATES = sql.raw(`('proposed', 'withdrawn', 'not_shortlisted')`);

/**
 * Which projects an account reaches: those of the rounds it sees; a proposal not (yet) shortlisted
 * only by the staff, its proposer (the deputy, the unit, the account that entered it) and the
 * responsible department.
 */
export function projectVisible(actor: AnyActor, p: ProjectColumns): Filter {
  const round = (a: AnyActor) => sql<SqlBool>`exists (select 1 from livelihood_round lr where lr.id = ${p.roundId} and ${roundVisible(a, roundColumns('lr'))})`;
  const own = (a: AnyActor, mine: Filter) => sql<SqlBool>`(${round(a)} and (${p.state} not in ${PRIVATE_STATES} or ${p.createdBy} = ${a.accountId} or ${mine}))`;
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => round(a),
    deputy: (a) => own(a, sql<SqlBool>`${p.proposerDeputyId} = ${a.deputyId}`),
    unit: (a) => own(a, sql<SqlBool>`(${p.proposerUnitId} = ${a.unitId} or ${p.unitId} = ${a.unitId})`),
    officer: (a) => own(a, sql<SqlBool>`false`),
  });
}

/** Whether the account runs the round's congress: an administrator, or staff whose region is the congress's. */
export function runsCongress(actor: AnyActor, congressRegionPath: string): boolean {
  if (actor.kind !== 'account') return false;
  return actor.role === 'admin' || (actor.role === 'staff' && actor.scopePath === congressRegionPath);
}

/** The facts about one project and one account that decide the account's part in it. */
export interface ProjectFacts {
  congressRegionPath: string;
  createdBy: number | null;
  proposerDeputyId: number | null;
  proposerUnitId: number | null;
  unitId: number | null;
  state: string;
}

/**
 * The part an account plays on a project it can see: the congress's own staff; the responsible
 * department's clerk; the one who proposed it (the deputy, the unit, or the account that entered
 * it); null otherwise. Staff above the congress read only.
 */
export function projectActorOf(actor: AnyActor, f: ProjectFacts): ProjectActor | null {
  if (actor.kind !== 'account') return null;
  if (runsCongress(actor, f.congressRegionPath)) return 'staff';
  const responsible = actor.role === 'unit' && actor.unitId !== null && actor.unitId === f.unitId;
  const proposer = (actor.role === 'deputy' && actor.deputyId !== null && actor.deputyId === f.proposerDeputyId)
    || (actor.role === 'unit' && actor.unitId !== null && actor.unitId === f.proposerUnitId)
    || (f.createdBy === actor.accountId && actor.role !== 'staff');
  // A department that proposed its own project is its proposer while a candidate, its department once adopted.
  if (proposer && (!responsible || ['proposed', 'shortlisted'].includes(f.state))) return 'proposer';
  return responsible ? 'unit' : null;
}
