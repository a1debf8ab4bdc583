/** 主题活动 (campaigns): created by congress staff for a region and a period; activities join them. */
import { sql } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { regionManageable } from '../../platform/access/scope.js';
import { now } from '../../platform/clock.js';

export interface CampaignInput { name: string; description: string; regionCode: string; startsOn: string; endsOn: string }

async function manageableRegion(ctx: WriteContext, code: string) {
  const region = await ctx.trx.selectFrom('region').select(['code', 'path']).where('code', '=', code).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
  if (!regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  return region;
}

export async function createCampaign(ctx: WriteContext, input: CampaignInput): Promise<number> {
  if (input.endsOn < input.startsOn) throw invalidFields([{ path: 'endsOn', code: 'ENDS_BEFORE_START' }]);
  const region = await manageableRegion(ctx, input.regionCode);
  const { id } = await ctx.trx.insertInto('activity_campaign').values({
    name: input.name, description: input.description, region_code: region.code, region_path: region.path,
    starts_on: input.startsOn, ends_on: input.endsOn, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'campaign.create', entityType: 'campaign', entityId: id, after: input });
  return id;
}

export async function updateCampaign(ctx: WriteContext, id: number, version: number, input: CampaignInput): Promise<void> {
  const before = await ctx.trx.selectFrom('activity_campaign').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before || !regionManageable(ctx.actor, before.region_path)) throw new AppError('NOT_FOUND');
  if (before.version !== version) throw new AppError('CONFLICT', { currentVersion: before.version });
  if (input.endsOn < input.startsOn) throw invalidFields([{ path: 'endsOn', code: 'ENDS_BEFORE_START' }]);
  const region = await manageableRegion(ctx, input.regionCode);
  await ctx.trx.updateTable('activity_campaign').set({
    name: input.name, description: input.description, region_code: region.code, region_path: region.path,
    starts_on: input.startsOn, ends_on: input.endsOn, updated_at: now(), version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'campaign.update', entityType: 'campaign', entityId: id, before, after: input });
}
