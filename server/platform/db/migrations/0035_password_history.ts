import { sql, type Kysely } from 'kysely';

/**
 * Password history: the scrypt hashes (the same memory-hard format as `account.password_hash`,
 * never anything weaker) of an account's earlier passwords, so a change or an administrator's
 * reset can refuse the last ones (see accounts/passwordHistory.ts). Only the most recent few
 * are kept; an account's rows go with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table password_history (
    id integer generated always as identity primary key,
    account_id integer not null references account (id) on delete cascade,
    password_hash text not null check (password_hash like 'scrypt$%'),
    replaced_at timestamptz not null
  )`.execute(db);
  await sql`create index password_history_account_idx on password_history (account_id, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table password_history`.execute(db);
}
