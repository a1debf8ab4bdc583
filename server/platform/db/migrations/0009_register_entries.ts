import { sql, type Kysely } from 'kysely';

/**
 * The hand-kept entries of 先进事迹 and 大事记 become editable: like every other editable record
 * they carry a `version` that a change must name (a stale one answers 409) and the time of the
 * last change. Entries written before this migration start at version 1, last changed when made.
 */
const statements = [
  `alter table deputy_deed add column version integer not null default 1`,
  `alter table deputy_deed add column updated_at timestamptz not null default now()`,
  `update deputy_deed set updated_at = created_at`,
  `alter table chronicle_entry add column version integer not null default 1`,
  `alter table chronicle_entry add column updated_at timestamptz not null default now()`,
  `update chronicle_entry set updated_at = created_at`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The register entries\' versions cannot be rolled back');
}
