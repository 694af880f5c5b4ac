import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES } from './web-preferences';

describe('web preferences', () => {
  it('isolate and sandbox the renderer without Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
