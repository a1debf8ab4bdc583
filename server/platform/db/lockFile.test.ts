import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { acquireLockFile, processStartIdentity } from './lockFile.js';

/** The pid a lock file names (its first line). */
const pidIn = (file: string): string => readFileSync(file, 'utf8').split('\n')[0]!;

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  assert.equal(child.status, 0);
  assert.ok(Number.isInteger(child.pid) && child.pid > 0);
  assert.throws(() => process.kill(child.pid, 0), { code: 'ESRCH' }, 'the child is gone');
  return child.pid;
}

describe('acquireLockFile', () => {
  let dir: string;
  let n = 0;
  const lockPath = () => path.join(dir, `lianxin-${++n}.lock`);

  before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-lock-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the lock file holding our pid', () => {
    const file = lockPath();
    const release = acquireLockFile(file);
    assert.equal(typeof release, 'function');
    if (process.platform === 'linux') assert.equal(readFileSync(file, 'utf8'), `${process.pid}\n${processStartIdentity(process.pid)}\n`, 'and which process that pid is');
    assert.equal(pidIn(file), String(process.pid));
    release();
  });

  it('release removes the lock file, and the lock can be taken again', () => {
    const file = lockPath();
    const release = acquireLockFile(file);
    assert.equal(existsSync(file), true);
    release();
    assert.equal(existsSync(file), false);
    release(); // releasing twice is harmless
    const again = acquireLockFile(file);
    assert.equal(pidIn(file), String(process.pid));
    again();
  });

  it('refuses a lock held by another live process', () => {
    const file = lockPath();
    const other = process.ppid;
    assert.notEqual(other, process.pid);
    writeFileSync(file, String(other));
    assert.throws(() => acquireLockFile(file), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'DATA_DIR_LOCKED');
      assert.equal(err.status, 500);
      assert.deepEqual(err.details, { lockPath: file, pid: other });
      assert.ok(err.message.includes(String(other)));
      return true;
    });
    assert.equal(readFileSync(file, 'utf8'), String(other), 'the holder keeps its lock file');
  });

  it('takes over a lock left by a process that has exited', () => {
    const file = lockPath();
    const pid = deadPid();
    writeFileSync(file, String(pid));
    const release = acquireLockFile(file);
    assert.equal(pidIn(file), String(process.pid));
    release();
    assert.equal(existsSync(file), false);
  });

  it('takes over a lock holding our own pid (left by an earlier run that had the same pid)', () => {
    const file = lockPath();
    writeFileSync(file, String(process.pid));
    const release = acquireLockFile(file);
    assert.equal(pidIn(file), String(process.pid));
    release();
  });

  it('refuses a lock whose live holder is still the process that wrote it', { skip: process.platform !== 'linux' }, () => {
    const file = lockPath();
    const other = process.ppid;
    writeFileSync(file, `${other}\n${processStartIdentity(other)}\n`);
    assert.throws(() => acquireLockFile(file), { code: 'DATA_DIR_LOCKED' });
  });

  it('takes over a lock whose pid now belongs to another process (the pid was reused after a kill -9)', { skip: process.platform !== 'linux' }, () => {
    const file = lockPath();
    const other = process.ppid;
    writeFileSync(file, `${other}\n${processStartIdentity(other)}-an-earlier-process\n`);
    const release = acquireLockFile(file);
    assert.equal(pidIn(file), String(process.pid));
    release();
  });

  it('does not remove a lock that another process took over in the meantime', () => {
    const file = lockPath();
    const guard = `${file}.takeover`;
    writeFileSync(file, String(deadPid()));
    mkdirSync(guard); // another process is taking the stale lock over right now
    assert.throws(() => acquireLockFile(file), { code: 'DATA_DIR_LOCKED' });
    rmSync(guard, { recursive: true });
  });

  it('takes over a lock file without a pid', () => {
    const file = lockPath();
    writeFileSync(file, 'not a pid');
    const release = acquireLockFile(file);
    assert.equal(pidIn(file), String(process.pid));
    release();
  });

  it('passes through errors other than an existing file', () => {
    const file = path.join(dir, 'missing-subdir', 'lianxin.lock');
    assert.throws(() => acquireLockFile(file), { code: 'ENOENT' });
  });
});
