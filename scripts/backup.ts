/**
 * npm run backup -- FILE — a consistent copy of the embedded database (PGlite) into FILE.
 *
 * With the server running, the copy is taken by the server itself through its control socket
 * (DATA_DIR/control.sock): writes wait only while PostgreSQL's files are copied (see
 * server/platform/db/backup.ts). With no server running, this script opens DATA_DIR itself
 * (taking its lock) and copies it. The file is written with mode 0600 and holds personal
 * data: keep it encrypted or where only the operators can read it (docs/SECURITY.md).
 * On PostgreSQL (DATABASE_URL set) it only says to use pg_dump or pg_basebackup, and exits 1.
 * Restore with `npm run restore -- FILE --data-dir DIR`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { askServer } from '../server/platform/control.js';
import { BackupError, POSTGRES_BACKUP_ADVICE, writeBackup, type BackupManifest } from '../server/platform/db/backup.js';
import { openPGlite } from '../server/platform/db/engine.js';
import { AppError } from '../server/platform/errors.js';
import { fail, fileAndConfig } from './dataDirCli.js';

const { file, config } = fileAndConfig('backup');
if (config.databaseUrl) fail(POSTGRES_BACKUP_ADVICE);

function report(how: string, r: { manifest: BackupManifest; bytes: number; heldMs: number; ms: number }): void {
  console.log(`Backup written / 备份已写入: ${file} (${how})`);
  console.log(`  ${(r.bytes / 1024 / 1024).toFixed(1)} MB, sha256 ${r.manifest.payload.sha256}, schema ${r.manifest.migration ?? '?'}, taken ${r.manifest.createdAt}`);
  console.log(`  ${r.ms} ms in all; writes waited ${r.heldMs} ms / 写入等待 ${r.heldMs} 毫秒`);
  console.log('  It holds personal data: keep it encrypted or readable only by the operators. 备份含个人信息,请加密保存或仅限运维人员可读。');
}

try {
  const answer = await askServer(config.dataDir, { command: 'backup', file });
  if (answer) {
    if (!answer.ok) fail(answer.error);
    report('taken by the running server / 由运行中的服务器生成', { ...answer, manifest: answer.manifest as BackupManifest });
  } else {
    // No server listening: open the data directory here (refused if a server holds it after all).
    if (!existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION'))) {
      fail(`No database in ${config.dataDir} (set DATA_DIR or --data-dir). ${config.dataDir} 中没有数据库(请设置 DATA_DIR 或 --data-dir)。`);
    }
    const t0 = performance.now();
    let database;
    try {
      database = await openPGlite(config.dataDir, undefined, config.pgliteSharedBuffersMb, config.pgliteFsync);
    } catch (err) {
      if (err instanceof AppError && err.code === 'DATA_DIR_LOCKED') {
        fail(`${err.message}\n  A server holds ${config.dataDir} but does not answer on its control socket; stop it or check its log. `
          + `服务器占用着 ${config.dataDir},但控制套接字无应答;请停止它或查看其日志。`);
      }
      throw err;
    }
    try {
      const r = await writeBackup(database, file);
      report('no server running; opened the data directory / 服务器未运行,直接读取数据目录', { ...r, heldMs: Math.round(r.heldMs), ms: Math.round(performance.now() - t0) });
    } finally {
      await database.close();
    }
  }
} catch (err) {
  if (err instanceof BackupError) fail(err.message);
  throw err;
}
