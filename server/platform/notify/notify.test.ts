import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../db/engine.js';
import { retryDelayMs } from '../jobs/backoff.js';
import { runDueJobs } from '../jobs/runner.js';
import { openTestDatabase } from '../../testing/database.js';
import { LogChannel, registerChannel, unregisterChannel, type DeliveryChannel, type OutboxMessage } from './channels.js';
import { registerJobHandler } from '../jobs/registry.js';
import { OUTBOX_DELIVER, outboxDeliverJob } from './deliver.js';
import { notify } from './notify.js';

// The kernel's delivery job, as the composition root registers it in the server.
registerJobHandler(outboxDeliverJob.kind, outboxDeliverJob.handler, outboxDeliverJob.options);

/** A gateway that is down for its first `failures` sends; records what it sent. */
class FlakySmsGateway implements DeliveryChannel {
  readonly name = 'sms' as const;
  readonly addressedBy = 'phone' as const;
  readonly sent: OutboxMessage[] = [];
  constructor(private failures: number) {}
  async deliver(message: OutboxMessage) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('gateway down');
    }
    this.sent.push(message);
  }
}

describe('notify and delivery', () => {
  let database: Database;
  let db: Database['db'];
  const ids: Record<string, number> = {};
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    database = await openTestDatabase();
    db = database.db;
    for (const a of await db.selectFrom('account').select(['id', 'username']).execute()) ids[a.username] = a.id;
    registerChannel(new LogChannel({ info: (obj, msg) => lines.push({ ...obj, msg }) }));
  });
  after(() => database.close());

  const deliverDue = (now: Date) => runDueJobs(db, { now, workerId: 'test', kinds: [OUTBOX_DELIVER] });
  const soon = () => new Date(Date.now() + 1000);

  it('writes notifications, outbox messages and delivery jobs together, or nothing', async () => {
    await assert.rejects(db.transaction().execute(async (trx) => {
      await notify(trx, { accountIds: [ids.pinggui!], kind: 'test.rolled_back', title: '不会出现', body: '' });
      throw new Error('the case change failed');
    }), /case change failed/);
    assert.equal((await db.selectFrom('notification').select('id').where('kind', '=', 'test.rolled_back').execute()).length, 0);
    assert.equal((await db.selectFrom('outbox').select('id').where('subject', '=', '不会出现').execute()).length, 0);

    await db.updateTable('account').set({ active: false }).where('username', '=', 'yanggu').execute();
    const result = await db.transaction().execute((trx) => notify(trx, {
      accountIds: [ids.pinggui!, ids.huangtian!, ids.pinggui!, ids.yanggu!],
      kind: 'case.assigned', title: '新的交办件', body: '黄田镇群众意见已交办', link: '/cases/42', caseId: 42,
    }));
    assert.equal(result.notificationIds.length, 2, 'deduplicated, disabled account left out');
    const notes = await db.selectFrom('notification').selectAll().where('id', 'in', result.notificationIds).orderBy('account_id').execute();
    assert.deepEqual(notes.map((n) => [n.account_id, n.kind, n.title, n.link, n.case_id, n.read_at]), [
      [ids.pinggui, 'case.assigned', '新的交办件', '/cases/42', 42, null],
      [ids.huangtian, 'case.assigned', '新的交办件', '/cases/42', 42, null],
    ].sort((a, b) => Number(a[0]) - Number(b[0])));

    const outbox = await db.selectFrom('outbox').selectAll().where('id', 'in', result.outboxIds).orderBy('id').execute();
    assert.deepEqual(outbox.map((o) => [o.channel, o.recipient, o.subject, o.sent_at]).sort(), [
      ['log', 'huangtian', '新的交办件', null], ['log', 'pinggui', '新的交办件', null],
    ]);
    assert.deepEqual(new Set(outbox.map((o) => o.notification_id)), new Set(result.notificationIds));
    const jobs = await db.selectFrom('job').selectAll().where('kind', '=', OUTBOX_DELIVER).where('dedupe_key', 'in', outbox.map((o) => `outbox:${o.id}`)).execute();
    assert.equal(jobs.length, 2);
    assert.deepEqual(jobs.map((j) => (j.payload as { outboxId: number }).outboxId).sort(), outbox.map((o) => o.id).sort());
  });

  it('delivers through the log channel and marks the message sent, once', async () => {
    const { outboxIds } = await db.transaction().execute((trx) => notify(trx, {
      accountIds: [ids.admin!], kind: 'system.test', title: '日志通道', body: '一条测试消息',
    }));
    const now = soon();
    const summary = await deliverDue(now);
    assert.ok(summary.done >= 1 && summary.retry === 0 && summary.failed === 0, JSON.stringify(summary));
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', outboxIds[0]!).executeTakeFirstOrThrow();
    assert.equal(row.sent_at?.toISOString(), now.toISOString());
    assert.equal(row.attempts, 1);
    const line = lines.find((l) => l.outboxId === outboxIds[0]);
    assert.deepEqual(line, { channel: 'log', outboxId: outboxIds[0], notificationId: row.notification_id, recipient: 'admin', msg: 'notification' },
      'ids only: the subject and the text stay in the database');
    assert.ok(!JSON.stringify(lines).includes('一条测试消息') && !JSON.stringify(lines).includes('日志通道'));
    assert.equal((await deliverDue(new Date(now.getTime() + 3600_000))).done, 0, 'nothing left to send');
    assert.equal(lines.filter((l) => l.outboxId === outboxIds[0]).length, 1);
  });

  it('sends nothing for a message sent already, and fails for good for one that is gone', async () => {
    const { outboxIds } = await db.transaction().execute((trx) => notify(trx, {
      accountIds: [ids.admin!], kind: 'system.test', title: '已发送', body: '另一条测试消息',
    }));
    const [sentId, goneId] = [outboxIds[0]!, (await db.transaction().execute((trx) => notify(trx, {
      accountIds: [ids.admin!], kind: 'system.test', title: '已删除', body: '第三条测试消息',
    }))).outboxIds[0]!];
    const sentAt = new Date(Date.now() - 60_000);
    await db.updateTable('outbox').set({ sent_at: sentAt, attempts: 1 }).where('id', '=', sentId).execute();
    await db.deleteFrom('outbox').where('id', '=', goneId).execute();
    const logged = lines.length;
    const summary = await deliverDue(soon());
    assert.deepEqual([summary.done, summary.failed], [1, 1], JSON.stringify(summary));
    assert.equal(lines.length, logged, 'nothing sent');
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', sentId).executeTakeFirstOrThrow();
    assert.deepEqual([row.sent_at?.toISOString(), row.attempts], [sentAt.toISOString(), 1], 'left as it was');
    const gone = await db.selectFrom('job').select(['failed_at', 'last_error']).where('dedupe_key', '=', `outbox:${goneId}`).executeTakeFirstOrThrow();
    assert.ok(gone.failed_at !== null && /does not exist/.test(gone.last_error ?? ''), JSON.stringify(gone));
  });

  it('retries a failing channel through the job queue and records the error on the message', async () => {
    const sms = new FlakySmsGateway(2);
    registerChannel(sms);
    try {
      const { outboxIds } = await db.transaction().execute((trx) => notify(trx, {
        accountIds: [ids.liangjun!, ids.admin!], kind: 'case.reply', title: '办理结果', body: '您反映的问题已办结',
      }));
      const messages = await db.selectFrom('outbox').selectAll().where('id', 'in', outboxIds).execute();
      const smsRow = messages.find((m) => m.channel === 'sms');
      assert.deepEqual(messages.filter((m) => m.channel === 'sms').map((m) => m.recipient), ['13907741001'], 'only the deputy has a phone');
      assert.equal(messages.filter((m) => m.channel === 'log').length, 2);

      const t0 = soon();
      const first = await deliverDue(t0);
      assert.equal(first.retry, 1);
      let row = await db.selectFrom('outbox').selectAll().where('id', '=', smsRow!.id).executeTakeFirstOrThrow();
      assert.equal(row.sent_at, null);
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, 'Error: gateway down');
      const job = await db.selectFrom('job').selectAll().where('dedupe_key', '=', `outbox:${smsRow!.id}`).executeTakeFirstOrThrow();
      assert.equal(job.run_at.toISOString(), new Date(t0.getTime() + retryDelayMs(1)).toISOString());

      const t1 = new Date(t0.getTime() + retryDelayMs(1));
      assert.equal((await deliverDue(t1)).retry, 1);
      const t2 = new Date(t1.getTime() + retryDelayMs(2));
      assert.equal((await deliverDue(t2)).done, 1);
      row = await db.selectFrom('outbox').selectAll().where('id', '=', smsRow!.id).executeTakeFirstOrThrow();
      assert.equal(row.sent_at?.toISOString(), t2.toISOString());
      assert.equal(row.attempts, 3);
      assert.deepEqual(sms.sent.map((m) => [m.recipient, m.subject, m.body]), [['13907741001', '办理结果', '您反映的问题已办结']]);
    } finally {
      unregisterChannel('sms');
    }
  });

  it('fails a message for good after the last attempt, keeping its error', async () => {
    registerChannel(new FlakySmsGateway(1000));
    try {
      const { outboxIds } = await db.transaction().execute((trx) => notify(trx, { accountIds: [ids.liangjun!], kind: 'case.reply', title: '总是失败', body: '' }));
      const smsId = (await db.selectFrom('outbox').select('id').where('id', 'in', outboxIds).where('channel', '=', 'sms').executeTakeFirstOrThrow()).id;
      let now = soon();
      for (let attempt = 1; attempt <= 5; attempt++) {
        await deliverDue(now);
        now = new Date(now.getTime() + retryDelayMs(attempt));
      }
      const job = await db.selectFrom('job').selectAll().where('dedupe_key', '=', `outbox:${smsId}`).executeTakeFirstOrThrow();
      assert.ok(job.failed_at);
      assert.equal(job.attempts, 5);
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', smsId).executeTakeFirstOrThrow();
      assert.equal(row.sent_at, null);
      assert.equal(row.attempts, 5);
      assert.equal(row.last_error, 'Error: gateway down');
    } finally {
      unregisterChannel('sms');
    }
  });
});
