import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { chooseAddress, createCollectService, type CollectOwner } from './collect-service';
import { validateArgs } from './ipc';

const ARGS = {
  title: 'Réussir sa fiche Google',
  sessionLabel: 'jeudi 3 décembre',
  roster: [{ id: 'person-anne', name: 'Anne Etcheverry' }],
  questions: [{ id: 'satisfaction', label: 'Satisfaction générale', kind: 'scale' as const }],
};

function post(url: string, body: unknown): Promise<{ status: number; body: string }> {
  const target = new URL(`${url}answer`);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

class FakeWindow implements CollectOwner {
  sent: { channel: string; payload: Record<string, unknown> }[] = [];
  destroyed = false;
  onSend: (channel: string, payload: Record<string, unknown>) => void = () => undefined;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload: payload as Record<string, unknown> });
    this.onSend(channel, payload as Record<string, unknown>);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const services: ReturnType<typeof createCollectService>[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});
const service = (deps: Parameters<typeof createCollectService>[0]) => {
  const s = createCollectService(deps);
  services.push(s);
  return s;
};
const form = { answerId: 'phone-form-0000000001', revision: 1, respondent: { kind: 'roster', id: '0' }, answers: { satisfaction: 5 } };

describe('the collect service (main’s side)', () => {
  it('relays an answer to the window and tells the phone what the window said', async () => {
    const s = service({ interfaces: () => ({}), loopbackOnly: true });
    const win = new FakeWindow();
    win.onSend = (channel, payload) => {
      if (channel === 'collect:answer') setTimeout(() => s.ack(String(payload.deliveryId), { ok: true }), 10);
    };
    const started = await s.start(ARGS, win);
    if (!started.ok) throw new Error(started.error);
    expect(started.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z2-9]{26}\/$/);
    const reply = await post(started.value.url, form);
    expect(reply.status).toBe(200);
    const delivered = win.sent.find((m) => m.channel === 'collect:answer')!.payload;
    expect(delivered).toMatchObject({ personId: 'person-anne', answers: { satisfaction: 5 }, revision: 1, correction: false });
    expect(String(delivered.deliveryId)).toMatch(/^[a-z0-9-]{1,64}$/);
    // A second acknowledgement of the same delivery is not waited for.
    expect(s.ack(String(delivered.deliveryId), { ok: true })).toBe(false);
  });

  it('passes the window’s refusal to the phone', async () => {
    const s = service({ interfaces: () => ({}), loopbackOnly: true });
    const win = new FakeWindow();
    win.onSend = (channel, payload) => {
      if (channel === 'collect:answer') s.ack(String(payload.deliveryId), { ok: false, reason: 'too-early' });
    };
    const started = await s.start(ARGS, win);
    if (!started.ok) throw new Error(started.error);
    expect((await post(started.value.url, form)).status).toBe(422);
  });

  it('refuses to start without a local network, and never on a public address', async () => {
    const s = service({ interfaces: () => ({ eth0: [{ address: '83.200.10.4', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: '83.200.10.4/24' }] }) });
    expect(await s.start(ARGS, new FakeWindow())).toEqual({ ok: false, error: 'no-network' });
    expect(s.running()).toBe(false);
  });

  it('runs one collection at a time, stops the one before, and tells the window when it ends', async () => {
    const s = service({ interfaces: () => ({}), loopbackOnly: true });
    const win = new FakeWindow();
    const first = await s.start(ARGS, win);
    const second = await s.start(ARGS, win);
    if (!first.ok || !second.ok) throw new Error('not started');
    expect(second.value.url).not.toBe(first.value.url);
    await expect(post(first.value.url, form)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await s.stop();
    expect(s.running()).toBe(false);
    await expect(post(second.value.url, form)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(win.sent.filter((m) => m.channel === 'collect:ended').map((m) => m.payload)).toEqual([{ reason: 'stopped' }, { reason: 'stopped' }]);
  });

  it('answers « not stored » when the window is gone', async () => {
    const s = service({ interfaces: () => ({}), loopbackOnly: true });
    const win = new FakeWindow();
    const started = await s.start(ARGS, win);
    if (!started.ok) throw new Error(started.error);
    win.destroyed = true;
    expect((await post(started.value.url, form)).status).toBe(503);
  });

  it('stops by itself at the end of its lifetime', async () => {
    const s = service({ interfaces: () => ({}), loopbackOnly: true, server: { lifetimeMs: 50 } });
    const win = new FakeWindow();
    const ended = new Promise((resolve) => (win.onSend = (channel, payload) => channel === 'collect:ended' && resolve(payload)));
    const started = await s.start(ARGS, win);
    if (!started.ok) throw new Error(started.error);
    expect(await ended).toEqual({ reason: 'expired' });
    expect(s.running()).toBe(false);
    await expect(post(started.value.url, form)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('the network used', () => {
  it('is the one chosen among this computer’s local addresses, never another', () => {
    expect(chooseAddress(['192.168.1.23', '10.42.0.1'])).toBe('192.168.1.23');
    expect(chooseAddress(['192.168.1.23', '10.42.0.1'], '10.42.0.1')).toBe('10.42.0.1');
    expect(chooseAddress(['192.168.1.23'], '0.0.0.0')).toBe('192.168.1.23');
    expect(chooseAddress(['192.168.1.23'], '83.200.10.4')).toBe('192.168.1.23');
    expect(chooseAddress([], '192.168.1.23')).toBeUndefined();
  });

  it('is listed for the window, and loopback only in tests', async () => {
    const s = service({ interfaces: () => ({}), loopbackOnly: true });
    const started = await s.start({ ...ARGS, address: '0.0.0.0' }, new FakeWindow());
    expect(started).toMatchObject({ ok: true, value: { addresses: ['127.0.0.1'] } });
    if (started.ok) expect(started.value.url.startsWith('http://127.0.0.1:')).toBe(true);
  });
});

describe('collect IPC arguments', () => {
  it('accepts a session’s questions and names', () => {
    expect(validateArgs('collect:start', ARGS).ok).toBe(true);
    expect(validateArgs('collect:stop', undefined).ok).toBe(true);
    expect(validateArgs('collect:ack', { deliveryId: '6f1c2a9e-0b7d-4c1e-9a55-1f2e3d4c5b6a', outcome: { ok: false, reason: 'too-early' } }).ok).toBe(true);
  });
  it.each([
    ['collect:start', { ...ARGS, questions: [] }],
    ['collect:start', { ...ARGS, questions: [ARGS.questions[0], ARGS.questions[0]] }],
    ['collect:start', { ...ARGS, questions: [{ id: 'x', label: 'X', kind: 'choice' }] }],
    ['collect:start', { ...ARGS, roster: [{ id: 'p', name: '   ' }] }],
    ['collect:start', { ...ARGS, title: 'x'.repeat(201) }],
    ['collect:start', { ...ARGS, address: 'evil.example' }],
    ['collect:stop', { now: true }],
    ['collect:ack', { deliveryId: '../x', outcome: { ok: true } }],
    ['collect:ack', { deliveryId: 'abc', outcome: { ok: false, reason: 'whatever' } }],
  ] as const)('refuses %s %j', (channel, args) => {
    expect(validateArgs(channel, args).ok).toBe(false);
  });
});
