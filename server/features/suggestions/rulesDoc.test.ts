import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../platform/config.js';
import { SUGGESTION_ACTIONS, SUGGESTION_RULES } from './workflow.js';

/** The rule table as docs/SUGGESTIONS.md prints it, one row per action in the table's order. */
function ruleRows(): string[] {
  return SUGGESTION_ACTIONS.map((action) => {
    const r = SUGGESTION_RULES[action];
    return `| ${action} | ${r.label.zh} | ${r.from.join(', ')} | ${r.to ?? '—'} | ${r.by.join(', ')} | ${r.needsComment ? 'required' : ''} |`;
  });
}

describe('docs/SUGGESTIONS.md', () => {
  it('prints the rule table of workflow.ts, row for row', () => {
    const doc = readFileSync(path.join(PROJECT_ROOT, 'docs', 'SUGGESTIONS.md'), 'utf8');
    const table = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(doc)?.[1];
    assert.ok(table, 'the rule table between its markers');
    assert.deepEqual(table.split('\n').slice(2), ruleRows());
  });
});
