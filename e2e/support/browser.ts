/** Finds a Chromium: an env variable, Debian's /usr/bin/chromium, then Playwright's own. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.FOURMILIERE_CHROMIUM ?? process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  return undefined; // Playwright's own browser, installed with `npx playwright install chromium`
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Electron binary if it is already on disk; never triggers its lazy download. */
export function electronExecutable(root: string): string | undefined {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  if (!existsSync(pathFile)) return undefined;
  const candidate = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : undefined;
}

