import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_SHARED_BUFFERS_MB } from './db/engine.js';
import { DEFAULT_HEAP_GROWING_PERCENT } from './heap.js';
import { requestLogModeFrom, type RequestLogMode } from './http/requestLog.js';

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
  /** A streaming replica of DATABASE_URL for reports, statistics and exports (DATABASE_REPLICA_URL); null reads the primary. */
  databaseReplicaUrl: string | null;
  /** Send statements used again as prepared statements on PostgreSQL (LIANXIN_PREPARED_STATEMENTS, default on). */
  databasePrepare: boolean;
  /** Redis for the request limits shared by every app node (REDIS_URL); null keeps them in the database. */
  redisUrl: string | null;
  demo: boolean;
  adminPassword: string | null;
  /** Set the `Secure` flag on cookies: when LIANXIN_SECURE_COOKIES=1 or the public base URL is https. */
  secureCookies: boolean;
  /**
   * Which peers may name the client in X-Forwarded-For: none (false), the proxies at these
   * addresses or networks (LIANXIN_TRUST_PROXY), or the nearest N hops whatever their address
   * (LIANXIN_TRUST_PROXY_HOPS). Handed to Fastify's `trustProxy` as it is.
   */
  trustProxy: false | string[] | number;
  /** How long a connection may take to send a request's headers, in ms (LIANXIN_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** How long a connection may take to send a whole request, headers and body, in ms (LIANXIN_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open between requests, in ms (LIANXIN_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  logLevel: string;
  /** `pretty`: one readable line per entry (the default on a terminal); `json`: pino's JSON lines for log collectors. */
  logFormat: 'pretty' | 'json';
  /** Which requests get a log line (LIANXIN_REQUEST_LOG): every one on a terminal, else only the failed ones (see http/requestLog.ts). */
  requestLog: RequestLogMode;
  /** Check every answer against its route's response schema before sending it (LIANXIN_CHECK_RESPONSES=1; the tests always do). */
  checkResponses: boolean;
  /** Run the background job worker in this process. */
  worker: boolean;
  /** Where constituents reach this server: the origin (and path prefix, if any) printed in QR codes, no trailing slash. */
  publicBaseUrl: string;
  /** A TTF/OTF/TTC font with Chinese glyphs for PNG and PDF posters; null when none is installed. */
  posterFont: string | null;
  /** PGlite only: PostgreSQL's buffer pool in MB (see db/engine.ts). */
  pgliteSharedBuffersMb: number;
  /** PGlite only: commits wait until their WAL is on disk (fsync), so an answered write survives a power cut (see db/syncingNodeFs.ts). */
  pgliteFsync: boolean;
  /** Where uploaded files' bytes are kept (see platform/files). */
  files: FileStoreConfig;
  /** The heap of the worker thread that parses an uploaded import file, in MB (see tables/sheetWorker.ts). */
  importWorkerMb: number;
  /** How many import files may be parsed at once, each in its own worker (see tables/sheetWorker.ts); more wait in order. */
  importWorkers: number;
  /** How far the JavaScript heap may grow past what survived the last full collection, in percent; 0 leaves it to V8 (see heap.ts). */
  heapGrowingPercent: number;
  /** This instance's id among the federated provinces (e.g. `henan`); null: not federated, no identity shown. */
  federationId: string | null;
  /** The Ed25519 private key (PKCS#8 PEM) this instance signs federation requests with; created on first start when absent. */
  federationKeyFile: string;
  /** The Ed25519 private key (PKCS#8 PEM) that signs the audit log's checkpoints; created on first start when absent. Keep a copy elsewhere. */
  auditKeyFile: string;
  /** The append-only file the audit log's signed checkpoints are added to. */
  auditCheckpointFile: string;
}

/** The filesystem under DATA_DIR/files (or LIANXIN_FILES_DIR), or an S3-compatible bucket. */
export type FileStoreConfig =
  | { kind: 'fs'; dir: string }
  | { kind: 's3'; s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } };

