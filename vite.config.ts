import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repo = path.dirname(fileURLToPath(import.meta.url));

/**
 * The staff web app. The server serves the build from <repo>/dist/web with an SPA fallback to
 * index.html; in development `npx vite` serves web/ and proxies /api to a running server
 * (XUNCHA_DEV_API, default http://localhost:3000).
 */
export default defineConfig({
  root: path.join(repo, 'web'),
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.join(repo, 'dist', 'web'),
    emptyOutDir: true,
    // antd alone is ~1 MB before gzip; pages are split per route.
    chunkSizeWarningLimit: 1600,
    sourcemap: false,
  },
  server: {
    port: 5173,
    // web/ imports shared labels and schemas from domain/
    fs: { allow: [repo] },
    proxy: { '/api': { target: process.env.XUNCHA_DEV_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
