import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../access/actor.js';
import type { WriteContext } from '../audit/audit.js';
import type { Database } from '../db/engine.js';
import { openTestDatabase } from '../../testing/database.js';
import { defineWorkflow } from './rules.js';
import { transition, type TransitionSteps } from './transition.js';

type S = 'open' | 'answered' | 'closed';
type A = 'answer' | 'rate' | 'note';
type R = 'office' | 'public';
const flow = defineWorkflow<S, A, R>(['answer', 'rate', 'note'], {
  answer: { from: ['open'], to: 'answered', by: ['office'], needsComment: true, label: { zh: '答复', en: 'Answer' } },
  // The effect decides where a rating leads.
  rate: { from: ['answered'], to: 'closed', by: ['public'], label: { zh: '评价', en: 'Rate' } },
  note: { from: ['open', 'answered'], to: null, by: ['office'], label: { zh: '备注', en: 'Note' } },
});

interface Item { id: number; state: S }
class Refused extends Error {}

describe('workflow transition', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
    await sql`create table wf_item (id integer primary key, state text not null, note text)`.execute(database.db);
    await sql`create table wf_event (id serial primary key, item_id integer not null, action text not null, from_state text, to_state text, comment text)`.execute(database.db);
    await sql`insert into wf_item (id, state) values (1, 'open'), (2, 'open'), (3, 'answered')`.execute(database.db);
  });
  after(() => database.close());

  /** Runs an action on item `id` and records the order in which the steps ran. */
  async function run(id: number, action: A, actor: R | null, opts: { comment?: string | null; outcome?: S; failIn?: string } = {}) {
    const steps: string[] = [];
    const step = (name: string) => {
      steps.push(name);
      if (opts.failIn === name) throw new Error(`failed in ${name}`);
    };
    const write = (ctx: WriteContext) => {
      const spec: TransitionSteps<Item, S, A, R, { state?: S; note: string }> = {
        workflow: flow, action, comment: opts.comment,
        lock: async () => {
          step('lock');
          const r = await sql<Item>`select id, state from wf_item where id = ${id} for update`.execute(ctx.trx);
          return r.rows[0];
        },
        actorOf: () => {
          step('actorOf');
          return actor;
        },
        notFound: () => new Refused('NOT_FOUND'),
        refused: (reason, row) => new Refused(`${reason} ${row.state}`),
        effect: async (t) => {
          step('effect');
          return { note: `${t.actor}:${t.comment ?? ''}`, ...(opts.outcome ? { state: opts.outcome } : {}) };
        },
        apply: async (t) => {
          step('apply');
          await sql`update wf_item set state = ${t.to}, note = ${t.effect.note} where id = ${t.row.id}`.execute(ctx.trx);
        },
        event: async (t) => {
          step('event');
          await sql`insert into wf_event (item_id, action, from_state, to_state, comment) values (${t.row.id}, ${t.action}, ${t.from}, ${t.to}, ${t.comment})`.execute(ctx.trx);
        },
        followUps: async () => step('followUps'),
        audit: (t) => {
          step('audit');
          return { action: `item.${t.action}`, entityType: 'wf_item', entityId: t.row.id, before: { state: t.from }, after: { state: t.to } };
        },
      };
      return transition(ctx, spec);
    };
    const result = await database.db.transaction().execute((trx) => write({ trx, actor: SYSTEM_ACTOR, ip: null }))
      .catch((err: unknown) => err as Error);
    return { result, steps };
  }
  const item = async (id: number) => (await sql<{ state: S; note: string | null }>`select state, note from wf_item where id = ${id}`.execute(database.db)).rows[0];
  const audits = async (id: number) => (await database.db.selectFrom('audit_log').select(['action', 'before', 'after'])
    .where('entity_type', '=', 'wf_item').where('entity_id', '=', String(id)).orderBy('id').execute());

  it('locks, checks, applies the effect, writes the event, follows up and audits last, in one transaction', async () => {
    const { result, steps } = await run(1, 'answer', 'office', { comment: '  已答复  ' });
    assert.deepEqual(steps, ['lock', 'actorOf', 'effect', 'apply', 'event', 'followUps', 'audit']);
    assert.ok(!(result instanceof Error));
    assert.deepEqual({ from: result.from, to: result.to, comment: result.comment, ruleTo: result.ruleTo }, { from: 'open', to: 'answered', comment: '已答复', ruleTo: 'answered' });
    assert.deepEqual(await item(1), { state: 'answered', note: 'office:已答复' });
    assert.deepEqual(await audits(1), [{ action: 'item.answer', before: { state: 'open' }, after: { state: 'answered' } }]);
  });

  it('keeps the state for an action that leads nowhere, and lets the effect decide an open outcome', async () => {
    const noted = await run(2, 'note', 'office');
    assert.ok(!(noted.result instanceof Error) && noted.result.to === 'open');
    const rated = await run(3, 'rate', 'public', { outcome: 'open' });
    assert.ok(!(rated.result instanceof Error) && rated.result.to === 'open');
    assert.equal((await item(3))?.state, 'open');
  });

  it('refuses with the feature\'s errors before anything is written', async () => {
    const cases: [number, A, R | null, string | null, string][] = [
      [99, 'note', 'office', null, 'NOT_FOUND'],
      [2, 'note', null, null, 'ROLE open'],
      [2, 'rate', 'office', null, 'ROLE open'],
      [2, 'rate', 'public', null, 'STATE open'],
      [2, 'answer', 'office', ' ', 'COMMENT open'],
    ];
    for (const [id, action, actor, comment, message] of cases) {
      const { result, steps } = await run(id, action, actor, { comment });
      assert.ok(result instanceof Refused, message);
      assert.equal(result.message, message);
      assert.ok(!steps.includes('effect'), `${message}: no effect`);
    }
    assert.deepEqual(await audits(2), [{ action: 'item.note', before: { state: 'open' }, after: { state: 'open' } }]);
  });

  it('leaves no audit record when a later step fails: the whole transition rolls back', async () => {
    const { result, steps } = await run(2, 'answer', 'office', { comment: '答复', failIn: 'followUps' });
    assert.ok(result instanceof Error && result.message === 'failed in followUps');
    assert.deepEqual(steps, ['lock', 'actorOf', 'effect', 'apply', 'event', 'followUps']);
    assert.equal((await item(2))?.state, 'open');
    assert.equal((await audits(2)).length, 1);
    assert.equal((await sql<{ n: number }>`select count(*)::int as n from wf_event where item_id = 2 and action = 'answer'`.execute(database.db)).rows[0]?.n, 0);
  });
});
