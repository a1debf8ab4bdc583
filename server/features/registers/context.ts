import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ActivityKind } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { periodBounds, type Period, type RegisterSection } from '../../platform/documents/model.js';
import { activityAt, type Place } from './place.js';

/** What every register is built from: who reads it, where, and when. */
export interface RegisterContext {
  db: Kysely<DB>;
  actor: Actor;
  place: Place;
  period: Period;
  now: Date;
}

export interface RegisterBody {
  sections: RegisterSection[];
  notes?: string[];
}

/**
 * The most rows one register may hold. A year of a busy county fits; a province over a term
 * does not, and is asked to narrow the period or the place instead of building a file of
 * thousands of pages in the server's memory.
 */
export const MAX_REGISTER_ROWS = 10_000;

/** Rows fetched with `limit MAX_REGISTER_ROWS + 1`: one too many means the register is too large. */
export function capped<T>(rows: T[]): T[] {
  if (rows.length > MAX_REGISTER_ROWS) throw new AppError('REGISTER_TOO_LARGE', { max: MAX_REGISTER_ROWS });
  return rows;
}

/** `column` (an instant) inside the period. */
export function inPeriod(ctx: RegisterContext, column: string): RawBuilder<SqlBool> {
  const { from, to } = periodBounds(ctx.period);
  const col = sql.ref(column);
  return from ? sql<SqlBool>`(${col} >= ${from} and ${col} < ${to})` : sql<SqlBool>`${col} < ${to}`;
}

/** `column` (a civil date) inside the period. */
export function onDateInPeriod(ctx: RegisterContext, column: string): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  return ctx.period.from ? sql<SqlBool>`(${col} >= ${ctx.period.from} and ${col} <= ${ctx.period.to})` : sql<SqlBool>`${col} <= ${ctx.period.to}`;
}

/** Activities (`a`) of the register: at the place, in the period, within the reader's reach, of these kinds. */
export function activityCondition(ctx: RegisterContext, kinds: readonly ActivityKind[] | null): RawBuilder<SqlBool> {
  const kind = kinds ? sql<SqlBool>`a.kind in (${sql.join(kinds)})` : sql<SqlBool>`true`;
  return sql<SqlBool>`(${activityVisible(ctx.actor, activityColumns('a'))} and ${activityAt(ctx.place)} and ${inPeriod(ctx, 'a.starts_at')} and ${kind})`;
}
