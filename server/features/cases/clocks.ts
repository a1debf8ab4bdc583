/**
 * The 普宁 clocks (上码说 立马办) on a case: the station's transfer (acceptance to assignment,
 * within 24 hours), the unit's sign-for limit (working days from assignment) and the handling
 * deadline, which counts from the earlier of the signing day and the sign-for limit's last day,
 * so a unit that signs late does not get a fresh full period (effects.ts decides the facts).
 *
 * The deadline rules: each category has a default (handling days, maximum, sign-for limit); a
 * region may have its own rule for a category, which holds for the cases of that region and the
 * regions below it, the deepest region's rule winning. Administrators set anything; staff set
 * their region's rules and those below it, but not a maximum above the one set above their
 * level. An extension that takes a case beyond its maximum needs the level above: an
 * administrator, or staff of a region above the case's.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { isWithin, pathCodes } from '../../platform/regions/regionPath.js';

/** Assigned and not signed for past the sign-for limit, by the server's clock (read at each call). */
export const signOverdueExpr = () => sql<boolean>`(o.state = 'assigned' and o.sign_due_at < ${now()})`;

export interface RuleDays {
  deadlineDays: number;
  maxDays: number;
  signDays: number;
}

/** A rule in force, and where it comes from: a region's own rule, or the category's default (null). */
export interface RuleInForce extends RuleDays {
  fromRegion: string | null;
}

type Db = Kysely<DB>;

/** The region rules of a category along a path: the deepest first. */
async function rulesAlong(db: Db, categoryIds: number[], codes: string[]) {
  if (!codes.length || !categoryIds.length) return [];
  return db.selectFrom('case_category_rule')
    .select(['category_id', 'region_code', 'deadline_days', 'max_days', 'sign_days'])
    .where('category_id', 'in', categoryIds).where('region_code', 'in', codes).execute();
}

/**
 * The rule in force for each category over the regions `codes` (a path's codes, outermost first):
 * the deepest region with a rule, else the category's default.
 */
export async function rulesInForce(db: Db, categoryIds: number[], codes: string[]): Promise<Map<number, RuleInForce>> {
  const [defaults, rules] = await Promise.all([
    categoryIds.length ? db.selectFrom('case_category').select(['id', 'deadline_days', 'max_days', 'sign_days']).where('id', 'in', categoryIds).execute() : [],
    rulesAlong(db, categoryIds, codes),
  ]);
  const out = new Map<number, RuleInForce>();
  for (const d of defaults) out.set(d.id, { deadlineDays: d.deadline_days, maxDays: d.max_days, signDays: d.sign_days, fromRegion: null });
  const depth = new Map(codes.map((c, i) => [c, i]));
  const best = new Map<number, number>();
  for (const r of rules) {
    const d = depth.get(r.region_code)!;
    if ((best.get(r.category_id) ?? -1) >= d) continue;
    best.set(r.category_id, d);
    out.set(r.category_id, { deadlineDays: r.deadline_days, maxDays: r.max_days, signDays: r.sign_days, fromRegion: r.region_code });
  }
  return out;
}

/** The rule a case of `categoryId` in the region at `regionPath` follows. */
export async function ruleFor(db: Db, categoryId: number, regionPath: string): Promise<RuleInForce> {
  const rule = (await rulesInForce(db, [categoryId], pathCodes(regionPath))).get(categoryId);
  if (!rule) throw new AppError('NOT_FOUND');
  return rule;
}

/**
 * May `actor` grant `days` more on a case whose days so far are `taken` (assigned + extensions)?
 * Within the maximum, anyone the rule table lets decide; beyond it, only an administrator or
 * staff of a region above the case's region (the congress one level up or higher).
 */
export function checkExtension(actor: Actor, rule: RuleDays, taken: number, days: number, caseRegionPath: string): void {
  const total = taken + days;
  if (total <= rule.maxDays || actor.role === 'admin') return;
  const above = actor.role === 'staff' && actor.scopePath !== null && isWithin(caseRegionPath, actor.scopePath) && caseRegionPath !== actor.scopePath;
  if (!above) throw new AppError('EXTENSION_NEEDS_HIGHER_APPROVAL', { total, max: rule.maxDays });
}

