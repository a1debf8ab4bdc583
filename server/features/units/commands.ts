import { sql } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { UnitContact } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { ref, unitManageable, unitVisible } from '../../platform/access/scope.js';
import { refreshAccountAnchors } from '../accounts/index.js';
import { requireManageableRegion } from '../../platform/regions/lookup.js';
import { now } from '../../platform/clock.js';

export interface UnitInput {
  name: string;
  regionCode: string;
  address: string;
  contacts: UnitContact[];
}

async function snapshot(ctx: WriteContext, id: number) {
  return ctx.trx.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function requireUniqueName(ctx: WriteContext, regionCode: string, name: string, exceptId?: number) {
  let q = ctx.trx.selectFrom('unit').select('id').where('region_code', '=', regionCode).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', { field: 'name', reason: 'duplicate unit name in region' });
}

export async function createUnit(ctx: WriteContext, input: UnitInput): Promise<number> {
  const path = await requireManageableRegion(ctx, input.regionCode);
  await requireUniqueName(ctx, input.regionCode, input.name);
  const { id } = await ctx.trx.insertInto('unit').values({
    name: input.name, region_code: input.regionCode, region_path: path, address: input.address,
    contacts: JSON.stringify(input.contacts), updated_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'unit.create', entityType: 'unit', entityId: id, after: await snapshot(ctx, id) });
  return id;
}

export async function updateUnit(
  ctx: WriteContext, id: number, version: number, patch: Partial<UnitInput> & { active?: boolean },
): Promise<void> {
  const current = await ctx.trx.selectFrom('unit as u')
    .select(['u.id', 'u.version', 'u.name', 'u.region_code', unitManageable(ctx.actor, ref('u.region_path')).as('can_manage')])
    .where('u.id', '=', id).where(unitVisible(ctx.actor, ref('u.id'), ref('u.region_path')))
    .forUpdate().executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  if (!current.can_manage) throw new AppError('FORBIDDEN');
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  const path = patch.regionCode !== undefined ? await requireManageableRegion(ctx, patch.regionCode) : undefined;
  if (patch.name !== undefined || patch.regionCode !== undefined) {
    await requireUniqueName(ctx, patch.regionCode ?? current.region_code, patch.name ?? current.name, id);
  }
  const before = await snapshot(ctx, id);
  await ctx.trx.updateTable('unit').set({
    ...(patch.name !== undefined && { name: patch.name }),
    ...(path !== undefined && { region_code: patch.regionCode, region_path: path }),
    ...(patch.address !== undefined && { address: patch.address }),
    ...(patch.contacts !== undefined && { contacts: JSON.stringify(patch.contacts) }),
    ...(patch.active !== undefined && { active: patch.active }),
    updated_at: now(),
    version: sql`version + 1`,
  }).where('id', '=', id).execute();
  if (path !== undefined) await refreshAccountAnchors(ctx, { unitId: id });
  await recordAudit(ctx, { action: 'unit.update', entityType: 'unit', entityId: id, before, after: await snapshot(ctx, id) });
}
