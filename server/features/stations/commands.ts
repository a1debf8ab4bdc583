import { sql } from 'kysely';
import type { StationGrade, StationTier, StationType } from '../../../common/enums.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { ReceptionSchedule } from '../../platform/db/schema.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { STATION_OPERATIONAL_FIELDS } from './access.js';
import { ref, regionManageable, stationManageable, stationOperable, stationVisible } from '../../platform/access/scope.js';
import { normaliseSchedule } from './presenter.js';
import { refreshAccountAnchors } from '../accounts/index.js';
import { refreshStationCaseScopes } from '../cases/index.js';
import { requireRegions } from '../../platform/regions/lookup.js';
import { now as clockNow } from '../../platform/clock.js';

export interface StationInput {
  name: string;
  type: StationType;
  tier: StationTier;
  parentId: number | null;
  homeRegionCode: string;
  memberRegionCodes: string[];
  /** A remote liaison point (异地联络点): the region it stands in, outside its home region; null or left out: it stands at home. */
  locatedRegionCode?: string | null;
  address: string;
  phone: string | null;
  openingHours: string;
  receptionSchedule: Partial<ReceptionSchedule>;
  /** Where it is on the map (GCJ-02 degrees); left out: none. */
  location?: { lat: number; lng: number } | null;
  checklist: Record<string, boolean | undefined>;
  grade: StationGrade | null;
  stars: number | null;
  description: string;
}

async function requireVisibleParent(ctx: WriteContext, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  const parent = await ctx.trx.selectFrom('station as s').select('s.id')
    .where('s.id', '=', parentId).where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!parent) throw invalidFields([{ path: 'parentId', code: 'UNKNOWN_REFERENCE' }]);
}

/** Replaces the station's region links: the home region plus any member regions (cross-province). */
async function writeRegions(ctx: WriteContext, stationId: number, homeCode: string, memberCodes: string[]): Promise<void> {
  const members = memberCodes.filter((c) => c !== homeCode);
  const regions = await requireRegions(ctx.trx, [
    { path: 'homeRegionCode', code: homeCode },
    ...members.map((code, i) => ({ path: `memberRegionCodes.${i}`, code })),
  ]);
  const home = regions.get(homeCode)!;
  if (!regionManageable(ctx.actor, home.path)) throw invalidFields([{ path: 'homeRegionCode', code: 'NOT_IN_SCOPE' }]);
  await ctx.trx.deleteFrom('station_region').where('station_id', '=', stationId).execute();
  await ctx.trx.insertInto('station_region').values([
    { station_id: stationId, region_code: homeCode, region_path: home.path, is_home: true },
    ...members.map((code) => ({ station_id: stationId, region_code: code, region_path: regions.get(code)!.path, is_home: false })),
  ]).execute();
  // The station's cases are reached through its regions: follow the change.
  await refreshStationCaseScopes(ctx.trx, stationId);
}

/**
 * Where a remote liaison point stands (异地联络点): a region outside its home region (the home
 * congress's territory), 400 STATION_LOCATED_AT_HOME otherwise; null clears it.
 */
async function writeLocated(ctx: WriteContext, stationId: number, code: string | null): Promise<void> {
  if (code === null) {
    await ctx.trx.updateTable('station').set({ located_region_code: null, located_region_path: null }).where('id', '=', stationId).execute();
    return;
  }
  const located = (await requireRegions(ctx.trx, [{ path: 'locatedRegionCode', code }])).get(code)!;
  const home = await ctx.trx.selectFrom('station_region').select('region_path').where('station_id', '=', stationId).where('is_home', '=', true).executeTakeFirstOrThrow();
  if (located.path.startsWith(home.region_path) || home.region_path.startsWith(located.path)) throw new AppError('STATION_LOCATED_AT_HOME');
  await ctx.trx.updateTable('station').set({ located_region_code: code, located_region_path: located.path }).where('id', '=', stationId).execute();
}

function columnsOf(input: Partial<StationInput>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.type !== undefined && { type: input.type }),
    ...(input.tier !== undefined && { tier: input.tier }),
    ...(input.parentId !== undefined && { parent_id: input.parentId }),
    ...(input.homeRegionCode !== undefined && { home_region_code: input.homeRegionCode }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.openingHours !== undefined && { opening_hours: input.openingHours }),
    ...(input.receptionSchedule !== undefined && { reception_schedule: JSON.stringify(normaliseSchedule(input.receptionSchedule)) }),
    ...(input.location !== undefined && { latitude: input.location?.lat ?? null, longitude: input.location?.lng ?? null }),
    ...(input.checklist !== undefined && { checklist: JSON.stringify(input.checklist) }),
    ...(input.grade !== undefined && { grade: input.grade }),
    ...(input.stars !== undefined && { stars: input.stars }),
    ...(input.description !== undefined && { description: input.description }),
  };
}

