import { sql, type Kysely } from 'kysely';

/**
 * Mediation rooms (代表法庭联络室, 代表法官/检察官工作室, "人大代表+调解员"):
 *
 * - `mediation`: one dispute brought to a station's mediation room: its type, title and
 *   description, the day received, the state (open → in_session → closed), the outcome
 *   (agreed / not_agreed / referred) with a note and the day closed, and the agreement
 *   document (调解协议书) as uploaded (bytes, name, type, checksum).
 * - `mediation_party`: the parties (names and phones of private people: masked for anyone not
 *   handling the record), applicant or respondent, in the order entered.
 * - `mediation_session`: each mediation meeting: day, place, the judge or prosecutor, the
 *   village secretary, notes, and the activity (kind `mediation`) it was logged as, if any.
 * - `mediation_session_deputy`: the deputies present at a session.
 * - `mediation_room_year`: a room's yearly figures not kept as records here (constituents
 *   received and visited, opinions collected), entered by the station.
 */
const statements = [
  `create table mediation (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    dispute_type text not null check (dispute_type in ('labour', 'graves', 'forest_land', 'land', 'neighbours', 'cross_border')),
    title text not null check (length(title) between 1 and 200),
    description text not null,
    received_on date not null,
    state text not null default 'open' check (state in ('open', 'in_session', 'closed')),
    outcome text check (outcome in ('agreed', 'not_agreed', 'referred')),
    outcome_note text,
    closed_on date,
    agreement_name text,
    agreement_mime text,
    agreement_size integer,
    agreement_sha256 text,
    agreement_bytes bytea,
    created_by_account_id integer references account (id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null default 1,
    check ((state = 'closed') = (outcome is not null and closed_on is not null)),
    check ((agreement_bytes is null) = (agreement_name is null))
  )`,
  `create index mediation_station_idx on mediation (station_id, received_on desc, id desc)`,
  `create index mediation_closed_idx on mediation (closed_on) where closed_on is not null`,
  `create table mediation_party (
    id integer generated always as identity primary key,
    mediation_id integer not null references mediation (id) on delete cascade,
    position smallint not null,
    side text not null check (side in ('applicant', 'respondent')),
    name text not null check (length(name) between 1 and 50),
    phone text,
    unique (mediation_id, position)
  )`,
  `create table mediation_session (
    id integer generated always as identity primary key,
    mediation_id integer not null references mediation (id) on delete cascade,
    held_on date not null,
    place text not null,
    legal_officer_role text check (legal_officer_role in ('judge', 'prosecutor')),
    legal_officer_name text,
    village_secretary text,
    notes text not null,
    activity_id integer references activity (id),
    created_by_account_id integer references account (id),
    created_at timestamptz not null,
    check ((legal_officer_role is null) = (legal_officer_name is null))
  )`,
  `create index mediation_session_mediation_idx on mediation_session (mediation_id, held_on)`,
  `create table mediation_session_deputy (
    session_id integer not null references mediation_session (id) on delete cascade,
    deputy_id integer not null references deputy (id),
    primary key (session_id, deputy_id)
  )`,
  `create index mediation_session_deputy_deputy_idx on mediation_session_deputy (deputy_id)`,
  `create table mediation_room_year (
    station_id integer not null references station (id),
    year smallint not null check (year between 2000 and 2200),
    constituents_received integer not null check (constituents_received >= 0),
    opinions_collected integer not null check (opinions_collected >= 0),
    updated_by_account_id integer references account (id),
    updated_at timestamptz not null,
    primary key (station_id, year)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['mediation_room_year', 'mediation_session_deputy', 'mediation_session', 'mediation_party', 'mediation']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
}
