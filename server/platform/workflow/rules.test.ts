import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineWorkflow, type RuleTable } from './rules.js';

type S = 'draft' | 'sent' | 'answered' | 'closed';
type A = 'send' | 'answer' | 'remark' | 'close';
type R = 'clerk' | 'office' | 'system';

const ACTIONS: readonly A[] = ['send', 'answer', 'remark', 'close'];
const RULES: RuleTable<S, A, R> = {
  send: { from: ['draft'], to: 'sent', by: ['clerk'], label: { zh: '提交', en: 'Send' } },
  answer: { from: ['sent'], to: 'answered', by: ['office'], needsComment: true, label: { zh: '答复', en: 'Answer' } },
  remark: { from: ['sent', 'answered'], to: null, by: ['clerk', 'office'], label: { zh: '备注', en: 'Remark' } },
  close: { from: ['answered'], to: 'closed', by: ['system', 'office'], label: { zh: '办结', en: 'Close' } },
};
const flow = defineWorkflow(ACTIONS, RULES);

describe('workflow rule table', () => {
  it('allows what the table lists, with the target state (null keeps it)', () => {
    assert.deepEqual(flow.check('draft', 'send', 'clerk'), { ok: true, to: 'sent' });
    assert.deepEqual(flow.check('sent', 'remark', 'office'), { ok: true, to: null });
    assert.deepEqual(flow.check('sent', 'answer', 'office', ' 已答复 '), { ok: true, to: 'answered' });
  });

  it('refuses an actor without a part before looking at the state, then the state, then a missing comment', () => {
    assert.deepEqual(flow.check('closed', 'send', 'office'), { ok: false, reason: 'ROLE' });
    assert.deepEqual(flow.check('sent', 'send', 'clerk'), { ok: false, reason: 'STATE' });
    assert.deepEqual(flow.check('sent', 'answer', 'office'), { ok: false, reason: 'COMMENT' });
    assert.deepEqual(flow.check('sent', 'answer', 'office', '   '), { ok: false, reason: 'COMMENT' });
    assert.deepEqual(flow.check('sent', 'answer', 'office', null), { ok: false, reason: 'COMMENT' });
  });

  it('offers an actor the actions it may take now, in the order of the action list', () => {
    assert.deepEqual(flow.allowed('sent', 'office'), ['answer', 'remark']);
    assert.deepEqual(flow.allowed('answered', 'office'), ['remark', 'close']);
    assert.deepEqual(flow.allowed('answered', 'system'), ['close']);
    assert.deepEqual(flow.allowed('closed', 'office'), []);
    assert.equal(flow.rules.answer.label.zh, '答复');
  });
});