/** The region whose rules an actor edits and reads by default: staff their own; administrators none (the defaults). */
async function regionOf(db: Db, code: string) {
  const r = await db.selectFrom('region').select(['code', 'name', 'path']).where('code', '=', code).executeTakeFirst();
  if (!r) throw new AppError('REGION_NOT_FOUND', { code });
  return r;
}

/** Staff reach the rules of their region and the regions below it; administrators every region. */
function mayEditRegion(actor: Actor, path: string): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.scopePath !== null && isWithin(path, actor.scopePath));
}

/** The highest maximum `actor` may set: none for administrators; for staff, the maximum set above their own region. */
async function maxCeiling(db: Db, actor: Actor, categoryId: number): Promise<number | null> {
  if (actor.role === 'admin' || !actor.scopePath) return null;
  const above = pathCodes(actor.scopePath).slice(0, -1);
  return (await rulesInForce(db, [categoryId], above)).get(categoryId)?.maxDays ?? null;
}

export interface CategoryRuleRow {
  categoryId: number;
  code: string;
  name: string;
  nameEn: string;
  defaults: RuleDays;
  /** The rule the region's cases follow without a rule of its own: a region above's, or the default. */
  inherited: RuleInForce;
  /** The region's own rule, if it has one. */
  own: RuleDays | null;
  /** What the region's cases follow. */
  inForce: RuleInForce;
  /** The highest maximum the caller may set here (null: no limit but the schema's). */
  maxCeiling: number | null;
  editable: boolean;
}

