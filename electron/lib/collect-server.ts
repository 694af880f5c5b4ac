/**
 * Collecting an évaluation à chaud on the participants' phones, over the local
 * network only: a small node:http server for one session, reachable at a random
 * port under a random one-time token. It serves exactly three things under the
 * token (the page, the names list, the answer endpoint), answers 404 to anything
 * else, limits sizes and rates, validates every answer, and hands each answer to
 * `onAnswer` — the phone hears « enregistré » only once the app says it is stored.
 * It stops on stop(), after its lifetime (3 hours), and then nothing is reachable.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { z } from 'zod';
import { frenchSpacing, NAME_MAX, PAGE_CSP, renderPage, SCALE_MAX, SCALE_MIN, TEXT_MAX, type PageQuestion } from './collect-page';

export const COLLECT_LIFETIME_MS = 3 * 60 * 60 * 1000;
export const MAX_BODY_BYTES = 16 * 1024;
/** Requests of any kind per address and minute; answers per address and minute. */
export const DEFAULT_RATE = { windowMs: 60_000, maxRequests: 120, maxAnswers: 30 };
/** How long the phone waits for the app to store an answer. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** Distinct forms accepted in one collection (a room holds far fewer people). */
export const MAX_FORMS = 2000;

export interface RosterEntry {
  /** the app's person id: never sent to the phones, which see an index */
  id: string;
  name: string;
}

/** One form as the app receives it. */
export interface DeliveredAnswer {
  /** chosen by the phone: the same id for the first answer and its corrections */
  answerId: string;
  /** 1 for the first answer, then one more per correction */
  revision: number;
  correction: boolean;
  /** the roster person chosen, or null (a typed name, or anonymous) */
  personId: string | null;
  /** the name typed by someone absent from the list */
  typedName: string | null;
  answers: Record<string, number | string>;
  receivedAt: string;
}

/** What the app says once it tried to store an answer. */
export type DeliveryOutcome = { ok: true } | { ok: false; reason: 'too-early' | 'invalid' | 'storage' };

export type StopReason = 'stopped' | 'expired';

export interface CollectOptions {
  title: string;
  sessionLabel: string;
  roster: readonly RosterEntry[];
  questions: readonly PageQuestion[];
  onAnswer: (answer: DeliveredAnswer) => Promise<DeliveryOutcome>;
  onStop?: (reason: StopReason) => void;
  /** the LAN address (pickLanAddress) or 127.0.0.1 in tests */
  bindAddress: string;
  port?: number;
  lifetimeMs?: number;
  rate?: Partial<typeof DEFAULT_RATE>;
  deliveryTimeoutMs?: number;
  now?: () => number;
}

export interface CollectHandle {
  url: string;
  token: string;
  address: string;
  port: number;
  expiresAt: string;
  stop(): Promise<void>;
}

const PRIVATE_V4 = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./];
/** Interfaces of virtual machines, containers and VPNs: phones in the room are never behind them. */
const VIRTUAL_INTERFACE = /^(docker|br-|veth|virbr|vmnet|vboxnet|utun|tun|tap|zt|tailscale|wg|ham|lxc|lxd|podman|cni|flannel|vEthernet)/i;

export function isPrivateIPv4(address: string): boolean {
  return PRIVATE_V4.some((re) => re.test(address));
}

/**
 * The addresses phones in the room can reach: private IPv4 of real interfaces, best
 * first (192.168.x.x is what a venue's box and a laptop's hotspot hand out). A public
 * address is never used: answers must not be reachable from outside the local network.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const found: { address: string; rank: number }[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    if (VIRTUAL_INTERFACE.test(name)) continue;
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || !isPrivateIPv4(info.address)) continue;
      // VirtualBox's host-only network, often left behind without its interface name
      if (info.address.startsWith('192.168.56.')) continue;
      found.push({ address: info.address, rank: info.address.startsWith('192.168.') ? 0 : info.address.startsWith('10.') ? 1 : 2 });
    }
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.address);
}

/** 128 random bits in lowercase base32 (26 characters, no look-alike capitals to type). */
export function newToken(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols: no l, o, 0, 1
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

const respondentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('roster'), id: z.string().regex(/^\d{1,4}$/) }).strict(),
  z.object({ kind: z.literal('typed'), name: z.string().trim().min(1).max(NAME_MAX) }).strict(),
  z.object({ kind: z.literal('anonymous') }).strict(),
]);

/** What a phone may send: known question ids only, notes 1-5, bounded texts. */
export function answerSchema(questions: readonly PageQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    shape[q.id] = q.kind === 'scale' ? z.number().int().min(SCALE_MIN).max(SCALE_MAX).optional() : z.string().max(TEXT_MAX).optional();
  }
  return z
    .object({
      answerId: z.string().regex(/^[a-zA-Z0-9_-]{16,64}$/),
      revision: z.number().int().min(1).max(1000),
      respondent: respondentSchema,
      answers: z.object(shape).strict(),
    })
    .strict();
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, body: string, type: string, csp = API_CSP, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-security-policy': csp, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}
/** JSON replies; the French sentence of a refusal gets French spacing. */
const json = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(value, (key, v: unknown) => (key === 'error' && typeof v === 'string' ? frenchSpacing(v) : v)), 'application/json; charset=utf-8', API_CSP, extra);
const notFound = (res: ServerResponse) => send(res, 404, 'Introuvable', 'text/plain; charset=utf-8');

