import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { AppError } from '../errors.js';

const FRESH_LOCK_MS = 5000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a data directory by creating `lockPath` with our pid.
 * A lock left by a process that is gone is taken over; a live one is refused.
 * Returns the release function.
 */
export function acquireLockFile(lockPath: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let content: string;
      try {
        content = readFileSync(lockPath, 'utf8');
      } catch (readErr) {
        if ((readErr as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw readErr;
      }
      // A lock file still empty was just created by a process about to write its pid.
      if (!content.trim() && Date.now() - statSync(lockPath).mtimeMs < FRESH_LOCK_MS) {
        throw new AppError('DATA_DIR_LOCKED', { lockPath, pid: '?' });
      }
      const holder = Number.parseInt(content, 10);
      if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
        throw new AppError('DATA_DIR_LOCKED', { lockPath, pid: holder });
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { lockPath });
}
