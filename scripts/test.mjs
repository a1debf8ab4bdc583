#!/usr/bin/env node
// Runs every *.test.ts under server/ and common/ with Node's test runner.
// Builds the shared template database first (PGlite tarball, or a PostgreSQL template
// database when DATABASE_URL is set) and removes it afterwards.
// Usage: npm test [-- file-or-pattern ...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test-output');
mkdirSync(outDir, { recursive: true });

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (entry.endsWith('.test.ts')) found.push(path.relative(root, full));
  }
  return found;
}

const filters = process.argv.slice(2);
const files = ['server', 'common'].flatMap((d) => findTests(path.join(root, d)))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('No test files match.');
  process.exit(1);
}

// Uploaded files live outside the database (platform/files). The template's files and those the
// tests store all go to one directory for this run: names are content hashes, so copies of the
// template database in every test file find their files there.
const filesDir = process.env.LIANXIN_FILES_DIR ?? path.join(outDir, `files-${process.pid}`);
const ownFilesDir = !process.env.LIANXIN_FILES_DIR;
process.env.LIANXIN_FILES_DIR = filesDir;

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`Preparing the template database (${engine})…`);
const templateFile = path.join(outDir, `template-${process.pid}.tar`);
const prep = spawnSync(process.execPath, ['--import', 'tsx', 'server/testing/prepareTemplate.ts', templateFile], {
  cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
});
if (prep.status !== 0) {
  console.error(prep.stdout);
  if (ownFilesDir) rmSync(filesDir, { recursive: true, force: true });
  process.exit(prep.status ?? 1);
}
const templateEnv = JSON.parse(prep.stdout.trim().split('\n').at(-1));

let status = 1;
try {
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  const run = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files,
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, ...templateEnv, TZ: process.env.TZ ?? 'UTC' } });
  status = run.status ?? 1;
} finally {
  rmSync(templateFile, { force: true });
  if (ownFilesDir) rmSync(filesDir, { recursive: true, force: true });
  if (templateEnv.LIANXIN_TEST_TEMPLATE_DB) {
    spawnSync(process.execPath, ['--import', 'tsx', 'server/testing/prepareTemplate.ts', '--drop', templateEnv.LIANXIN_TEST_TEMPLATE_DB],
      { cwd: root, stdio: 'inherit' });
  }
}
process.exit(status);
