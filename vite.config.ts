import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Two entries: the back office (`/`, React + antd) and the constituents' and deputies' phone
 * pages (`/m/`, React + antd-mobile), built into dist/web and served by the API server.
 * `npm run dev:web` serves them with hot reload and proxies /api to the server on :3000.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'web'),
  plugins: [react()],
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
