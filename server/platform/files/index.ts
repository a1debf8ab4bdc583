/**
 * The kernel's file store: uploaded photos and documents live outside the database, addressed by
 * their SHA-256. Features store bytes with `storeFile` (inside their write transaction, before the
 * row that names the hash commits) and read them back with `readStoredFile`. One store serves the
 * process: the filesystem under DATA_DIR/files by default, or an S3-compatible bucket (see
 * config.ts); `main.ts` chooses it from the configuration before migrating, and everything else
 * (migrations, tests, scripts) gets the one the environment describes.
 */
import { loadConfig, type FileStoreConfig } from '../config.js';
import { FsFileStore } from './fsStore.js';
import { S3FileStore } from './s3Store.js';
import type { FileStore, StoredFile } from './store.js';

export { FsFileStore } from './fsStore.js';
export { S3FileStore, type S3Config } from './s3Store.js';
export { sha256Of, StoredFileMissingError, type FileStore, type StoredFile } from './store.js';
export { ORPHAN_GRACE_MS, sweepUnreferencedFiles } from './sweep.js';

export function openFileStore(config: FileStoreConfig): FileStore {
  return config.kind === 's3' ? new S3FileStore(config.s3) : new FsFileStore(config.dir);
}

let current: FileStore | null = null;

/** Chooses the process's store (the server at start, before migrating; tests of a store). */
export function useFileStore(store: FileStore): void {
  current = store;
}

/** The process's store: the one chosen, else the one the environment's configuration describes. */
export function fileStore(): FileStore {
  current ??= openFileStore(loadConfig().files);
  return current;
}

/** Stores an upload's bytes and answers its hash, size and type, to be written in the row that refers to it. */
export function storeFile(bytes: Uint8Array, mime: string): Promise<StoredFile> {
  return fileStore().put(bytes, mime);
}

/** The bytes of a stored file by its hash. */
export function readStoredFile(sha256: string): Promise<Buffer> {
  return fileStore().get(sha256);
}

/** A row read with its file's hash, answered with the file's bytes in place of the hash (for a download). */
export async function withStoredBytes<T extends { sha256: string }>(row: T): Promise<Omit<T, 'sha256'> & { bytes: Buffer }> {
  const { sha256, ...rest } = row;
  return { ...rest, bytes: await readStoredFile(sha256) };
}
