/**
 * Writing 履职积分: rule versions of a region, bonuses and deductions with their reason, and a
 * region's confirmed 履职之星. Points themselves are never written: they are counted from the
 * facts on read (facts.ts). One transaction per write, its audit record last.
 */
import { sql } from 'kysely';
import { POINT_RULES_FORMAT, type PointRules } from '../../../common/points.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { deputyVisible, ref, regionManageable, regionOrNationManageable, stationVisible } from '../../platform/access/scope.js';
import { currentYear, pointsRanking } from './queries.js';
import { storedRules } from './facts.js';
import { now } from '../../platform/clock.js';

/** The region a points record belongs to: one the writer manages, or (administrators only) the whole country. */
async function manageableRegion(ctx: WriteContext, code: string | null) {
  if (code === null) {
    if (!regionOrNationManageable(ctx.actor, '')) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
    return { code: null, path: '', name: '全国' };
  }
  const region = await ctx.trx.selectFrom('region').select(['code', 'path', 'full_name']).where('code', '=', code).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
  if (!regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  return { code: region.code, path: region.path, name: region.full_name };
}

export interface RuleSetInput {
  regionCode: string | null;
  effectiveFrom: string;
  rules: PointRules;
  note: string;
  /** Replacing the version of the same day: the version read. */
  version: number | null;
}

/**
 * Saves a version of a region's rules from a day on. Facts before that day keep the rules that
 * were in force for them; a version of the same day is replaced (with the version read, so two
 * editors do not overwrite each other). Answers the rule set's id.
 */
export async function saveRuleSet(ctx: WriteContext, input: RuleSetInput): Promise<number> {
  const region = await manageableRegion(ctx, input.regionCode);
  const existing = await ctx.trx.selectFrom('point_rule_set').selectAll()
    .where('region_path', '=', region.path).where('effective_from', '=', input.effectiveFrom).forUpdate().executeTakeFirst();
  const values = { rules: JSON.stringify(input.rules), rules_format: POINT_RULES_FORMAT, note: input.note };
  let id: number;
  if (existing) {
    if (input.version !== existing.version) throw new AppError('CONFLICT', { currentVersion: existing.version });
    await ctx.trx.updateTable('point_rule_set').set({ ...values, updated_at: now(), version: sql`version + 1` }).where('id', '=', existing.id).execute();
    id = existing.id;
  } else {
    ({ id } = await ctx.trx.insertInto('point_rule_set').values({
      ...values, region_code: region.code, region_path: region.path, effective_from: input.effectiveFrom, created_by_account_id: ctx.actor.accountId || null,
    }).returning('id').executeTakeFirstOrThrow());
  }
  await recordAudit(ctx, {
    action: existing ? 'points.rules.update' : 'points.rules.create', entityType: 'point_rule_set', entityId: id,
    before: existing && { regionCode: existing.region_code, effectiveFrom: existing.effective_from, rules: storedRules(existing), note: existing.note },
    after: { regionCode: region.code, effectiveFrom: input.effectiveFrom, rules: input.rules, note: input.note },
  });
  return id;
}

export interface BonusInput {
  deputyId: number;
  /** The station it was earned at; the bonus then belongs to the station's home region. */
  stationId: number | null;
  /** Without a station: the region it belongs to (staff: their own by default). */
  regionCode: string | null;
  date: string;
  points: number;
  reason: string;
}

/** 加分 / 扣分 with a reason (先进事迹 +10), for a deputy the writer sees, in a region they manage. */
export async function addBonus(ctx: WriteContext, input: BonusInput): Promise<number> {
  const problems: Parameters<typeof invalidFields>[0] = [];
  if (input.date > shanghaiDate(now())) problems.push({ path: 'date', code: 'DATE_IN_FUTURE' });
  const deputy = await ctx.trx.selectFrom('deputy as d').select('d.id')
    .where('d.id', '=', input.deputyId).where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!deputy) problems.push({ path: 'deputyId', code: 'UNKNOWN_REFERENCE' });
  let place: { code: string; path: string };
  if (input.stationId !== null) {
    const station = await ctx.trx.selectFrom('station as s')
      .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .select(['h.region_code', 'h.region_path']).where('s.id', '=', input.stationId).where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
    if (!station) throw invalidFields([...problems, { path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
    if (!regionManageable(ctx.actor, station.region_path)) throw invalidFields([...problems, { path: 'stationId', code: 'NOT_IN_SCOPE' }]);
    place = { code: station.region_code, path: station.region_path };
  } else {
    const code = input.regionCode ?? ctx.actor.regionCode;
    if (!code) throw invalidFields([...problems, { path: 'regionCode', code: 'REQUIRED' }]);
    const region = await manageableRegion(ctx, code);
    place = { code: region.code!, path: region.path };
  }
  if (problems.length) throw invalidFields(problems);
  const { id } = await ctx.trx.insertInto('point_bonus').values({
    deputy_id: input.deputyId, region_code: place.code, region_path: place.path, station_id: input.stationId,
    on_date: input.date, points: input.points, reason: input.reason, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'points.bonus.create', entityType: 'point_bonus', entityId: id, after: { ...input, regionCode: place.code } });
  return id;
}

/** Withdraws a bonus entered in error: it stays on record, marked, and stops counting. */
export async function voidBonus(ctx: WriteContext, id: number, reason: string): Promise<void> {
  const bonus = await ctx.trx.selectFrom('point_bonus').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!bonus || !regionManageable(ctx.actor, bonus.region_path)) throw new AppError('NOT_FOUND');
  if (bonus.voided_at) throw new AppError('BONUS_ALREADY_VOIDED');
  await ctx.trx.updateTable('point_bonus').set({ voided_at: now(), voided_by_account_id: ctx.actor.accountId || null, void_reason: reason })
    .where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'points.bonus.void', entityType: 'point_bonus', entityId: id,
    before: { deputyId: bonus.deputy_id, date: bonus.on_date, points: Number(bonus.points), reason: bonus.reason }, after: { voided: true, reason },
  });
}

