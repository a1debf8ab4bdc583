import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { AppError } from '../errors.js';
import { fileAgeMs } from '../files/fileClock.js';

const FRESH_LOCK_MS = 5000;

/**
 * What tells one process with a pid from a later one that got the same pid: on Linux, the boot
 * and the process's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22). Null
 * where there is no /proc; then only the pid is compared.
 */
export function processStartIdentity(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces: field 3 on.
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return startTicks ? `${boot}/${startTicks}` : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock file's content names another process that is still running. */
function holdsLock(content: string): boolean {
  const [pidLine, recorded] = content.split('\n');
  const holder = Number.parseInt(pidLine!, 10);
  if (!Number.isInteger(holder) || holder === process.pid || !processAlive(holder)) return false;
  // The pid is alive; if the lock recorded which process it was, it must still be that one.
  const identity = recorded?.trim() ? processStartIdentity(holder) : null;
  return identity === null || identity === recorded!.trim();
}

/**
 * Removes a stale lock file, unless another process replaced it meanwhile. Two processes that
 * both found the same stale lock would otherwise both remove it, the second one removing the
 * lock the first had just created. The removal is serialised by a directory beside the lock
 * (`mkdir` is atomic); one left behind by a process killed in these few lines is stale after 5 s.
 */
function removeStaleLock(lockPath: string, staleContent: string): void {
  const guard = `${lockPath}.takeover`;
  try {
    mkdirSync(guard);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (fileAgeMs(guard) >= FRESH_LOCK_MS) rmSync(guard, { recursive: true, force: true });
    return; // someone else is taking over: look again
  }
  try {
    let now: string | null = null;
    try {
      now = readFileSync(lockPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (now === staleContent) rmSync(lockPath, { force: true });
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

/**
 * Takes an exclusive lock on a data directory by creating `lockPath` with our pid and, on the
 * next line, the process's start identity. A lock left by a process that is gone is taken over
 * (after `kill -9` or a power cut nothing removes the file), and so is one whose pid now belongs
 * to another process (pids are reused, in containers the same pid comes back at every start);
 * a lock of a live holder is refused. Returns the release function.
 */
export function acquireLockFile(lockPath: string): () => void {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      const identity = processStartIdentity(process.pid);
      writeSync(fd, identity ? `${process.pid}\n${identity}\n` : String(process.pid));
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
      if (!content.trim() && fileAgeMs(lockPath) < FRESH_LOCK_MS) {
        throw new AppError('DATA_DIR_LOCKED', { lockPath, pid: '?' });
      }
      if (holdsLock(content)) {
        throw new AppError('DATA_DIR_LOCKED', { lockPath, pid: Number.parseInt(content, 10) });
      }
      removeStaleLock(lockPath, content);
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { lockPath });
}
