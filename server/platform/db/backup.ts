import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync, cpSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync,
  readSync, renameSync, rmSync, statSync, writeSync, type Stats,
} from 'node:fs';
import path from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { now } from '../clock.js';
import { startWorker } from '../workers.js';
import type { Database } from './engine.js';

/**
 * Backups of the embedded database (PGlite), taken while the server runs.
 *
 * The copy is taken by the process that holds the data directory: it waits for the connection's
 * turn (so no transaction is half-way), runs a CHECKPOINT (every committed change is then in
 * the data files, and the copy starts without WAL to replay), and copies PostgreSQL's files to
 * a staging directory beside them. Writes wait only for that copy (README, "Backup and restore");
 * packing, compressing and hashing it into the backup file happen after the connection
 * is given back.
 *
 * A backup file is a 4096-byte header followed by the payload, a gzipped tar of PostgreSQL's
 * data directory (`tail -c +4097 FILE | tar -tz` lists it). The header is
 *   LIANXIN-BACKUP\n<manifest JSON>\n<SHA-256 of the manifest line, hex>\n
 * padded with newlines. The manifest names the format, the schema's last migration, when it was
 * taken (the project clock) and the payload's length and SHA-256, so a damaged or truncated file
 * is refused before anything is restored. The file is written under a temporary name with mode
 * 0600, synced and renamed into place: a file at the name given is always complete.
 */
const MAGIC = 'LIANXIN-BACKUP';
export const BACKUP_FORMAT = 1;
const HEADER_BYTES = 4096;
const STAGING_PREFIX = 'backup-staging-';
/** Files of a running PostgreSQL that a copy must not carry (as pg_basebackup leaves them out). */
const LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts']);

export interface BackupManifest {
  format: number;
  engine: 'pglite';
  /** The last migration applied to the schema when the copy was taken. */
  migration: string | null;
  /** When the copy was taken (ISO 8601, the project clock). */
  createdAt: string;
  payload: { kind: 'tar+gzip'; bytes: number; sha256: string };
}

/** A backup that cannot be taken or restored; its message is shown to the operator as it is (en + zh). */
export class BackupError extends Error {
  override name = 'BackupError';
}

export const POSTGRES_BACKUP_ADVICE = 'On PostgreSQL, back up with pg_dump or pg_basebackup (README, "Backup and restore"). '
  + 'PostgreSQL 部署请用 pg_dump 或 pg_basebackup 备份(见 README「备份与恢复」)。';

/** Why a database cannot be backed up by this module, or null when it can. */
function backupUnsupported(database: Pick<Database, 'engine' | 'holdDataDir'>): string | null {
  if (database.engine === 'postgres') return POSTGRES_BACKUP_ADVICE;
  if (!database.holdDataDir) return 'An in-memory database has no files to back up. 内存数据库没有可备份的文件。';
  return null;
}

/** Only one backup at a time per process: a second one waits for the first. */
let running: Promise<unknown> = Promise.resolve();

/**
 * Writes a consistent copy of the running PGlite database to `file` (absolute; must not exist).
 * Returns the manifest written and how long writes waited for the copy.
 */
export function writeBackup(database: Pick<Database, 'engine' | 'holdDataDir'>, file: string): Promise<{ manifest: BackupManifest; heldMs: number; bytes: number }> {
  const next = running.then(() => backupOnce(database, file));
  running = next.catch(() => {});
  return next;
}

