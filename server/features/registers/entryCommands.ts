/**
 * Entries of the two registers kept by hand: a deputy's deed recorded at a station
 * (先进事迹), and an event of a station's or a region's chronicle (大事记). One transaction
 * per write, its audit record last. A station's entries are written under the station's manage
 * rule (`atOperableStation`: administrators, the staff whose subtree holds its home region, its
 * officers), a region's under the region's (`regionManageable`). An entry out of sight answers
 * 404 like a missing one; one seen but not writable (another side's shared station) 403.
 * Deleting removes the row: the audit record keeps what it held.
 */
import { sql } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { atOperableStation, deputyVisible, ref, regionManageable, stationVisible } from '../../platform/access/scope.js';
import { now } from '../../platform/clock.js';

export interface DeedInput {
  stationId: number;
  deputyId: number;
  occurredOn: string;
  title: string;
  description: string;
}

/** The deed is the station's record of one of its own deputies, at a station the writer runs. */
async function requireStationDeputy(ctx: WriteContext, stationId: number, deputyId: number): Promise<void> {
  const station = await ctx.trx.selectFrom('station as s').select(['s.id', atOperableStation(ctx.actor, ref('s.id')).as('operable')])
    .where('s.id', '=', stationId).where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
  if (!station.operable) throw invalidFields([{ path: 'stationId', code: 'NOT_IN_SCOPE' }]);
  const member = await ctx.trx.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id').select('d.id')
    .where('ds.station_id', '=', stationId).where('ds.deputy_id', '=', deputyId)
    .where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!member) throw invalidFields([{ path: 'deputyId', code: 'NOT_STATION_DEPUTY' }]);
}

export async function recordDeed(ctx: WriteContext, input: DeedInput): Promise<number> {
  await requireStationDeputy(ctx, input.stationId, input.deputyId);
  const row = await ctx.trx.insertInto('deputy_deed').values({
    station_id: input.stationId, deputy_id: input.deputyId, occurred_on: input.occurredOn, title: input.title,
    description: input.description, recorded_by_account_id: ctx.actor.accountId || null, recorded_by_name: ctx.actor.displayName,
  }).returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'deed.create', entityType: 'deputy_deed', entityId: row.id, after: row });
  return row.id;
}

export interface ChronicleInput {
  stationId: number | null;
  regionCode: string | null;
  occurredOn: string;
  title: string;
  body: string;
}

/** Where an entry belongs: a station the writer runs (in its home region), or a region they manage. */
async function entryPlace(ctx: WriteContext, input: Pick<ChronicleInput, 'stationId' | 'regionCode'>) {
  if ((input.stationId === null) === (input.regionCode === null)) {
    throw invalidFields([{ path: input.stationId === null ? 'stationId' : 'regionCode', code: 'PLACE_REQUIRED' }]);
  }
  if (input.stationId !== null) {
    const station = await ctx.trx.selectFrom('station as s')
      .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .select(['s.id', 'h.region_code', 'h.region_path', atOperableStation(ctx.actor, ref('s.id')).as('operable')])
      .where('s.id', '=', input.stationId).where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
    if (!station) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
    if (!station.operable) throw invalidFields([{ path: 'stationId', code: 'NOT_IN_SCOPE' }]);
    return { stationId: station.id, regionCode: station.region_code, regionPath: station.region_path };
  }
  const region = await ctx.trx.selectFrom('region').select(['code', 'path']).where('code', '=', input.regionCode!).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
  if (!regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  return { stationId: null, regionCode: region.code, regionPath: region.path };
}

export async function recordChronicleEntry(ctx: WriteContext, input: ChronicleInput): Promise<number> {
  const place = await entryPlace(ctx, input);
  const row = await ctx.trx.insertInto('chronicle_entry').values({
    station_id: place.stationId, region_code: place.regionCode, region_path: place.regionPath, occurred_on: input.occurredOn,
    title: input.title, body: input.body, recorded_by_account_id: ctx.actor.accountId || null, recorded_by_name: ctx.actor.displayName,
  }).returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'chronicle.create', entityType: 'chronicle_entry', entityId: row.id, after: row });
  return row.id;
}

