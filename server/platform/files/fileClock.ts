/**
 * Ages of files by the file system's own clock. A file's modification time is the file system's;
 * a process's clock can differ from it (a file system served by another machine with its own
 * clock, or a process run under faketime, which moves the process's clock but not the times a
 * file system stamps). A probe file written beside the file gives the file system's "now", so a
 * file just written never looks old, whatever the process's clock says.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const probeName = (dir: string) => path.join(dir, `.clock-${process.pid}-${Math.random().toString(36).slice(2)}`);

/** How long ago `file` was last modified, in milliseconds, by the clock of the file system it is on. */
export function fileAgeMs(file: string): number {
  const probe = probeName(path.dirname(file));
  writeFileSync(probe, '');
  try {
    return statSync(probe).mtimeMs - statSync(file).mtimeMs;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** The file system's "now" in `dir` (a directory that exists), in milliseconds since the epoch. */
export async function fileSystemNowMs(dir: string): Promise<number> {
  const probe = probeName(dir);
  await writeFile(probe, '');
  try {
    return (await stat(probe)).mtimeMs;
  } finally {
    await rm(probe, { force: true });
  }
}
