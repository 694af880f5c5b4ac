import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, isAppUrl, mimeTypeFor, resolveAppRequest } from './app-protocol';

const root = resolve('/opt/fourmiliere/renderer');

describe('app:// protocol', () => {
  it('serves files inside the app folder', () => {
    expect(resolveAppRequest('app://fourmiliere/index.html', root)).toEqual({ ok: true, filePath: join(root, 'index.html') });
    expect(resolveAppRequest('app://fourmiliere/', root)).toEqual({ ok: true, filePath: join(root, 'index.html') });
    expect(resolveAppRequest('app://fourmiliere/assets/a%20b.js', root)).toEqual({ ok: true, filePath: join(root, 'assets/a b.js') });
  });

  it.each([['app://fourmiliere/../../etc/passwd'], ['app://fourmiliere/%2e%2e/%2e%2e/etc/passwd']])(
    'keeps %s inside the app folder (the URL parser already folds the dots)',
    (url) => {
      const result = resolveAppRequest(url, root);
      expect(result.ok && result.filePath.startsWith(root + '/')).toBe(true);
    },
  );

  it.each([
    ['app://fourmiliere/assets/%2E%2E%2F%2E%2E%2F..%2Fsecret'],
    ['app://fourmiliere/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['app://fourmiliere/..%5c..%5cwindows'],
    ['app://fourmiliere/a%00.js'],
    ['app://fourmiliere/%E0%A4%A'],
  ])('refuses %s', (url) => {
    const result = resolveAppRequest(url, root);
    expect(result.ok).toBe(false);
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppRequest('app://evil/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('not a url', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://fourmiliere/index.html#/ateliers')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://fourmiliere/')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
  });

  it('has a strict CSP with no remote origin and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('names content types', () => {
    expect(mimeTypeFor('a/b.js')).toMatch(/javascript/);
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