/** French sentence for the phone naming what was refused. */
function refusalText(error: z.ZodError, questions: readonly PageQuestion[]): string {
  const issue = error.issues[0];
  const [where, key] = issue?.path ?? [];
  if (where === 'answers' && typeof key === 'string') {
    const q = questions.find((x) => x.id === key);
    if (!q) return 'Réponse refusée : une question inconnue a été envoyée. Rechargez la page.';
    return q.kind === 'scale' ? `Réponse refusée pour « ${q.label} » : une note de ${SCALE_MIN} à ${SCALE_MAX} est attendue.` : `Réponse refusée pour « ${q.label} » : ${TEXT_MAX} caractères au plus.`;
  }
  if (where === 'answers') return 'Réponse refusée : une question inconnue a été envoyée. Rechargez la page.';
  if (where === 'respondent') return `Réponse refusée : choisissez votre nom dans la liste, ou écrivez-le (${NAME_MAX} caractères au plus).`;
  return 'Réponse refusée : le formulaire envoyé est incomplet. Rechargez la page.';
}

const OUTCOME_TEXT: Record<Exclude<DeliveryOutcome, { ok: true }>['reason'] | 'timeout', string> = {
  'too-early': 'L’évaluation n’est pas encore ouverte : elle ouvre au début de la séance. Réessayez plus tard.',
  invalid: 'Réponse refusée par l’application : rechargez la page et recommencez.',
  storage: 'L’ordinateur de l’animateur n’a pas pu enregistrer la réponse. Réessayez dans un instant.',
  timeout: 'L’ordinateur de l’animateur n’a pas répondu à temps. Réessayez dans un instant.',
};

interface Accepted {
  revision: number;
  digest: string;
  respondent: string;
}

