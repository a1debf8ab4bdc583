/**
 * Where uploaded files' bytes live: outside the database, addressed by the SHA-256 of their
 * content. The database keeps each file's metadata and hash; the bytes go to a directory under
 * DATA_DIR (the default) or to an S3-compatible object store. Both answer the same interface.
 */
import { createHash } from 'node:crypto';

/** What a put answers: the content's hash (the key to read it back), its size and its type. */
export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
}

/** A stored file seen by a listing (for the sweep of unreferenced files). */
export interface ListedFile {
  sha256: string;
  modifiedAt: Date;
}

export interface FileStore {
  /** `fs` or `s3`, for logs and docs. */
  readonly kind: 'fs' | 's3';
  /**
   * Stores the bytes durably before answering (written whole or not at all). Storing content
   * that is already there is a no-op apart from refreshing its modification time, so a file that
   * a new row is about to reference is not swept as old.
   */
  put(bytes: Uint8Array, mime: string): Promise<StoredFile>;
  /** The bytes of a stored file; throws StoredFileMissingError when there is none. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every stored file, in no particular order. */
  list(): AsyncIterable<ListedFile>;
  /** Removes what a crash between write and rename left behind, older than `maxAgeMs`; answers how many. */
  removeStaleTemporaries(maxAgeMs: number): Promise<number>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A row names a file the store does not have: a lost or partially restored DATA_DIR/files or bucket. */
export class StoredFileMissingError extends Error {
  override name = 'StoredFileMissingError';
  constructor(readonly sha256: string, where: string) {
    super(`Stored file ${sha256} is missing from ${where}`);
  }
}

export function assertHash(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 content hash: ${JSON.stringify(sha256)}`);
}
