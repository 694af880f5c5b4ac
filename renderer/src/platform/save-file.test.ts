import { afterEach, describe, expect, it, vi } from 'vitest';
import { webBridge } from './web-bridge';

const args = { suggestedName: 'x_manual.fourmiliere-backup.json', content: '{"a":1}', mimeType: 'application/json', filters: [{ name: 'Sauvegarde', extensions: ['json'] }], verify: true };

/** A document just big enough for the <a download> fallback. */
function fakeDocument(clicked: string[]) {
  return {
    createElement: () => ({ style: {}, click() { clicked.push(this.download as string); }, remove() {}, download: '' as string }),
    body: { append() {} },
  };
}

describe('saving a file the caller must know was written (browser)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('through the save dialog: written, or cancelled and said so', async () => {
    const written: string[] = [];
    vi.stubGlobal('window', {
      showSaveFilePicker: async () => ({ createWritable: async () => ({ write: async (d: string) => void written.push(d), close: async () => undefined }) }),
    });
    expect(await webBridge.saveFile(args)).toEqual({ ok: true, value: { saved: true } });
    expect(written).toEqual(['{"a":1}']);
    vi.stubGlobal('window', { showSaveFilePicker: async () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')) });
    expect(await webBridge.saveFile(args)).toEqual({ ok: true, value: { saved: false } });
  });

  it('without a save dialog: the download is started and said unverified', async () => {
    const clicked: string[] = [];
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', fakeDocument(clicked));
    vi.stubGlobal('URL', { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
    expect(await webBridge.saveFile(args)).toEqual({ ok: true, value: { saved: true, unverified: true } });
    expect(clicked).toEqual([args.suggestedName]);
    // Callers that need no proof (a CSV export) are not told "unverified".
    expect(await webBridge.saveFile({ ...args, verify: undefined })).toEqual({ ok: true, value: { saved: true } });
  });
});
