/**
 * The team folder as the team-sync specs see it: a folder of the profile's private file
 * system answers the directory picker (it cannot be driven headless), its files are read
 * back, and a team file is decrypted here, independently of the app's code.
 */
import type { Page } from '@playwright/test';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { expect } from './app';

export const PASSPHRASE = 'phrase de passe de l’équipe';

/** The directory picker answers with a folder of the profile's private file system. */
export const fakePicker = () => {
  (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('equipe', { create: true });
};

/** Every file of the team folder, path → base64. */
export async function folderFiles(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const entry of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        if (entry.kind === 'directory') await walk(entry as FileSystemDirectoryHandle, `${prefix}${entry.name}/`);
        else {
          const bytes = new Uint8Array(await (await (entry as FileSystemFileHandle).getFile()).arrayBuffer());
          let text = '';
          for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
          out[`${prefix}${entry.name}`] = btoa(text);
        }
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('equipe', { create: true }), '');
    return out;
  });
}

/** A team file decrypted: "FMS1", a 24-byte nonce, XChaCha20-Poly1305 with the path as associated data. */
export function decrypt(key: Uint8Array, path: string, b64: string): string {
  const bytes = Uint8Array.from(Buffer.from(b64, 'base64'));
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('FMS1');
  return new TextDecoder().decode(xchacha20poly1305(key, bytes.subarray(4, 28), new TextEncoder().encode(path)).decrypt(bytes.subarray(28)));
}