async function backupOnce(database: Pick<Database, 'engine' | 'holdDataDir'>, file: string) {
  const unsupported = backupUnsupported(database);
  if (unsupported) throw new BackupError(unsupported);
  if (!path.isAbsolute(file)) throw new BackupError(`The backup file must be an absolute path: ${file}. 备份文件须为绝对路径:${file}。`);
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose a new name. ${file} 已存在,请换一个文件名。`);
  if (!existsSync(path.dirname(file))) throw new BackupError(`The directory ${path.dirname(file)} does not exist. 目录 ${path.dirname(file)} 不存在。`);

  let staging = '';
  let heldMs = 0;
  const { migration, createdAt } = await database.holdDataDir!(async (pg, pgDir) => {
    const held = performance.now();
    // Leftovers of a backup interrupted by a crash.
    const parent = path.dirname(pgDir);
    for (const entry of readdirSync(parent)) if (entry.startsWith(STAGING_PREFIX)) rmSync(path.join(parent, entry), { recursive: true, force: true });
    staging = path.join(parent, `${STAGING_PREFIX}${randomBytes(4).toString('hex')}`);
    try {
      await pg.exec('checkpoint');
      const last = await pg.query<{ name: string }>('select max(name) as name from schema_migration')
        .then((r) => r.rows[0]?.name ?? null);
      cpSync(pgDir, staging, { recursive: true, filter: (src) => !LEFT_OUT.has(path.relative(pgDir, src)) });
      return { migration: last, createdAt: now().toISOString() };
    } finally {
      heldMs = performance.now() - held;
    }
  }).catch((err: unknown) => {
    if (staging) rmSync(staging, { recursive: true, force: true });
    throw err;
  });

  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    closeSync(openSync(tmp, 'wx', 0o600));
    // Packing and compressing take seconds of CPU: in a worker thread, the server answers meanwhile.
    const payload = await new Promise<{ bytes: number; sha256: string }>((resolve, reject) => {
      const worker = startWorker(import.meta.url, './backupWorkerMain', { workerData: { staging, file: tmp } });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the backup worker stopped (${code})`)));
    });
    const manifest: BackupManifest = { format: BACKUP_FORMAT, engine: 'pglite', migration, createdAt, payload: { kind: 'tar+gzip', ...payload } };
    const fd = openSync(tmp, 'r+');
    try {
      writeSync(fd, headerOf(manifest), 0, HEADER_BYTES, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    syncDirectory(path.dirname(file));
    return { manifest, heldMs, bytes: HEADER_BYTES + payload.bytes };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Writes the payload of a backup, a gzipped tar of the directory `staging`, into `file` after its
 * header's place (the file exists). Runs in the backup's worker thread (backupWorkerMain.ts).
 */
export async function packPayload(staging: string, file: string): Promise<{ bytes: number; sha256: string }> {
  const fd = openSync(file, 'r+');
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(Readable.from(tarEntries(staging)), createGzip({ level: 6 }), tap,
      createWriteStream('', { fd, start: HEADER_BYTES, autoClose: false }));
    return { bytes, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

function headerOf(manifest: BackupManifest): Buffer {
  const line = JSON.stringify(manifest);
  const text = `${MAGIC}\n${line}\n${createHash('sha256').update(line).digest('hex')}\n`;
  const header = Buffer.alloc(HEADER_BYTES, '\n');
  if (Buffer.byteLength(text) > HEADER_BYTES) throw new Error('backup manifest too long');
  header.write(text);
  return header;
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// ---- tar (POSIX ustar), just what a PostgreSQL data directory needs: directories and regular files.

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0');
}

function tarHeader(name: string, stat: Stats, dir: boolean): Buffer {
  const h = Buffer.alloc(512);
  let prefix = '';
  let base = dir ? `${name}/` : name;
  if (Buffer.byteLength(base) > 100) {
    const cut = base.lastIndexOf('/', base.length - 2);
    prefix = base.slice(0, cut);
    base = base.slice(cut + 1);
    if (Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for tar: ${name}`);
  }
  h.write(base, 0, 100);
  h.write(octal(stat.mode & 0o7777, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(dir ? 0 : stat.size, 12), 124);
  h.write(octal(Math.floor(stat.mtimeMs / 1000), 12), 136);
  h.write('        ', 148);
  h.write(dir ? '5' : '0', 156);
  h.write('ustar\u000000', 257);
  h.write(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${octal(sum, 7)}\u0000`, 148);
  return h;
}

async function* tarEntries(root: string): AsyncGenerator<Buffer> {
  const walk = async function* (rel: string): AsyncGenerator<Buffer> {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(root, name);
      const stat = statSync(full);
      if (entry.isDirectory()) {
        yield tarHeader(name, stat, true);
        yield* walk(name);
      } else if (entry.isFile()) {
        yield tarHeader(name, stat, false);
        let sent = 0;
        for await (const chunk of createReadStream(full) as AsyncIterable<Buffer>) {
          sent += chunk.length;
          yield chunk;
        }
        if (sent !== stat.size) throw new Error(`${name} changed while being archived`);
        if (sent % 512) yield Buffer.alloc(512 - (sent % 512));
      }
    }
  };
  yield* walk('');
  yield Buffer.alloc(1024);
}

// ---- reading a backup file

/** Reads and checks a backup file's header; throws a BackupError naming what is wrong. */
export function readManifest(file: string): BackupManifest {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new BackupError(`Cannot open ${file}: ${(err as Error).message}. 无法打开 ${file}。`);
  }
  const header = Buffer.alloc(HEADER_BYTES);
  let got: number;
  try {
    got = readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const damaged = (why: string) => new BackupError(`${file} is not an intact Lianxin backup (${why}); nothing was restored. ${file} 不是完整的连心桥备份文件(${why}),未做任何恢复。`);
  const text = header.subarray(0, got).toString('utf8');
  const [magic, line, sum, ...rest] = text.split('\n');
  if (got < HEADER_BYTES || magic !== MAGIC) throw damaged('no backup header');
  if (!line || createHash('sha256').update(line).digest('hex') !== sum || rest.some((r) => r !== '')) throw damaged('header checksum mismatch');
  const manifest = JSON.parse(line) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw damaged(`format ${manifest.format}, this version reads format ${BACKUP_FORMAT}`);
  if (manifest.engine !== 'pglite' || manifest.payload?.kind !== 'tar+gzip') throw damaged('unknown payload');
  const size = statSync(file).size;
  if (size !== HEADER_BYTES + manifest.payload.bytes) throw damaged(`${size - HEADER_BYTES} payload bytes, the manifest says ${manifest.payload.bytes}`);
  return manifest;
}

/** Checks a backup file whole: its header and its payload's SHA-256. Returns the manifest. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const manifest = readManifest(file);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { start: HEADER_BYTES }) as AsyncIterable<Buffer>) hash.update(chunk);
  if (hash.digest('hex') !== manifest.payload.sha256) {
    throw new BackupError(`${file} is damaged: its contents do not match the checksum in its header; nothing was restored. `
      + `${file} 已损坏:内容与文件头中的校验和不符,未做任何恢复。`);
  }
  return manifest;
}

/**
 * Unpacks a verified backup's payload into `pgDir`, which must not exist yet; every file and
 * directory is synced. On failure `pgDir` is removed again.
 */
export async function extractBackup(file: string, pgDir: string): Promise<void> {
  mkdirSync(pgDir, { mode: 0o700 });
  try {
    await pipeline(createReadStream(file, { start: HEADER_BYTES }), createGunzip(), untar(pgDir));
  } catch (err) {
    rmSync(pgDir, { recursive: true, force: true });
    throw err;
  }
}

/** A writable that unpacks a tar stream of directories and regular files into `root`. */
function untar(root: string): Writable {
  let pending: Buffer = Buffer.alloc(0);
  let file: { fd: number; left: number; pad: number } | null = null;
  let skip = 0;
  let ended = false;
  const dirs: string[] = [root];

  const target = (name: string): string => {
    const full = path.resolve(root, name);
    if (name.startsWith('/') || !full.startsWith(`${root}${path.sep}`)) throw new Error(`unsafe path in backup: ${name}`);
    return full;
  };
  const field = (h: Buffer, at: number, len: number) => h.subarray(at, at + len).toString('utf8').replace(/\0.*$/s, '');

  const consume = (): void => {
    for (;;) {
      if (file) {
        const n = Math.min(file.left, pending.length);
        if (n > 0) writeSync(file.fd, pending, 0, n);
        pending = pending.subarray(n);
        file.left -= n;
        if (file.left > 0) return;
        fsyncSync(file.fd);
        closeSync(file.fd);
        skip = file.pad;
        file = null;
      }
      if (skip) {
        const n = Math.min(skip, pending.length);
        pending = pending.subarray(n);
        skip -= n;
        if (skip) return;
      }
      if (ended || pending.length < 512) return;
      const h = pending.subarray(0, 512);
      pending = pending.subarray(512);
      if (h.every((b) => b === 0)) {
        ended = true;
        return;
      }
      const prefix = field(h, 345, 155);
      const name = (prefix ? `${prefix}/` : '') + field(h, 0, 100);
      const mode = Number.parseInt(field(h, 100, 8), 8) & 0o700 || 0o600;
      const size = Number.parseInt(field(h, 124, 12), 8);
      const type = String.fromCharCode(h[156]!);
      if (type === '5') {
        const dir = target(name.replace(/\/$/, ''));
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        dirs.push(dir);
      } else if (type === '0' || type === '\0') {
        const fd = openSync(target(name), 'wx', mode);
        file = { fd, left: size, pad: (512 - (size % 512)) % 512 };
      } else {
        throw new Error(`unexpected entry in backup: ${name}`);
      }
    }
  };

  return new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        consume();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    final(done) {
      try {
        if (file) throw new Error('the backup ends in the middle of a file');
        if (!ended) throw new Error('the backup ends without the end of its archive');
        for (const dir of dirs.reverse()) syncDirectory(dir);
        syncDirectory(path.dirname(root));
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    destroy(err, done) {
      if (file) closeSync(file.fd);
      file = null;
      done(err);
    },
  });
}
