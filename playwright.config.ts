import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumExecutable } from './e2e/support/browser';

// The renderer is tested in Chromium (the engine inside Electron) against the built
// app served on 127.0.0.1; the Electron project runs only where its binary exists.
const port = Number(process.env.E2E_PORT ?? 4173);
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_FLAGS },
  },
  projects: [
    { name: 'chromium', testIgnore: ['electron/**', 'bench/**'] },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
  webServer: {
    command: `node scripts/serve.mjs --port ${port} --dir ${process.env.RENDERER_OUT ?? 'out/renderer'}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
