import { defineConfig } from 'vitest/config';

// Unit tests: renderer logic runs against fake-indexeddb, electron/ logic under Node.
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    include: ['renderer/src/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}'],
    environment: 'node',
    setupFiles: ['renderer/src/test/setup.ts'],
    globalSetup: ['renderer/src/test/global-setup.ts'],
    pool: 'threads',
    testTimeout: 20_000,
  },
});
