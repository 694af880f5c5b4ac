/**
 * The worker's folder is the window's: every file operation crosses a real message
 * channel (structured clone, transferred buffers), and the engine converges through it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { syncOnce } from './engine';
import { relayTransport, serveRequest, type IoAnswer, type IoRequest, type Port } from './relay';
import { editProvider, makeNetwork, newProvider, sync } from './sim-helpers';
import { SyncError, type SyncTransport } from './transport';

const channels: MessagePort[] = [];
afterEach(() => {
  for (const p of channels.splice(0)) p.close();
});

/** A worker side and a window side joined by a real MessageChannel; the window serves `window()`'s transport. */
function relayed(window: () => SyncTransport): { transport: SyncTransport; served: IoRequest[] } {
  const { port1: workerEnd, port2: windowEnd } = new MessageChannel();
  channels.push(workerEnd, windowEnd);
  const served: IoRequest[] = [];
  const asPort = (p: MessagePort): Port => ({ postMessage: (m, transfer) => p.postMessage(m, (transfer ?? []) as ArrayBuffer[]) });
  const relay = relayTransport(asPort(workerEnd));
  workerEnd.on('message', (m: IoAnswer) => relay.answer(m));
  windowEnd.on('message', (m: IoRequest) => {
    served.push(m);
    void serveRequest(window(), m, asPort(windowEnd));
  });
  return { transport: relay.transport, served };
}

describe('the sync worker reaches the folder through the window', () => {
  it('an engine run through the relay publishes and merges like one on the folder itself', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const p = newProvider(a, { lastName: 'Relayé' });
    await a.db.providers.put(p);
    const { transport, served } = relayed(() => a.folder.transport());
    const report = await syncOnce(a.db, transport, a.team, { deviceId: a.id, deviceName: a.name });
    expect(report.wrote).toEqual([`devices/${a.id}/log-000001.json.enc`]);
    // the bytes written through the relay are the file in the folder, readable by the other device
    expect(served.some((r) => r.op === 'writeNew')).toBe(true);
    net.deliver(() => 0);
    await sync(b);
    expect((await b.db.providers.get(p.id))?.lastName).toBe('Relayé');
    await editProvider(b, p.id, { notes: 'depuis B' });
    await sync(b);
    net.deliver(() => 0);
    const back = await syncOnce(a.db, transport, a.team, { deviceId: a.id, deviceName: a.name });
    expect(back.applied).toBe(1);
    expect((await a.db.providers.get(p.id))?.notes).toBe('depuis B');
  });

  it('the window’s errors reach the engine as the same codes (folder gone, disk full)', async () => {
    const net = await makeNetwork(1);
    const [a] = net.devices as [(typeof net.devices)[0]];
    await a.db.providers.put(newProvider(a));
    const { transport } = relayed(() => a.folder.transport());
    a.folder.space = 10;
    const full = await syncOnce(a.db, transport, a.team, { deviceId: a.id, deviceName: a.name }).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(SyncError);
    expect((full as SyncError).code).toBe('disk-full');
    a.folder.space = Infinity;
    a.folder.gone = true;
    const gone = await transport.list('devices').catch((e: unknown) => e);
    expect((gone as SyncError).code).toBe('folder-missing');
    a.folder.gone = false;
    expect(await transport.read('devices/none/log-000001.json.enc')).toBeNull();
  });
});