/** Every active category's rules at a region (none: the defaults alone), as the caller may see and edit them. */
export async function listCategoryRules(db: Db, actor: Actor, regionCode: string | null) {
  const region = regionCode ? await regionOf(db, regionCode) : null;
  if (region && !mayEditRegion(actor, region.path)) throw new AppError('NOT_FOUND');
  if (!region && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const categories = await db.selectFrom('case_category').select(['id', 'code', 'name', 'name_en', 'deadline_days', 'max_days', 'sign_days'])
    .where('active', '=', true).orderBy('sort').orderBy('id').execute();
  const ids = categories.map((c) => c.id);
  const codes = region ? pathCodes(region.path) : [];
  const [inherited, inForce, ceilings] = await Promise.all([
    rulesInForce(db, ids, codes.slice(0, -1)),
    rulesInForce(db, ids, codes),
    Promise.all(ids.map((id) => maxCeiling(db, actor, id))),
  ]);
  const rows: CategoryRuleRow[] = categories.map((c, i) => {
    const force = inForce.get(c.id)!;
    const own = region && force.fromRegion === region.code ? { deadlineDays: force.deadlineDays, maxDays: force.maxDays, signDays: force.signDays } : null;
    return {
      categoryId: c.id, code: c.code, name: c.name, nameEn: c.name_en,
      defaults: { deadlineDays: c.deadline_days, maxDays: c.max_days, signDays: c.sign_days },
      inherited: inherited.get(c.id)!, own, inForce: force, maxCeiling: region ? ceilings[i]! : null,
      editable: region ? mayEditRegion(actor, region.path) : actor.role === 'admin',
    };
  });
  return { region: region ? { code: region.code, name: region.name } : null, rules: rows };
}

function checkDays(r: RuleDays) {
  if (r.deadlineDays > r.maxDays) throw new AppError('CASE_RULE_DAYS_ABOVE_MAX', { days: r.deadlineDays, max: r.maxDays });
}

const auditDays = (r: RuleDays | null | undefined) => (r ? { deadlineDays: r.deadlineDays, maxDays: r.maxDays, signDays: r.signDays } : null);

/** An administrator sets a category's default rule. */
export async function setCategoryDefault(ctx: WriteContext, categoryId: number, r: RuleDays) {
  if (ctx.actor.role !== 'admin') throw new AppError('FORBIDDEN');
  checkDays(r);
  const before = await ctx.trx.selectFrom('case_category').select(['deadline_days', 'max_days', 'sign_days']).where('id', '=', categoryId).forUpdate().executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND');
  await ctx.trx.updateTable('case_category').set({ deadline_days: r.deadlineDays, max_days: r.maxDays, sign_days: r.signDays }).where('id', '=', categoryId).execute();
  await recordAudit(ctx, {
    action: 'case_rule.set_default', entityType: 'case_category', entityId: categoryId,
    before: auditDays({ deadlineDays: before.deadline_days, maxDays: before.max_days, signDays: before.sign_days }), after: auditDays(r),
  });
}

/** Sets (r) or removes (null) a region's own rule for a category. */
export async function setRegionRule(ctx: WriteContext, categoryId: number, regionCode: string, r: RuleDays | null) {
  const { trx, actor } = ctx;
  const region = await regionOf(trx, regionCode);
  if (!mayEditRegion(actor, region.path)) throw new AppError(actor.role === 'staff' ? 'NOT_FOUND' : 'FORBIDDEN');
  const category = await trx.selectFrom('case_category').select('id').where('id', '=', categoryId).executeTakeFirst();
  if (!category) throw new AppError('NOT_FOUND');
  if (r) {
    checkDays(r);
    const ceiling = await maxCeiling(trx, actor, categoryId);
    if (ceiling !== null && r.maxDays > ceiling) throw new AppError('CASE_RULE_MAX_TOO_HIGH', { max: ceiling });
  }
  const before = await trx.selectFrom('case_category_rule').select(['deadline_days', 'max_days', 'sign_days'])
    .where('category_id', '=', categoryId).where('region_code', '=', regionCode).forUpdate().executeTakeFirst();
  if (r) {
    const values = { deadline_days: r.deadlineDays, max_days: r.maxDays, sign_days: r.signDays, updated_at: now(), updated_by_account_id: actor.accountId || null };
    await trx.insertInto('case_category_rule').values({ category_id: categoryId, region_code: regionCode, ...values })
      .onConflict((oc) => oc.columns(['category_id', 'region_code']).doUpdateSet(values)).execute();
  } else if (before) {
    await trx.deleteFrom('case_category_rule').where('category_id', '=', categoryId).where('region_code', '=', regionCode).execute();
  } else {
    return; // nothing to remove: the region already follows the rule above
  }
  await recordAudit(ctx, {
    action: r ? 'case_rule.set_region' : 'case_rule.remove_region', entityType: 'case_category', entityId: categoryId,
    before: { regionCode, rule: before ? auditDays({ deadlineDays: before.deadline_days, maxDays: before.max_days, signDays: before.sign_days }) : null },
    after: { regionCode, rule: auditDays(r) },
  });
}

/** The clock facts of a case row, as the case page shows them, with the rule it follows (`ruleFor`). */
export function caseClockFacts(rule: RuleInForce, row: {
  category_id: number; region_path: string; state: string; accepted_at: Date | null; assigned_at: Date | null; transfer_minutes: number | null;
  transferred_within_24h: boolean | null; sign_due_date: string | null; sign_due_at: Date | null; signed_at: Date | null; signed_on_time: boolean | null;
  sign_overdue_at: Date | null;
}) {
  return {
    transferMinutes: row.transfer_minutes,
    transferredWithin24h: row.transferred_within_24h,
    signDueDate: row.sign_due_date,
    signedAt: row.signed_at?.toISOString() ?? null,
    signedOnTime: row.signed_on_time,
    signOverdue: row.state === 'assigned' && row.sign_due_at !== null && row.sign_due_at < now(),
    signOverdueSince: row.sign_overdue_at?.toISOString() ?? (row.state === 'assigned' && row.sign_due_at !== null && row.sign_due_at < now() ? row.sign_due_at.toISOString() : null),
    rule,
  };
}
