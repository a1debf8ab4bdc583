/**
 * The entries of 先进事迹 and 大事记 of a station or a region (resolved with the register's
 * place rule), newest entry first, keyset-paged by id. Station entries are limited to the
 * stations the reader sees.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible } from '../../platform/access/scope.js';
import { chronicleAt, stationAt, type Place } from './place.js';

export interface EntryFilters {
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

function deeds(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('deputy_deed as dd')
    .innerJoin('deputy as d', 'd.id', 'dd.deputy_id').innerJoin('station as s', 's.id', 'dd.station_id')
    .select(['dd.id', 'dd.occurred_on', 'dd.title', 'dd.description', 'dd.recorded_by_name', 'dd.created_at', 'dd.updated_at', 'dd.version',
      'd.id as deputy_id', 'd.name as deputy_name', 's.id as station_id', 's.name as station_name'])
    .where(stationVisible(actor, ref('s.id')));
}

type DeedRow = Awaited<ReturnType<ReturnType<typeof deeds>['execute']>>[number];
const presentDeed = (r: DeedRow) => ({
  id: r.id, station: { id: r.station_id, name: r.station_name }, deputy: { id: r.deputy_id, name: r.deputy_name },
  occurredOn: r.occurred_on, title: r.title, description: r.description, recordedBy: r.recorded_by_name, createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(), version: r.version,
});

export async function listDeeds(db: Kysely<DB>, actor: Actor, place: Place, f: EntryFilters & { deputyId?: number | undefined }) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = deeds(db, actor).where(stationAt(place, ref('dd.station_id'))).orderBy('dd.id', 'desc').limit(f.limit + 1);
  if (f.deputyId) q = q.where('dd.deputy_id', '=', f.deputyId);
  if (f.from) q = q.where('dd.occurred_on', '>=', f.from);
  if (f.to) q = q.where('dd.occurred_on', '<=', f.to);
  if (after !== null) q = q.where('dd.id', '<', after);
  return toPage(await q.execute(), f.limit, (r) => r.id, presentDeed);
}

export async function getDeed(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await deeds(db, actor).where('dd.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentDeed(row);
}

function entries(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('chronicle_entry as ce')
    .leftJoin('station as s', 's.id', 'ce.station_id').innerJoin('region as r', 'r.code', 'ce.region_code')
    .select(['ce.id', 'ce.occurred_on', 'ce.title', 'ce.body', 'ce.recorded_by_name', 'ce.created_at', 'ce.updated_at', 'ce.version', 'ce.station_id',
      's.name as station_name', 'r.code as region_code', 'r.full_name as region_name'])
    .where(sql<boolean>`(ce.station_id is null or ${stationVisible(actor, ref('ce.station_id'))})`);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>['execute']>>[number];
const presentEntry = (r: EntryRow) => ({
  id: r.id, station: r.station_id ? { id: r.station_id, name: r.station_name ?? '' } : null,
  region: { code: r.region_code, fullName: r.region_name }, occurredOn: r.occurred_on, title: r.title, body: r.body,
  recordedBy: r.recorded_by_name, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), version: r.version,
});

export async function listChronicle(db: Kysely<DB>, actor: Actor, place: Place, f: EntryFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = entries(db, actor).where(chronicleAt(place)).orderBy('ce.id', 'desc').limit(f.limit + 1);
  if (f.from) q = q.where('ce.occurred_on', '>=', f.from);
  if (f.to) q = q.where('ce.occurred_on', '<=', f.to);
  if (after !== null) q = q.where('ce.id', '<', after);
  return toPage(await q.execute(), f.limit, (r) => r.id, presentEntry);
}

export async function getChronicleEntry(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await entries(db, actor).where('ce.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentEntry(row);
}
