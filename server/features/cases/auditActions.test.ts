import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_AUDIT_ACTIONS } from './auditActions.js';
import { CASE_ACTIONS, CASE_RULES } from './workflow.js';

describe('case audit action labels', () => {
  it('label every step of the case workflow as its rule table does', () => {
    for (const action of CASE_ACTIONS) {
      assert.deepEqual((CASE_AUDIT_ACTIONS as Record<string, unknown>)[`case.${action}`], CASE_RULES[action].label, `case.${action}`);
    }
  });
});
