/**
 * The fact contract: what a feature hands the points feature so that its records earn points.
 *
 * A feature whose records count (activities, cases; bonuses are points' own) lists one or more
 * `PointFactSource`s in its manifest (`pointSources`). Each is a SQL fragment answering the
 * dated point facts of its records touching a period, one row per deputy, fact and day, with
 * exactly the columns of `PointFactRow` (any order; other columns are ignored). The points
 * feature puts the fragments together (UNION ALL), keeps the facts the reader reaches, finds the
 * rule set in force for each and prices it (scoring.ts). It never reads the features' tables
 * itself, and the features never price anything.
 *
 * Columns (null where a column does not apply to the row's source):
 *
 * | column        | type    | meaning |
 * |---------------|---------|---------|
 * | `source`      | text    | a `PointSource` (common/points.ts): which rule prices it |
 * | `ref_type`    | text    | the record it comes from, as the ledger links it (`PointRefType`) |
 * | `ref_id`      | integer | that record's id |
 * | `deputy_id`   | integer | the deputy credited (never null) |
 * | `title`       | text    | how the ledger names the record |
 * | `station_id`  | integer | the station it happened at, if any (visibility, station rankings) |
 * | `place_path`  | text    | the region path it happened in (rule inheritance, region rankings, visibility) |
 * | `day`         | text    | the day it counts on, `YYYY-MM-DD` in Beijing time |
 * | `kind`        | text    | `attendance`: the activity's kind |
 * | `attendance`  | text    | `attendance`: present, absent or leave |
 * | `suggestions` | integer | `activity_suggestion`: the suggestions made at the activity |
 * | `present`     | integer | `activity_suggestion`: the deputies present, who share them |
 * | `rating`      | text    | `case_rated`: the constituent's rating; `suggestion_rated`: the lead deputy's |
 * | `bonus_cents` | integer | `bonus`: the points given, in hundredths |
 *
 * The pricing columns are exactly what decides a fact's worth: the ranking groups facts by them
 * and prices each group once, so a fragment leaves them null unless its source needs them.
 *
 * A fragment returns only facts whose day falls in the period it is asked for (every dated fact
 * when the period is null), filtering on its own columns so that its indexes serve; the points
 * feature adds the reader's reach, the deputies and the place as conditions on the columns
 * above, which PostgreSQL pushes down into each fragment. Each fragment is one `select` (no
 * `with`, no `group by` at its top), so those conditions can reach its tables.
 */
import type { RawBuilder } from 'kysely';
import type { ActivityKind, Attendance } from '../../../common/enums.js';
import type { PointSource } from '../../../common/points.js';

/** The records point facts link to in a ledger. */
export type PointRefType = 'activity' | 'case' | 'suggestion' | 'consultation' | 'budget_review' | 'livelihood_project' | 'livelihood_round' | 'report_back' | 'mediation' | 'bonus';

/** A period asked for: a calendar year in Beijing time, by its days and the instants that bound it. */
export interface FactPeriod {
  /** First and last day, `YYYY-MM-DD`, for date columns. */
  firstDay: string;
  lastDay: string;
  /** From (inclusive) and to (exclusive), for timestamp columns. */
  from: Date;
  to: Date;
}

/** One row of a fragment: a dated fact for one deputy. */
export interface PointFactRow {
  source: PointSource;
  ref_type: PointRefType;
  ref_id: number;
  deputy_id: number;
  title: string;
  station_id: number | null;
  place_path: string;
  day: string;
  kind: ActivityKind | null;
  attendance: Attendance | null;
  suggestions: number | null;
  present: number | null;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  bonus_cents: number | null;
}

/** The contract's columns in the order the union lists them, with the type each is read as. */
export const FACT_COLUMNS = {
  source: 'text', ref_type: 'text', ref_id: 'int', deputy_id: 'int', title: 'text', station_id: 'int', place_path: 'text', day: 'text',
  kind: 'text', attendance: 'text', suggestions: 'int', present: 'int', rating: 'text', bonus_cents: 'int',
} as const satisfies Record<keyof PointFactRow, 'text' | 'int'>;

/** What a feature contributes: its point facts as a SQL fragment. */
export interface PointFactSource {
  /** A name for messages and plans (`activities`, `cases`, `bonuses`). */
  name: string;
  /** The sources its rows carry. */
  sources: readonly PointSource[];
  /** Its facts dated in the period (every dated fact when null), as a single `select`. */
  facts(period: FactPeriod | null): RawBuilder<PointFactRow>;
}
