import { sql } from 'kysely';
import type { DeputyLevel, DeputyStatus, Gender, StationMemberRole } from '../../../common/enums.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { congressRegionFits } from '../terms/index.js';
import { nameToPinyin } from '../../platform/text/pinyin.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { deputyManageable, deputyVisible, ref, stationVisible } from '../../platform/access/scope.js';
import { refreshAccountAnchors } from '../accounts/index.js';
import { requireManageableRegion, requireRegions } from '../../platform/regions/lookup.js';
import { now } from '../../platform/clock.js';

export interface DeputyInput {
  name: string;
  gender: Gender;
  ethnicity: string;
  party: string;
  birthYear: number | null;
  phone: string | null;
  status: DeputyStatus;
  specialLiaison: boolean;
  regionCode: string;
  constituency: string;
  professionTags: string[];
  occupation: string;
  gridCell: string | null;
  levels: { level: DeputyLevel; term: number; regionCode: string | null }[];
  stations: { stationId: number; role: StationMemberRole }[];
}

async function snapshot(ctx: WriteContext, id: number) {
  const deputy = await ctx.trx.selectFrom('deputy').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const levels = await ctx.trx.selectFrom('deputy_level').select(['level', 'term', 'region_code']).where('deputy_id', '=', id).orderBy('level').execute();
  const stations = await ctx.trx.selectFrom('deputy_station').select(['station_id', 'role']).where('deputy_id', '=', id).orderBy('station_id').execute();
  return { ...deputy, levels, stations };
}

async function writeLevels(ctx: WriteContext, id: number, levels: DeputyInput['levels']) {
  // The National People's Congress has no region; every other level names its congress's region.
  const misfit = levels.map((l, i) => ({ l, i })).filter(({ l }) => (l.level === 'national') !== (l.regionCode === null));
  if (misfit.length) {
    throw invalidFields(misfit.map(({ l, i }) => ({ path: `levels.${i}.regionCode`, code: l.level === 'national' ? 'NOT_APPLICABLE' as const : 'REQUIRED' as const })));
  }
  const regions = await requireRegions(ctx.trx, levels.flatMap((l, i) => (l.regionCode ? [{ path: `levels.${i}.regionCode`, code: l.regionCode }] : [])));
  const wrongLevel = levels.map((l, i) => ({ l, i }))
    .filter(({ l }) => !congressRegionFits(l.level, l.regionCode ? regions.get(l.regionCode)!.level : null));
  if (wrongLevel.length) throw invalidFields(wrongLevel.map(({ i }) => ({ path: `levels.${i}.regionCode`, code: 'REGION_LEVEL_MISMATCH' as const })));
  await ctx.trx.deleteFrom('deputy_level').where('deputy_id', '=', id).execute();
  if (levels.length) {
    await ctx.trx.insertInto('deputy_level')
      .values(levels.map((l) => ({ deputy_id: id, level: l.level, term: l.term, region_code: l.regionCode }))).execute();
  }
}

/** Memberships may only name stations the actor can see; those they cannot see are kept as they are. */
async function writeStations(ctx: WriteContext, id: number, stations: DeputyInput['stations']) {
  const ids = stations.map((s) => s.stationId);
  const visible = ids.length
    ? new Set((await ctx.trx.selectFrom('station as s').select('s.id').where('s.id', 'in', ids)
      .where(stationVisible(ctx.actor, ref('s.id'))).execute()).map((s) => s.id))
    : new Set<number>();
  const unknown = stations.map((s, i) => ({ s, i })).filter(({ s }) => !visible.has(s.stationId));
  if (unknown.length) throw invalidFields(unknown.map(({ i }) => ({ path: `stations.${i}.stationId`, code: 'UNKNOWN_REFERENCE' })));
  await ctx.trx.deleteFrom('deputy_station').where('deputy_id', '=', id)
    .where(stationVisible(ctx.actor, ref('deputy_station.station_id'))).execute();
  if (stations.length) {
    await ctx.trx.insertInto('deputy_station')
      .values(stations.map((s) => ({ deputy_id: id, station_id: s.stationId, role: s.role })))
      .onConflict((oc) => oc.columns(['deputy_id', 'station_id']).doUpdateSet({ role: sql`excluded.role` }))
      .execute();
  }
}

export async function createDeputy(ctx: WriteContext, input: DeputyInput): Promise<number> {
  const regionPath = await requireManageableRegion(ctx, input.regionCode);
  const py = nameToPinyin(input.name);
  const { id } = await ctx.trx.insertInto('deputy').values({
    name: input.name,
    name_pinyin: py.pinyin,
    name_initials: py.initials,
    gender: input.gender,
    ethnicity: input.ethnicity,
    party: input.party,
    birth_year: input.birthYear,
    phone: input.phone,
    status: input.status,
    special_liaison: input.specialLiaison,
    region_code: input.regionCode,
    region_path: regionPath,
    constituency: input.constituency,
    profession_tags: input.professionTags,
    occupation: input.occupation,
    grid_cell: input.gridCell,
    updated_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await writeLevels(ctx, id, input.levels);
  await writeStations(ctx, id, input.stations);
  await recordAudit(ctx, { action: 'deputy.create', entityType: 'deputy', entityId: id, after: await snapshot(ctx, id) });
  return id;
}

export async function updateDeputy(ctx: WriteContext, id: number, version: number, patch: Partial<DeputyInput> & { active?: boolean }): Promise<void> {
  const current = await ctx.trx.selectFrom('deputy as d')
    .select(['d.id', 'd.version', deputyManageable(ctx.actor, ref('d.region_path')).as('can_manage')])
    .where('d.id', '=', id).where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path')))
    .forUpdate().executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  if (!current.can_manage) throw new AppError('FORBIDDEN');
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  const before = await snapshot(ctx, id);
  const regionPath = patch.regionCode !== undefined ? await requireManageableRegion(ctx, patch.regionCode) : undefined;
  const py = patch.name !== undefined ? nameToPinyin(patch.name) : undefined;
  await ctx.trx.updateTable('deputy').set({
    ...(patch.name !== undefined && { name: patch.name, name_pinyin: py!.pinyin, name_initials: py!.initials }),
    ...(patch.gender !== undefined && { gender: patch.gender }),
    ...(patch.ethnicity !== undefined && { ethnicity: patch.ethnicity }),
    ...(patch.party !== undefined && { party: patch.party }),
    ...(patch.birthYear !== undefined && { birth_year: patch.birthYear }),
    ...(patch.phone !== undefined && { phone: patch.phone }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.specialLiaison !== undefined && { special_liaison: patch.specialLiaison }),
    ...(regionPath !== undefined && { region_code: patch.regionCode, region_path: regionPath }),
    ...(patch.constituency !== undefined && { constituency: patch.constituency }),
    ...(patch.professionTags !== undefined && { profession_tags: patch.professionTags }),
    ...(patch.occupation !== undefined && { occupation: patch.occupation }),
    ...(patch.gridCell !== undefined && { grid_cell: patch.gridCell }),
    ...(patch.active !== undefined && { active: patch.active }),
    updated_at: now(),
    version: sql`version + 1`,
  }).where('id', '=', id).execute();
  if (regionPath !== undefined) await refreshAccountAnchors(ctx, { deputyId: id });
  if (patch.levels !== undefined) await writeLevels(ctx, id, patch.levels);
  if (patch.stations !== undefined) await writeStations(ctx, id, patch.stations);
  await recordAudit(ctx, { action: 'deputy.update', entityType: 'deputy', entityId: id, before, after: await snapshot(ctx, id) });
}
