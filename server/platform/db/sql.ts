import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

export function prefixPattern(text: string): string {
  return `${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** At most this many of a long term's bigrams are looked up: more narrow the candidates little and cost a posting list each. */
const MAX_GRAMS = 8;

/**
 * The grams `text_grams` (migration 0041) holds of every text containing `term`: its one character,
 * or its bigrams (at most MAX_GRAMS of them, spread over the term). Null when the index cannot
 * help: an empty term, or one holding U+0001, which `text_grams` does not keep in pairs.
 */
export function termGrams(term: string): string[] | null {
  const chars = [...term];
  if (chars.length === 0 || term.includes('\u0001')) return null;
  const all = [...new Set(chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i]! + c))];
  return all.length <= MAX_GRAMS ? all
    : Array.from({ length: MAX_GRAMS }, (_, i) => all[Math.round((i * (all.length - 1)) / (MAX_GRAMS - 1))]!);
}

/**
 * The `tsquery` (as text) that `text_grams` answers for the texts containing `term`: the AND of
 * its grams (`termGrams`), quoted. Every text containing the term matches it; a few others may.
 */
export function gramsQuery(term: string): string | null {
  return termGrams(term)?.map((g) => `'${g.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ') ?? null;
}

/**
 * A string written into the statement as a literal (E'…': backslashes and quotes escaped, whatever
 * `standard_conforming_strings` says), for a value the plan must be made for.
 */
function literal(text: string): RawBuilder<string> {
  return sql.raw(`E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);
}

/**
 * `column LIKE '%term%'`, found through a GIN index on `text_grams(column)`: the grams narrow the
 * rows to a few candidates, and the LIKE keeps exactly the old answer. The column must be spelled
 * as the index's expression is (`text_grams(content)` for `o.content`).
 *
 * The best plan depends on how common the term is: a common character is found soonest by walking
 * the rows newest first, a rare word through the index. So the term is written into the statement
 * as literals rather than sent as parameters: a prepared statement's generic plan, made without
 * the values, would serve every term with one plan (and its guess of 0.5 % of the rows would pick
 * the index for the commonest characters too). Each term gets the plan made for it.
 */
export function containsText(column: Expression<string>, term: string): RawBuilder<SqlBool> {
  const like = likeText(column, term);
  const query = gramsQuery(term);
  return query === null ? like : sql<SqlBool>`(text_grams(${column}) @@ ${literal(query)}::tsquery and ${like})`;
}

/**
 * `column LIKE '%term%'` alone, the term written as a literal as in `containsText`: for a search
 * bounded to a few thousand rows, which the grams would only slow down.
 */
export function likeText(column: Expression<string>, term: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${literal(containsPattern(term))}`;
}
