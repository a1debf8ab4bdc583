import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { termGrams } from '../../platform/db/sql.js';

/**
 * When a wide reader's search goes straight to the grams index rather than walking the newest
 * cases first. The index offers `offered` cases and reads each from wherever it lies, a page each;
 * a walk reads the newest cases together, dozens to a page, and finds a page of 50 after about
 * 50 × `cases` ÷ `offered` of them. The index is cheaper while offered² ≤ DIRECT_INDEX × cases:
 * measured on 5 million cases (docs/BENCHMARKS.md), a term in 7 300 of them took 447 ms through
 * the index (cold) and 16 ms walking; terms in none or a few hundred, 8–11 ms through the index
 * and 50–100 ms walking. At 5 million cases the index is read at once for terms in up to 3 000.
 */
export const DIRECT_INDEX = 1.8;

/**
 * At most how many cases the grams index offers for `term` (the cases holding every gram it looks
 * up), from the statistics ANALYZE keeps of the index (migration 0044): no more cases hold the
 * term's grams together than hold its rarest gram, and a gram missing from the list of the
 * commonest ones is in fewer cases than the rarest listed. The share the statistics give is taken
 * of the cases ANALYZE counted and every id given since (the newest id it saw bounds those).
 * Null when it cannot be told: no statistics yet, more ids given since than cases counted then
 * (the statistics are stale, and the embedded database has no autovacuum to refresh them), or a
 * term the index cannot answer.
 */
export async function termCasesBound(db: Kysely<DB>, term: string): Promise<{ offered: number; cases: number } | null> {
  const grams = termGrams(term);
  if (grams === null) return null;
  // The term's grams that are listed (their number and the smallest share) are read in one pass over the list.
  const row = (await sql<{ listed: number | null; unlisted: number; floor: number | null; counted: number; since: string | null }>`
    select l.listed, ${grams.length}::int - l.n::int as unlisted,
           s.most_common_elem_freqs[array_length(s.most_common_elem_freqs, 1) - 1] as floor,
           c.reltuples as counted,
           (select max(id) from opinion) - (select b.ids[array_length(b.ids, 1)] from pg_stats h, lateral (select h.histogram_bounds::text::bigint[] as ids) b
              where h.schemaname = s.schemaname and h.tablename = 'opinion' and h.attname = 'id') as since
      from pg_stats s join pg_class c on c.oid = 'opinion'::regclass
      cross join lateral (select min(m.f) as listed, count(*) as n
        from unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) m(e, f) where m.e = any(${grams}::text[])) l
     where s.schemaname = current_schema() and s.tablename = 'opinion_content_grams_idx'`.execute(db)).rows[0];
  if (!row || row.floor === null || row.since === null) return null;
  const counted = Number(row.counted);
  const since = Math.max(0, Number(row.since));
  if (counted <= 0 || since > counted) return null;
  const share = Math.min(row.listed ?? 1, row.unlisted > 0 ? row.floor : 1);
  return { offered: Math.ceil(share * (counted + since)), cases: counted + since };
}

/** Whether the grams index surely offers few enough cases for `term` to be read from it at once (see DIRECT_INDEX). */
export async function rareTerm(db: Kysely<DB>, term: string, direct = DIRECT_INDEX): Promise<boolean> {
  const bound = await termCasesBound(db, term);
  return bound !== null && bound.offered ** 2 <= direct * bound.cases;
}
