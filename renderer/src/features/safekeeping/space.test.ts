import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n';
import { ArgSchemas, Channels, ok, type Bridge, type DiskSpace } from '../../platform/contract';
import { webBridge } from '../../platform/web-bridge';
import { failureText } from './failure';
import { bytesNeeded, ensureSpace, MARGIN_BYTES, NotEnoughSpaceError } from './space';

// French messages carry narrow no-break spaces before « : » (i18n/format frenchSpacing); compared here as plain spaces
const t = (key: MessageKey, params?: Record<string, string | number>) => translate('fr', key, params).replace(/\u202f/g, ' ');
const MB = 1024 * 1024;
/** A desktop that answers a fixed free space, and records where it was asked. */
function desktopWith(space: DiskSpace): Bridge & { asked: string[] } {
  const asked: string[] = [];
  return { ...webBridge, asked, diskSpace: async (args) => (asked.push(args.where), ok(space)) };
}

describe('free space before a large write', () => {
  it('estimates generously: the input grown by its factor, plus a margin', () => {
    expect(bytesNeeded(10 * MB, 'json')).toBe(30 * MB + MARGIN_BYTES);
    expect(bytesNeeded(4 * MB, 'csv')).toBe(24 * MB + MARGIN_BYTES);
  });

  it('refuses when the data disk is too small, saying in French how much is missing', async () => {
    const bridge = desktopWith({ known: true, freeBytes: 20 * MB, totalBytes: 32 * MB });
    const error = await ensureSpace(32 * MB, bridge).then(
      () => null,
      (e: unknown) => e,
    );
    expect(bridge.asked).toEqual(['data']);
    expect(error).toBeInstanceOf(NotEnoughSpaceError);
    expect((error as NotEnoughSpaceError).missingBytes).toBe(12 * MB);
    expect(failureText(t, error)).toBe(
      'Il manque environ 12 Mo sur le disque pour cette opération (il faut environ 32 Mo, il en reste 20 Mo). Libérez de la place (corbeille, téléchargements, anciens fichiers), puis réessayez. Rien n’a été modifié : l’opération n’a pas commencé.',
    );
  });

  it('lets the write go when the disk has room', async () => {
    await expect(ensureSpace(32 * MB, desktopWith({ known: true, freeBytes: 33 * MB, totalBytes: 64 * MB }))).resolves.toBeUndefined();
  });

  it('in the browser, free space is unknown (the quota is not the disk): nothing is refused on a guess', async () => {
    expect(await webBridge.diskSpace({ where: 'data' })).toEqual({ ok: true, value: { known: false } });
    await expect(ensureSpace(10_000 * MB, webBridge)).resolves.toBeUndefined();
  });

  it('the channel accepts only the two places', () => {
    const schema = ArgSchemas[Channels.diskSpace];
    expect(schema.safeParse({ where: 'data' }).success).toBe(true);
    expect(schema.safeParse({ where: '/etc' }).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });
});
