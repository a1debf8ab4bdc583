import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  afterRating, allowedActions, CASE_ACTIONS, CASE_STATES, checkTransition, type CaseAction, type CaseActor, type CaseState,
} from './workflow.js';

const ACTORS: CaseActor[] = ['admin', 'staff', 'officer', 'deputy', 'unit', 'constituent', 'system'];

/**
 * The workflow written out independently of the rule table, from the domain description:
 * [from states, actors, resulting state ('=' keeps it), needs a comment].
 */
const OPEN = 'submitted accepted escalated assigned returned in_progress extension_requested replied reply_approved answered rehandling';
const EXPECTED: Record<CaseAction, [string, string, string, boolean]> = {
  accept: ['submitted escalated', 'admin staff officer deputy', 'accepted', false],
  decline: ['submitted escalated', 'admin staff officer', 'declined', true],
  answer_on_spot: ['submitted accepted', 'admin staff officer deputy', 'answered', true],
  assign: ['accepted returned rehandling', 'admin staff officer', 'assigned', false],
  sign: ['assigned', 'unit', 'in_progress', false],
  return: ['assigned in_progress', 'unit', 'returned', true],
  request_extension: ['in_progress', 'unit', 'extension_requested', true],
  grant_extension: ['extension_requested', 'admin staff', 'in_progress', false],
  refuse_extension: ['extension_requested', 'admin staff', 'in_progress', true],
  reply: ['in_progress', 'unit', 'replied', true],
  approve_reply: ['replied', 'admin staff officer', 'reply_approved', false],
  send_back_reply: ['replied', 'admin staff officer', 'in_progress', true],
  answer: ['reply_approved', 'admin staff officer deputy', 'answered', true],
  rate: ['answered', 'constituent', 'closed', false],
  auto_close: ['answered', 'system', 'closed', false],
  escalate: ['submitted accepted returned escalated', 'admin staff officer', 'escalated', true],
  merge: ['submitted accepted', 'admin staff officer', 'merged', false],
  urge: ['assigned in_progress extension_requested', 'admin staff', '=', true],
  flag_key: [OPEN, 'admin staff', '=', false],
  unflag_key: [OPEN, 'admin staff', '=', false],
  remind: ['assigned in_progress extension_requested', 'system', '=', false],
  archive: ['closed declined merged', 'admin staff', 'archived', false],
};

describe('case workflow', () => {
  it('allows exactly the listed transitions: every state × every action × every actor', () => {
    let checked = 0;
    for (const state of CASE_STATES) {
      for (const action of CASE_ACTIONS) {
        const [from, by, to, needsComment] = EXPECTED[action];
        for (const actor of ACTORS) {
          const allowed = from.split(' ').includes(state) && by.split(' ').includes(actor);
          const withComment = checkTransition(state, action, actor, '说明');
          const label = `${actor} ${action} from ${state}`;
          if (allowed) {
            assert.deepEqual(withComment, { ok: true, to: to === '=' ? null : to }, label);
            const bare = checkTransition(state, action, actor, '  ');
            assert.deepEqual(bare, needsComment ? { ok: false, reason: 'COMMENT' } : { ok: true, to: to === '=' ? null : to }, `${label} without comment`);
          } else {
            assert.equal(withComment.ok, false, label);
            const expectedReason = by.split(' ').includes(actor) ? 'STATE' : 'ROLE';
            assert.equal(!withComment.ok && withComment.reason, expectedReason, label);
          }
          checked++;
        }
      }
    }
    assert.equal(checked, 15 * 22 * 7);
  });

  it('sends an unsatisfied first answer back for re-handling, and closes otherwise', () => {
    assert.equal(afterRating('unsatisfied', 1), 'rehandling');
    assert.equal(afterRating('unsatisfied', 2), 'closed');
    assert.equal(afterRating('satisfied', 1), 'closed');
    assert.equal(afterRating('basically_satisfied', 1), 'closed');
  });

  it('offers each actor only the actions it may take', () => {
    assert.deepEqual(allowedActions('assigned' as CaseState, 'unit'), ['sign', 'return']);
    assert.deepEqual(allowedActions('in_progress', 'unit'), ['return', 'request_extension', 'reply']);
    assert.deepEqual(allowedActions('submitted', 'deputy'), ['accept', 'answer_on_spot']);
    assert.deepEqual(allowedActions('closed', 'constituent'), []);
    assert.deepEqual(allowedActions('answered', 'constituent'), ['rate']);
  });
});
