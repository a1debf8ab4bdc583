import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_core.js';
import * as m0002 from './migrations/0002_calendar.js';
import * as m0003 from './migrations/0003_jobs.js';
import * as m0004 from './migrations/0004_cases.js';
import * as m0005 from './migrations/0005_activities.js';
import * as m0006 from './migrations/0006_imports.js';
import * as m0007 from './migrations/0007_points.js';
import * as m0008 from './migrations/0008_registers.js';
import * as m0009 from './migrations/0009_register_entries.js';
import * as m0010 from './migrations/0010_congress_terms.js';
import * as m0011 from './migrations/0011_case_deadline_order.js';
import * as m0012 from './migrations/0012_provisional_deadlines.js';
import * as m0013 from './migrations/0013_election_round.js';
import * as m0014 from './migrations/0014_point_rules_format.js';
import * as m0015 from './migrations/0015_public_lookup.js';
import * as m0016 from './migrations/0016_case_clocks.js';
import * as m0017 from './migrations/0017_case_reply.js';
import * as m0018 from './migrations/0018_notification_prefs.js';
import * as m0019 from './migrations/0019_station_public_info.js';
import * as m0020 from './migrations/0020_suggestions.js';
import * as m0021 from './migrations/0021_livelihood_votes.js';
import * as m0022 from './migrations/0022_livelihood_delivery.js';
import * as m0023 from './migrations/0023_budget_reviews.js';
import * as m0024 from './migrations/0024_consultations.js';
import * as m0025 from './migrations/0025_report_backs.js';
import * as m0026 from './migrations/0026_deliberations.js';
import * as m0027 from './migrations/0027_hot_topics.js';
import * as m0028 from './migrations/0028_spoiled_ballots.js';
import * as m0029 from './migrations/0029_cross_province.js';
import * as m0030 from './migrations/0030_place_routing.js';
import * as m0031 from './migrations/0031_industry.js';
import * as m0032 from './migrations/0032_grids.js';
import * as m0033 from './migrations/0033_mediation.js';
import * as m0034 from './migrations/0034_former_deputies.js';
import * as m0035 from './migrations/0035_password_history.js';
import * as m0036 from './migrations/0036_case_rollups.js';
import * as m0037 from './migrations/0037_audit_chains.js';
import * as m0038 from './migrations/0038_shared_limits.js';
import * as m0039 from './migrations/0039_file_store.js';
import * as m0040 from './migrations/0040_federation.js';
import * as m0041 from './migrations/0041_text_search.js';
import * as m0042 from './migrations/0042_audit_prev_id.js';
import * as m0043 from './migrations/0043_import_heartbeat.js';
import * as m0044 from './migrations/0044_grams_statistics.js';
import * as m0045 from './migrations/0045_case_path_functions.js';
import * as m0046 from './migrations/0046_account_lookups.js';

/** Every migration, in order. New ones are appended here; names never change. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_calendar': m0002,
  '0003_jobs': m0003,
  '0004_cases': m0004,
  '0005_activities': m0005,
  '0006_imports': m0006,
  '0007_points': m0007,
  '0008_registers': m0008,
  '0009_register_entries': m0009,
  '0010_congress_terms': m0010,
  '0011_case_deadline_order': m0011,
  '0012_provisional_deadlines': m0012,
  '0013_election_round': m0013,
  '0014_point_rules_format': m0014,
  '0015_public_lookup': m0015,
  '0016_case_clocks': m0016,
  '0017_case_reply': m0017,
  '0018_notification_prefs': m0018,
  '0019_station_public_info': m0019,
  '0020_suggestions': m0020,
  '0021_livelihood_votes': m0021,
  '0022_livelihood_delivery': m0022,
  '0023_budget_reviews': m0023,
  '0024_consultations': m0024,
  '0025_report_backs': m0025,
  '0026_deliberations': m0026,
  '0027_hot_topics': m0027,
  '0028_spoiled_ballots': m0028,
  '0029_cross_province': m0029,
  '0030_place_routing': m0030,
  '0031_industry': m0031,
  '0032_grids': m0032,
  '0033_mediation': m0033,
  '0034_former_deputies': m0034,
  '0035_password_history': m0035,
  '0036_case_rollups': m0036,
  '0037_audit_chains': m0037,
  '0038_shared_limits': m0038,
  '0039_file_store': m0039,
  '0040_federation': m0040,
  '0041_text_search': m0041,
  '0042_audit_prev_id': m0042,
  '0043_import_heartbeat': m0043,
  '0044_grams_statistics': m0044,
  '0045_case_path_functions': m0045,
  '0046_account_lookups': m0046,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() { return MIGRATIONS; }
}

/** The migrations in the order they run. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new StaticProvider(), migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock' });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up to and including the named migration (tests of a later migration start there). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<string[]> {
  if (!Object.hasOwn(MIGRATIONS, name)) throw new Error(`No migration ${name}`);
  const { error, results } = await migrator(db).migrateTo(name);
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
