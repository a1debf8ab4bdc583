import { sql, type Kysely } from 'kysely';

const statements = [
  `create table holiday_year (
    year smallint primary key check (year between 2000 and 2100),
    source text not null default '',
    updated_at timestamptz not null default now()
  )`,
  `create table holiday (
    date date primary key,
    year smallint not null references holiday_year (year),
    kind text not null check (kind in ('rest', 'workday')),
    name text not null default '',
    check (extract(year from date) = year)
  )`,
  `create index holiday_year_idx on holiday (year, date)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table holiday').execute(db);
  await sql.raw('drop table holiday_year').execute(db);
}
