import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every built text
 * file of 1 KB or more, once at build time; the server sends the one the browser accepts.
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
  return {
    name: 'lianxin-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(?:js|mjs|css|html|svg|json|txt|map)$/.test(file)) continue;
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * Two entries: the back office (`/`, React + antd) and the constituents' and deputies' phone
 * pages (`/m/`, React + antd-mobile), built into dist/web and served by the API server.
 * `npm run dev:web` serves them with hot reload and proxies /api to the server on :3000.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'web'),
  plugins: [react(), precompress()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    // antd's core and ECharts are single chunks of 500–650 kB before gzip; ECharts loads with the
    // dashboard only. `npm run size:web` reports what each entry loads first.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        admin: path.resolve(import.meta.dirname, 'web/index.html'),
        public: path.resolve(import.meta.dirname, 'web/m/index.html'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/open311': 'http://localhost:3000' },
  },
});
