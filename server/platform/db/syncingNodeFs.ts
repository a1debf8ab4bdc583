import { fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's data directory with PostgreSQL's fsync working.
 *
 * PGlite starts PostgreSQL with `-F` (fsync off), and even without it an fsync would reach
 * nothing: the Emscripten file system that maps the data directory onto Node's `fs` has no
 * `fsync` of its own and its `fdatasync` does nothing. Every committed write still reaches the
 * operating system (a `write` per WAL flush), so a killed process loses nothing; a power cut or a
 * kernel crash can lose what the operating system had not yet written out, and can leave data
 * pages newer than the WAL that describes them.
 *
 * This file system gives Emscripten's streams an `fsync` that calls the operating system's, and
 * the start parameters below drop `-F` and make PostgreSQL flush its WAL with `fsync` (the
 * default, `fdatasync`, would be the no-op). A commit then returns after its WAL is on disk, and
 * checkpoints sync the data files before the WAL they replace is recycled, as on PostgreSQL.
 */
export class SyncingNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [...preRun, (mod: { NODEFS: { stream_ops: Record<string, unknown> } }) => {
      mod.NODEFS.stream_ops.fsync = (stream: { nfd?: number }) => {
        if (stream.nfd !== undefined) fsyncSync(stream.nfd);
        return 0;
      };
    }] as typeof preRun;
    return result;
  }
}

/** PGlite's start parameters with fsync on, flushing the WAL through `fsync`. */
export function syncingStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
}
