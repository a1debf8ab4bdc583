/**
 * A congress's settings for suggestions and motions: the motion threshold, the window for asking
 * for a different assignment, the clocks. A congress without its own row uses the defaults of
 * its level (10 co-signers for a motion at county level and above, 5 at township level).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';
import type { Actor } from '../../platform/access/actor.js';
import { hasRole, within } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now } from '../../platform/clock.js';
import { congressRegionFits } from '../terms/index.js';

export interface SuggestionSettings {
  /** Confirmed co-signers a motion needs when it is submitted. */
  motionMinCosigners: number;
  /** Working days after assignment in which a unit may ask for a different assignment. */
  reassignWindowDays: number;
  /** Calendar days before the lead unit's deadline by which co-units send their views. */
  coViewDaysBefore: number;
  /** Months a unit has to answer: normally, for a complex suggestion, and after an unsatisfied rating. */
  normalMonths: number;
  complexMonths: number;
  rehandleMonths: number;
}

/** The defaults of a level: the statutory 3 and 6 months, re-handling in a month. */
export function defaultSettings(level: DeputyLevel): SuggestionSettings {
  return {
    motionMinCosigners: level === 'township' ? 5 : 10,
    reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 3, complexMonths: 6, rehandleMonths: 1,
  };
}

/** A congress: its level and its region (null for the National People's Congress). */
export interface Congress { level: DeputyLevel; regionCode: string | null }

const sameCongress = (c: Congress) => sql<boolean>`(level = ${c.level} and region_code is not distinct from ${c.regionCode})`;

/** The settings in force for a congress, and whether they are its own (`custom`) or its level's defaults. */
export async function settingsFor(db: Kysely<DB> | Transaction<DB>, level: DeputyLevel, regionCode: string | null): Promise<SuggestionSettings & { custom: boolean }> {
  const row = await db.selectFrom('suggestion_setting').selectAll().where(sameCongress({ level, regionCode })).executeTakeFirst();
  if (!row) return { ...defaultSettings(level), custom: false };
  return {
    motionMinCosigners: row.motion_min_cosigners, reassignWindowDays: row.reassign_window_days, coViewDaysBefore: row.co_view_days_before,
    normalMonths: row.normal_months, complexMonths: row.complex_months, rehandleMonths: row.rehandle_months, custom: true,
  };
}

/**
 * The congress a request names, with its region's path (empty for the NPC): 404 when the reader
 * cannot see it (staff see congresses inside their subtree), the field's error when it does not exist.
 */
export async function congressInReach(db: Kysely<DB> | Transaction<DB>, actor: Actor, c: Congress): Promise<{ path: string }> {
  if (c.level === 'national') {
    if (c.regionCode !== null) throw invalidFields([{ path: 'regionCode', code: 'NOT_APPLICABLE' }]);
    if (!hasRole(actor, 'admin')) throw new AppError('NOT_FOUND');
    return { path: '' };
  }
  if (c.regionCode === null) throw invalidFields([{ path: 'regionCode', code: 'REQUIRED' }]);
  const region = await db.selectFrom('region').select(['path', 'level']).where('code', '=', c.regionCode).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
  if (!congressRegionFits(c.level, region.level)) throw invalidFields([{ path: 'regionCode', code: 'REGION_LEVEL_MISMATCH' }]);
  if (actor.role !== 'admin' && !(actor.role === 'staff' && region.path.startsWith(actor.scopePath!))) throw new AppError('NOT_FOUND');
  return { path: region.path };
}

/** Whether the actor works for the congress of `path` (its own staff, or an administrator); staff above only read. */
export function congressStaff(actor: Actor, path: string): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.scopePath === path);
}

/** SQL: the congress path lies in the staff member's subtree (administrators: every congress). */
export function congressPathInReach(actor: Actor, path: Parameters<typeof within>[0]) {
  if (actor.role === 'admin') return sql<boolean>`true`;
  return actor.role === 'staff' ? within(path, actor.scopePath!) : sql<boolean>`false`;
}

/** Sets a congress's own settings (its staff, or administrators); recorded with what they were before. */
export async function saveSettings(ctx: WriteContext, c: Congress, s: SuggestionSettings): Promise<void> {
  const { path } = await congressInReach(ctx.trx, ctx.actor, c);
  if (!congressStaff(ctx.actor, path)) throw new AppError('FORBIDDEN');
  if (s.complexMonths < s.normalMonths) throw invalidFields([{ path: 'complexMonths', code: 'COMPLEX_NOT_LONGER' }]);
  const before = await settingsFor(ctx.trx, c.level, c.regionCode);
  const values = {
    motion_min_cosigners: s.motionMinCosigners, reassign_window_days: s.reassignWindowDays, co_view_days_before: s.coViewDaysBefore,
    normal_months: s.normalMonths, complex_months: s.complexMonths, rehandle_months: s.rehandleMonths,
    updated_at: now(), updated_by_account_id: ctx.actor.accountId || null,
  };
  const updated = await ctx.trx.updateTable('suggestion_setting').set(values).where(sameCongress(c)).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await ctx.trx.insertInto('suggestion_setting').values({ level: c.level, region_code: c.regionCode, ...values }).execute();
  }
  await recordAudit(ctx, {
    action: 'suggestion_setting.update', entityType: 'suggestion_setting', entityId: `${c.level}:${c.regionCode ?? ''}`, before, after: s,
  });
}
