import { describe, expect, it, vi } from 'vitest';
import { guardHandler, isTrustedSender, validateArgs } from './ipc';
import { isAllowedExternalUrl } from '../../renderer/src/platform/contract';

describe('IPC sender check', () => {
  it('trusts only the app main frame', () => {
    expect(isTrustedSender('app://fourmiliere/index.html', true)).toBe(true);
    expect(isTrustedSender('app://fourmiliere/index.html', false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});

describe('IPC argument validation', () => {
  it('accepts well-formed arguments', () => {
    expect(validateArgs('file:save', { suggestedName: 'atelier.ics', content: 'BEGIN:VCALENDAR' }).ok).toBe(true);
    expect(validateArgs('file:open', { filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] }).ok).toBe(true);
    expect(validateArgs('app:info', undefined).ok).toBe(true);
    expect(validateArgs('backup:write', { name: '2026-11-28T10-00-00_daily.fourmiliere-backup.json', content: '{}', kind: 'daily' }).ok).toBe(true);
    // the backup worker hands over UTF-8 bytes; IPC delivers them as a Uint8Array (a Buffer is one too)
    expect(validateArgs('backup:write', { name: '2026-11-28T10-00-00_quit.fourmiliere-backup.json', content: new TextEncoder().encode('{}'), kind: 'quit' }).ok).toBe(true);
    expect(validateArgs('file:save', { suggestedName: 'sauvegarde.json', content: Buffer.from('{}') }).ok).toBe(true);
  });

  it.each([
    ['file:save', { suggestedName: '../../.bashrc', content: 'x' }],
    ['file:save', { suggestedName: 'ok.txt', content: 42 }],
    ['file:save', { suggestedName: '.hidden', content: 'x' }],
    ['file:save', { suggestedName: 'a/b.txt', content: 'x' }],
    ['file:open', { filters: [{ name: 'x', extensions: ['../exe'] }] }],
    ['shell:open-external', { url: 42 }],
    ['backup:write', { name: 'evil.sh', content: '', kind: 'daily' }],
    ['backup:write', { name: 'x.fourmiliere-backup.json', content: '', kind: 'hourly' }],
    ['backup:write', { name: 'x.fourmiliere-backup.json', content: [123, 125], kind: 'daily' }],
    ['backup:write', { name: 'x.fourmiliere-backup.json', content: new ArrayBuffer(2), kind: 'daily' }],
    ['backup:read', { name: '../../secret' }],
    ['app:info', { extra: true }],
  ] as const)('refuses %s %j', (channel, args) => {
    const result = validateArgs(channel, args);
    expect(result.ok).toBe(false);
  });

  it('guards handlers: refuses untrusted senders and bad arguments, logs why, never calls through', async () => {
    const handler = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    const log = vi.fn();
    const guarded = guardHandler('shell:open-external', handler, log);
    expect(await guarded({ url: 'https://evil.example/', isMainFrame: true }, { url: 'https://a.fr' })).toEqual({ ok: false, error: 'untrusted sender' });
    expect(await guarded({ url: 'app://fourmiliere/index.html', isMainFrame: true }, { url: 1 })).toMatchObject({ ok: false });
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(2);
    expect(await guarded({ url: 'app://fourmiliere/index.html', isMainFrame: true }, { url: 'https://a.fr' })).toEqual({ ok: true, value: 'done' });
  });

  it('turns a thrown error into a failed result', async () => {
    const guarded = guardHandler('app:info', async () => {
      throw new Error('disk full');
    }, () => undefined);
    expect(await guarded({ url: 'app://fourmiliere/', isMainFrame: true }, undefined)).toEqual({ ok: false, error: 'disk full' });
  });
});

describe('external links', () => {
  it.each(['https://www.etourisme.info/', 'mailto:contact@ot-exemple.fr', 'mailto:a@b.fr?subject=Atelier'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });
  it.each(['http://example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://fourmiliere/x', 'data:text/html,hi', 'https://user:pw@example.org/', 'smb://server/share', 'not a url', 'mailto:'])('denies %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
