import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileSystemNowMs } from './fileClock.js';
import { assertHash, sha256Of, SHA256_HEX, StoredFileMissingError, type FileStore, type ListedFile, type StoredFile } from './store.js';

/**
 * Files in a directory, one file per content hash, fanned out by the hash's first two hex digits
 * (`ab/abcdef…`). A file is written to `tmp/`, flushed to disk, then renamed into place and the
 * directory flushed too, so a crash leaves either the whole file or none (a stray temporary
 * file at most, removed by the sweep).
 */
export class FsFileStore implements FileStore {
  readonly kind = 'fs' as const;
  constructor(readonly dir: string) {}

  private pathOf(sha256: string): string {
    assertHash(sha256);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array, mime: string): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    const existing = await stat(target).catch(() => null);
    if (existing?.size === bytes.length) {
      const t = new Date(); // refreshed: a row is about to name this file
      await utimes(target, t, t);
      return { sha256, size: bytes.length, mime };
    }
    const tmpDir = path.join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${process.pid}.${randomBytes(6).toString('hex')}`);
    const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o640);
    try {
      await handle.writeFile(bytes);
      // The store's time for the sweep's age test: this process's clock, set explicitly so that
      // the file's age and the sweep's cut-off come from the same clock.
      const t = new Date();
      await handle.utimes(t, t);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await syncDir(path.dirname(target));
    return { sha256, size: bytes.length, mime };
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissingError(sha256, this.dir);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => null)) !== null;
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async *list(): AsyncIterable<ListedFile> {
    const fans = await readdir(this.dir).catch(() => [] as string[]);
    for (const fan of fans) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      for (const name of await readdir(path.join(this.dir, fan)).catch(() => [] as string[])) {
        if (!SHA256_HEX.test(name) || !name.startsWith(fan)) continue;
        const s = await stat(path.join(this.dir, fan, name)).catch(() => null);
        if (s) yield { sha256: name, modifiedAt: s.mtime };
      }
    }
  }

  /**
   * Removes temporary files older than `maxAgeMs` by the file system's clock: left by a crash
   * between write and rename. Answers how many it removed.
   */
  async removeStaleTemporaries(maxAgeMs: number): Promise<number> {
    const tmpDir = path.join(this.dir, 'tmp');
    const names = await readdir(tmpDir).catch(() => [] as string[]);
    if (names.length === 0) return 0;
    const fsNow = await fileSystemNowMs(tmpDir);
    let removed = 0;
    for (const name of names) {
      const s = await stat(path.join(tmpDir, name)).catch(() => null);
      if (s && fsNow - s.mtimeMs > maxAgeMs) {
        await rm(path.join(tmpDir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Flushes a directory's entries (the rename) to disk; a no-op where directories cannot be opened for that. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY).catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch { /* some file systems refuse fsync on a directory */ } finally {
    await handle.close();
  }
}
