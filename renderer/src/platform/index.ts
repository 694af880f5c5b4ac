/** The renderer's only way to the desktop: the preload's bridge, or the web one. */
import type { Bridge } from './contract';
import { webBridge } from './web-bridge';

declare global {
  interface Window {
    fourmiliere?: Bridge;
  }
}

export function getBridge(): Bridge {
  return window.fourmiliere ?? webBridge;
}

export const isDesktop = (): boolean => window.fourmiliere !== undefined;

export type { Bridge, Result, OpenedFile, SavedFile, AppInfo, BackupInfo } from './contract';
