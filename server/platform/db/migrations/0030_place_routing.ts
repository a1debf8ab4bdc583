import { sql, type Kysely } from 'kysely';

/**
 * Routing by place (属地管理) and remote liaison points (异地联络点).
 *
 * - `opinion.place_region_code/_path`: the region the case is about (its place), when known; null
 *   for cases registered without one (they belong to the station's home side).
 * - `opinion.side_path`: for a case at a cross-province station, the region path of the side that
 *   handles it — the member region holding its place, else the station's home region; null at
 *   any other station. Filled by `case_side_path` at registration and when the station's regions change.
 * - `station.located_region_code/_path`: where a point stands when that lies outside its home
 *   congress's territory (信都镇's point in 佛山); null for a station standing in its home region.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table opinion add column place_region_code text references region (code)`,
    `alter table opinion add column place_region_path text`,
    `alter table opinion add column side_path text`,
    `create index opinion_side_idx on opinion (side_path text_pattern_ops, id) where side_path is not null`,
    `create function case_side_path(station integer, place_path text) returns text language sql stable as $$
       select case when s.type <> 'cross_province' then null else coalesce(
         (select m.region_path from station_region m where m.station_id = s.id and not m.is_home
            and place_path like m.region_path || '%' order by length(m.region_path) desc limit 1),
         (select h.region_path from station_region h where h.station_id = s.id and h.is_home)) end
       from station s where s.id = station
     $$`,
    `alter table station add column located_region_code text references region (code)`,
    `alter table station add column located_region_path text`,
    `create index station_located_idx on station (located_region_path text_pattern_ops) where located_region_path is not null`,
  ]) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `drop index station_located_idx`,
    `alter table station drop column located_region_path`,
    `alter table station drop column located_region_code`,
    `drop function case_side_path(integer, text)`,
    `drop index opinion_side_idx`,
    `alter table opinion drop column side_path`,
    `alter table opinion drop column place_region_path`,
    `alter table opinion drop column place_region_code`,
  ]) await sql.raw(statement).execute(db);
}
