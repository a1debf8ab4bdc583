import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { LOG_SERIALIZERS } from './app.js';
import { loggedError } from './platform/loggedError.js';
import { SmsLogChannel } from './platform/notify/channels.js';

/** A database error as node-postgres and PGlite raise it: the values sit in `detail`, `where`, `query`. */
function uniqueViolation(): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "deputy_phone_key"'), {
    code: '23505', severity: 'ERROR', table: 'deputy', constraint: 'deputy_phone_key',
    detail: 'Key (phone)=(13912345678) already exists.', where: 'SQL statement "insert into deputy values (\'张三\', \'13912345678\')"',
    query: 'insert into deputy (name, phone) values ($1, $2)', parameters: ['张三', '13912345678'],
  });
}

describe('errors and notifications in the server log', () => {
  it('keeps what names the failure and drops the values an error carries', () => {
    const logged = loggedError(Object.assign(new Error('outer'), { cause: uniqueViolation(), body: { phone: '13912345678' } }));
    const text = JSON.stringify(logged);
    assert.ok(!text.includes('13912345678') && !text.includes('张三'), text);
    assert.deepEqual({ ...(logged.cause as Record<string, unknown>), stack: '' }, {
      type: 'Error', message: 'duplicate key value violates unique constraint "deputy_phone_key"', code: '23505',
      constraint: 'deputy_phone_key', table: 'deputy', severity: 'ERROR', stack: '',
    });
    assert.deepEqual(loggedError('a string thrown'), { type: 'string', message: '', stack: '' });
  });

  it('is how the app\'s log writes an error', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }), serializers: LOG_SERIALIZERS } });
    app.log.warn({ err: uniqueViolation() }, 'unique violation');
    await app.close();
    const line = lines.find((l) => l.includes('unique violation'));
    assert.ok(line && !line.includes('13912345678') && !line.includes('张三'), line);
    assert.match(line, /deputy_phone_key/);
  });

  it('logs a text message by its outbox id, not its number or text', async () => {
    const lines: object[] = [];
    await new SmsLogChannel({ info: (obj) => lines.push(obj) }).deliver({
      id: 7, channel: 'sms', recipient: '13912345678', subject: '', body: '张大姐:您的意见已受理 https://x.example/m/t/AAA?key=secret', notificationId: null,
    });
    assert.deepEqual(lines, [{ channel: 'sms', outboxId: 7, notificationId: null }]);
  });
});