export interface StarsInput {
  year: number;
  regionCode: string;
  /** How many the proposal asked for (recorded with the award). */
  top: number;
  /** The stars in order: the proposal as it stood, or as staff changed it. */
  deputyIds: number[];
  note: string;
  /** Changing a confirmed award: the version read. */
  version: number | null;
}

/**
 * Confirms a region's 履职之星 for a year: each star with their rank and total as they stand
 * now, and who confirmed. Later corrections to the facts never change the record; changing it
 * is another confirmation, with the version read.
 */
export async function confirmStars(ctx: WriteContext, input: StarsInput): Promise<number> {
  const region = await manageableRegion(ctx, input.regionCode);
  if (input.year > currentYear()) throw invalidFields([{ path: 'year', code: 'YEAR_IN_FUTURE' }]);
  if (new Set(input.deputyIds).size !== input.deputyIds.length) throw invalidFields([{ path: 'deputyIds', code: 'DUPLICATE_VALUES' }]);
  const ranking = await pointsRanking(ctx.trx, ctx.actor, input.year, { kind: 'region', code: region.code!, path: region.path, name: region.name });
  const ranked = new Map(ranking.map((r) => [r.deputy.id, r]));
  const strangers = input.deputyIds.map((id, i) => ({ id, i })).filter(({ id }) => !ranked.has(id));
  if (strangers.length) throw invalidFields(strangers.map(({ i }) => ({ path: `deputyIds.${i}`, code: 'NOT_RANKED' })));

  const existing = await ctx.trx.selectFrom('point_star_award').selectAll()
    .where('region_code', '=', region.code!).where('year', '=', input.year).forUpdate().executeTakeFirst();
  const before = existing && {
    top: existing.top_n, note: existing.note, confirmedBy: existing.confirmed_by_name, confirmedAt: existing.confirmed_at,
    stars: await ctx.trx.selectFrom('point_star').select(['deputy_id', 'position', 'rank', sql<number>`total::float8`.as('total')])
      .where('award_id', '=', existing.id).orderBy('position').execute(),
  };
  const award = { top_n: input.top, note: input.note, confirmed_by_account_id: ctx.actor.accountId || null, confirmed_by_name: ctx.actor.displayName, confirmed_at: now() };
  let id: number;
  if (existing) {
    if (input.version !== existing.version) throw new AppError('CONFLICT', { currentVersion: existing.version });
    await ctx.trx.updateTable('point_star_award').set({ ...award, version: sql`version + 1` }).where('id', '=', existing.id).execute();
    await ctx.trx.deleteFrom('point_star').where('award_id', '=', existing.id).execute();
    id = existing.id;
  } else {
    ({ id } = await ctx.trx.insertInto('point_star_award').values({ ...award, region_code: region.code!, region_path: region.path, year: input.year })
      .returning('id').executeTakeFirstOrThrow());
  }
  const stars = input.deputyIds.map((deputyId, i) => ({ deputyId, position: i + 1, rank: ranked.get(deputyId)!.rank, total: ranked.get(deputyId)!.points }));
  if (stars.length) {
    await ctx.trx.insertInto('point_star').values(stars.map((s) => ({ award_id: id, deputy_id: s.deputyId, position: s.position, rank: s.rank, total: s.total }))).execute();
  }
  await recordAudit(ctx, {
    action: existing ? 'points.stars.change' : 'points.stars.confirm', entityType: 'point_star_award', entityId: id,
    before, after: { regionCode: region.code, year: input.year, top: input.top, note: input.note, stars },
  });
  return id;
}