const S3_VARIABLES = ['LIANXIN_S3_ENDPOINT', 'LIANXIN_S3_BUCKET', 'LIANXIN_S3_ACCESS_KEY_ID', 'LIANXIN_S3_SECRET_ACCESS_KEY'] as const;

/** An S3-compatible store when LIANXIN_S3_ENDPOINT is set (then bucket and keys are required), else the filesystem. */
export function fileStoreConfigFrom(env: NodeJS.ProcessEnv, dataDir: string): FileStoreConfig {
  const set = (name: string) => (env[name] ?? '').trim();
  if (S3_VARIABLES.every((name) => set(name) === '') && set('LIANXIN_S3_REGION') === '') {
    return { kind: 'fs', dir: set('LIANXIN_FILES_DIR') ? path.resolve(set('LIANXIN_FILES_DIR')) : path.join(dataDir, 'files') };
  }
  const missing = S3_VARIABLES.filter((name) => set(name) === '');
  if (missing.length) {
    throw new ConfigError(`An S3 file store needs ${missing.join(', ')} as well. 使用 S3 文件存储还需设置 ${missing.join('、')}。`);
  }
  const endpoint = set('LIANXIN_S3_ENDPOINT');
  const url = URL.canParse(endpoint) ? new URL(endpoint) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ConfigError(`LIANXIN_S3_ENDPOINT must be an http(s) URL such as https://s3.example.com; got "${endpoint}". LIANXIN_S3_ENDPOINT 应为 http(s) 网址;当前值为 "${endpoint}"。`);
  }
  return {
    kind: 's3',
    s3: {
      endpoint: `${url.origin}${url.pathname}`.replace(/\/+$/, ''),
      bucket: set('LIANXIN_S3_BUCKET'),
      region: set('LIANXIN_S3_REGION') || 'us-east-1',
      accessKeyId: set('LIANXIN_S3_ACCESS_KEY_ID'),
      secretAccessKey: set('LIANXIN_S3_SECRET_ACCESS_KEY'),
    },
  };
}

/**
 * Where Debian and Ubuntu (fonts-noto-cjk, fonts-wqy-zenhei), Fedora and Arch put a Chinese
 * sans-serif face. The first that exists is the posters' default font.
 */
export const DEFAULT_POSTER_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];

/** A setting that cannot work; the server refuses to start with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) throw new Error(`Not a number: ${value}`);
  return n;
}

/**
 * An http(s) origin with an optional path prefix, without a trailing slash. A query or a
 * fragment would end up in the middle of every QR link, so they are refused too.
 */
export function publicBaseUrlFrom(value: string | undefined, port: number): string {
  if (value === undefined || value.trim() === '') return `http://localhost:${port}`;
  const url = URL.canParse(value.trim()) ? new URL(value.trim()) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.host || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      `LIANXIN_PUBLIC_BASE_URL must be an http(s) URL such as https://lianxin.example.gov.cn, without query or fragment; got "${value}". `
      + `LIANXIN_PUBLIC_BASE_URL 应为 http(s) 网址,如 https://lianxin.example.gov.cn,不含查询参数或 #;当前值为 "${value}"。`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A whole number within bounds, or the server refuses to start naming the setting. */
function boundedInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${value}". ${name} 应为 ${min} 到 ${max} 之间的整数;当前值为 "${value}"。`);
  }
  return n;
}

function posterFontFrom(value: string | undefined): string | null {
  if (value !== undefined && value.trim() !== '') return path.resolve(value.trim());
  return DEFAULT_POSTER_FONTS.find((f) => existsSync(f)) ?? null;
}

function logFormatFrom(value: string | undefined): 'pretty' | 'json' {
  if (value === undefined || value.trim() === '') return process.stdout.isTTY ? 'pretty' : 'json';
  if (value === 'pretty' || value === 'json') return value;
  throw new ConfigError(`LOG_FORMAT must be pretty or json, not "${value}" / LOG_FORMAT 只能是 pretty 或 json`);
}