/** A deed at a station the writer runs, locked for the change; the version read must still be current. */
async function lockDeed(ctx: WriteContext, id: number, version: number) {
  const row = await ctx.trx.selectFrom('deputy_deed as dd').selectAll('dd')
    .select(atOperableStation(ctx.actor, ref('dd.station_id')).as('operable'))
    .where('dd.id', '=', id).where(stationVisible(ctx.actor, ref('dd.station_id'))).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.operable) throw new AppError('FORBIDDEN');
  const { operable: _, ...current } = row;
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  return current;
}

export async function updateDeed(ctx: WriteContext, id: number, version: number, patch: Partial<DeedInput>): Promise<void> {
  const before = await lockDeed(ctx, id, version);
  // Moving the deed to another station or deputy is checked as recording it there would be; a
  // deputy who has since left the station does not stop a correction of the text.
  if (patch.stationId !== undefined || patch.deputyId !== undefined) {
    await requireStationDeputy(ctx, patch.stationId ?? before.station_id, patch.deputyId ?? before.deputy_id);
  }
  const after = await ctx.trx.updateTable('deputy_deed').set({
    ...(patch.stationId !== undefined && { station_id: patch.stationId }),
    ...(patch.deputyId !== undefined && { deputy_id: patch.deputyId }),
    ...(patch.occurredOn !== undefined && { occurred_on: patch.occurredOn }),
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.description !== undefined && { description: patch.description }),
    updated_at: now(),
    version: sql`version + 1`,
  }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'deed.update', entityType: 'deputy_deed', entityId: id, before, after });
}

export async function deleteDeed(ctx: WriteContext, id: number, version: number): Promise<void> {
  const before = await lockDeed(ctx, id, version);
  await ctx.trx.deleteFrom('deputy_deed').where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'deed.delete', entityType: 'deputy_deed', entityId: id, before });
}

/**
 * A chronicle entry in the writer's reach, locked for the change: a station's entry if they run
 * the station (one they only see answers 403), a region's if they manage the region.
 */
async function lockChronicleEntry(ctx: WriteContext, id: number, version: number) {
  const row = await ctx.trx.selectFrom('chronicle_entry as ce').selectAll('ce')
    .select(sql<boolean>`(ce.station_id is not null and ${stationVisible(ctx.actor, ref('ce.station_id'))})`.as('station_visible'))
    .select(atOperableStation(ctx.actor, ref('ce.station_id')).as('station_operable'))
    .where('ce.id', '=', id).forUpdate().executeTakeFirst();
  const reachable = row && (row.station_id !== null ? row.station_visible : regionManageable(ctx.actor, row.region_path));
  if (!row || !reachable) throw new AppError('NOT_FOUND');
  if (row.station_id !== null && !row.station_operable) throw new AppError('FORBIDDEN');
  const { station_visible: _, station_operable: __, ...current } = row;
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  return current;
}

export type ChroniclePatch = Partial<ChronicleInput>;

export async function updateChronicleEntry(ctx: WriteContext, id: number, version: number, patch: ChroniclePatch): Promise<void> {
  const before = await lockChronicleEntry(ctx, id, version);
  // Naming a place moves the entry there: exactly one of a station and a region, under the rules of recording.
  const moved = patch.stationId !== undefined || patch.regionCode !== undefined
    ? await entryPlace(ctx, { stationId: patch.stationId ?? null, regionCode: patch.regionCode ?? null })
    : null;
  const after = await ctx.trx.updateTable('chronicle_entry').set({
    ...(moved && { station_id: moved.stationId, region_code: moved.regionCode, region_path: moved.regionPath }),
    ...(patch.occurredOn !== undefined && { occurred_on: patch.occurredOn }),
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.body !== undefined && { body: patch.body }),
    updated_at: now(),
    version: sql`version + 1`,
  }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'chronicle.update', entityType: 'chronicle_entry', entityId: id, before, after });
}

export async function deleteChronicleEntry(ctx: WriteContext, id: number, version: number): Promise<void> {
  const before = await lockChronicleEntry(ctx, id, version);
  await ctx.trx.deleteFrom('chronicle_entry').where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'chronicle.delete', entityType: 'chronicle_entry', entityId: id, before });
}
