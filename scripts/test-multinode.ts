/**
 * Three app nodes behind one address, on one PostgreSQL database, under load.
 *
 * Builds the app (unless MULTINODE_SKIP_BUILD=1), creates a fresh database on the PostgreSQL
 * server (PG_SERVER_URL, default postgres://postgres@127.0.0.1:5432), starts three server
 * processes on their own ports with the job worker on, and nginx (Debian's package) in front of
 * them on one port, with a configuration written to a temporary directory (not a daemon; its
 * own pid file and logs). Then it checks, with the requests going through nginx:
 *
 *   1. nginx spreads the requests over all three nodes;
 *   2. every public route's request limit (`x-rate-limit` in the OpenAPI document) holds across
 *      the nodes: of max + 5 concurrent requests from one address, each naming another client in
 *      X-Forwarded-For, exactly max are accepted;
 *   3. the sign-in lockout holds across the nodes: wrong passwords sent to all three lock the
 *      account once, and the right password is then refused;
 *   4. every job runs exactly once: 300 notifications queued at once (plus those of public
 *      submissions made during the load) are each delivered by exactly one node, as the nodes'
 *      logs show, and the daily housekeeping, scheduled by all three at start and then made due,
 *      runs once and plans the next day's run once.
 *
 * Client addresses: nginx appends the address it was connected from to X-Forwarded-For
 * (`$proxy_add_x_forwarded_for`, the documented setting), and the nodes trust only nginx's
 * address (LIANXIN_TRUST_PROXY=127.0.0.1), so each node sees the client's address and not
 * nginx's, and not whatever the client wrote in the header: every request of the limit check
 * carries a forged X-Forwarded-For of its own. The load comes from several loopback addresses
 * (127.0.0.0/8, other than nginx's 127.0.0.1), as from several devices.
 *
 * Prints what it checked; exits non-zero on the first failure. Usage:
 *   npm run test:multinode
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const PG_SERVER_URL = process.env.PG_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const BASE_PORT = Number(process.env.MULTINODE_PORT ?? 3940);
const NGINX_PORT = BASE_PORT;
const NODE_PORTS = [BASE_PORT + 1, BASE_PORT + 2, BASE_PORT + 3];
const DB_NAME = `lianxin_multinode_${process.pid}`;
const DEMO_PASSWORD = 'Lianxin@2026';
const JOBS = 300;

const started = Date.now();
const tmp = mkdtempSync(path.join(tmpdir(), 'lianxin-multinode-'));
const children: ChildProcess[] = [];
let failures = 0;

function log(line: string) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
}

function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? '✔' : '✖'} ${what}`);
  if (!ok) failures++;
}

function dbUrl(name: string): string {
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- HTTP through nginx

interface Answer { status: number; upstream: string; body: string }

const agents = new Map<string, http.Agent>();
/** One keep-alive agent per client address, as one device keeps its connection. */
function agentFor(localAddress: string): http.Agent {
  let agent = agents.get(localAddress);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 16, localAddress });
    agents.set(localAddress, agent);
  }
  return agent;
}