function requestLogFrom(value: string | undefined, format: 'pretty' | 'json'): RequestLogMode {
  if (value === undefined || value.trim() === '') return format === 'pretty' ? 'all' : 'errors';
  const mode = requestLogModeFrom(value);
  if (mode === null) {
    throw new ConfigError(`LIANXIN_REQUEST_LOG must be all, errors or a share from 0 to 1 (e.g. 0.01); got "${value}". `
      + `LIANXIN_REQUEST_LOG 应为 all、errors 或 0 到 1 之间的比例(如 0.01);当前值为 "${value}"。`);
  }
  return mode;
}

function federationIdFrom(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(value.trim())) {
    throw new ConfigError(`LIANXIN_FEDERATION_ID must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter (e.g. henan); got "${value}". `
      + `LIANXIN_FEDERATION_ID 应为 2 到 40 位小写字母、数字或连字符,以字母开头(如 henan);当前值为 "${value}"。`);
  }
  return value.trim();
}

/** The names proxy-addr knows for address ranges, besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(value: string): boolean {
  if (PROXY_RANGE_NAMES.has(value)) return true;
  const [address, bits, extra] = value.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * Whom to believe about the client's address. LIANXIN_TRUST_PROXY lists the reverse proxies'
 * addresses or networks (`127.0.0.1`, `10.0.0.0/8`, `loopback`); LIANXIN_TRUST_PROXY_HOPS trusts
 * the nearest N hops whatever their address. The old `LIANXIN_TRUST_PROXY=1` trusted every hop,
 * so a client could write its own address; it is refused rather than guessed at, naming both
 * settings that replace it.
 */
