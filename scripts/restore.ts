/**
 * npm run restore -- FILE [--data-dir DIR] — a backup made by `npm run backup` into a new data
 * directory (DIR, or DATA_DIR).
 *
 * Checks the whole file first (header and SHA-256; a damaged file is refused before anything is
 * written), refuses a directory a running server holds or one that is not empty, unpacks the
 * database into DIR/pgdata, then opens it once to check it (the schema's last migration, the
 * accounts and the audit log) and closes it. Start the server on DIR afterwards. Uploaded files,
 * the audit key and the audit checkpoint file are not in the backup (README, "Backup and restore").
 * On PostgreSQL (DATABASE_URL set) it only says to use pg_restore, and exits 1.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { BackupError, extractBackup, verifyBackup } from '../server/platform/db/backup.js';
import { openPGlite } from '../server/platform/db/engine.js';
import { acquireLockFile } from '../server/platform/db/lockFile.js';
import { AppError } from '../server/platform/errors.js';
import { fail, fileAndConfig } from './dataDirCli.js';

const { file, config } = fileAndConfig('restore');
if (config.databaseUrl) {
  fail('DATABASE_URL is set: on PostgreSQL restore with pg_restore or from your base backup (README, "Backup and restore"); '
    + 'to restore an embedded database, unset DATABASE_URL. 已设置 DATABASE_URL:PostgreSQL 部署请用 pg_restore 或基础备份恢复(见 README「备份与恢复」)。');
}
const dataDir = config.dataDir;
const lockPath = path.join(dataDir, 'lianxin.lock');

try {
  const manifest = await verifyBackup(file);
  console.log(`Backup checked / 备份校验通过: ${file}, taken ${manifest.createdAt}, schema ${manifest.migration ?? '?'}`);

  if (existsSync(lockPath)) {
    try {
      acquireLockFile(lockPath)(); // a lock left by a process that is gone: taken over and released
    } catch (err) {
      if (err instanceof AppError && err.code === 'DATA_DIR_LOCKED') {
        throw new BackupError(`${dataDir} is in use by a running server; restore into a new directory, or stop the server first. `
          + `${dataDir} 正被运行中的服务器使用;请恢复到新目录,或先停止服务器。`);
      }
      throw err;
    }
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new BackupError(`${dataDir} is not empty; restore into a new or empty directory. ${dataDir} 不是空目录;请恢复到新目录或空目录。`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireLockFile(lockPath);
  try {
    if (readdirSync(dataDir).some((entry) => entry !== 'lianxin.lock')) throw new BackupError(`${dataDir} is not empty. ${dataDir} 不是空目录。`);
    await extractBackup(file, path.join(dataDir, 'pgdata'));
  } finally {
    release();
  }

  // Open it once, as the server would, and look at what it holds.
  const database = await openPGlite(dataDir, undefined, config.pgliteSharedBuffersMb, config.pgliteFsync);
  try {
    const { rows: [found] } = await sql<{ migration: string | null; accounts: number; audit: number }>`
      select (select max(name) from schema_migration) as migration,
             (select count(*)::int from account) as accounts,
             (select count(*)::int from audit_log) as audit`.execute(database.db);
    if (found?.migration !== manifest.migration) {
      throw new BackupError(`The restored database reports schema ${found?.migration ?? 'none'}, the backup says ${manifest.migration}; ${dataDir} is left for inspection. `
        + `恢复后的数据库结构版本与备份不符;${dataDir} 保留供检查。`);
    }
    console.log(`Restored / 已恢复 into ${dataDir}: schema ${found.migration}, ${found.accounts} accounts, ${found.audit} audit records.`);
    console.log('Copy the uploaded files, the audit key and the audit checkpoint file back too (README, "Backup and restore"); then start the server with DATA_DIR='
      + `${dataDir}. 另请恢复上传文件、审计密钥与审计检查点文件(见 README「备份与恢复」),然后以 DATA_DIR=${dataDir} 启动服务器。`);
  } finally {
    await database.close();
  }
} catch (err) {
  if (err instanceof BackupError) fail(err.message);
  throw err;
}
