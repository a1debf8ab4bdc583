import { sql, type Kysely } from 'kysely';

/**
 * Word search over the cases' text through an index, on PGlite and PostgreSQL alike.
 *
 * `text_grams(text)` is the set of every character of a text (unigrams) and every pair of
 * adjacent characters (bigrams), Han, Latin, digits and punctuation alike, kept as they are, as a
 * `tsvector`. Chinese has no spaces between words and pg_trgm makes no 2-character grams, so a
 * term of one character is one unigram and a longer term is the AND of its bigrams; every text
 * containing the term holds them all, so a GIN index on the expression finds a small superset of
 * the matches, and the `LIKE` that follows keeps exactly the texts containing the term
 * (`containsText` in platform/db/sql.ts). Nothing is stored in the table: the grams are computed
 * when a row's index entry is written (a new case, or an update that is not HOT) and when ANALYZE
 * samples it.
 *
 * The pairs are cut with regexp_replace at even and odd offsets and split on U+0001, the fastest
 * spelling measured (5× faster than substr over generate_series on PGlite). The pairs that hold
 * U+0001 itself are lost that way, so a term holding U+0001 is searched with `LIKE` alone.
 *
 * The deputies' pinyin search matches the initials or the whole pinyin without spaces by prefix;
 * the second one gets an index of its own so that both branches of the OR use an index.
 */
const UP = [
  String.raw`create function text_grams(t text) returns tsvector language sql immutable strict parallel safe as $$
    select array_to_tsvector(array_remove(string_to_array(t, null)
      || string_to_array(regexp_replace(t, '(..)', '\1' || chr(1), 'g'), chr(1))
      || string_to_array(regexp_replace(substr(t, 2), '(..)', '\1' || chr(1), 'g'), chr(1)), ''))
  $$`,
  'create index opinion_content_grams_idx on opinion using gin (text_grams(content))',
  `create index deputy_pinyin_compact_idx on deputy ((replace(name_pinyin, ' ', '')) text_pattern_ops)`,
  // The planner estimates how many cases hold a gram from the statistics of the index's expression.
  'analyze opinion',
  'analyze deputy',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index deputy_pinyin_compact_idx').execute(db);
  await sql.raw('drop index opinion_content_grams_idx').execute(db);
  await sql.raw('drop function text_grams(text)').execute(db);
}
