/** Terms (届) of the people's congresses: recorded and corrected by those who run the congress's region. */
import { sql } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { congressRegionFits } from './congress.js';
import { termConflict, termDatesText, type TermDates } from './congressTerms.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { ref, regionManageable } from '../../platform/access/scope.js';
import { termManageable, termVisible } from './access.js';
import { now } from '../../platform/clock.js';

export interface TermInput {
  level: DeputyLevel;
  /** The congress's region; null (or left out) for the National People's Congress. */
  regionCode: string | null;
  number: number;
  startsOn: string;
  endsOn: string | null;
}

/** Any advisory-lock key of our own, paired with the congress, so writers of one congress take turns. */
const CONGRESS_TERMS_LOCK = 72_741_002;

/**
 * The congress an input names, as the writer may record it: the NPC has no region and is the
 * administrators'; any other congress names a region of its level inside the writer's subtree.
 */
async function requireCongress(ctx: WriteContext, level: DeputyLevel, regionCode: string | null): Promise<{ code: string | null; path: string }> {
  if (level === 'national') {
    if (regionCode !== null) throw invalidFields([{ path: 'regionCode', code: 'NOT_APPLICABLE' }]);
    if (!regionManageable(ctx.actor, '')) throw invalidFields([{ path: 'level', code: 'NOT_IN_SCOPE' }]);
    return { code: null, path: '' };
  }
  if (regionCode === null) throw invalidFields([{ path: 'regionCode', code: 'REQUIRED' }]);
  const region = await ctx.trx.selectFrom('region').select(['code', 'path', 'level']).where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
  if (!congressRegionFits(level, region.level)) throw invalidFields([{ path: 'regionCode', code: 'REGION_LEVEL_MISMATCH' }]);
  if (!regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  return { code: region.code, path: region.path };
}

/**
 * Checks the term against the other terms of its congress. Writers of the same congress are
 * serialised first (a transaction-scoped advisory lock on the congress), so two overlapping
 * terms entered at the same moment cannot both pass.
 */
async function requireFits(ctx: WriteContext, input: TermInput, exceptId?: number): Promise<void> {
  if (input.endsOn !== null && input.endsOn < input.startsOn) throw invalidFields([{ path: 'endsOn', code: 'ENDS_BEFORE_START' }]);
  await sql`select pg_advisory_xact_lock(${CONGRESS_TERMS_LOCK}, hashtext(${`${input.level}:${input.regionCode ?? ''}`}))`.execute(ctx.trx);
  let q = ctx.trx.selectFrom('congress_term').select(['number', 'starts_on', 'ends_on'])
    .where('level', '=', input.level)
    .where(sql<boolean>`region_code is not distinct from ${input.regionCode}`);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const others: TermDates[] = (await q.execute()).map((t) => ({ number: t.number, startsOn: t.starts_on, endsOn: t.ends_on }));
  const conflict = termConflict({ number: input.number, startsOn: input.startsOn, endsOn: input.endsOn }, others);
  if (!conflict) return;
  const details = { number: conflict.other.number, dates: termDatesText(conflict.other) };
  throw new AppError(conflict.kind === 'exists' ? 'TERM_EXISTS' : conflict.kind === 'overlap' ? 'TERM_OVERLAP' : 'TERM_OUT_OF_ORDER', details);
}

async function snapshot(ctx: WriteContext, id: number) {
  return ctx.trx.selectFrom('congress_term').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function createTerm(ctx: WriteContext, input: TermInput): Promise<number> {
  const congress = await requireCongress(ctx, input.level, input.regionCode);
  await requireFits(ctx, input);
  const { id } = await ctx.trx.insertInto('congress_term').values({
    level: input.level, region_code: congress.code, region_path: congress.path, number: input.number,
    starts_on: input.startsOn, ends_on: input.endsOn, updated_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'term.create', entityType: 'congress_term', entityId: id, after: await snapshot(ctx, id) });
  return id;
}

/**
 * Corrects a term: its dates, its number, or the congress it belongs to (a term entered for
 * the wrong congress is moved, not deleted, so the audit log keeps what it was).
 */
export async function updateTerm(ctx: WriteContext, id: number, version: number, patch: Partial<TermInput>): Promise<void> {
  const current = await ctx.trx.selectFrom('congress_term as t')
    .selectAll('t').select(termManageable(ctx.actor, ref('t.region_path')).as('can_manage'))
    .where('t.id', '=', id).where(termVisible(ctx.actor, ref('t.region_path')))
    .forUpdate().executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  if (!current.can_manage) throw new AppError('FORBIDDEN');
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  const level = patch.level ?? current.level;
  // A term moved to the NPC leaves its region behind unless the patch names one.
  const regionCode = patch.regionCode !== undefined ? patch.regionCode : patch.level === 'national' ? null : current.region_code;
  const input: TermInput = {
    level, regionCode, number: patch.number ?? current.number,
    startsOn: patch.startsOn ?? current.starts_on, endsOn: patch.endsOn !== undefined ? patch.endsOn : current.ends_on,
  };
  const congress = await requireCongress(ctx, input.level, input.regionCode);
  await requireFits(ctx, input, id);
  const before = await snapshot(ctx, id);
  await ctx.trx.updateTable('congress_term').set({
    level: input.level, region_code: congress.code, region_path: congress.path, number: input.number,
    starts_on: input.startsOn, ends_on: input.endsOn, updated_at: now(), version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'term.update', entityType: 'congress_term', entityId: id, before, after: await snapshot(ctx, id) });
}
