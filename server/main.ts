import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { readableLogStream } from './platform/http/requestLog.js';
import { composeServer } from './composition.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { openDatabase } from './platform/db/engine.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { openFileStore, useFileStore } from './platform/files/index.js';
import { AppError } from './platform/errors.js';
import { limitHeapGrowth } from './platform/heap.js';
import { setImportWorkerMb } from './platform/tables/stage.js';
import { setImportWorkers } from './platform/tables/sheetWorker.js';
import { defaultWorkerId, startWorker, type Worker } from './platform/jobs/worker.js';
import { LogChannel, registerChannel, SmsLogChannel } from './platform/notify/channels.js';
import { setPublicBaseUrl } from './platform/publicLinks.js';
import { bootstrap, BootstrapError } from './bootstrap.js';
import { DEMO_PASSWORD } from './demo.js';
import { DEMO_UNIT_CLERKS } from './features/cases/index.js';
import { DEMO_SUGGESTION_LOGINS } from './features/suggestions/index.js';
import { auditSigningKey, scheduleAuditCheckpoint, useAuditCheckpoints } from './features/audit/index.js';
import { now } from './platform/clock.js';
import { startControlSocket } from './platform/control.js';

const started = performance.now();
// The kernel's parts and every feature (error codes, job kinds, …), once for this process.
composeServer();
let config: Config;
try {
  config = loadConfig();
  setPublicBaseUrl(config.publicBaseUrl);
  // Uploaded files' bytes: DATA_DIR/files or the S3 bucket; migrations that move bytes use it too.
  useFileStore(openFileStore(config.files));
  limitHeapGrowth(config.heapGrowingPercent);
  setImportWorkerMb(config.importWorkerMb);
  setImportWorkers(config.importWorkers);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`✖ ${err.message}`);
  process.exit(1);
}

let database;
try {
  database = await openDatabase(config);
} catch (err) {
  if (err instanceof AppError && err.code === 'DATA_DIR_LOCKED') {
    console.error(`✖ ${err.message}\n  另一个 Lianxin 进程正在使用数据目录 ${config.dataDir};请先停止它,或用 DATA_DIR 指定其他目录。`);
    process.exit(1);
  }
  throw err;
}

let closing = false;
let worker: Worker | undefined;
let stopControl: (() => Promise<void>) | undefined;
async function shutdown(signal: string, app?: Awaited<ReturnType<typeof buildApp>>) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down / 正在关闭…`);
  try {
    await stopControl?.();
    await worker?.stop();
    await app?.close();
  } finally {
    await database!.close();
  }
  process.exit(0);
}

try {
  const applied = await migrateToLatest(database.db);
  if (applied.length) console.log(`Migrations applied / 已执行迁移: ${applied.join(', ')}`);
  const first = await bootstrap(database.db, config, { demoCases: true });
  // The audit log's checkpoints: signed with a key outside the database, sealed every hour.
  const auditKey = auditSigningKey(config.auditKeyFile);
  useAuditCheckpoints({ keyFile: config.auditKeyFile, file: config.auditCheckpointFile });
  await database.db.transaction().execute((trx) => scheduleAuditCheckpoint(trx, now()));
  if (auditKey.created) {
    console.log(`Audit checkpoint key created / 已生成审计检查点密钥: ${config.auditKeyFile} (key ${auditKey.id}). `
      + 'Keep a copy elsewhere / 请另存一份于数据目录之外 (docs/SECURITY.md).');
  }
  const app = await buildApp({
    database, config,
    logger: { level: config.logLevel, ...(config.logFormat === 'pretty' ? { stream: readableLogStream() } : {}) },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal, app));
  registerChannel(new LogChannel(app.log));
  registerChannel(new SmsLogChannel(app.log));
  await app.listen({ port: config.port, host: config.host });
  if (config.worker && !closing) worker = startWorker({ db: database.db, workerId: defaultWorkerId(), logger: app.log });
  // PGlite: the operator's `npm run backup` asks this process for a copy (platform/control.ts).
  if (database.holdDataDir && !closing) {
    stopControl = await startControlSocket(config.dataDir, database, app.log).catch((err: unknown) => {
      app.log.warn({ err }, 'control socket not available: npm run backup cannot reach this server');
      return undefined;
    });
  }

  const where = database.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  // The address as the server bound it (PORT=0 picks a free port; HOST may name one interface).
  const bound = app.server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const everywhere = bound.address === '0.0.0.0' || bound.address === '::';
  const open = `http://${everywhere ? 'localhost' : host}:${bound.port}`;
  console.log(`\n连心桥 Lianxin is listening on ${host}:${bound.port}${everywhere ? ' (all interfaces / 所有网卡)' : ''} — database: ${where}`);
  console.log(`Open / 打开: ${open}    API docs / 接口文档: ${open}/api/docs`);
  if (first.kind === 'demo') {
    console.log(`\nDemo data loaded. Demo logins (password ${DEMO_PASSWORD} for all) / 演示账号(密码均为 ${DEMO_PASSWORD}):`);
    for (const l of first.logins) console.log(`  ${l.username.padEnd(10)} ${l.role.padEnd(8)} ${l.displayName} — ${l.sees}`);
    console.log(`  …and a clerk for each other 平桂区 unit the demo cases went to / 其他承办单位办事员: ${DEMO_UNIT_CLERKS.join(', ')}`);
    console.log(`  …and the deputies and clerks of 平桂区's suggestions / 代表建议演示账号: ${DEMO_SUGGESTION_LOGINS.join(', ')}`);
  } else if (first.kind === 'admin') {
    console.log(`\nFirst administrator created / 已创建首个管理员: ${first.username} (password from LIANXIN_ADMIN_PASSWORD)`);
  }
  console.log(`\nReady in ${Math.round(performance.now() - started)} ms`);
} catch (err) {
  if (err instanceof BootstrapError) console.error(`✖ ${err.message}`);
  else console.error(err);
  await database.close();
  process.exit(1);
}
