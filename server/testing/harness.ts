import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { Database } from '../platform/db/engine.js';
import { DEMO_PASSWORD } from '../demo.js';
import { openTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** The app on a fresh copy of the demo database (PGlite in memory, or PostgreSQL with DATABASE_URL). */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  // The audit checkpoints' key and file: the test's own, never the project's data directory.
  const own = mkdtempSync(path.join(tmpdir(), 'lianxin-test-audit-'));
  const config = { ...loadConfig({}), auditKeyFile: path.join(own, 'audit-ed25519.pem'), auditCheckpointFile: path.join(own, 'audit-checkpoints.jsonl'), ...overrides };
  const app = await buildApp({ database, config, logger: process.env.TEST_LOG ? { level: 'error' } : false, responses: 'checked' });
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      rmSync(own, { recursive: true, force: true });
    },
  };
}

/** Another app on a database of the test's choosing: a second node on the same database, or one with a replica. */
export function buildTestApp(database: Database, config: Config): Promise<FastifyInstance> {
  return buildApp({ database, config, logger: process.env.TEST_LOG ? { level: 'error' } : false, responses: 'checked' });
}

type Body = Record<string, unknown> | unknown[] | undefined;

let clientCount = 0;

/**
 * A client like a browser: keeps the session cookie and sends the CSRF token on writes.
 * Each client has its own loopback address, as separate devices would (rate limits are per address).
 */
export class Client {
  cookie = '';
  csrf = '';
  readonly remoteAddress: string;
  constructor(readonly app: FastifyInstance, readonly lang: 'zh' | 'en' = 'zh') {
    clientCount++;
    this.remoteAddress = `127.${(clientCount >> 16) & 255}.${(clientCount >> 8) & 255}.${clientCount & 255}`;
  }

  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: Body, headers: Record<string, string> = {}) {
    return this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      payload: body as object | undefined,
      headers: {
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && method !== 'GET' && { 'x-csrf-token': this.csrf }),
        'accept-language': this.lang === 'en' ? 'en' : 'zh-CN',
        ...headers,
      },
    });
  }

  get(url: string) { return this.request('GET', url); }
  post(url: string, body?: Body) { return this.request('POST', url, body ?? {}); }
  patch(url: string, body: Body) { return this.request('PATCH', url, body); }

  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: this.remoteAddress });
    if (res.statusCode === 200) {
      const session = res.cookies.find((c) => c.name === 'lx_session');
      this.cookie = `lx_session=${session!.value}`;
      this.csrf = res.json<{ csrfToken: string }>().csrfToken;
    }
    return res;
  }
}

/** The id of a demo record by its name (names are unique in the demo set). */
export async function idOf(db: Kysely<DB>, table: 'station' | 'deputy' | 'unit', name: string): Promise<number> {
  return (await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const client = new Client(app);
  const res = await client.login(username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return client;
}
