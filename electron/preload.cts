/**
 * Sandboxed preload (CommonJS): exposes the Bridge, one method per channel, and
 * nothing else. The renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { Channels, Events } from '../renderer/src/platform/channels';
import type { Bridge } from '../renderer/src/platform/contract';

const bridge = {
  saveFile: (args) => ipcRenderer.invoke(Channels.saveFile, args),
  openFile: (args) => ipcRenderer.invoke(Channels.openFile, args),
  printToPdf: (args) => ipcRenderer.invoke(Channels.printToPdf, args),
  openExternal: (url) => ipcRenderer.invoke(Channels.openExternal, { url }),
  appInfo: () => ipcRenderer.invoke(Channels.appInfo),
  listBackups: () => ipcRenderer.invoke(Channels.listBackups),
  writeBackup: (args) => ipcRenderer.invoke(Channels.writeBackup, args),
  readBackup: (name) => ipcRenderer.invoke(Channels.readBackup, { name }),
  backupSettings: () => ipcRenderer.invoke(Channels.backupSettings),
  configureBackups: (args) => ipcRenderer.invoke(Channels.configureBackups, args),
  chooseBackupFolder: () => ipcRenderer.invoke(Channels.chooseBackupFolder),
  diskSpace: (args) => ipcRenderer.invoke(Channels.diskSpace, args),
  updateSettings: () => ipcRenderer.invoke(Channels.updateSettings),
  configureUpdates: (args) => ipcRenderer.invoke(Channels.configureUpdates, args),
  collectStart: (args) => ipcRenderer.invoke(Channels.collectStart, args),
  collectStop: () => ipcRenderer.invoke(Channels.collectStop),
  // Each answer from a phone is acknowledged once the renderer has stored it (or could not).
  onCollectAnswer: (handler) => {
    const listener = (_event: unknown, payload: unknown) => {
      const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
      void handler(payload)
        .catch(() => ({ ok: false as const, reason: 'storage' as const }))
        .then((outcome) => ipcRenderer.invoke(Channels.collectAck, { deliveryId, outcome }));
    };
    ipcRenderer.on(Events.collectAnswer, listener);
    return () => void ipcRenderer.removeListener(Events.collectAnswer, listener);
  },
  onCollectEnded: (handler) => {
    const listener = (_event: unknown, end: { reason: 'stopped' | 'expired' }) => handler(end);
    ipcRenderer.on(Events.collectEnded, listener);
    return () => void ipcRenderer.removeListener(Events.collectEnded, listener);
  },
  syncTarget: () => ipcRenderer.invoke(Channels.syncTarget),
  chooseSyncFolder: () => ipcRenderer.invoke(Channels.syncChooseFolder),
  configureSyncWebdav: (args) => ipcRenderer.invoke(Channels.syncConfigureWebdav, args),
  clearSyncTarget: () => ipcRenderer.invoke(Channels.syncClearTarget),
  syncList: (dir) => ipcRenderer.invoke(Channels.syncList, { dir }),
  syncRead: (path) => ipcRenderer.invoke(Channels.syncRead, { path }),
  syncWriteNew: (path, bytes) => ipcRenderer.invoke(Channels.syncWriteNew, { path, bytes }),
  syncExists: (path) => ipcRenderer.invoke(Channels.syncExists, { path }),
  syncRemove: (path) => ipcRenderer.invoke(Channels.syncRemove, { path }),
  syncClaimFolder: (device) => ipcRenderer.invoke(Channels.syncClaimFolder, { device }),
  setLanguage: (language) => ipcRenderer.invoke(Channels.setLanguage, { language }),
  onBeforeQuit: (handler) => {
    const listener = () => {
      void handler()
        .catch(() => undefined)
        .finally(() => void ipcRenderer.invoke(Channels.quitReady));
    };
    ipcRenderer.on(Events.beforeQuit, listener);
    return () => void ipcRenderer.removeListener(Events.beforeQuit, listener);
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('fourmiliere', bridge);
