import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether running from `server/` (tsx) or `dist/server/` (built). */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'lianxin') return dir;
    } catch { /* keep climbing */ }
    dir = path.dirname(dir);
  }
  throw new Error('Cannot find the project root (package.json named lianxin)');
})();

export const VERSION: string = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  demo: boolean;
  adminPassword: string | null;
  /** Set the `Secure` flag on cookies (enable behind HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  logLevel: string;
  /** Run the background job worker in this process. */
  worker: boolean;
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) throw new Error(`Not a number: ${value}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')),
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    demo: env.LIANXIN_DEMO !== '0',
    adminPassword: env.LIANXIN_ADMIN_PASSWORD ?? null,
    secureCookies: env.LIANXIN_SECURE_COOKIES === '1',
    trustProxy: env.LIANXIN_TRUST_PROXY === '1',
    sessionIdleMinutes: intFrom(env.LIANXIN_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: intFrom(env.LIANXIN_SESSION_ABSOLUTE_HOURS, 12),
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    logLevel: env.LOG_LEVEL ?? 'info',
    worker: env.LIANXIN_WORKER !== '0',
  };
}
