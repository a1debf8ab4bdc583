import { sql, type Kysely } from 'kysely';

/**
 * The unit's reply (办复) carries a result type, the handler's name and a contact, and
 * attachments (the reply letter 答复函 as PDF, photos of the work), each public (shown to the
 * constituent on her tracking page) or internal (the people handling the case only).
 *
 * `opinion.reply_result` is the result of the latest reply (null before the first one, and on
 * the cases replied before this migration); the reply event's data keeps each reply's own.
 * An attachment belongs to the reply event it came with, so a reply sent back and replied
 * again shows the new reply's files.
 */
const statements = [
  `alter table opinion add column reply_result text
    check (reply_result in ('resolved', 'partly_resolved', 'planned', 'explained'))`,
  `alter table opinion add column reply_handler_name text`,
  `alter table opinion add column reply_handler_contact text`,
  `create table opinion_reply_attachment (
    id bigint generated always as identity primary key,
    opinion_id bigint not null references opinion (id),
    event_id bigint not null references opinion_event (id),
    name text not null check (length(name) between 1 and 200),
    mime text not null check (mime in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
    size integer not null check (size between 1 and 10485760),
    sha256 text not null,
    public boolean not null,
    bytes bytea not null,
    created_by_account_id bigint references account (id),
    created_at timestamptz not null default now()
  )`,
  `create index opinion_reply_attachment_opinion_idx on opinion_reply_attachment (opinion_id, event_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table opinion_reply_attachment').execute(db);
  await sql.raw('alter table opinion drop column reply_handler_contact').execute(db);
  await sql.raw('alter table opinion drop column reply_handler_name').execute(db);
  await sql.raw('alter table opinion drop column reply_result').execute(db);
}
