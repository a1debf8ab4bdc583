import { sql, type Kysely } from 'kysely';

/**
 * Where a station is on a map, for the map link of its public page: `station.latitude` and
 * `station.longitude` in degrees, both set or both empty. They are taken from the map the
 * phones open (高德/Amap), so they are in its GCJ-02 system, as Chinese maps show positions.
 * A station without them is looked up on the map by its address.
 */
const statements = [
  `alter table station add column latitude double precision check (latitude between -90 and 90)`,
  `alter table station add column longitude double precision check (longitude between -180 and 180)`,
  `alter table station add constraint station_position_pair check ((latitude is null) = (longitude is null))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table station drop constraint station_position_pair').execute(db);
  await sql.raw('alter table station drop column longitude').execute(db);
  await sql.raw('alter table station drop column latitude').execute(db);
}
