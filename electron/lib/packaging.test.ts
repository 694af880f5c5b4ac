/**
 * The installers' hardening lives in electron-builder.yml: this test reads it the way
 * electron-builder will (YAML, then its own JSON schema) and fails if a fuse is missing,
 * misspelt or set the wrong way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

/** Every fuse electron-builder knows, and the value the packaged app must ship with. */
const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
} as const;

describe('packaging configuration', () => {
  it('flips every security fuse the right way', () => {
    const fuses = config.electronFuses as Record<string, unknown> | undefined;
    expect(fuses, 'electronFuses is missing from electron-builder.yml').toBeTypeOf('object');
    for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
      expect(fuses?.[name], `fuse ${name}`).toBe(value);
    }
  });

  it('uses only fuse names the installed electron-builder knows', () => {
    // app-builder-lib's own schema: a misspelt key would be rejected at `npm run dist`, or
    // worse, ignored; read it here so that the test fails first.
    const require = createRequire(import.meta.url);
    const schemaPath = join(require.resolve('app-builder-lib/package.json'), '..', 'scheme.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    const known = Object.keys(schema.definitions.FuseOptionsV1?.properties ?? {});
    expect(known).toContain('runAsNode');
    for (const name of Object.keys(config.electronFuses as object)) expect(known, `unknown fuse ${name}`).toContain(name);
    for (const name of Object.keys(REQUIRED_FUSES)) expect(known).toContain(name);
  });

  it('packs the app in an asar archive, which the asar fuses need', () => {
    // `true`, not an object: `asar: { disableIntegrity: true }` would leave no hash to validate
    expect(config.asar).toBe(true);
  });

  it('writes update metadata for a generic feed and never publishes from the build', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toContain('--publish never');
  });
});
