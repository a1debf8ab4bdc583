import { sql, type Kysely } from 'kysely';

/**
 * The two functions every new case's row calls, `case_scope_paths` and `case_side_path`, in
 * PL/pgSQL with one generic plan each. As SQL functions with subqueries PostgreSQL 15 cannot
 * inline them, and plans their bodies again in every statement that calls them (and, inside the
 * first, `path_prefixes` again for each call). PL/pgSQL keeps its plans for the connection; held
 * to the generic plan (`plan_cache_mode`), they are not planned again for each station, and the
 * region paths' prefixes are worked out in the scope function's own query. What they answer is
 * unchanged (`features/cases/pathFunctions.test.ts`); what they cost is in docs/BENCHMARKS.md.
 */
const SCOPE = `
  return array(select distinct array_to_string(parts[1:n], '.') || '.'
    from (select string_to_array(rtrim(x, '.'), '.') as parts
          from (select own_path as x union all select region_path from station_region where station_id = station) paths) p,
      generate_series(1, coalesce(array_length(parts, 1), 0)) n
    order by 1);`;

const SIDE = `
  return (select case when s.type <> 'cross_province' then null else coalesce(
      (select m.region_path from station_region m where m.station_id = s.id and not m.is_home
         and place_path like m.region_path || '%' order by length(m.region_path) desc limit 1),
      (select h.region_path from station_region h where h.station_id = s.id and h.is_home)) end
    from station s where s.id = station);`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, args, returns, body] of [
    ['case_scope_paths', 'station integer, own_path text', 'text[]', SCOPE],
    ['case_side_path', 'station integer, place_path text', 'text', SIDE],
  ] as const) {
    await sql.raw(`create or replace function ${name}(${args}) returns ${returns} language plpgsql stable
      set plan_cache_mode = force_generic_plan as $$ begin ${body} end $$`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // As 0004 and 0030 created them.
  await sql.raw(`create or replace function case_scope_paths(station integer, own_path text) returns text[] language sql stable as $$
     select array(select distinct unnest(path_prefixes(x)) from (
       select own_path as x union all select region_path from station_region where station_id = station) paths order by 1)
   $$`).execute(db);
  await sql.raw(`create or replace function case_side_path(station integer, place_path text) returns text language sql stable as $$
       select case when s.type <> 'cross_province' then null else coalesce(
         (select m.region_path from station_region m where m.station_id = s.id and not m.is_home
            and place_path like m.region_path || '%' order by length(m.region_path) desc limit 1),
         (select h.region_path from station_region h where h.station_id = s.id and h.is_home)) end
       from station s where s.id = station
     $$`).execute(db);
}
