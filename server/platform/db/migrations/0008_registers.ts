import { sql, type Kysely } from 'kysely';

/**
 * The two registers that are not derived from other records: 先进事迹登记簿 (a station's
 * account of what its deputies did well) and 人大工作大事记 (a region's or a station's
 * chronicle, to which the registers add the period's notable facts by themselves).
 */
const statements = [
  `create table deputy_deed (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    deputy_id integer not null references deputy (id),
    occurred_on date not null,
    title text not null check (length(title) between 1 and 100),
    description text not null default '' check (length(description) <= 2000),
    recorded_by_account_id integer references account (id),
    recorded_by_name text not null,
    created_at timestamptz not null default now()
  )`,
  `create index deputy_deed_station_idx on deputy_deed (station_id, occurred_on, id)`,
  `create index deputy_deed_deputy_idx on deputy_deed (deputy_id, occurred_on)`,

  // A station's entry lies in the station's home region; a region's entry has no station.
  `create table chronicle_entry (
    id integer generated always as identity primary key,
    station_id integer references station (id),
    region_code text not null references region (code),
    region_path text not null,
    occurred_on date not null,
    title text not null check (length(title) between 1 and 100),
    body text not null default '' check (length(body) <= 2000),
    recorded_by_account_id integer references account (id),
    recorded_by_name text not null,
    created_at timestamptz not null default now()
  )`,
  `create index chronicle_entry_region_idx on chronicle_entry (region_path text_pattern_ops, occurred_on)`,
  `create index chronicle_entry_station_idx on chronicle_entry (station_id, occurred_on) where station_id is not null`,

  // A deputy's archive finds the answers they gave constituents by their accounts.
  `create index opinion_event_answerer_idx on opinion_event (actor_account_id) where action in ('answer', 'answer_on_spot')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The register tables cannot be rolled back');
}
