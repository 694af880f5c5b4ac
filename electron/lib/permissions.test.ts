import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permissions';
import { isAppUrl } from './app-protocol';

describe('permissions', () => {
  it('allows only clipboard writes, and only to the app itself', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://fourmiliere/index.html', isAppUrl)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', isAppUrl)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'hid', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(isPermissionAllowed(p, 'app://fourmiliere/index.html', isAppUrl), p).toBe(false);
    }
  });
});