function request(method: string, url: string, opts: { from: string; body?: unknown; port?: number; forwardedFor?: string }): Promise<Answer> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: opts.port ?? NGINX_PORT, method, path: url, agent: agentFor(opts.from),
      headers: {
        accept: 'application/json', ...(opts.forwardedFor && { 'x-forwarded-for': opts.forwardedFor }),
        ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, upstream: String(res.headers['x-upstream'] ?? ''), body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Runs `tasks` with at most `width` at a time. */
async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

// ---------------------------------------------------------------- processes

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

function nodeLog(i: number): string {
  return path.join(tmp, `node${i + 1}.log`);
}

function startNode(i: number): ChildProcess {
  const out = createWriteStream(nodeLog(i));
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(NODE_PORTS[i]), HOST: '127.0.0.1',
      DATABASE_URL: dbUrl(DB_NAME), DATA_DIR: path.join(tmp, `data${i + 1}`),
      LIANXIN_TRUST_PROXY: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: 'info', LIANXIN_WORKER: '1',
      LIANXIN_PUBLIC_BASE_URL: `http://127.0.0.1:${NGINX_PORT}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  children.push(child);
  return child;
}

async function waitForHealth(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await request('GET', '/api/health', { from: '127.0.0.1', port })).status === 200) return;
    } catch { /* not listening yet */ }
    await sleep(250);
  }
  throw new Error(`${what} did not answer /api/health within 120 s`);
}

function nginxConfig(): string {
  const t = (name: string) => path.join(tmp, name);
  return `# Generated by scripts/test-multinode.ts
daemon off;
worker_processes 1;
pid ${t('nginx.pid')};
error_log ${t('nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${t('nginx-body')};
  proxy_temp_path ${t('nginx-proxy')};
  fastcgi_temp_path ${t('nginx-fastcgi')};
  uwsgi_temp_path ${t('nginx-uwsgi')};
  scgi_temp_path ${t('nginx-scgi')};
  upstream lianxin {
${NODE_PORTS.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    client_max_body_size 16m;
    location / {
      proxy_pass http://lianxin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      # Appends the address nginx was connected from; the nodes trust only nginx (LIANXIN_TRUST_PROXY=127.0.0.1),
      # so they take that last address and never what the client wrote before it.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Which node answered, for this test only.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

async function stopAll(): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (children.some((c) => c.exitCode === null) && Date.now() < deadline) await sleep(100);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const agent of agents.values()) agent.destroy();
}

// ---------------------------------------------------------------- checks

async function checkSpread(): Promise<void> {
  log('1. nginx spreads requests over the three nodes');
  const answers = await pool(6, Array.from({ length: 60 }, () => () => request('GET', '/api/health', { from: '127.0.0.1' })));
  const per = new Map<string, number>();
  for (const a of answers) per.set(a.upstream, (per.get(a.upstream) ?? 0) + 1);
  check(answers.every((a) => a.status === 200), '60 × GET /api/health answered 200');
  check(NODE_PORTS.every((p) => (per.get(`127.0.0.1:${p}`) ?? 0) > 0), `every node answered: ${[...per].map(([u, n]) => `${u} ${n}`).join(', ')}`);
}

interface Limited { method: string; url: string; max: number; timeWindow: string }

async function limitedRoutes(): Promise<Limited[]> {
  const doc = JSON.parse((await request('GET', '/api/openapi.json', { from: '127.0.0.1' })).body) as {
    paths: Record<string, Record<string, { security?: unknown[]; 'x-rate-limit'?: { max: number; timeWindow: string } }>>;
  };
  const out: Limited[] = [];
  for (const [url, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const limit = op['x-rate-limit'];
      if (limit && Array.isArray(op.security) && op.security.length === 0) out.push({ method: method.toUpperCase(), url, ...limit });
    }
  }
  return out;
}

async function checkRateLimits(): Promise<void> {
  const routes = await limitedRoutes();
  log(`2. the request limit of each of the ${routes.length} public limited routes holds across the nodes`);
  check(routes.length > 0, 'the OpenAPI document lists the limited routes (x-rate-limit)');
  let requests = 0;
  for (const [i, r] of routes.entries()) {
    // Any answer but 429 (200, 400 for the empty body, 404 for the made-up id) was let through.
    const url = r.url.replace(/\{[^}]+\}/g, 'X1');
    const from = `127.0.2.${(i % 250) + 1}`;
    const n = r.max + 5;
    requests += n;
    const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : {};
    // Each request names another client in X-Forwarded-For: nginx appends the real one, which the nodes count.
    const answers = await pool(24, Array.from({ length: n }, (_, k) => () => request(r.method, url, { from, body, forwardedFor: `198.51.100.${k + 1}` })));
    const accepted = answers.filter((a) => a.status !== 429).length;
    const nodes = new Set(answers.map((a) => a.upstream)).size;
    const bad = answers.filter((a) => a.status >= 500).length;
    check(accepted === r.max && bad === 0 && nodes === 3,
      `${r.method} ${r.url}: ${accepted} of ${n} accepted, limit ${r.max} per ${r.timeWindow}; ${nodes} nodes answered${bad ? `; ${bad} answers 5xx` : ''}`);
  }
  log(`   ${requests} requests`);
}

async function checkLockout(db: pg.Client): Promise<void> {
  log('3. the sign-in lockout holds across the nodes');
  const username = 'huangtian';
  const { rows: [account] } = await db.query<{ id: number }>('select id from account where username = $1', [username]);
  if (!account) throw new Error(`no demo account ${username}`);
  const from = '127.0.3.1';
  const wrong = await pool(8, Array.from({ length: 8 }, (_, i) => () => request('POST', '/api/auth/login', { from, body: { username, password: `wrong-${i}` } })));
  const nodes = new Set(wrong.map((a) => a.upstream));
  check(nodes.size >= 2 && wrong.every((a) => a.status === 401 || a.status === 423),
    `8 concurrent wrong passwords over ${nodes.size} nodes answered ${wrong.map((a) => a.status).join(' ')}`);
  const right = await Promise.all(NODE_PORTS.map(() => request('POST', '/api/auth/login', { from, body: { username, password: DEMO_PASSWORD } })));
  check(right.every((a) => a.status !== 200), `then the right password is refused on every node: ${right.map((a) => `${a.upstream} ${a.status}`).join(', ')}`);
  const { rows } = await db.query<{ action: string; n: string }>(
    `select action, count(*) as n from audit_log where entity_type = 'account' and entity_id = $1 and action like 'auth.%' group by action order by action`,
    [String(account.id)],
  );
  const counts = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
  check(counts['auth.account_locked'] === 1, `audit: the account was locked once (${JSON.stringify(counts)})`);
  const { rows: [state] } = await db.query<{ locked: boolean }>('select locked_until > now() as locked from account where id = $1', [account.id]);
  check(state?.locked === true, 'the account is locked in the database');
}

async function enqueueNotifications(db: pg.Client): Promise<number[]> {
  await db.query('begin');
  const { rows } = await db.query<{ id: number }>(
    `insert into outbox (channel, recipient, subject, body)
     select 'log', 'multinode-' || g, 'multinode test', 'message ' || g from generate_series(1, ${JOBS}) g returning id`,
  );
  const ids = rows.map((r) => Number(r.id));
  await db.query(
    `insert into job (kind, payload, dedupe_key) select 'outbox.deliver', jsonb_build_object('outboxId', id), 'outbox:' || id from unnest($1::bigint[]) id`,
    [ids],
  );
  await db.query('commit');
  return ids;
}

async function submitOpinions(db: pg.Client): Promise<number> {
  const { rows: [station] } = await db.query<{ id: number }>(`select id from station where name = '平桂区黄田镇人大代表联络站'`);
  const { rows: [category] } = await db.query<{ id: number }>(`select id from case_category where code = 'water'`);
  const answers = await pool(6, Array.from({ length: 30 }, (_, i) => () => request('POST', '/api/public/opinions', {
    from: `127.0.4.${i + 1}`, body: { stationId: station!.id, categoryId: category!.id, content: `多节点测试意见 ${i + 1}` },
  })));
  const created = answers.filter((a) => a.status === 201).length;
  check(created === 30, `30 public submissions from 30 addresses during the load: ${created} created (${[...new Set(answers.map((a) => a.status))].join(', ')})`);
  return created;
}

function deliveriesInLogs(): Map<number, string[]> {
  const seen = new Map<number, string[]>();
  for (const i of NODE_PORTS.keys()) {
    for (const line of readFileSync(nodeLog(i), 'utf8').split('\n')) {
      if (!line.includes('"outboxId"')) continue;
      try {
        const entry = JSON.parse(line) as { outboxId?: number; msg?: string };
        if (entry.outboxId !== undefined && (entry.msg === 'notification' || entry.msg === 'sms')) {
          seen.set(entry.outboxId, [...(seen.get(entry.outboxId) ?? []), `node${i + 1}`]);
        }
      } catch { /* not a JSON line */ }
    }
  }
  return seen;
}

async function waitForJobs(db: pg.Client): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { rows: [open] } = await db.query<{ n: string }>(`select count(*) as n from job where done_at is null and failed_at is null and run_at <= now()`);
    if (Number(open!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${open!.n} due jobs still open after 90 s`);
    await sleep(250);
  }
}

async function checkJobs(db: pg.Client, ids: number[], outboxBefore: number): Promise<void> {
  log('4. every job runs exactly once');
  await waitForJobs(db);
  const { rows: outbox } = await db.query<{ id: number; sent: boolean }>('select id, sent_at is not null as sent from outbox where id > $1 order by id', [outboxBefore]);
  const seen = deliveriesInLogs();
  const ours = new Set(ids);
  const once = outbox.filter((o) => o.sent && seen.get(Number(o.id))?.length === 1).length;
  const twice = [...seen.values()].filter((v) => v.length > 1).length;
  const perNode = new Map<string, number>();
  for (const v of seen.values()) for (const n of v) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  check(outbox.length >= JOBS && once === outbox.length && twice === 0,
    `${outbox.length} outbox messages (${ids.length} queued at once, ${outbox.length - [...outbox].filter((o) => ours.has(Number(o.id))).length} from submissions): `
    + `${once} sent and logged exactly once, ${twice} more than once; by node: ${[...perNode].sort().map(([n, c]) => `${n} ${c}`).join(', ')}`);
  check(perNode.size === 3, 'all three nodes\' workers took part');
  const { rows: [jobs] } = await db.query<{ done: string; failed: string; retried: string }>(
    `select count(*) filter (where done_at is not null) as done, count(*) filter (where failed_at is not null) as failed,
            count(*) filter (where done_at is not null and attempts > 1) as retried from job`,
  );
  check(Number(jobs!.failed) === 0 && Number(jobs!.retried) === 0, `job table: ${jobs!.done} done, ${jobs!.failed} failed, ${jobs!.retried} claimed more than once`);

  // The daily housekeeping: planned by each node's start, under one dedupe key. It is moved to
  // today and made due; its run deletes ended request counters and plans tomorrow's run.
  const { rows: planned } = await db.query<{ id: number; dedupe_key: string }>(
    `select id, dedupe_key from job where kind = 'maintenance.daily' and done_at is null`,
  );
  check(planned.length === 1, `three starts planned the daily housekeeping once (${planned.map((p) => p.dedupe_key).join(', ')})`);
  const { rows: [today] } = await db.query<{ day: string }>(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day`);
  await db.query(`insert into rate_limit (key, hits, reset_at) values ('multinode-ended', 1, now() - interval '1 minute')`);
  await db.query(`update job set run_at = now(), dedupe_key = $2, payload = jsonb_build_object('day', $3::text) where id = $1`,
    [planned[0]!.id, `maintenance:${today!.day}`, today!.day]);
  await waitForJobs(db);
  const { rows: [ran] } = await db.query<{ attempts: number; done: boolean; locked_by: string | null }>(
    'select attempts, done_at is not null as done from job where id = $1', [planned[0]!.id]);
  const { rows: next } = await db.query<{ dedupe_key: string }>(`select dedupe_key from job where kind = 'maintenance.daily' and done_at is null`);
  const { rows: swept } = await db.query(`select 1 from rate_limit where key = 'multinode-ended'`);
  check(ran?.done === true && ran.attempts === 1 && next.length === 1 && swept.length === 0,
    `the housekeeping ran once (attempts ${ran?.attempts}), deleted the ended counter${swept.length ? ' — NOT' : ''}, `
    + `and planned the next run once (${next.map((n) => n.dedupe_key).join(', ')})`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (process.env.MULTINODE_SKIP_BUILD !== '1') {
    log('building (npm run build)');
    await run('npm', ['run', 'build', '--silent']);
  }
  log(`fresh database ${DB_NAME} on ${PG_SERVER_URL}`);
  await admin(`drop database if exists ${DB_NAME}`);
  await admin(`create database ${DB_NAME} lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);

  // The first node migrates and loads the demo data; the other two start on the ready database.
  log(`starting node 1 on :${NODE_PORTS[0]} (migrations, demo data)`);
  await waitForHealth(NODE_PORTS[0]!, startNode(0), 'node 1');
  log(`starting nodes 2 and 3 on :${NODE_PORTS[1]} and :${NODE_PORTS[2]}`);
  const rest = [startNode(1), startNode(2)];
  await Promise.all(rest.map((c, i) => waitForHealth(NODE_PORTS[i + 1]!, c, `node ${i + 2}`)));

  writeFileSync(path.join(tmp, 'nginx.conf'), nginxConfig());
  log(`starting nginx on 127.0.0.1:${NGINX_PORT} (config ${path.join(tmp, 'nginx.conf')})`);
  const nginx = spawn('nginx', ['-p', tmp, '-c', path.join(tmp, 'nginx.conf'), '-e', path.join(tmp, 'nginx-error.log')], { stdio: 'inherit' });
  children.push(nginx);
  await waitForHealth(NGINX_PORT, nginx, 'nginx');

  const db = new pg.Client({ connectionString: dbUrl(DB_NAME) });
  await db.connect();
  try {
    await checkSpread();
    // The jobs and the submissions go in first, so the workers deliver while the limits are hammered.
    log(`queueing ${JOBS} notifications at once; 30 public submissions`);
    const { rows: [before] } = await db.query<{ n: number }>('select coalesce(max(id), 0) as n from outbox');
    const ids = await enqueueNotifications(db);
    await Promise.all([checkRateLimits(), submitOpinions(db)]);
    await checkLockout(db);
    await checkJobs(db, ids, Number(before!.n));
  } finally {
    await db.end();
  }
}

try {
  await main();
} catch (err) {
  console.error(err);
  failures++;
} finally {
  await stopAll();
  await admin(`drop database if exists ${DB_NAME} with (force)`).catch(() => {});
  if (failures > 0 && process.env.MULTINODE_KEEP_LOGS !== '0') {
    console.log(`logs kept in ${tmp}`);
  } else {
    rmSync(tmp, { recursive: true, force: true });
  }
  log(failures > 0 ? `FAILED: ${failures} check(s)` : 'all checks passed');
}
process.exit(failures > 0 ? 1 : 0);
