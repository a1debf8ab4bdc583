import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { POINT_RULES_FORMAT } from '../../../common/points.js';
import type { Database } from '../../platform/db/engine.js';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from '../../platform/db/migrate.js';
import { up as rewriteRuleFormat } from '../../platform/db/migrations/0014_point_rules_format.js';
import { openTestDatabase } from '../../testing/database.js';
import { loadRuleSets, storedRules } from './facts.js';

// Rule sets stored before format 2 named the points per suggestion made at an activity
// `suggestion`; migration 0014 gives every stored rule set a format and rewrites them.
describe('stored point rule sets of the first format (migration 0014)', () => {
  /** 0014 and every migration after it: undone (newest first) to reach 0013, done again in order. */
  const LATER = MIGRATION_NAMES.filter((name) => name > '0013_election_round');
  let database: Database;
  let oldId: number;
  const oldRules = {
    present: {
      reception: 2, visit: 2, inspection: 3, research: 3, training: 1, group: 1, theme: 2, joint_meeting: 2,
      deliberation: 2, report_back: 5, legal_education: 1, mediation: 2, other: 1,
    },
    absent: -1, leave: 0, organiser: 1, suggestion: 2.5, caseCollected: 1, caseAnswered: 1, caseSatisfied: 2, caseBasicallySatisfied: 1,
  };

  before(async () => {
    // The test database as it stood before 0014 (its down step renames the key back and drops
    // the format), with one more rule set as the server wrote it then.
    database = await openTestDatabase();
    assert.deepEqual(await migrateTo(database.db, '0013_election_round'), [...LATER].reverse());
    const { rows } = await sql<{ id: number }>`insert into point_rule_set (region_code, region_path, effective_from, rules, note)
      values (null, '', '2021-01-01', ${JSON.stringify(oldRules)}, 'before format 2') returning id`.execute(database.db);
    oldId = rows[0]!.id;
  });
  after(() => database.close());

  it('reads the rule under its new name after the migration, and the migration may run again', async () => {
    assert.deepEqual(await migrateToLatest(database.db), LATER);
    const check = async () => {
      const rows = await database.db.selectFrom('point_rule_set').select(['id', 'rules', 'rules_format']).orderBy('id').execute();
      assert.ok(rows.length >= 3, 'the shipped default, the demo\'s and the one stored here');
      for (const row of rows) {
        assert.equal(row.rules_format, POINT_RULES_FORMAT);
        assert.equal('suggestion' in row.rules, false);
      }
      const sets = await loadRuleSets(database.db);
      const { suggestion: _old, ...rest } = oldRules;
      // The keys added since (deputies' suggestions, consultations, budget review, livelihood projects, report-backs) read with their defaults.
      assert.deepEqual(sets.get(oldId)!.rules, {
        ...rest, activitySuggestion: 2.5, suggestionLead: 3, suggestionCosigner: 1, suggestionSatisfied: 1, suggestionBasicallySatisfied: 0.5, consultation: 1, budgetComment: 1, budgetEvaluation: 1,
        livelihoodProposed: 2, livelihoodRated: 1, reportBackEvaluated: 2, mediationAgreement: 2,
      });
      assert.equal(rows.find((r) => r.id !== oldId)!.rules.activitySuggestion, 2, 'the shipped default is rewritten too');
    };
    await check();
    await rewriteRuleFormat(database.db as unknown as Kysely<unknown>);
    await check();
  });

  it('writes need the format named, and other formats are not read', async () => {
    await assert.rejects(sql`insert into point_rule_set (region_code, region_path, effective_from, rules) values (null, '', '2021-02-01', '{}')`
      .execute(database.db), /rules_format/);
    assert.throws(() => storedRules({ id: 7, rules: oldRules as never, rules_format: 1 }), /format 1/);
  });
});
