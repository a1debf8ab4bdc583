import { sql, type Kysely } from 'kysely';

/**
 * The election round (换届): the seats deputies hold in each term, the deputy who holds an open
 * case after a hand-over, and roster imports made for a round.
 *
 * `deputy_term` is one row per deputy and term: how the seat began (`recorded`: known before
 * rounds existed, or registered by hand; `elected`: from a round's roster; `re_elected`:
 * carried over by a round) and how it ended (`re_elected`, `left`; null while it runs). A
 * deputy's terms are read from it and from `deputy_level` (a seat registered by hand since is
 * found there), so a re-elected deputy sits in both terms. The rows the levels already imply
 * are written here once.
 *
 * `opinion.holder_deputy_id` is the deputy who holds the case now when that is not the deputy
 * it was addressed to (`deputy_id`, which stays as history for archives, points and statistics).
 *
 * `import_batch.term_id` marks a deputy roster uploaded for the round closing that term: its
 * rows become the next term's deputies, and only the round commits it.
 */
const statements = [
  `create table deputy_term (
    deputy_id integer not null references deputy (id),
    term_id integer not null references congress_term (id),
    joined_by text not null check (joined_by in ('recorded', 'elected', 're_elected')),
    outcome text check (outcome in ('re_elected', 'left')),
    created_at timestamptz not null default now(),
    primary key (deputy_id, term_id)
  )`,
  `create index deputy_term_term_idx on deputy_term (term_id, deputy_id)`,
  `insert into deputy_term (deputy_id, term_id, joined_by)
    select dl.deputy_id, t.id, 'recorded' from deputy_level dl
    join congress_term t on t.level = dl.level and t.number = dl.term and t.region_code is not distinct from dl.region_code`,
  `create index deputy_level_congress_idx on deputy_level (level, region_code, term)`,
  `alter table opinion add column holder_deputy_id integer references deputy (id)`,
  `create index opinion_holder_open_idx on opinion (holder_deputy_id) where holder_deputy_id is not null`,
  `alter table import_batch add column term_id integer references congress_term (id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The election round tables cannot be rolled back');
}
