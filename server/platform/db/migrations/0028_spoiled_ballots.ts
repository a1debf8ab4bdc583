import { sql, type Kysely } from 'kysely';

/**
 * Spoiled paper ballots (废票) of a livelihood-project vote: a paper ballot that is marked so no
 * intention can be read from it is entered as spoiled. It goes into the box as such, counts as a
 * ballot cast and for no project. `livelihood_vote.spoiled_ballots` is their number, written at
 * the count (null before).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table livelihood_vote add column spoiled_ballots integer check (spoiled_ballots >= 0)').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table livelihood_vote drop column spoiled_ballots').execute(db);
}
