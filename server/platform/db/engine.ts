import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireLockFile } from './lockFile.js';
import { PGliteDialect, type PGliteQueue, type PGliteStats } from './pgliteDialect.js';
import { preparingClient } from './preparedStatements.js';
import { SyncingNodeFS, syncingStartParams } from './syncingNodeFs.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /**
   * A read-only replica for reports, statistics and exports (`DATABASE_REPLICA_URL`), or absent:
   * then they read `db`. A streaming replica lags the primary by a moment, which reports can bear.
   */
  reader?: Kysely<DB>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (loadable with `openPGlite(null, blob)`). */
  dumpDataDir?: () => Promise<Blob>;
  /**
   * PGlite on a data directory only: runs `fn` while holding the one connection, between
   * transactions, with PostgreSQL's files in `pgDir` (see db/backup.ts). `fn` may query through
   * `pg`; nothing else runs until it ends.
   */
  holdDataDir?: <T>(fn: (pg: PGlite, pgDir: string) => Promise<T>) => Promise<T>;
  /** PGlite only: how long transactions held the one connection, and how much of it their statements ran. */
  pgliteStats?: PGliteStats;
}

const INT8 = 20;
const DATE = 1082;

/** Same value shapes on both engines: int8 as number, `date` as `YYYY-MM-DD` text. */
const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/**
 * Every connection runs with PostgreSQL's JIT compilation off: the application's queries are
 * short, and compiling them cost more than it saved (a deputy search by name at county scope
 * over 5 million cases: 567 ms with it, 48 ms without; see docs/BENCHMARKS.md). It runs without
 * parallel workers too: the server's cores already serve concurrent requests, and on a 2-core
 * machine a parallel plan made a county's queue 2.2× slower and gained nothing under load (see
 * docs/BENCHMARKS.md). PGOPTIONS, when set, comes after both and may change them. With `prepare`
 * (the default), a statement used again is sent as a prepared statement (preparedStatements.ts).
 */
function postgresPool(url: string, max: number, prepare: boolean): Kysely<DB> {
  const options = ['-c jit=off -c max_parallel_workers_per_gather=0', process.env.PGOPTIONS].filter(Boolean).join(' ');
  const pool = new pg.Pool({ connectionString: url, max, options, ...(prepare && { Client: preparingClient() }) });
  pool.on('error', () => { /* an idle client died; the pool replaces it */ });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * PostgreSQL at `url`; with `replicaUrl`, a second, smaller pool on the replica for the reports.
 * `prepare: false` sends every statement unnamed (for a pooler that cannot keep prepared
 * statements, such as PgBouncer before 1.21 in transaction mode).
 */
export async function openPostgres(url: string, replicaUrl?: string | null, prepare = true): Promise<Database> {
  const db = postgresPool(url, 10, prepare);
  const reader = replicaUrl ? postgresPool(replicaUrl, 5, prepare) : undefined;
  return {
    db, engine: 'postgres', ...(reader && { reader }),
    async close() {
      try {
        await reader?.destroy();
      } finally {
        await db.destroy();
      }
    },
  };
}

/**
 * PostgreSQL's buffer pool inside PGlite, in MB. PGlite's own default (128 MB) sits in the
 * WebAssembly heap, which PostgreSQL touches at start and which never shrinks: it was a third of
 * an idle server's memory, and a large import filled the rest. The data directory is on the
 * local disk, so pages outside the pool are read from the operating system's page cache.
 */
export const PGLITE_SHARED_BUFFERS_MB = 32;

/**
 * PGlite on a data directory (held with a lock file), or in memory when `dataDir` is null.
 * With `fsync` (the server's default, LIANXIN_PGLITE_FSYNC), a commit returns once its WAL is on
 * disk, so an answered write survives a power cut too; without it, it survives the process being
 * killed but not the machine losing power (see syncingNodeFs.ts). `queue` is how its one connection
 * is shared between single statements and transactions (see pgliteDialect.ts).
 * PostgreSQL's startup progress messages are off: their timer (10 s, set while opening a data
 * directory) outlived `close()` and kept the process from exiting.
 */
export async function openPGlite(
  dataDir: string | null, loadDataDir?: Blob, sharedBuffersMb: number = PGLITE_SHARED_BUFFERS_MB, fsync = false,
  queue: PGliteQueue = 'fifo',
): Promise<Database> {
  let release: () => void = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireLockFile(path.join(dataDir, 'lianxin.lock'));
    pgDir = path.join(dataDir, 'pgdata');
  }
  try {
    const syncingFs = fsync && pgDir !== undefined ? new SyncingNodeFS(pgDir) : null;
    const client = await PGlite.create({
      ...(syncingFs ? { fs: syncingFs } : { dataDir: pgDir }),
      parsers: pgliteParsers,
      startParams: [...(syncingFs ? syncingStartParams() : PGlite.defaultStartParams), '-c', `shared_buffers=${sharedBuffersMb}MB`, '-c', 'log_startup_progress_interval=0'],
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    const dialect = new PGliteDialect(client, queue);
    const db = new Kysely<DB>({ dialect });
    return {
      db,
      engine: 'pglite',
      dumpDataDir: () => client.dumpDataDir('none'),
      ...(pgDir !== undefined && { holdDataDir: <T>(fn: (pg: PGlite, dir: string) => Promise<T>) => dialect.exclusive((pg) => fn(pg, pgDir!)) }),
      pgliteStats: dialect.stats,
      async close() {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export function openDatabase(opts: {
  databaseUrl: string | null; databaseReplicaUrl?: string | null; databasePrepare?: boolean; dataDir: string; pgliteSharedBuffersMb?: number; pgliteFsync?: boolean;
}): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.databaseReplicaUrl, opts.databasePrepare ?? true)
    : openPGlite(opts.dataDir, undefined, opts.pgliteSharedBuffersMb, opts.pgliteFsync);
}
