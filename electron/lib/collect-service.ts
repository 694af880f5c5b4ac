/**
 * Main's side of the phone collection, without Electron: one collection at a time,
 * answers relayed to the window that started it and held until the window says it
 * stored them (collect:ack). main.ts only plugs in the window and the IPC handlers.
 */
import { randomUUID } from 'node:crypto';
import type { NetworkInterfaceInfo } from 'node:os';
import { fail, ok, type CollectInfo, type CollectOutcome, type CollectStartArgs, type Result } from '../../renderer/src/platform/contract';
import { Events } from '../../renderer/src/platform/channels';
import { DELIVERY_TIMEOUT_MS, lanAddresses, startCollect, type CollectHandle, type CollectOptions, type DeliveryOutcome } from './collect-server';

/** The window that started a collection, as far as this module needs it. */
export interface CollectOwner {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export interface CollectServiceDeps {
  interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** tests: serve on 127.0.0.1 only (never a wider address) */
  loopbackOnly?: boolean;
  log?: (message: string) => void;
  /** overrides for the server (tests) */
  server?: Partial<Pick<CollectOptions, 'lifetimeMs' | 'deliveryTimeoutMs' | 'rate' | 'now'>>;
}

/** The address asked for when it is one of this computer's local-network addresses, else the best one. */
export function chooseAddress(addresses: readonly string[], wanted?: string): string | undefined {
  return wanted !== undefined && addresses.includes(wanted) ? wanted : addresses[0];
}

export function createCollectService(deps: CollectServiceDeps) {
  const log = deps.log ?? (() => undefined);
  const pending = new Map<string, { resolve: (o: DeliveryOutcome) => void; timer: ReturnType<typeof setTimeout> }>();
  let current: { handle: CollectHandle; owner: CollectOwner } | null = null;

  function settle(deliveryId: string, outcome: DeliveryOutcome): boolean {
    const entry = pending.get(deliveryId);
    if (!entry) return false;
    clearTimeout(entry.timer);
    pending.delete(deliveryId);
    entry.resolve(outcome);
    return true;
  }

  function relay(owner: CollectOwner, answer: Parameters<CollectOptions['onAnswer']>[0]): Promise<DeliveryOutcome> {
    if (owner.isDestroyed()) return Promise.resolve({ ok: false, reason: 'storage' });
    const deliveryId = randomUUID();
    return new Promise((resolve) => {
      // The server gives up on its own after DELIVERY_TIMEOUT_MS; this only frees the entry.
      const timer = setTimeout(() => settle(deliveryId, { ok: false, reason: 'storage' }), (deps.server?.deliveryTimeoutMs ?? DELIVERY_TIMEOUT_MS) + 1000);
      timer.unref?.();
      pending.set(deliveryId, { resolve, timer });
      owner.send(Events.collectAnswer, { deliveryId, ...answer });
    });
  }

  async function stop(): Promise<void> {
    const running = current;
    current = null;
    if (running) await running.handle.stop();
    for (const id of [...pending.keys()]) settle(id, { ok: false, reason: 'storage' });
  }

  async function start({ address: wanted, ...args }: CollectStartArgs, owner: CollectOwner): Promise<Result<CollectInfo>> {
    await stop();
    const addresses = deps.loopbackOnly ? ['127.0.0.1'] : lanAddresses(deps.interfaces());
    const address = chooseAddress(addresses, wanted);
    if (!address) return fail('no-network');
    const handle = await startCollect({
      ...args,
      ...deps.server,
      bindAddress: address,
      onAnswer: (answer) => relay(owner, answer),
      onStop: (reason) => {
        log(`[collect] stopped (${reason})`);
        if (current?.handle === handle) current = null;
        if (!owner.isDestroyed()) owner.send(Events.collectEnded, { reason });
      },
    });
    current = { handle, owner };
    log(`[collect] serving ${args.questions.length} questions on ${handle.address}:${handle.port} until ${handle.expiresAt}`);
    return ok({ url: handle.url, address: `${handle.address}:${handle.port}`, addresses, expiresAt: handle.expiresAt });
  }

  return {
    start,
    stop,
    /** The window's answer about one delivery; false when it was not waited for (late, unknown). */
    ack: (deliveryId: string, outcome: CollectOutcome): boolean => settle(deliveryId, outcome),
    /** Whether a collection runs (for tests and logs). */
    running: (): boolean => current !== null,
  };
}
export type CollectService = ReturnType<typeof createCollectService>;