export function trustProxyFrom(env: NodeJS.ProcessEnv): false | string[] | number {
  const list = (env.LIANXIN_TRUST_PROXY ?? '').trim();
  const hops = (env.LIANXIN_TRUST_PROXY_HOPS ?? '').trim();
  const off = list === '' || list === '0';
  if (!off && hops !== '' && hops !== '0') {
    throw new ConfigError('Set either LIANXIN_TRUST_PROXY (the proxies\' addresses) or LIANXIN_TRUST_PROXY_HOPS (a hop count), not both. '
      + 'LIANXIN_TRUST_PROXY(代理地址)与 LIANXIN_TRUST_PROXY_HOPS(跳数)只能设置其一。');
  }
  if (!off) {
    if (/^(1|true|yes|on)$/i.test(list)) {
      throw new ConfigError(`LIANXIN_TRUST_PROXY=${list} no longer trusts every hop, which let any client write its own address. `
        + 'Name the reverse proxy\'s address or network (e.g. LIANXIN_TRUST_PROXY=127.0.0.1 for nginx on this machine, or 10.0.0.0/8), '
        + 'or the number of proxies in front of this server (LIANXIN_TRUST_PROXY_HOPS=1) when it cannot be reached except through them. '
        + `LIANXIN_TRUST_PROXY=${list} 不再信任所有转发层(客户端可伪造自己的地址)。请写明反向代理的地址或网段(如本机 nginx 设 LIANXIN_TRUST_PROXY=127.0.0.1,或 10.0.0.0/8),`
        + '或在本服务只能经代理访问时设置代理层数(LIANXIN_TRUST_PROXY_HOPS=1)。');
    }
    const entries = list.split(',').map((e) => e.trim()).filter((e) => e !== '');
    const bad = entries.filter((e) => !isAddressOrCidr(e));
    if (bad.length || !entries.length) {
      throw new ConfigError(`LIANXIN_TRUST_PROXY must list IP addresses or networks (CIDR), separated by commas, such as 127.0.0.1,10.0.0.0/8; "${bad.join(',') || list}" is not one. `
        + `LIANXIN_TRUST_PROXY 应为以逗号分隔的 IP 地址或网段(CIDR),如 127.0.0.1,10.0.0.0/8;"${bad.join(',') || list}" 不符合。`);
    }
    return entries;
  }
  return boundedInt(env, 'LIANXIN_TRUST_PROXY_HOPS', 0, 0, 10) || false;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env.PORT, 3000);
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL (the primary it replicates). DATABASE_REPLICA_URL 需要同时设置 DATABASE_URL(其主库)。');
  }
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data'));
  const publicBaseUrl = publicBaseUrlFrom(env.LIANXIN_PUBLIC_BASE_URL, port);
  const logFormat = logFormatFrom(env.LOG_FORMAT);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL ? env.DATABASE_REPLICA_URL : null,
    databasePrepare: env.LIANXIN_PREPARED_STATEMENTS !== '0',
    redisUrl: env.REDIS_URL ? env.REDIS_URL : null,
    demo: env.LIANXIN_DEMO !== '0',
    adminPassword: env.LIANXIN_ADMIN_PASSWORD ?? null,
    // A site reached over https never sends its cookies over plain http.
    secureCookies: env.LIANXIN_SECURE_COOKIES === '1' || publicBaseUrl.startsWith('https:'),
    trustProxy: trustProxyFrom(env),
    headersTimeoutMs: boundedInt(env, 'LIANXIN_HEADERS_TIMEOUT_MS', 20_000, 100, 600_000),
    requestTimeoutMs: boundedInt(env, 'LIANXIN_REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000),
    keepAliveTimeoutMs: boundedInt(env, 'LIANXIN_KEEP_ALIVE_TIMEOUT_MS', 72_000, 100, 600_000),
    sessionIdleMinutes: intFrom(env.LIANXIN_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: intFrom(env.LIANXIN_SESSION_ABSOLUTE_HOURS, 12),
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat,
    requestLog: requestLogFrom(env.LIANXIN_REQUEST_LOG, logFormat),
    checkResponses: env.LIANXIN_CHECK_RESPONSES === '1',
    worker: env.LIANXIN_WORKER !== '0',
    publicBaseUrl,
    // A path that is set but missing is kept: posters then answer POSTER_FONT_MISSING, naming the fix.
    posterFont: posterFontFrom(env.LIANXIN_POSTER_FONT),
    pgliteSharedBuffersMb: boundedInt(env, 'LIANXIN_PGLITE_SHARED_BUFFERS_MB', PGLITE_SHARED_BUFFERS_MB, 1, 8192),
    pgliteFsync: env.LIANXIN_PGLITE_FSYNC !== '0',
    importWorkerMb: boundedInt(env, 'LIANXIN_IMPORT_WORKER_MB', 512, 64, 16384),
    // One on a machine of less than 2 GB: two workers of 512 MB would not fit beside the server.
    importWorkers: boundedInt(env, 'LIANXIN_IMPORT_WORKERS', os.totalmem() < 2 * 1024 ** 3 ? 1 : 2, 1, 64),
    heapGrowingPercent: boundedInt(env, 'LIANXIN_HEAP_GROWING_PERCENT', DEFAULT_HEAP_GROWING_PERCENT, 0, 1000),
    federationId: federationIdFrom(env.LIANXIN_FEDERATION_ID),
    federationKeyFile: path.resolve(env.LIANXIN_FEDERATION_KEY_FILE?.trim() || path.join(dataDir, 'federation-ed25519.pem')),
    auditKeyFile: path.resolve(env.LIANXIN_AUDIT_KEY_FILE?.trim() || path.join(dataDir, 'audit-ed25519.pem')),
    auditCheckpointFile: path.resolve(env.LIANXIN_AUDIT_CHECKPOINT_FILE?.trim() || path.join(dataDir, 'audit-checkpoints.jsonl')),
    files: fileStoreConfigFrom(env, dataDir),
  };
}
