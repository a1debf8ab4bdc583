/**
 * The rule table, through the action runner: every state × action × part. An action the table
 * lists for the part from the state is never refused by the rule check (its handler may still
 * ask for its fields); every other one is refused — 403 SUGGESTION_ACTION_FORBIDDEN when the
 * part may not take it at all, 409 SUGGESTION_TRANSITION_INVALID when not from that state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories } from '../../testing/factories.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { takeSuggestionAction } from './act.js';
import { congress, suggestionIn, type Congress } from '../../testing/suggestions.js';
import { SUGGESTION_ACTIONS, SUGGESTION_RULES, SUGGESTION_STATES, type SuggestionActor } from './workflow.js';

const PARTS: readonly SuggestionActor[] = ['lead', 'cosigner', 'staff', 'unit', 'co_unit', 'system'];

class Rollback extends Error {}

describe('suggestion rule table', () => {
  let t: TestApp;
  let c: Congress;
  before(async () => {
    t = await startTestApp();
    c = await congress(factories(t));
  });
  after(() => t.close());

  /** The refusal code of an attempt, or null when the rule check let it through (all of it rolled back). */
  async function attempt(part: SuggestionActor, id: number, action: (typeof SUGGESTION_ACTIONS)[number]): Promise<string | null> {
    const actors: Record<SuggestionActor, Actor> = {
      lead: c.lead.actor, cosigner: c.cosigner.actor, staff: c.staff.actor, unit: c.unit.actor, co_unit: c.coUnit.actor, system: SYSTEM_ACTOR,
    };
    try {
      await t.database.db.transaction().execute(async (trx) => {
        await takeSuggestionAction({ trx, actor: actors[part], ip: null }, id, { action, comment: '测试说明' }, { system: part === 'system' });
        throw new Rollback();
      });
    } catch (err) {
      if (err instanceof AppError && ['SUGGESTION_ACTION_FORBIDDEN', 'SUGGESTION_TRANSITION_INVALID', 'NOT_FOUND'].includes(err.code)) return err.code;
    }
    return null;
  }

  for (const state of SUGGESTION_STATES) {
    it(`${state}: each part may take exactly the actions the table lists`, async () => {
      const id = await suggestionIn(factories(t), c, state, { withUnits: true });
      const wrong: string[] = [];
      for (const action of SUGGESTION_ACTIONS) {
        const rule = SUGGESTION_RULES[action];
        for (const part of PARTS) {
          const got = await attempt(part, id, action);
          // Staff do not see a deputy's draft at all.
          const expected = part === 'staff' && state === 'draft' ? 'NOT_FOUND'
            : !rule.by.includes(part) ? 'SUGGESTION_ACTION_FORBIDDEN'
              : !rule.from.includes(state) ? 'SUGGESTION_TRANSITION_INVALID' : null;
          if (got !== expected) wrong.push(`${part} ${action}: ${got ?? 'allowed'}, expected ${expected ?? 'allowed'}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});
