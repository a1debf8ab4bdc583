import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyAuditChain } from './features/audit/index.js';
import { PROJECT_ROOT } from './platform/config.js';
import { readManifest, verifyBackup } from './platform/db/backup.js';
import { openPGlite } from './platform/db/engine.js';
import { TEMPLATE_FILE_ENV } from './testing/database.js';

/**
 * `npm run backup` and `npm run restore` against a real server (server/main.ts) on a PGlite data
 * directory holding the demo data, with public submissions arriving while the backup is taken.
 */
const TEMPLATE = process.env[TEMPLATE_FILE_ENV];

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs one of the scripts/ commands to its end. */
function script(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', name), ...args], {
    cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

let addressSeq = 0;
/** A distinct client address per request, sent as the trusted reverse proxy would (the public limit is per address). */
const nextAddress = () => { const n = ++addressSeq; return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`; };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { 'x-forwarded-for': nextAddress() } });
  assert.ok(res.ok, `GET ${url}: ${res.status}`);
  return await res.json() as T;
}

describe('backup and restore of the embedded database', { skip: !TEMPLATE && 'needs the PGlite template (npm test without DATABASE_URL)' }, () => {
  let work: string;
  let dataDir: string;
  let server: ChildProcess | undefined;
  let exited: Promise<number | null>;
  let base: string;
  let serverLog = '';

  before(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'lianxin-backup-'));
    dataDir = path.join(work, 'data');
    // A data directory holding the demo data, as a server leaves it.
    const prepared = await openPGlite(dataDir, new Blob([readFileSync(TEMPLATE!)]));
    await prepared.close();

    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LIANXIN_TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'warn', LOG_FORMAT: 'json', LIANXIN_WORKER: '0',
    };
    delete env.DATABASE_URL;
    server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const child = server;
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr!.on('data', (c: Buffer) => { serverLog += c.toString(); });
    base = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        serverLog += c.toString();
        const m = /listening on (\S+):(\d+)/.exec(serverLog);
        if (m) resolve(`http://${m[1]}:${m[2]}`);
      });
      void exited.then((code) => reject(new Error(`the server exited with ${code}:\n${serverLog}`)));
    });
  });

  after(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('takes a backup through the running server while cases are submitted; the restore holds every case acknowledged before it, and its audit chain verifies', async () => {
    const socket = path.join(dataDir, 'control.sock');
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(statSync(socket).isSocket(), 'the server listens on DATA_DIR/control.sock');
    assert.equal(statSync(socket).mode & 0o777, 0o600, 'only the server\'s user may connect');

    const stations = await getJson<{ items: { id: number }[] }>(`${base}/api/public/stations?limit=1`);
    const stationId = stations.items[0]!.id;
    const categories = await getJson<{ id: number }[]>(`${base}/api/case-categories?stationId=${stationId}`);
    const body = { stationId, categoryId: categories[0]!.id, place: '测试路 1 号', channel: 'online' };

    const acknowledged: string[] = [];
    const refused: number[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const res = await fetch(`${base}/api/public/opinions`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
          body: JSON.stringify({ ...body, content: `备份检验 #${++n}:路灯不亮,请尽快修复。` }),
        });
        const json = await res.json() as { trackingCode?: string };
        if (res.status === 201 && json.trackingCode) acknowledged.push(json.trackingCode);
        else refused.push(res.status);
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));

    const file = path.join(work, 'online.lxbak');
    const before = [...acknowledged];
    const backup = await script('backup.ts', [file], { DATA_DIR: dataDir, DATABASE_URL: '' });
    const duringBackup = acknowledged.length - before.length;
    stop = true;
    await Promise.all(writers);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /taken by the running server/);
    assert.deepEqual(refused, [], 'no submission failed while the backup was taken');
    assert.ok(duringBackup > 0, 'submissions went on while the backup was taken');
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the backup file is readable by its owner only');
    const manifest = await verifyBackup(file);
    assert.match(manifest.migration ?? '', /^\d{4}_/);

    const restored = path.join(work, 'restored');
    const restore = await script('restore.ts', [file, '--data-dir', restored], { DATABASE_URL: '' });
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, new RegExp(`schema ${manifest.migration}`));

    const database = await openPGlite(restored);
    try {
      const rows = await database.db.selectFrom('opinion').select('tracking_code').where('tracking_code', 'in', before).execute();
      assert.deepEqual(rows.map((r) => r.tracking_code).sort(), [...before].sort(), 'every case acknowledged before the backup is in it');
      const chain = await verifyAuditChain(database.db);
      assert.ok(chain.ok, JSON.stringify(chain).slice(0, 500));
    } finally {
      await database.close();
    }
  });

  it('refuses a backup file with one byte changed, before writing anything', async () => {
    const file = path.join(work, 'online.lxbak');
    const damaged = path.join(work, 'damaged.lxbak');
    copyFileSync(file, damaged);
    const at = Math.floor((4096 + statSync(damaged).size) / 2);
    const fd = openSync(damaged, 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    writeSync(fd, Buffer.from([byte[0]! ^ 0x01]), 0, 1, at);
    closeSync(fd);
    const target = path.join(work, 'from-damaged');
    const restore = await script('restore.ts', [damaged, '--data-dir', target], { DATABASE_URL: '' });
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, /damaged: its contents do not match the checksum/);
    assert.ok(!existsSync(target), 'nothing was written');

    // A changed header is refused too, whichever field it touches.
    copyFileSync(file, damaged);
    const header = readFileSync(damaged).subarray(0, 4096).toString('utf8');
    const fd2 = openSync(damaged, 'r+');
    writeSync(fd2, Buffer.from('9'), 0, 1, header.indexOf('"createdAt":"') + 14);
    closeSync(fd2);
    assert.throws(() => readManifest(damaged), /header checksum mismatch/);
  });

  it('refuses to restore into the directory of a running server, or into one that is not empty', async () => {
    const file = path.join(work, 'online.lxbak');
    const live = await script('restore.ts', [file, '--data-dir', dataDir], { DATABASE_URL: '' });
    assert.equal(live.code, 1);
    assert.match(live.stderr, /in use by a running server/);
    const full = path.join(work, 'full');
    mkdirSync(full);
    copyFileSync(file, path.join(full, 'something'));
    const notEmpty = await script('restore.ts', [file, '--data-dir', full], { DATABASE_URL: '' });
    assert.equal(notEmpty.code, 1);
    assert.match(notEmpty.stderr, /is not empty/);
  });

  it('removes the control socket on shutdown; with no server running, the backup opens the data directory itself', async () => {
    server!.kill('SIGTERM');
    assert.equal(await exited, 0, serverLog);
    assert.ok(!existsSync(path.join(dataDir, 'control.sock')));
    const file = path.join(work, 'offline.lxbak');
    const backup = await script('backup.ts', [file], { DATA_DIR: dataDir, DATABASE_URL: '' });
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /no server running/);
    assert.ok(!existsSync(path.join(dataDir, 'lianxin.lock')), 'the lock was released');
    await verifyBackup(file);
  });
});

it('on PostgreSQL, npm run backup says to use pg_dump or pg_basebackup and exits non-zero', async () => {
  const run = await script('backup.ts', [path.join(os.tmpdir(), 'never-written.lxbak')], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /pg_dump or pg_basebackup/);
});
