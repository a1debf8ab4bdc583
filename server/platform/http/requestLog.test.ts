import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { loggedUrl, readableLogLine, readableLogStream, registerRequestLog } from './requestLog.js';

describe('the server log', () => {
  it('never writes a tracking key', () => {
    assert.equal(loggedUrl('/api/public/opinions/7KM-4QX-2HB?key=secret&x=1'), '/api/public/opinions/7KM-4QX-2HB?key=***&x=1');
  });

  it('writes one readable line per request, in Beijing time, and leaves out assets and the health probe', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    const app = Fastify({ logger: { level: 'info', stream: readableLogStream(out) }, logController: new LogController({ disableRequestLogging: true }) });
    registerRequestLog(app);
    app.get('/api/things', async () => ({ ok: true }));
    app.get('/assets/app.js', async () => 'x');
    app.get('/api/health', async () => ({ ok: true }));
    await app.inject('/api/things?key=abc');
    await app.inject('/assets/app.js');
    await app.inject('/api/health');
    await app.inject('/assets/missing.js');
    await app.close();
    const lines = text.trim().split('\n').filter((l) => l.includes(' ms'));
    assert.equal(lines.length, 2, text);
    assert.match(lines[0]!, /^\d\d:\d\d:\d\d INFO {2}GET \/api\/things\?key=\*\*\* 200 \d+ ms/);
    assert.match(lines[1]!, /GET \/assets\/missing\.js 404/);
    assert.doesNotMatch(text, /"level"/);
  });

  it('with `errors` or a share, leaves out successes but always writes refused requests and server errors', async () => {
    for (const mode of ['errors', 0] as const) {
      const out = new PassThrough();
      let text = '';
      out.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      const app = Fastify({ logger: { level: 'info', stream: readableLogStream(out) }, logController: new LogController({ disableRequestLogging: true }) });
      registerRequestLog(app, mode);
      app.get('/api/things', async () => ({ ok: true }));
      app.get('/api/broken', async () => { throw new Error('boom'); });
      for (let i = 0; i < 20; i++) await app.inject('/api/things');
      await app.inject('/api/missing');
      await app.inject('/api/broken');
      await app.close();
      const lines = text.trim().split('\n').filter((l) => l.includes(' ms'));
      assert.equal(lines.length, 2, text);
      assert.match(lines[0]!, /WARN {2}GET \/api\/missing 404/);
      assert.match(lines[1]!, /ERROR GET \/api\/broken 500/);
    }
  });

  it('turns a pino entry into a line with its extra fields and the error stack', () => {
    const line = readableLogLine(JSON.stringify({ level: 50, time: Date.UTC(2026, 0, 1, 2, 3, 4), msg: 'job failed', job: 'x', err: { message: 'boom', stack: 'Error: boom\n  at f' } }));
    assert.equal(line, '10:03:04 ERROR job failed job=x \nError: boom\n  at f');
    assert.equal(readableLogLine('not json'), 'not json');
  });
});
