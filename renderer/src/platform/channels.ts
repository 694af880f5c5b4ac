/** IPC channel names, kept apart from the schemas so the preload stays tiny. */
/** Namespaced IPC channels, one per capability. */
export const Channels = {
  saveFile: 'file:save',
  openFile: 'file:open',
  printToPdf: 'print:pdf',
  openExternal: 'shell:open-external',
  appInfo: 'app:info',
  listBackups: 'backup:list',
  writeBackup: 'backup:write',
  readBackup: 'backup:read',
  backupSettings: 'backup:settings',
  configureBackups: 'backup:configure',
  chooseBackupFolder: 'backup:choose-folder',
  quitReady: 'app:quit-ready',
  diskSpace: 'disk:free-space',
  updateSettings: 'update:settings',
  configureUpdates: 'update:configure',
  collectStart: 'collect:start',
  collectStop: 'collect:stop',
  /** the renderer says whether it stored an answer main delivered (the phone waits for it) */
  collectAck: 'collect:ack',
  // team sync folder (features/sync): main keeps the chosen place; the renderer names files inside it
  syncTarget: 'sync:target',
  syncChooseFolder: 'sync:choose-folder',
  syncConfigureWebdav: 'sync:configure-webdav',
  syncClearTarget: 'sync:clear-target',
  syncList: 'sync:list',
  syncRead: 'sync:read',
  syncWriteNew: 'sync:write-new',
  syncExists: 'sync:exists',
  syncRemove: 'sync:remove',
  /** main asks the person whether a device folder an older version made is this computer's */
  syncClaimFolder: 'sync:claim-folder',
  /** the app's language, for the window's own controls (date and time pickers) from the next start */
  setLanguage: 'app:set-language',
} as const;

/** Events main sends to the renderer (one-way). */
export const Events = {
  beforeQuit: 'app:before-quit',
  /** an answer sent from a phone, to store (then acknowledged on collect:ack) */
  collectAnswer: 'collect:answer',
  /** the phone collection stopped by itself (3 hours) or was stopped */
  collectEnded: 'collect:ended',
} as const;
export type Channel = (typeof Channels)[keyof typeof Channels];
