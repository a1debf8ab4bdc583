import { sql, type Kysely } from 'kysely';

/**
 * Stored point rule tables get a format number (`point_rule_set.rules_format`), and format 2
 * renames the rule `suggestion` (points per suggestion made at an activity, shared by the deputies
 * present) to `activitySuggestion`: the name `suggestion` is kept for deputies' formal
 * suggestions (代表建议). Every stored table is rewritten here, so the server reads one format only.
 * The column has no default: every writer names the format it writes.
 *
 * Each statement may run again without effect (a table already in format 2 is left alone), on
 * PGlite and PostgreSQL alike. Audit records keep the rules as they were written then.
 */
const statements = [
  `alter table point_rule_set add column if not exists rules_format integer not null default 1`,
  `update point_rule_set
    set rules = (rules - 'suggestion') || jsonb_build_object('activitySuggestion', rules -> 'suggestion')
    where rules_format = 1 and rules ? 'suggestion'`,
  `update point_rule_set set rules_format = 2 where rules_format = 1`,
  `alter table point_rule_set alter column rules_format drop default`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`update point_rule_set
    set rules = (rules - 'activitySuggestion') || jsonb_build_object('suggestion', rules -> 'activitySuggestion')
    where rules ? 'activitySuggestion'`).execute(db);
  await sql.raw('alter table point_rule_set drop column rules_format').execute(db);
}
