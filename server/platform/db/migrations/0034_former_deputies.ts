import { sql, type Kysely } from 'kysely';

/**
 * Former deputies at the 代表之家 (香洲: "一届当代表, 终身为人民"):
 *
 * - `former_deputy_profile`: a former deputy's place on the roster: the 代表之家 (station) they
 *   serve at, their 特邀联络员 card (number, issued on), the fields of their work (六大方面) and
 *   their roles (四种作用), as vocabulary keys.
 * - `former_deputy_opinion`: an opinion a former deputy collected, registered under them: the
 *   station, the day, the text, the constituent (name and phone masked for anyone not handling
 *   it), then either answered on the spot (`answer`) or carried (转交) by a current deputy who
 *   takes responsibility: the case opened through the cases feature with that deputy.
 */
const statements = [
  `create table former_deputy_profile (
    deputy_id integer primary key references deputy (id),
    station_id integer not null references station (id),
    card_number text not null unique check (length(card_number) between 1 and 40),
    card_issued_on date not null,
    fields text[] not null default '{}' check (fields <@ array['attend_meetings', 'hear_opinions', 'share_experience', 'join_activities', 'contact_people', 'serve_people']),
    roles text[] not null default '{}' check (roles <@ array['publicist', 'informant', 'liaison', 'supervisor']),
    updated_at timestamptz not null,
    version integer not null default 1
  )`,
  `create index former_deputy_profile_station_idx on former_deputy_profile (station_id)`,
  `create table former_deputy_opinion (
    id integer generated always as identity primary key,
    former_deputy_id integer not null references deputy (id),
    station_id integer not null references station (id),
    collected_on date not null,
    content text not null check (length(content) between 1 and 5000),
    place text not null default '',
    submitter_name text,
    submitter_phone text,
    state text not null default 'registered' check (state in ('registered', 'answered', 'carried')),
    answer text,
    carrier_deputy_id integer references deputy (id),
    case_id integer references opinion (id),
    carried_at timestamptz,
    created_by_account_id integer references account (id),
    created_at timestamptz not null,
    check ((state = 'carried') = (case_id is not null and carrier_deputy_id is not null)),
    check ((state = 'answered') = (answer is not null))
  )`,
  `create index former_deputy_opinion_deputy_idx on former_deputy_opinion (former_deputy_id, collected_on desc)`,
  `create index former_deputy_opinion_station_idx on former_deputy_opinion (station_id, collected_on desc, id desc)`,
  `create index former_deputy_opinion_case_idx on former_deputy_opinion (case_id) where case_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table former_deputy_opinion').execute(db);
  await sql.raw('drop table former_deputy_profile').execute(db);
}
