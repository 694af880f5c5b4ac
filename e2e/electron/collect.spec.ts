/**
 * The phone collection through the real desktop wiring (main, preload, IPC): where
 * the Electron binary exists. The server module itself is tested under Node
 * (electron/lib/collect-server.test.ts) and the screens in e2e/collect-phone.spec.ts.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { electronExecutable } from '../support/browser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const executablePath = electronExecutable(root);

test.skip(!executablePath, 'Electron binary not present (it downloads lazily on first run, and this machine cannot download it): the collect server is covered under Node and the screens by the chromium project.');

function call(url: string, method: 'GET' | 'POST', body?: unknown): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method, headers: body ? { 'content-type': 'application/json' } : {}, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

test('main serves the form, relays an answer to the window and waits for it, and stops with a reload', async () => {
  // Loopback only here: the test machine may have no local network.
  const app = await electron.launch({ executablePath: executablePath!, args: [root], env: { ...process.env, NODE_ENV: 'test', FOURMILIERE_COLLECT_LOOPBACK: '1' } });
  try {
    const window = await app.firstWindow();
    const started = await window.evaluate(async () => {
      const bridge = (window as unknown as { fourmiliere: { collectStart: (a: unknown) => Promise<{ ok: boolean; value?: { url: string }; error?: string }>; onCollectAnswer: (h: (a: unknown) => Promise<unknown>) => void } }).fourmiliere;
      const received: unknown[] = [];
      (window as unknown as { __received: unknown[] }).__received = received;
      bridge.onCollectAnswer(async (answer) => {
        received.push(answer);
        return { ok: true };
      });
      return bridge.collectStart({ title: 'Atelier avis', sessionLabel: 'ce matin', roster: [{ id: 'p1', name: 'Claire Mendiboure' }], questions: [{ id: 'q1', label: 'Satisfaction', kind: 'scale' }] });
    });
    expect(started.ok).toBe(true);
    const url = started.value!.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z2-9]{26}\/$/);
    expect((await call(url, 'GET')).status).toBe(200);
    const reply = await call(`${url}answer`, 'POST', { answerId: 'electron-form-000001', revision: 1, respondent: { kind: 'roster', id: '0' }, answers: { q1: 5 } });
    expect(reply.status).toBe(200);
    expect(await window.evaluate(() => (window as unknown as { __received: unknown[] }).__received)).toEqual([expect.objectContaining({ personId: 'p1', answers: { q1: 5 }, revision: 1 })]);
    // A reload loses the code that stores answers: the collection stops with it.
    await window.reload();
    await expect.poll(() => call(url, 'GET').then(() => 'open', (e: NodeJS.ErrnoException) => e.code)).toBe('ECONNREFUSED');
  } finally {
    await app.close();
  }
});
