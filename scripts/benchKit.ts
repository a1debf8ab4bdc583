/**
 * What every benchmark script shares: a fresh database on either engine with the schema and the
 * demo data, and timing a step several times to report its median and spread. The scripts print
 * Markdown for docs/BENCHMARKS.md; nothing here asserts a time.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import type { DB } from '../server/platform/db/schema.js';
import { openPGlite, openPostgres, type Database, type Engine } from '../server/platform/db/engine.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { bootstrap } from '../server/bootstrap.js';
import { adminQuery, createPostgresDatabase } from '../server/testing/database.js';

/** The PostgreSQL server the benchmarks create their databases on. */
export const BENCH_SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The engines to measure: BENCH_ENGINES=pglite,postgres (the default), or one of them. */
export function benchEngines(): Engine[] {
  return (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()).filter((e): e is Engine => e === 'pglite' || e === 'postgres');
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** What one timed step measured, in milliseconds. */
export interface Timing { label: string; runs: number; p50: number; p99: number; min: number; max: number; times: number[] }

/** Runs `fn` `runs` times in a row and reports its median, 99th percentile and range. */
export async function timed(label: string, runs: number, fn: (run: number) => Promise<unknown>): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const timing = { label, runs, p50: percentile(sorted, 50), p99: percentile(sorted, 99), min: sorted[0]!, max: sorted.at(-1)!, times };
  console.log(`${label}: p50 ${timing.p50.toFixed(1)} ms, p99 ${timing.p99.toFixed(1)} ms, ${timing.min.toFixed(1)}–${timing.max.toFixed(1)} ms (${runs} runs)`);
  return timing;
}

/** A fresh database, migrated and holding the regions and the demo set; `close` drops it unless BENCH_KEEP is set. */
export interface BenchDatabase { engine: Engine; database: Database; close(): Promise<void> }

/**
 * Opens a fresh database of the engine: a PGlite directory under the system's temporary folder,
 * or the database `name` on BENCH_SERVER (dropped first if it is there), with the schema and the
 * demo data (`demoCases` adds the demo's cases and suggestions). `reuse` opens the kept database
 * `name` instead, migrated to the latest schema, and keeps it.
 */
export async function benchDatabase(engine: Engine, name: string, options: { demoCases?: boolean; reuse?: boolean } = {}): Promise<BenchDatabase> {
  const t0 = performance.now();
  let database: Database;
  let dir: string | null = null;
  if (engine === 'postgres' && options.reuse) {
    // A database kept by an earlier run (BENCH_KEEP), brought to the latest schema.
    database = await openPostgres(BENCH_SERVER.replace(/\/[^/]*$/, `/${name}`));
    const applied = await migrateToLatest(database.db);
    console.log(`[${engine}] reusing ${name}; migrated ${applied.join(', ') || 'nothing'}: ${seconds(performance.now() - t0)}`);
    return { engine, database, close: () => database.close() };
  }
  if (engine === 'pglite') {
    dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    database = await openPGlite(dir);
  } else {
    await adminQuery(BENCH_SERVER, `drop database if exists ${name} with (force)`);
    database = await openPostgres(await createPostgresDatabase(BENCH_SERVER, name));
  }
  await migrateToLatest(database.db);
  await bootstrap(database.db, { ...loadConfig({}), demo: true }, options);
  console.log(`[${engine}] schema and demo data: ${seconds(performance.now() - t0)}`);
  return {
    engine,
    database,
    async close() {
      await database.close();
      if (process.env.BENCH_KEEP) return;
      if (dir) rmSync(dir, { recursive: true, force: true });
      else await adminQuery(BENCH_SERVER, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * The SQL statements one public submission sends (begin and commit included), listed through
 * Kysely's `log` option by an app on the database at `url`; a first submission warms the caches.
 */
export async function submissionStatements(url: string, stationId: number, categoryId: number, keyed = false): Promise<string[]> {
  const logged: string[] = [];
  let counting = false;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => { if (counting) logged.push(event.query.sql.replace(/\s+/g, ' ')); },
  });
  const app = await buildApp({ database: { db, engine: 'postgres', close: () => db.destroy() }, config: { ...loadConfig({}), logLevel: 'error' } });
  try {
    for (const i of [1, 2]) {
      counting = i === 2;
      const res = await app.inject({
        method: 'POST', url: '/api/public/opinions', remoteAddress: `10.254.${i}.${Math.floor(Math.random() * 250)}`,
        headers: keyed ? { 'idempotency-key': randomUUID() } : {},
        payload: { stationId, categoryId, content: `统计语句的提交 ${i}`, name: '测试', phone: '13800000000' },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
    }
    return logged;
  } finally {
    await app.close();
    await db.destroy();
  }
}

/**
 * The migrated demo database (regions and demo set, no cases) as a PGlite tarball for
 * `openPGlite(null, blob)`: built once and kept at BENCH_TEMPLATE (default: under the system's
 * temporary folder) for the next run, since building it takes minutes on a busy machine.
 */
export async function pgliteDemoTemplate(): Promise<Blob> {
  const file = process.env.BENCH_TEMPLATE ?? path.join(os.tmpdir(), 'lianxin-bench-demo.tar');
  if (!existsSync(file)) {
    const fresh = await openPGlite(null);
    await migrateToLatest(fresh.db);
    await bootstrap(fresh.db, { ...loadConfig({}), demo: true });
    writeFileSync(file, Buffer.from(await (await fresh.dumpDataDir!()).arrayBuffer()));
    await fresh.close();
  }
  return new Blob([readFileSync(file)]);
}
