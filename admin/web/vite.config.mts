/**
 * Multi-page build: index.html (teacher admin SPA) and record.html (browser recorder, sources in record/).
 * `npm run build:web` writes admin/web/dist, which the admin server serves.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const inputs: Record<string, string> = { index: path.join(root, 'index.html') };
// The recorder page is built by its own part; include it once its entry exists.
if (existsSync(path.join(root, 'record', 'main.ts'))) inputs.record = path.join(root, 'record.html');

export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  build: {
    outDir: process.env.ADMIN_WEB_OUT_DIR ?? path.join(root, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: inputs },
  },
  server: { proxy: { '/api': process.env.ADMIN_URL ?? 'http://127.0.0.1:8080' } },
});
