import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import { COLLECT_LIFETIME_MS, lanAddresses, newToken, startCollect, type CollectHandle, type CollectOptions, type DeliveredAnswer, type DeliveryOutcome } from './collect-server';
import { escapeHtml, frenchSpacing, PAGE_CSP, renderPage } from './collect-page';

const QUESTIONS = [
  { id: 'satisfaction', label: 'Satisfaction générale', kind: 'scale' as const },
  { id: 'comment', label: 'Commentaire libre', kind: 'text' as const },
];
const ROSTER = [
  { id: 'person-uuid-anne', name: 'Anne Etcheverry' },
  { id: 'person-uuid-leo', name: 'Léo Garat' },
];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (paths are sent exactly as given, no URL normalisation). */
function http(handle: { port: number; address: string }, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: handle.address, port: handle.port, method, path, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const started: CollectHandle[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(started.splice(0).map((h) => h.stop()));
});

function collect(overrides: Partial<CollectOptions> = {}) {
  const delivered: DeliveredAnswer[] = [];
  let outcome: DeliveryOutcome = { ok: true };
  const options: CollectOptions = {
    title: 'Google Business Profile <pour les gîtes>',
    sessionLabel: 'jeudi 3 décembre, 9 h – 12 h',
    roster: ROSTER,
    questions: QUESTIONS,
    bindAddress: '127.0.0.1',
    onAnswer: async (a) => {
      delivered.push(a);
      return outcome;
    },
    ...overrides,
  };
  return {
    delivered,
    setOutcome: (o: DeliveryOutcome) => (outcome = o),
    start: async () => {
      const handle = await startCollect(options);
      started.push(handle);
      return handle;
    },
  };
}

const form = (over: Record<string, unknown> = {}) => JSON.stringify({ answerId: 'a1b2c3d4e5f6a7b8c9d0', revision: 1, respondent: { kind: 'roster', id: '0' }, answers: { satisfaction: 4, comment: 'Très concret' }, ...over });

