import type { ColumnType, Generated } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | undefined, string>;

/** See migrations/0021_livelihood_votes.ts for what each table holds. Dates are `YYYY-MM-DD`. */
export type LivelihoodRoundState = 'collecting' | 'shortlisting' | 'ballot_ready' | 'voting' | 'counted';
export type LivelihoodProjectState = 'proposed' | 'shortlisted' | 'not_shortlisted' | 'withdrawn' | 'on_ballot' | 'adopted' | 'not_adopted'
  | 'in_progress' | 'completed' | 'evaluated' | 'rectifying' | 'closed';
export type BallotMode = 'for_against' | 'choose';
export type ProjectOrigin = 'constituent' | 'deputy' | 'department' | 'station';
export type VoteChannel = 'phone' | 'paper';
export type VoteChoice = 'for' | 'against' | 'abstain';
/** One ballot in the box: a choice per project (for_against) or the projects chosen (choose), project ids as strings. */
/** A ballot in the box: a mark per project (for_against), the projects chosen (choose), or a spoiled paper ballot (废票). */
export type StoredBallot = Record<string, VoteChoice> | string[] | 'spoiled';

export interface LivelihoodRoundTable {
  id: Generated<number>;
  term_id: number;
  session_id: number | null;
  congress_level: DeputyLevel;
  congress_region_code: string | null;
  congress_region_path: string;
  year: number;
  title: string;
  collect_opens_on: string;
  collect_closes_on: string;
  places: number;
  ballot_size: number;
  mode: BallotMode;
  quorum_num: Generated<number>;
  quorum_den: Generated<number>;
  state: LivelihoodRoundState;
  presidium_on: Nullable<string>;
  presidium_note: Nullable<string>;
  published_at: NullableTimestamp;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LivelihoodProjectTable {
  id: Generated<number>;
  round_id: number;
  congress_region_path: string;
  title: string;
  region_code: string;
  region_path: string;
  address: Generated<string>;
  description: string;
  budget_yuan: number;
  unit_id: number | null;
  origin: ProjectOrigin;
  proposer_deputy_id: number | null;
  proposer_unit_id: number | null;
  proposer_name: string | null;
  proposer_phone: string | null;
  station_id: number | null;
  created_by_account_id: number | null;
  state: LivelihoodProjectState;
  ballot_order: Nullable<number>;
  decided_at: NullableTimestamp;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LivelihoodProjectSourceTable {
  project_id: number;
  opinion_id: number | null;
  activity_id: number | null;
}

export interface LivelihoodProjectEventTable {
  id: Generated<number>;
  project_id: number;
  at: Timestamp;
  actor_kind: string;
  actor_account_id: number | null;
  actor_name: string;
  action: string;
  from_state: LivelihoodProjectState | null;
  to_state: LivelihoodProjectState;
  comment: string | null;
  public: Generated<boolean>;
  data: Json<Record<string, unknown>>;
}

export interface LivelihoodVoteTable {
  id: Generated<number>;
  round_id: number;
  state: 'open' | 'closed';
  outcome: Nullable<'counted' | 'no_quorum'>;
  total_deputies: number;
  present: number;
  paper_ballots: Generated<number>;
  turnout_phone: Nullable<number>;
  turnout_paper: Nullable<number>;
  /** Spoiled paper ballots (废票), written at the count. */
  spoiled_ballots: Nullable<number>;
  opened_at: Timestamp;
  opened_by_account_id: number | null;
  closed_at: NullableTimestamp;
  closed_by_account_id: Nullable<number>;
}

/** Who has voted: nothing else (no time, no order, no ballot). */
export interface LivelihoodTurnoutTable {
  vote_id: number;
  deputy_id: number;
  channel: VoteChannel;
}

/** Every ballot of a vote, in random order, without any deputy. */
export interface LivelihoodBallotBoxTable {
  vote_id: number;
  ballots: Json<StoredBallot[]>;
}

export interface LivelihoodResultTable {
  vote_id: number;
  project_id: number;
  for_count: number;
  against_count: number;
  abstain_count: number;
  passed: boolean;
  adopted: boolean;
  tied: Generated<boolean>;
  rank: number | null;
}

export interface LivelihoodTables {
  livelihood_round: LivelihoodRoundTable;
  livelihood_project: LivelihoodProjectTable;
  livelihood_project_source: LivelihoodProjectSourceTable;
  livelihood_project_event: LivelihoodProjectEventTable;
  livelihood_vote: LivelihoodVoteTable;
  livelihood_turnout: LivelihoodTurnoutTable;
  livelihood_ballot_box: LivelihoodBallotBoxTable;
  livelihood_result: LivelihoodResultTable;
}
