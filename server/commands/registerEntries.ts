/**
 * Entries of the two registers kept by hand: a deputy's deed recorded at a station
 * (先进事迹), and an event of a station's or a region's chronicle (大事记). One transaction
 * per entry, its audit record last.
 */
import { recordAudit, type WriteContext } from '../audit.js';
import { invalidFields } from '../errors.js';
import { deputyVisible, ref, regionManageable, stationVisible } from '../policies/scope.js';

export interface DeedInput {
  stationId: number;
  deputyId: number;
  occurredOn: string;
  title: string;
  description: string;
}

export async function recordDeed(ctx: WriteContext, input: DeedInput): Promise<number> {
  const station = await ctx.trx.selectFrom('station as s').select('s.id')
    .where('s.id', '=', input.stationId).where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
  // The deed is the station's record of one of its own deputies.
  const member = await ctx.trx.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id').select('d.id')
    .where('ds.station_id', '=', input.stationId).where('ds.deputy_id', '=', input.deputyId)
    .where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!member) throw invalidFields([{ path: 'deputyId', code: 'NOT_STATION_DEPUTY' }]);
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

/** Where an entry belongs: a station the writer sees (in its home region), or a region they manage. */
async function entryPlace(ctx: WriteContext, input: ChronicleInput) {
  if ((input.stationId === null) === (input.regionCode === null)) {
    throw invalidFields([{ path: input.stationId === null ? 'stationId' : 'regionCode', code: 'PLACE_REQUIRED' }]);
  }
  if (input.stationId !== null) {
    const station = await ctx.trx.selectFrom('station as s')
      .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .select(['s.id', 'h.region_code', 'h.region_path'])
      .where('s.id', '=', input.stationId).where(stationVisible(ctx.actor, ref('s.id'))).executeTakeFirst();
    if (!station) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
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
