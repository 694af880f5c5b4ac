import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The renderer, built once and served either by Electron's app:// protocol or by
// scripts/serve.mjs for the browser mode. Relative base so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  publicDir: false,
  define: { __APP_VERSION__: JSON.stringify(version) },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
  build: {
    // RENDERER_OUT lets parallel test runs build side by side (default: out/renderer).
    outDir: `../${process.env.RENDERER_OUT ?? 'out/renderer'}`,
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
