/**
 * Reading the files the server makes with the tools people open them with: LibreOffice for
 * Excel (Debian `libreoffice-calc`, installed by scripts/install-system-deps.sh).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const LIBREOFFICE = ['libreoffice', 'soffice'].find((cmd) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0);

/** The workbook's first sheet as LibreOffice reads it, converted to UTF-8 CSV. */
export function libreOfficeCsv(payload: Buffer): string[][] {
  assert.ok(LIBREOFFICE, 'LibreOffice is missing: run `sudo bash scripts/install-system-deps.sh` (Debian libreoffice-calc)');
  const dir = mkdtempSync(path.join(tmpdir(), 'lx-sheet-'));
  try {
    const file = path.join(dir, 'sheet.xlsx');
    writeFileSync(file, payload);
    const profile = path.join(dir, 'profile');
    mkdirSync(profile);
    // 44,34,76: comma, double quote, UTF-8; its own profile so parallel runs do not collide.
    const run = spawnSync(LIBREOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, file],
      { encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `libreoffice: ${run.stderr}`);
    return parse(readFileSync(path.join(dir, 'sheet.csv'), 'utf8'), { relax_column_count: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