/** Starts collecting. Resolves once the server listens. */
export async function startCollect(options: CollectOptions): Promise<CollectHandle> {
  const now = options.now ?? Date.now;
  const rate = { ...DEFAULT_RATE, ...options.rate };
  const lifetimeMs = options.lifetimeMs ?? COLLECT_LIFETIME_MS;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? DELIVERY_TIMEOUT_MS;
  const token = newToken();
  const tokenBytes = Buffer.from(token);
  const page = renderPage(options);
  // Phones see the list's order as ids, never the app's person ids.
  const rosterBody = JSON.stringify({ names: options.roster.map((p, i) => ({ id: String(i), name: p.name })) });
  const schema = answerSchema(options.questions);
  const accepted = new Map<string, Accepted>();
  const queues = new Map<string, Promise<unknown>>();
  const counters = new Map<string, { windowStart: number; requests: number; answers: number }>();
  let stopped = false;
  let hostHeader = '';

  /** One counter per address and window; true when over the limit. */
  function overLimit(ip: string, isAnswer: boolean): boolean {
    const t = now();
    let c = counters.get(ip);
    if (!c || t - c.windowStart >= rate.windowMs) {
      if (counters.size > 10_000) counters.clear();
      c = { windowStart: t, requests: 0, answers: 0 };
      counters.set(ip, c);
    }
    c.requests += 1;
    if (isAnswer) c.answers += 1;
    return c.requests > rate.maxRequests || (isAnswer && c.answers > rate.maxAnswers);
  }

  /** The token segment of a path, compared in constant time; the rest of the path. */
  function route(rawUrl: string): string | null {
    if (!rawUrl.startsWith('/')) return null;
    const second = rawUrl.indexOf('/', 1);
    const segment = Buffer.from(second === -1 ? rawUrl.slice(1) : rawUrl.slice(1, second));
    if (segment.length !== tokenBytes.length || !timingSafeEqual(segment, tokenBytes)) return null;
    return second === -1 ? '' : rawUrl.slice(second);
  }

  async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return 'too-large';
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return 'too-large';
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  function deliver(answer: DeliveredAnswer): Promise<DeliveryOutcome | 'timeout'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), deliveryTimeoutMs);
      options.onAnswer(answer).then(
        (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
        () => {
          clearTimeout(timer);
          resolve({ ok: false, reason: 'storage' });
        },
      );
    });
  }

  async function receive(body: z.infer<typeof schema>): Promise<{ status: number; value: unknown }> {
    const respondentKey = JSON.stringify(body.respondent);
    const digest = createHash('sha256').update(JSON.stringify([respondentKey, body.answers])).digest('hex');
    const previous = accepted.get(body.answerId);
    if (previous) {
      if (previous.respondent !== respondentKey) return { status: 409, value: { ok: false, error: 'Cette réponse a été envoyée sous un autre nom : rechargez la page pour répondre pour une autre personne.' } };
      if (body.revision === previous.revision && digest === previous.digest) return { status: 200, value: { ok: true, status: 'duplicate' } };
      if (body.revision <= previous.revision) return { status: 409, value: { ok: false, error: 'Une version plus récente de cette réponse est déjà enregistrée.' } };
    } else if (accepted.size >= MAX_FORMS) {
      return { status: 429, value: { ok: false, error: 'Trop de réponses pour cette collecte.' } };
    }
    let personId: string | null = null;
    if (body.respondent.kind === 'roster') {
      const entry = options.roster[Number(body.respondent.id)];
      if (!entry) return { status: 400, value: { ok: false, error: 'Réponse refusée : ce nom n’est pas dans la liste. Rechargez la page.' } };
      personId = entry.id;
    }
    const outcome = await deliver({
      answerId: body.answerId,
      revision: body.revision,
      correction: previous !== undefined,
      personId,
      typedName: body.respondent.kind === 'typed' ? body.respondent.name : null,
      answers: Object.fromEntries(Object.entries(body.answers).filter((e): e is [string, number | string] => e[1] !== undefined)),
      receivedAt: new Date(now()).toISOString(),
    });
    if (outcome === 'timeout') return { status: 503, value: { ok: false, error: OUTCOME_TEXT.timeout } };
    if (!outcome.ok) return { status: outcome.reason === 'storage' ? 503 : 422, value: { ok: false, error: OUTCOME_TEXT[outcome.reason] } };
    accepted.set(body.answerId, { revision: body.revision, digest, respondent: respondentKey });
    return { status: 200, value: { ok: true, status: previous ? 'corrected' : 'stored' } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ip = req.socket.remoteAddress ?? '';
    const path = route(req.url ?? '');
    const isAnswer = path === '/answer' && req.method === 'POST';
    if (overLimit(ip, isAnswer)) return json(res, 429, { ok: false, error: 'Trop de demandes depuis ce téléphone : patientez une minute.' }, { 'retry-after': String(Math.ceil(rate.windowMs / 1000)) });
    // Another host name than the address itself: a page elsewhere trying to reach us through DNS.
    if (stopped || path === null || req.headers.host !== hostHeader) return notFound(res);
    if (req.method === 'GET' && path === '') return send(res, 308, '', 'text/plain; charset=utf-8', API_CSP, { location: `/${token}/` });
    if (req.method === 'GET' && path === '/') return send(res, 200, page, 'text/html; charset=utf-8', PAGE_CSP);
    if (req.method === 'GET' && path === '/roster.json') return json(res, 200, JSON.parse(rosterBody));
    if (!isAnswer) return notFound(res);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) return notFound(res);
    if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) return json(res, 415, { ok: false, error: 'Réponse refusée : format inattendu.' });
    const raw = await readBody(req);
    if (raw === 'too-large') return json(res, 413, { ok: false, error: `Réponse refusée : trop longue (${MAX_BODY_BYTES / 1024} Ko au plus).` }, { connection: 'close' });
    let data: unknown;
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 400, { ok: false, error: 'Réponse refusée : le formulaire envoyé est illisible. Rechargez la page.' });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) return json(res, 400, { ok: false, error: refusalText(parsed.error, options.questions) });
    if (Object.values(parsed.data.answers).every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''))) {
      return json(res, 400, { ok: false, error: 'Réponse refusée : répondez à au moins une question.' });
    }
    // One form's answers are handled one after the other, so a replay waits for the first.
    const id = parsed.data.answerId;
    const run = (queues.get(id) ?? Promise.resolve()).then(() => receive(parsed.data));
    queues.set(id, run);
    const result = await run;
    if (queues.get(id) === run) queues.delete(id);
    if (stopped) return notFound(res);
    return json(res, result.status, result.value);
  }

  const server = createServer({ requestTimeout: 20_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { ok: false, error: 'Erreur inattendue : réessayez.' });
      else res.destroy();
    });
  });
  server.maxConnections = 200;
  server.maxHeadersCount = 50;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.bindAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  hostHeader = `${address}:${port}`;
  const startedAt = now();
  let stopping: Promise<void> | null = null;
  const stop = (reason: StopReason): Promise<void> =>
    (stopping ??= new Promise<void>((resolve) => {
      stopped = true;
      clearTimeout(expiry);
      server.close(() => resolve());
      server.closeAllConnections();
      options.onStop?.(reason);
    }));
  const expiry = setTimeout(() => void stop('expired'), lifetimeMs);
  expiry.unref?.();

  return {
    url: `http://${hostHeader}/${token}/`,
    token,
    address,
    port,
    expiresAt: new Date(startedAt + lifetimeMs).toISOString(),
    stop: () => stop('stopped'),
  };
}
