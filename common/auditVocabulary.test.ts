import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_ACTIONS, CASE_RULES } from '../server/features/cases/workflow.js';
import { AUDIT_ACTIONS } from './auditVocabulary.js';

describe('audit action labels', () => {
  it('label every step of the case workflow as its rule table does', () => {
    for (const action of CASE_ACTIONS) {
      assert.deepEqual((AUDIT_ACTIONS.labels as Record<string, unknown>)[`case.${action}`], CASE_RULES[action].label, `case.${action}`);
    }
  });

  it('label the downloads that take personal data out, in both languages', () => {
    for (const action of ['register.download', 'archive.download', 'export.download', 'deed.update', 'deed.delete', 'chronicle.update', 'chronicle.delete'] as const) {
      const label = AUDIT_ACTIONS.labels[action];
      assert.ok(label.zh && label.en, action);
    }
  });
});