describe('the collect server', () => {
  it('serves the page only under its token, with strict security headers', async () => {
    const c = collect();
    const h = await c.start();
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/${h.token}/`);
    expect(h.token).toMatch(/^[a-z2-9]{26}$/);
    const page = await http(h, 'GET', `/${h.token}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // The inline script and style are the ones the CSP's hashes allow, and nothing else is inline.
    const scripts = [...page.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...page.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(scripts[0]!)}`);
    expect(csp).toContain(`style-src ${hash(styles[0]!)}`);
    expect(page.body).not.toMatch(/\sstyle=|\son\w+=|src=|href=/);
    // The workshop's own words are escaped, its questions are there.
    expect(page.body).toContain('Google Business Profile &lt;pour les gîtes&gt;');
    expect(page.body).not.toContain('<pour les gîtes>');
    expect(page.body).toContain('Satisfaction générale');
    expect(page.body).toContain('data-qid="comment"');
  });

  it('gives the names of the list only, without the app’s person ids', async () => {
    const h = await collect().start();
    const roster = await http(h, 'GET', `/${h.token}/roster.json`);
    expect(roster.status).toBe(200);
    expect(JSON.parse(roster.body)).toEqual({ names: [{ id: '0', name: 'Anne Etcheverry' }, { id: '1', name: 'Léo Garat' }] });
    expect(roster.body).not.toContain('person-uuid');
  });

  it('answers 404 without a listing to a missing or wrong token and to any other path', async () => {
    const h = await collect().start();
    const wrong = newToken();
    for (const path of ['/', '/index.html', `/${wrong}/`, `/${wrong}/roster.json`, `/${h.token.slice(0, -1)}/`, `/${h.token.toUpperCase()}/`, `/${h.token}/../../etc/passwd`, `/${h.token}/..%2f..%2fetc%2fpasswd`, `/${h.token}/%2e%2e/package.json`, `/${h.token}/collect-server.ts`, `/${h.token}/roster.json/`, `/${h.token}//`, `//${h.token}/`, `/${h.token}/?x=1`, '/../electron/main.ts', '/favicon.ico']) {
      const reply = await http(h, 'GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toBe('Introuvable');
    }
    expect((await http(h, 'POST', `/${wrong}/answer`, form())).status).toBe(404);
    expect((await http(h, 'PUT', `/${h.token}/answer`, form())).status).toBe(404);
    expect((await http(h, 'DELETE', `/${h.token}/`)).status).toBe(404);
    expect((await http(h, 'OPTIONS', `/${h.token}/answer`)).status).toBe(404);
    expect((await http(h, 'GET', `/${h.token}/answer`)).status).toBe(404);
    // Another host name (DNS rebinding) or another origin posting.
    expect((await http(h, 'GET', `/${h.token}/`, undefined, { host: 'attaquant.example:80' })).status).toBe(404);
    expect((await http(h, 'POST', `/${h.token}/answer`, form(), { origin: 'http://attaquant.example' })).status).toBe(404);
    const redirect = await http(h, 'GET', `/${h.token}`);
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe(`/${h.token}/`);
  });

  it('delivers a valid answer with the app’s person id and says it is stored', async () => {
    const c = collect();
    const h = await c.start();
    const reply = await http(h, 'POST', `/${h.token}/answer`, form(), { origin: `http://127.0.0.1:${h.port}` });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, status: 'stored' });
    expect(c.delivered).toHaveLength(1);
    expect(c.delivered[0]).toMatchObject({ answerId: 'a1b2c3d4e5f6a7b8c9d0', revision: 1, correction: false, personId: 'person-uuid-anne', typedName: null, answers: { satisfaction: 4, comment: 'Très concret' } });
  });

  it('refuses malformed answers with a French reason and delivers nothing', async () => {
    const c = collect();
    const h = await c.start();
    const bad: [string, string, RegExp][] = [
      ['not json', '{"answerId":', /illisible/],
      ['scale out of range', form({ answers: { satisfaction: 6 } }), /«\sSatisfaction générale\s»\s: une note de 1 à 5/],
      ['scale not an integer', form({ answers: { satisfaction: 3.5 } }), /une note de 1 à 5/],
      ['scale as text', form({ answers: { satisfaction: '5' } }), /une note de 1 à 5/],
      ['unknown question', form({ answers: { satisfaction: 3, extra: 'x' } }), /question inconnue/],
      ['text too long', form({ answers: { comment: 'x'.repeat(2001) } }), /«\sCommentaire libre\s»\s: 2000 caractères au plus/],
      ['nothing answered', form({ answers: { comment: '   ' } }), /au moins une question/],
      ['no answer id', form({ answerId: undefined }), /incomplet/],
      ['short answer id', form({ answerId: 'abc' }), /incomplet/],
      ['revision zero', form({ revision: 0 }), /incomplet/],
      ['unknown roster entry', form({ respondent: { kind: 'roster', id: '7' } }), /pas dans la liste/],
      ['roster entry as a person id', form({ respondent: { kind: 'roster', id: 'person-uuid-anne' } }), /choisissez votre nom/],
      ['empty typed name', form({ respondent: { kind: 'typed', name: '  ' } }), /choisissez votre nom/],
      ['extra field', form({ personId: 'person-uuid-leo' }), /incomplet/],
      ['array', '[]', /incomplet/],
    ];
    for (const [what, body, reason] of bad) {
      const reply = await http(h, 'POST', `/${h.token}/answer`, body);
      expect(reply.status, what).toBe(400);
      expect(JSON.parse(reply.body).error, what).toMatch(reason);
    }
    expect((await http(h, 'POST', `/${h.token}/answer`, form(), { 'content-type': 'text/plain' })).status).toBe(415);
    expect(c.delivered).toEqual([]);
  });

  it('refuses a body over 16 KB with 413, declared or not', async () => {
    const c = collect();
    const h = await c.start();
    const big = form({ answers: { comment: 'x'.repeat(17 * 1024) } });
    expect((await http(h, 'POST', `/${h.token}/answer`, big)).status).toBe(413);
    // Chunked, without a declared length: cut when it grows past the limit.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: h.address, port: h.port, method: 'POST', path: `/${h.token}/answer`, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(c.delivered).toEqual([]);
  });

  it('limits the requests of one address with 429', async () => {
    const c = collect({ rate: { maxRequests: 5, maxAnswers: 2 } });
    const h = await c.start();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await http(h, 'POST', `/${h.token}/answer`, form({ answerId: `form-number-000${i}-abcdef` }))).status);
    expect(answers).toEqual([200, 200, 429]);
    expect(c.delivered).toHaveLength(2);
    const rest = [];
    for (let i = 0; i < 3; i++) rest.push((await http(h, 'GET', `/${newToken()}/`)).status);
    expect(rest).toEqual([404, 404, 429]);
    const refused = await http(h, 'GET', `/${h.token}/`);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
  });

  it('lets the window pass: the limit counts per minute', async () => {
    let t = 1_000_000;
    const c = collect({ rate: { maxRequests: 2 }, now: () => t });
    const h = await c.start();
    expect((await http(h, 'GET', `/${h.token}/`)).status).toBe(200);
    expect((await http(h, 'GET', `/${h.token}/`)).status).toBe(200);
    expect((await http(h, 'GET', `/${h.token}/`)).status).toBe(429);
    t += 60_000;
    expect((await http(h, 'GET', `/${h.token}/`)).status).toBe(200);
  });

  it('treats a replay of the same answer as one answer, and a new revision as a correction', async () => {
    const c = collect();
    const h = await c.start();
    const path = `/${h.token}/answer`;
    expect(JSON.parse((await http(h, 'POST', path, form())).body)).toEqual({ ok: true, status: 'stored' });
    // The phone lost the reply and sent again: nothing delivered twice.
    const [a, b] = await Promise.all([http(h, 'POST', path, form()), http(h, 'POST', path, form())]);
    expect([JSON.parse(a.body).status, JSON.parse(b.body).status]).toEqual(['duplicate', 'duplicate']);
    expect(c.delivered).toHaveLength(1);
    // « Modifier ma réponse »: the next revision, delivered as a correction.
    const corrected = await http(h, 'POST', path, form({ revision: 2, answers: { satisfaction: 5 } }));
    expect(JSON.parse(corrected.body)).toEqual({ ok: true, status: 'corrected' });
    expect(c.delivered).toHaveLength(2);
    expect(c.delivered[1]).toMatchObject({ revision: 2, correction: true, personId: 'person-uuid-anne', answers: { satisfaction: 5 } });
    // An older revision, or the same revision with other answers, cannot overwrite it.
    expect((await http(h, 'POST', path, form({ revision: 1, answers: { satisfaction: 1 } }))).status).toBe(409);
    expect((await http(h, 'POST', path, form({ revision: 2, answers: { satisfaction: 1 } }))).status).toBe(409);
    // Nor can the same form change whose answer it is.
    expect((await http(h, 'POST', path, form({ revision: 3, respondent: { kind: 'roster', id: '1' } }))).status).toBe(409);
    expect(c.delivered).toHaveLength(2);
  });

  it('delivers typed names and anonymous answers without a person id', async () => {
    const c = collect();
    const h = await c.start();
    await http(h, 'POST', `/${h.token}/answer`, form({ answerId: 'typed-name-form-0001', respondent: { kind: 'typed', name: '  Maïté Bordes ' } }));
    await http(h, 'POST', `/${h.token}/answer`, form({ answerId: 'anonymous-form-00001', respondent: { kind: 'anonymous' } }));
    expect(c.delivered.map((d) => [d.personId, d.typedName])).toEqual([
      [null, 'Maïté Bordes'],
      [null, null],
    ]);
  });

  it('tells the phone when the app could not store the answer, and accepts it again later', async () => {
    const c = collect({ deliveryTimeoutMs: 200 });
    const h = await c.start();
    const path = `/${h.token}/answer`;
    c.setOutcome({ ok: false, reason: 'too-early' });
    const early = await http(h, 'POST', path, form());
    expect(early.status).toBe(422);
    expect(JSON.parse(early.body).error).toMatch(/pas encore ouverte/);
    c.setOutcome({ ok: false, reason: 'storage' });
    expect((await http(h, 'POST', path, form())).status).toBe(503);
    c.setOutcome({ ok: true });
    expect(JSON.parse((await http(h, 'POST', path, form())).body).status).toBe('stored');
    expect(c.delivered).toHaveLength(3);
  });

  it('answers 503 when the app does not answer in time', async () => {
    const h = await collect({ deliveryTimeoutMs: 100, onAnswer: () => new Promise(() => undefined) }).start();
    const reply = await http(h, 'POST', `/${h.token}/answer`, form());
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body).error).toMatch(/n’a pas répondu/);
  });

  it('is unreachable once stopped: connection refused', async () => {
    const stops: string[] = [];
    const c = collect({ onStop: (r) => stops.push(r) });
    const h = await c.start();
    expect((await http(h, 'GET', `/${h.token}/`)).status).toBe(200);
    await h.stop();
    await h.stop();
    expect(stops).toEqual(['stopped']);
    await expect(http(h, 'GET', `/${h.token}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(new Promise((resolve, reject) => connect(h.port, h.address).on('connect', resolve).on('error', reject))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('closes kept-alive connections when it stops', async () => {
    const h = await collect().start();
    const socket = connect(h.port, h.address);
    await new Promise((resolve) => socket.on('connect', resolve));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(`GET /${h.token}/ HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: keep-alive\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    await h.stop();
    await closed;
  });

  it('stops by itself after three hours', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stops: string[] = [];
    const h = await collect({ onStop: (r) => stops.push(r), now: () => Date.parse('2026-12-03T09:00:00Z') }).start();
    expect(h.expiresAt).toBe('2026-12-03T12:00:00.000Z');
    vi.advanceTimersByTime(COLLECT_LIFETIME_MS - 1000);
    expect(stops).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(stops).toEqual(['expired']);
    vi.useRealTimers();
    await expect(http(h, 'GET', `/${h.token}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('makes a new 128-bit token each time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newToken()));
    expect(tokens.size).toBe(200);
    // 26 base32 characters carry 130 bits, of which 128 are random
    for (const t of tokens) expect(t).toMatch(/^[a-km-np-z2-9]{26}$/);
  });
});

describe('the address phones are given', () => {
  const iface = (address: string, internal = false) => ({ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` });
  it('is a private address of a real interface, the venue’s or hotspot’s network first', () => {
    expect(
      lanAddresses({
        lo: [iface('127.0.0.1', true)],
        docker0: [iface('172.17.0.1')],
        vboxnet0: [iface('192.168.57.1')],
        eth0: [iface('10.20.0.14')],
        wlan0: [iface('192.168.1.23'), { ...iface('fe80::1'), family: 'IPv6' as const, scopeid: 3 }],
        en5: [iface('192.168.56.1')],
      }),
    ).toEqual(['192.168.1.23', '10.20.0.14']);
  });
  it('is never a public address', () => {
    expect(lanAddresses({ eth0: [iface('83.200.10.4')], wlan0: [iface('172.32.0.5')] })).toEqual([]);
    expect(lanAddresses({ wlan0: [iface('172.31.4.2')] })).toEqual(['172.31.4.2']);
  });
});

describe('the page', () => {
  it('writes French with narrow no-break spaces, in its HTML and its script’s strings only', () => {
    const page = renderPage({ title: 'Quiz : avis ?', sessionLabel: '', questions: QUESTIONS });
    expect(page).toContain('Qui êtes-vous\u202f?');
    expect(page).toContain('Quiz\u202f: avis\u202f?');
    expect(page).toContain('"Vos réponses sont enregistrées. Merci\u202f!"');
    expect(page).not.toMatch(/ [?!:;](\s|<)/);
    expect(frenchSpacing('« Oui » ; http://a 10:30')).toBe('«\u202fOui\u202f»\u202f; http://a 10:30');
  });

  it('escapes what it is given', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    expect(PAGE_CSP).toMatch(/connect-src 'self'/);
  });
});
