import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BackupError, writeBackup } from './db/backup.js';
import type { Database } from './db/engine.js';

/**
 * The running server's control socket, `<DATA_DIR>/control.sock`: a Unix socket (mode 0600, so
 * only the server's own user can connect) through which an operator's command asks the server
 * for what only the process holding the data directory can do. Served only on PGlite.
 *
 * One request per connection, one JSON line each way:
 *   → {"command":"backup","file":"/absolute/path"}
 *   ← {"ok":true,"manifest":{…},"bytes":N,"heldMs":N,"ms":N}  or  {"ok":false,"error":"…"}
 */
export const CONTROL_SOCKET = 'control.sock';

export interface ControlRequest { command: 'backup'; file: string }
export type ControlAnswer =
  | { ok: true; manifest: unknown; bytes: number; heldMs: number; ms: number }
  | { ok: false; error: string };

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

async function answer(database: Database, request: unknown, log: Log): Promise<ControlAnswer> {
  const r = request as Partial<ControlRequest> | null;
  if (r?.command !== 'backup' || typeof r.file !== 'string') return { ok: false, error: 'Unknown request. 无法识别的请求。' };
  const t0 = performance.now();
  try {
    const { manifest, bytes, heldMs } = await writeBackup(database, r.file);
    const ms = Math.round(performance.now() - t0);
    log.info({ file: r.file, bytes, heldMs: Math.round(heldMs), ms }, 'database backup written');
    return { ok: true, manifest, bytes, heldMs: Math.round(heldMs), ms };
  } catch (err) {
    if (err instanceof BackupError) return { ok: false, error: err.message };
    log.warn({ err, file: r.file }, 'database backup failed');
    return { ok: false, error: `The backup failed: ${(err as Error).message}. 备份失败。` };
  }
}

/**
 * Listens on `<dataDir>/control.sock` and returns the function that stops listening and removes
 * the socket (the shutdown calls it before closing the database). A socket file left by a server
 * that was killed is replaced: the data directory's lock says no other server is running here.
 */
export async function startControlSocket(dataDir: string, database: Database, log: Log): Promise<() => Promise<void>> {
  const socketPath = path.join(dataDir, CONTROL_SOCKET);
  rmSync(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  const inFlight = new Set<Promise<unknown>>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let input = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      input += chunk;
      const nl = input.indexOf('\n');
      if (nl < 0) {
        if (input.length > 64 * 1024) socket.destroy();
        return;
      }
      socket.removeAllListeners('data');
      let request: unknown = null;
      try {
        request = JSON.parse(input.slice(0, nl));
      } catch { /* answered as unknown */ }
      const done = answer(database, request, log).then((a) => { socket.end(`${JSON.stringify(a)}\n`); });
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    });
  });
  // Created with no permission for others from the start, not only after the chmod.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(socketPath, 0o600);
  return async () => {
    // A backup under way is finished first: the database closes after this.
    await Promise.allSettled([...inFlight]);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    rmSync(socketPath, { force: true });
  };
}

/** Sends one request to the server's control socket; null when no server listens there. */
export function askServer(dataDir: string, request: ControlRequest): Promise<ControlAnswer | null> {
  const socketPath = path.join(dataDir, CONTROL_SOCKET);
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let output = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('data', (chunk: string) => { output += chunk; });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(output) as ControlAnswer);
      } catch {
        reject(new Error(`The server answered something unexpected: ${output.slice(0, 200)}`));
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) resolve(null);
      else reject(err);
    });
  });
}