async function snapshot(ctx: WriteContext, id: number) {
  const station = await ctx.trx.selectFrom('station').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const regions = await ctx.trx.selectFrom('station_region').select(['region_code', 'is_home'])
    .where('station_id', '=', id).orderBy('region_code').execute();
  return { ...station, regions };
}

export async function createStation(ctx: WriteContext, input: StationInput): Promise<number> {
  await requireVisibleParent(ctx, input.parentId);
  const now = clockNow();
  const { id } = await ctx.trx.insertInto('station').values({
    name: input.name,
    type: input.type,
    tier: input.tier,
    parent_id: input.parentId,
    home_region_code: input.homeRegionCode,
    address: input.address,
    phone: input.phone,
    opening_hours: input.openingHours,
    reception_schedule: JSON.stringify(normaliseSchedule(input.receptionSchedule)),
    latitude: input.location?.lat ?? null,
    longitude: input.location?.lng ?? null,
    checklist: JSON.stringify(input.checklist),
    grade: input.grade,
    stars: input.stars,
    description: input.description,
    updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await writeRegions(ctx, id, input.homeRegionCode, input.memberRegionCodes);
  if (input.locatedRegionCode) await writeLocated(ctx, id, input.locatedRegionCode);
  await recordAudit(ctx, { action: 'station.create', entityType: 'station', entityId: id, after: await snapshot(ctx, id) });
  return id;
}

/** The ancestors of a station, nearest first (bounded, in case the data already holds a cycle). */
async function ancestorIds(ctx: WriteContext, id: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from station where id = ${id}
      union all
      select s.id, s.parent_id, up.depth + 1 from station s join up on s.id = up.parent_id where up.depth < 50
    ) select id from up`.execute(ctx.trx);
  return rows.rows.map((r) => r.id);
}

export async function updateStation(
  ctx: WriteContext, id: number, version: number, patch: Partial<StationInput>,
): Promise<void> {
  const current = await ctx.trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.version', 's.home_region_code',
      stationManageable(ctx.actor, ref('h.region_path')).as('can_manage'),
      stationOperable(ctx.actor, ref('s.id'), ref('h.region_path')).as('can_operate')])
    .where('s.id', '=', id).where(stationVisible(ctx.actor, ref('s.id')))
    .forUpdate('s')
    .executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  const fields = Object.keys(patch).filter((k) => patch[k as keyof StationInput] !== undefined);
  if (!current.can_manage) {
    const operational = new Set<string>(STATION_OPERATIONAL_FIELDS);
    const beyond = fields.filter((f) => !operational.has(f));
    if (!current.can_operate) throw new AppError('FORBIDDEN');
    if (beyond.length) throw new AppError('FORBIDDEN', { fields: beyond });
  }
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  if (patch.parentId !== undefined && patch.parentId !== null) {
    await requireVisibleParent(ctx, patch.parentId);
    if ((await ancestorIds(ctx, patch.parentId)).includes(id)) throw new AppError('STATION_PARENT_CYCLE');
  }
  const before = await snapshot(ctx, id);
  await ctx.trx.updateTable('station')
    .set({ ...columnsOf(patch), updated_at: clockNow(), version: sql`version + 1` })
    .where('id', '=', id).execute();
  if (patch.homeRegionCode !== undefined || patch.memberRegionCodes !== undefined) {
    const currentMembers = before.regions.filter((r) => !r.is_home).map((r) => r.region_code);
    await writeRegions(ctx, id, patch.homeRegionCode ?? current.home_region_code, patch.memberRegionCodes ?? currentMembers);
    if (patch.homeRegionCode !== undefined) await refreshAccountAnchors(ctx, { stationId: id });
  }
  if (patch.locatedRegionCode !== undefined || (patch.homeRegionCode !== undefined && before.located_region_code)) {
    await writeLocated(ctx, id, patch.locatedRegionCode === undefined ? before.located_region_code : patch.locatedRegionCode);
  }
  await recordAudit(ctx, { action: 'station.update', entityType: 'station', entityId: id, before, after: await snapshot(ctx, id) });
}

/** Stations are never deleted (cases and activities refer to them): they are deactivated. */
export async function setStationActive(ctx: WriteContext, id: number, active: boolean, reason: string): Promise<void> {
  const current = await ctx.trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.active', stationManageable(ctx.actor, ref('h.region_path')).as('can_manage')])
    .where('s.id', '=', id).where(stationVisible(ctx.actor, ref('s.id')))
    .forUpdate('s')
    .executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  if (!current.can_manage) throw new AppError('FORBIDDEN');
  if (current.active === active) return;
  await ctx.trx.updateTable('station').set({ active, updated_at: clockNow(), version: sql`version + 1` }).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: active ? 'station.reactivate' : 'station.deactivate', entityType: 'station', entityId: id,
    before: { active: current.active }, after: { active, reason },
  });
}
