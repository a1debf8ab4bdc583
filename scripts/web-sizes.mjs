#!/usr/bin/env node
// The JavaScript and CSS each web entry loads before its first screen, gzipped: the files its
// built HTML names (the entry script, its preloaded chunks, its style sheets). Screens loaded
// later on demand are listed apart. Run after `npm run build` (or `npx vite build`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const gz = (file) => gzipSync(readFileSync(path.join(web, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const initial = new Set();

for (const [name, html] of [['back office /', 'index.html'], ['phone pages /m/', 'm/index.html']]) {
  const text = readFileSync(path.join(web, html), 'utf8');
  const files = [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let js = 0;
  let css = 0;
  for (const f of files) {
    initial.add(f);
    if (f.endsWith('.js')) js += gz(f); else css += gz(f);
  }
  console.log(`${name.padEnd(16)} JavaScript ${kb(js).padStart(9)} gzipped, CSS ${kb(css).padStart(8)} gzipped (${files.length} files)`);
}
const later = readdirSync(path.join(web, 'assets')).filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`));
const total = later.reduce((s, f) => s + gz(`assets/${f}`), 0);
console.log(`loaded on demand  ${later.length} chunks, ${kb(total)} gzipped in all; largest: ${later.map((f) => [f, gz(`assets/${f}`)]).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f, n]) => `${f.replace(/-[\w-]+\.js$/, '')} ${kb(n)}`).join(', ')}`);
