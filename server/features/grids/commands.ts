/**
 * Grid writes: cells (with their deputies and grid workers), whistles (a case of channel
 * `whistle` at the cell's station), cross-border service teams and their joint patrols (an
 * activity of the team's station). Each runs in the caller's transaction with its audit record.
 */
import { sql } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { accountManageable, deputyManageable, ref, regionManageable, stationVisible } from '../../platform/access/scope.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { requireRegions } from '../../platform/regions/lookup.js';
import { now } from '../../platform/clock.js';
import { noteOnCase, registerWhistle, type CheckedPhoto } from '../cases/index.js';
import { createActivity } from '../activities/index.js';
import { cellManageable, cellVisible, patrolLoggable, teamManageable } from './access.js';

export interface CellInput {
  name: string;
  regionCode: string;
  village: string;
  stationId: number;
  boundary: string;
  center: { lat: number; lng: number } | null;
  deputyIds: number[];
  workerAccountIds: number[];
}

const cellRefs = (alias: string) => ({ id: ref(`${alias}.id`), regionPath: ref(`${alias}.region_path`), stationId: ref(`${alias}.station_id`) });

/** The town in the actor's region, and a station the actor sees that serves it (home or member region at or above the town). */
async function placeOf(ctx: WriteContext, input: Pick<CellInput, 'regionCode' | 'stationId'>) {
  const region = (await requireRegions(ctx.trx, [{ path: 'regionCode', code: input.regionCode }])).get(input.regionCode)!;
  if (!regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  const station = await ctx.trx.selectFrom('station as s').select('s.id').where('s.id', '=', input.stationId).where('s.active', '=', true)
    .where(stationVisible(ctx.actor, ref('s.id')))
    .where((eb) => eb.exists(eb.selectFrom('station_region as sr').select('sr.station_id').whereRef('sr.station_id', '=', 's.id')
      .where(sql<boolean>`${region.path} like sr.region_path || '%'`)))
    .executeTakeFirst();
  if (!station) throw new AppError('GRID_STATION_INVALID');
  return region;
}

async function checkMembers(ctx: WriteContext, input: Pick<CellInput, 'deputyIds' | 'workerAccountIds'>) {
  const deputyIds = [...new Set(input.deputyIds)];
  if (deputyIds.length) {
    const found = await ctx.trx.selectFrom('deputy as d').select('d.id').where('d.id', 'in', deputyIds)
      .where('d.active', '=', true).where('d.status', '=', 'current').where(deputyManageable(ctx.actor, ref('d.region_path'))).execute();
    if (found.length !== deputyIds.length) throw new AppError('GRID_DEPUTY_INVALID');
  }
  const workerIds = [...new Set(input.workerAccountIds)];
  if (workerIds.length) {
    const found = await ctx.trx.selectFrom('account as a').select('a.id').where('a.id', 'in', workerIds)
      .where('a.role', '=', 'grid').where('a.active', '=', true).where(accountManageable(ctx.actor, ref('a.role'), ref('a.anchor_path'))).execute();
    if (found.length !== workerIds.length) throw new AppError('GRID_WORKER_INVALID');
  }
  return { deputyIds, workerIds };
}

async function writeMembers(ctx: WriteContext, cellId: number, m: { deputyIds: number[]; workerIds: number[] }) {
  await ctx.trx.deleteFrom('grid_cell_deputy').where('cell_id', '=', cellId).execute();
  await ctx.trx.deleteFrom('grid_cell_worker').where('cell_id', '=', cellId).execute();
  if (m.deputyIds.length) await ctx.trx.insertInto('grid_cell_deputy').values(m.deputyIds.map((deputy_id) => ({ cell_id: cellId, deputy_id }))).execute();
  if (m.workerIds.length) await ctx.trx.insertInto('grid_cell_worker').values(m.workerIds.map((account_id) => ({ cell_id: cellId, account_id }))).execute();
}

async function cellSnapshot(ctx: WriteContext, id: number) {
  const cell = await ctx.trx.selectFrom('grid_cell').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const deputyIds = (await ctx.trx.selectFrom('grid_cell_deputy').select('deputy_id').where('cell_id', '=', id).orderBy('deputy_id').execute()).map((r) => r.deputy_id);
  const workerAccountIds = (await ctx.trx.selectFrom('grid_cell_worker').select('account_id').where('cell_id', '=', id).orderBy('account_id').execute()).map((r) => r.account_id);
  return { ...cell, deputyIds, workerAccountIds };
}

async function requireNameFree(ctx: WriteContext, input: CellInput, exceptId: number | null) {
  let q = ctx.trx.selectFrom('grid_cell').select('id').where('region_code', '=', input.regionCode).where('village', '=', input.village).where('name', '=', input.name);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('GRID_CELL_TAKEN');
}

export async function createCell(ctx: WriteContext, input: CellInput): Promise<number> {
  const region = await placeOf(ctx, input);
  const members = await checkMembers(ctx, input);
  await requireNameFree(ctx, input, null);
  const { id } = await ctx.trx.insertInto('grid_cell').values({
    name: input.name, region_code: region.code, region_path: region.path, village: input.village, station_id: input.stationId,
    boundary: input.boundary, center_lat: input.center?.lat ?? null, center_lng: input.center?.lng ?? null, updated_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await writeMembers(ctx, id, members);
  await recordAudit(ctx, { action: 'grid.cell_create', entityType: 'grid_cell', entityId: id, after: await cellSnapshot(ctx, id) });
  return id;
}

export async function updateCell(ctx: WriteContext, id: number, version: number, input: CellInput): Promise<void> {
  const current = await ctx.trx.selectFrom('grid_cell as c').select(['c.id', 'c.version']).where('c.id', '=', id)
    .where(cellVisible(ctx.actor, cellRefs('c'))).forUpdate().executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  const manageable = await ctx.trx.selectFrom('grid_cell as c').select('c.id').where('c.id', '=', id).where(cellManageable(ctx.actor, ref('c.region_path'))).executeTakeFirst();
  if (!manageable) throw new AppError('FORBIDDEN');
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  const before = await cellSnapshot(ctx, id);
  const region = await placeOf(ctx, input);
  const members = await checkMembers(ctx, input);
  await requireNameFree(ctx, input, id);
  await ctx.trx.updateTable('grid_cell').set({
    name: input.name, region_code: region.code, region_path: region.path, village: input.village, station_id: input.stationId,
    boundary: input.boundary, center_lat: input.center?.lat ?? null, center_lng: input.center?.lng ?? null,
    version: sql<number>`version + 1`, updated_at: now(),
  }).where('id', '=', id).execute();
  await writeMembers(ctx, id, members);
  await recordAudit(ctx, { action: 'grid.cell_update', entityType: 'grid_cell', entityId: id, before, after: await cellSnapshot(ctx, id) });
}

export interface WhistleInput {
  cellId: number;
  categoryId: number;
  content: string;
  place: string;
  location: { lat: number; lng: number } | null;
  /** Checked and cleaned by `checkPhotos` before the transaction. */
  photos: CheckedPhoto[];
}

/**
 * A grid worker blows the whistle for one of their cells: a case of channel `whistle` at the
 * cell's station, with photos, where it was seen (the phone's position or a description), and a
 * note on the case's timeline naming the worker and the cell.
 */
export async function blowWhistle(ctx: WriteContext, input: WhistleInput): Promise<number> {
  const cell = await ctx.trx.selectFrom('grid_cell as c').select(['c.id', 'c.name', 'c.village', 'c.station_id', 'c.region_code', 'c.region_path'])
    .where('c.id', '=', input.cellId).where('c.active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('grid_cell_worker as w').select('w.cell_id').whereRef('w.cell_id', '=', 'c.id').where('w.account_id', '=', ctx.actor.accountId)))
    .executeTakeFirst();
  if (!cell) throw new AppError('NOT_FOUND');
  if (!input.location && !input.place) throw new AppError('GRID_LOCATION_REQUIRED');
  const place = input.place || `${cell.village}${cell.name}`;
  const receipt = await registerWhistle(ctx, {
    stationId: cell.station_id,
    draft: { categoryId: input.categoryId, content: input.content, place, name: null, phone: null, placeRegionCode: cell.region_code, placeRegionPath: cell.region_path },
    photos: input.photos,
  });
  const at = now();
  await ctx.trx.insertInto('grid_whistle').values({
    opinion_id: receipt.id, cell_id: cell.id, account_id: ctx.actor.accountId, lat: input.location?.lat ?? null, lng: input.location?.lng ?? null, created_at: at,
  }).execute();
  await noteOnCase(ctx.trx, receipt.id, 'whistled', `网格员 ${ctx.actor.displayName} · ${cell.village}${cell.name}`, { cellId: cell.id }, at);
  await recordAudit(ctx, { action: 'grid.whistle', entityType: 'case', entityId: receipt.id, after: { cellId: cell.id, location: input.location, place } });
  return receipt.id;
}

export interface TeamInput { stationId: number; name: string; description: string; memberAccountIds: number[] }

/** Grid workers who may join a team of the station: attached to a cell in one of the station's regions. */
async function checkTeamMembers(ctx: WriteContext, stationId: number, ids: number[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = await ctx.trx.selectFrom('account as a').select('a.id').where('a.id', 'in', unique).where('a.role', '=', 'grid').where('a.active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('grid_cell_worker as w').innerJoin('grid_cell as c', 'c.id', 'w.cell_id')
      .innerJoin('station_region as sr', (j) => j.on('sr.station_id', '=', stationId))
      .select('w.cell_id').whereRef('w.account_id', '=', 'a.id').where(sql<boolean>`c.region_path like sr.region_path || '%'`)))
    .execute();
  if (found.length !== unique.length) throw new AppError('GRID_WORKER_INVALID');
  return unique;
}

export async function createTeam(ctx: WriteContext, input: TeamInput): Promise<number> {
  const station = await ctx.trx.selectFrom('station as s').select('s.id').where('s.id', '=', input.stationId).where('s.active', '=', true)
    .where(teamManageable(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw new AppError('GRID_STATION_INVALID');
  const members = await checkTeamMembers(ctx, input.stationId, input.memberAccountIds);
  const taken = await ctx.trx.selectFrom('grid_team').select('id').where('station_id', '=', input.stationId).where('name', '=', input.name).executeTakeFirst();
  if (taken) throw new AppError('GRID_TEAM_TAKEN');
  const { id } = await ctx.trx.insertInto('grid_team').values({ station_id: input.stationId, name: input.name, description: input.description })
    .returning('id').executeTakeFirstOrThrow();
  if (members.length) await ctx.trx.insertInto('grid_team_member').values(members.map((account_id) => ({ team_id: id, account_id }))).execute();
  await recordAudit(ctx, { action: 'grid.team_create', entityType: 'grid_team', entityId: id, after: { ...input, memberAccountIds: members } });
  return id;
}

export interface PatrolInput { title: string; startsAt: Date; endsAt: Date | null; place: string; summary: string; memberAccountIds: number[] }

/** A team's joint patrol: an activity of the team's station (kind 其他), with the members who went. */
export async function logPatrol(ctx: WriteContext, teamId: number, input: PatrolInput): Promise<number> {
  const team = await ctx.trx.selectFrom('grid_team as t').select(['t.id', 't.station_id', 't.name']).where('t.id', '=', teamId)
    .where(patrolLoggable(ctx.actor, ref('t.station_id'))).executeTakeFirst();
  if (!team) throw new AppError('NOT_FOUND');
  const members = [...new Set(input.memberAccountIds)];
  const inTeam = members.length ? await ctx.trx.selectFrom('grid_team_member as m').innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.display_name']).where('m.team_id', '=', teamId).where('m.account_id', 'in', members).execute() : [];
  if (members.length === 0 || inTeam.length !== members.length) throw new AppError('GRID_PATROL_MEMBER_INVALID');
  const names = members.map((id) => inTeam.find((m) => m.id === id)!.display_name).join('、');
  const activityId = await createActivity(ctx, {
    kind: 'other', title: input.title, stationId: team.station_id, regionCode: null, campaignId: null, startsAt: input.startsAt, endsAt: input.endsAt,
    place: input.place, summary: `${team.name}联合巡查。巡查人员:${names}。${input.summary}`, suggestionsMade: 0, participants: [], unitIds: [], rotaSlotId: null,
  });
  const { id } = await ctx.trx.insertInto('grid_patrol').values({ team_id: teamId, activity_id: activityId }).returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('grid_patrol_member').values(members.map((account_id) => ({ patrol_id: id, account_id }))).execute();
  await recordAudit(ctx, { action: 'grid.patrol', entityType: 'grid_team', entityId: teamId, after: { patrolId: id, activityId, memberAccountIds: members } });
  return id;
}
