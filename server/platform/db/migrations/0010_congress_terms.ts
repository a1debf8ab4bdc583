import { sql, type Kysely } from 'kysely';

/**
 * Terms (届) of the people's congresses, with their dates, so that a deputy's performance
 * archive can cover exactly the term they were elected for. A congress is named as in
 * `deputy_level`: its level and its region, null for the National People's Congress. A
 * deputy sits in a term when one of their levels names the same congress and number.
 *
 * `region_path` copies the region's path (empty for the NPC) so that scope filters need no
 * join, as on stations, deputies and units. That terms of one congress do not overlap is
 * checked by the command, which serialises writers of the same congress; the unique index
 * keeps a number once per congress, the NPC included (hence `coalesce`, as a plain unique
 * constraint would let null regions repeat).
 */
const statements = [
  `create table congress_term (
    id integer generated always as identity primary key,
    level text not null check (level in ('national', 'provincial', 'city', 'county', 'township')),
    region_code text references region (code),
    region_path text not null,
    number smallint not null check (number between 1 and 30),
    starts_on date not null,
    ends_on date,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((level = 'national') = (region_code is null)),
    check ((region_code is null) = (region_path = '')),
    check (ends_on is null or ends_on >= starts_on)
  )`,
  `create unique index congress_term_number_key on congress_term (level, coalesce(region_code, ''), number)`,
  `create index congress_term_region_idx on congress_term (region_path text_pattern_ops)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The congress terms table cannot be rolled back');
}
