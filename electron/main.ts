/**
 * Electron main process: thin wiring of the pure decisions in ./lib.
 * Security per Electron's checklist: isolated, sandboxed renderer without Node,
 * app:// protocol with a CSP, navigation/new windows/permissions/webviews denied,
 * external links through the OS after validation, every IPC call checked.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname, networkInterfaces } from 'node:os';
import { Channels, Events, isAllowedExternalUrl, ok, type BackupInfo, type Channel, type CollectOutcome, type CollectStartArgs, type OpenedFile, type Result } from '../renderer/src/platform/contract';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, mimeTypeFor, resolveAppRequest } from './lib/app-protocol';
import { guardHandler } from './lib/ipc';
import { fitToDisplays, MIN_HEIGHT, MIN_WIDTH, parseWindowState, type WindowState } from './lib/window-state';
import { buildMenuTemplate } from './lib/menu';
import { SECURE_WEB_PREFERENCES } from './lib/web-preferences';
import { isPermissionAllowed } from './lib/permissions';
import { listBackupFiles, loadOrCreateDeviceTag, readBackupFile, writeBackupFile, writeFileAtomic } from './lib/backups';
import { freeSpace } from './lib/disk-space';
import { leaveAnyway, UNLOAD_DIALOG } from './lib/unload-dialog';
import { parseBackupSettings, QUIT_BACKUP_TIMEOUT_MS, retentionOf, type StoredBackupSettings } from './lib/backup-settings';
import { createCollectService } from './lib/collect-service';
import { autoUpdater } from 'electron-updater';
import { checkClaim, claimConfirmed, claimDialog, guardedTransport, parseStoredTarget, serialiseTarget, targetInfo, transportOf, webdavTarget, withOwned, type Secrets, type Target } from './lib/sync-target';
import { engineLocale, parseUiLanguage, serialiseUiLanguage, UI_LANGUAGE_FILE } from './lib/ui-language';
import { applyUserChoice, decideUpdates, nextCheckDelayMs, noticeFor, parsePolicy, parseUserUpdateSettings, policyPaths, updateStatus, type OrgPolicy, type UpdateDecision, type UpdateEvent, type UpdateInputs, type UpdateNotice } from './lib/updater';

const log = (message: string) => console.warn(message);
const rendererDir = join(__dirname, '../renderer');
const userData = app.getPath('userData');
const defaultBackupsDir = join(userData, 'sauvegardes');
const backupSettingsFile = join(userData, 'backup-settings.json');
const windowStateFile = join(userData, 'window-state.json');
const updateSettingsFile = join(userData, 'update-settings.json');
// This machine's tag in backup names (kept in userData, never in the possibly shared backups folder).
let deviceTagPromise: Promise<string> | null = null;
const deviceTag = () => (deviceTagPromise ??= loadOrCreateDeviceTag(join(userData, 'device.json'), hostname()));

function readBackupSettings(): StoredBackupSettings {
  return parseBackupSettings(existsSync(backupSettingsFile) ? readFileSync(backupSettingsFile, 'utf8') : undefined);
}
const backupsDir = () => readBackupSettings().folder ?? defaultBackupsDir;
const publicBackupSettings = () => {
  const s = readBackupSettings();
  return { keepDaily: s.keepDaily, keepWeekly: s.keepWeekly, folder: s.folder ?? defaultBackupsDir };
};

// The date and time pickers follow the engine's language, which it takes only at start.
const uiLanguageFile = join(userData, UI_LANGUAGE_FILE);
app.commandLine.appendSwitch('lang', engineLocale(parseUiLanguage(existsSync(uiLanguageFile) ? readFileSync(uiLanguageFile, 'utf8') : undefined)));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    log(`[main] failed to start: ${String(error)}`);
    app.quit();
  });
}

app.on('window-all-closed', () => app.quit());

// The phone collection of an évaluation à chaud (electron/lib/collect-service.ts): on the
// local network only; FOURMILIERE_COLLECT_LOOPBACK=1 (tests) narrows it to this computer.
const collect = createCollectService({ interfaces: networkInterfaces, loopbackOnly: process.env.FOURMILIERE_COLLECT_LOOPBACK === '1', log });
app.on('will-quit', () => void collect.stop());
const watchedForCollect = new WeakSet<WebContents>();
/** A reload or crash of the window loses the code that stores answers: the collection stops with it. */
function stopCollectWithWindow(contents: WebContents): void {
  if (watchedForCollect.has(contents)) return;
  watchedForCollect.add(contents);
  const stop = () => void collect.stop();
  contents.once('destroyed', stop);
  contents.on('render-process-gone', stop);
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) stop();
  });
}

// On quit, the renderer writes a "quit" backup first (it holds the database); we wait
// for it to say it is done, or give up after a delay so quitting never hangs.
let quitBackupDone = false;
let releaseQuit: (() => void) | null = null;
let quitBackupPending: Promise<void> | null = null;
function quitBackup(): Promise<void> {
  const win = mainWindow;
  if (quitBackupDone || !win || win.webContents.isDestroyed()) return Promise.resolve();
  return (quitBackupPending ??= new Promise<void>((resolve) => {
    const finish = () => {
      if (quitBackupDone) return;
      quitBackupDone = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, QUIT_BACKUP_TIMEOUT_MS);
    releaseQuit = finish;
    win.webContents.send(Events.beforeQuit);
  }));
}
app.on('before-quit', (event) => {
  if (quitBackupDone || !mainWindow || mainWindow.webContents.isDestroyed()) return;
  event.preventDefault();
  void quitBackup().then(() => app.quit());
});

// Every web contents, present and future: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`[nav] navigation to ${url} denied`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`[nav] redirect to ${url} denied`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[nav] webview denied');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    else log(`[nav] window.open(${url}) denied`);
    return { action: 'deny' };
  });
});

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(request.url, rendererDir);
    if (!resolved.ok) {
      log(`[protocol] ${request.url} refused: ${resolved.reason}`);
      return new Response(resolved.reason, { status: resolved.status });
    }
    try {
      const body = await readFile(resolved.filePath);
      return new Response(body, {
        headers: { 'content-type': mimeTypeFor(resolved.filePath), 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  // Nothing the renderer asks for (camera, notifications, geolocation…) is needed, but the clipboard.
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => {
    const allowed = isPermissionAllowed(permission, wc.getURL(), isAppUrl);
    if (!allowed) log(`[permission] ${permission} denied`);
    callback(allowed);
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, `${requestingOrigin}/`, isAppUrl));
  registerIpc();
  createWindow();
  startUpdates();
}

/** What the update decision is made from, read afresh: policy file, environment, the person's settings. */
function updateInputs(): UpdateInputs {
  const policyPath = policyPaths(process.platform, process.env).find((path) => existsSync(path));
  let policy: OrgPolicy | null | undefined;
  try {
    policy = policyPath ? parsePolicy(readFileSync(policyPath, 'utf8')) : undefined;
  } catch {
    policy = null;
  }
  const user = parseUserUpdateSettings(existsSync(updateSettingsFile) ? readFileSync(updateSettingsFile, 'utf8') : undefined);
  return { isPackaged: app.isPackaged, policy, env: process.env, user };
}
/** The decision this run of the app made at start-up (a change applies at the next start). */
let runningUpdates: UpdateDecision = { enabled: false, reason: 'not-packaged' };

/** Updates through electron-updater, as electron/lib/updater.ts decides (off unless a feed is configured). */
function startUpdates(): void {
  const inputs = updateInputs();
  const user = inputs.user;
  const decision = decideUpdates(inputs);
  runningUpdates = decision;
  if (!decision.enabled) {
    log(`[update] off: ${decision.reason}${decision.detail ? ` (${decision.detail})` : ''}`);
    return;
  }
  log(`[update] feed ${decision.url} (${decision.source}), every ${decision.intervalHours} h`);
  autoUpdater.setFeedURL({ provider: 'generic', url: decision.url });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = null;
  const notified = new Set<string>();
  const report = (event: UpdateEvent) => {
    const notice = noticeFor(event, app.getVersion(), notified);
    if (notice.show === 'nothing') {
      if (notice.log) log(notice.log);
      return;
    }
    if (event.type === 'downloaded') notified.add(event.version);
    void offerRestart(notice);
  };
  autoUpdater.on('checking-for-update', () => report({ type: 'checking' }));
  autoUpdater.on('update-not-available', () => report({ type: 'not-available' }));
  autoUpdater.on('update-available', (info) => report({ type: 'available', version: info.version }));
  autoUpdater.on('update-downloaded', (info) => report({ type: 'downloaded', version: info.version }));
  autoUpdater.on('error', (error) => report({ type: 'error', message: error.message }));
  const check = async () => {
    const settings = updateInputs().user;
    await writeFileAtomic(userData, 'update-settings.json', JSON.stringify({ ...settings, lastCheckAt: new Date().toISOString() })).catch(() => undefined);
    await autoUpdater.checkForUpdates().catch(() => undefined); // reported through the 'error' event
    schedule(decision.intervalHours * 3600_000);
  };
  const schedule = (ms: number) => setTimeout(() => void check(), ms).unref();
  schedule(nextCheckDelayMs(decision.intervalHours, user.lastCheckAt, new Date()));
}

async function offerRestart(notice: Extract<UpdateNotice, { show: 'dialog' }>): Promise<void> {
  const options = { type: 'info' as const, title: notice.title, message: notice.message, detail: notice.detail, buttons: notice.buttons, defaultId: notice.restartButton, cancelId: 1 };
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  if (response !== notice.restartButton) return;
  await quitBackup(); // quitAndInstall closes the window before 'before-quit': the quit copy is written first
  autoUpdater.quitAndInstall();
}

function loadWindowState(): WindowState {
  const raw = existsSync(windowStateFile) ? readFileSync(windowStateFile, 'utf8') : undefined;
  return fitToDisplays(parseWindowState(raw), screen.getAllDisplays().map((d) => d.workArea));
}

function createWindow(): void {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...(state.x >= 0 || state.y >= 0 ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Fourmilière',
    show: false,
    backgroundColor: '#1f2430',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // A restore, import or merge under way holds beforeunload: ask, and close only if told to.
  win.webContents.on('will-prevent-unload', (event) => {
    if (leaveAnyway(dialog.showMessageBoxSync(win, UNLOAD_DIALOG))) event.preventDefault();
  });
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    writeFileSync(windowStateFile, JSON.stringify({ ...bounds, maximized: win.isMaximized() }));
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isMac: process.platform === 'darwin',
        navigate: (path) => void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify('#' + path)}`),
        printToPdf: () => void win.webContents.executeJavaScript('window.dispatchEvent(new CustomEvent("fourmiliere:print"))'),
        quickSearch: () => void win.webContents.executeJavaScript('window.dispatchEvent(new CustomEvent("fourmiliere:quick-search"))'),
        openExternal: (url) => {
          if (isAllowedExternalUrl(url)) void shell.openExternal(url);
        },
      }),
    ),
  );
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

// ---- team sync folder: main keeps where it is; the renderer names files inside it ----
const syncTargetFile = join(userData, 'sync-target.json');
const secrets: Secrets = {
  available: () => safeStorage.isEncryptionAvailable(),
  encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
  decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
};
let syncTargetCache: Target | null | undefined;
const currentSyncTarget = (): Target | null => (syncTargetCache ??= parseStoredTarget(existsSync(syncTargetFile) ? readFileSync(syncTargetFile, 'utf8') : undefined, secrets));
async function saveSyncTarget(target: Target | null): Promise<void> {
  syncTargetCache = target;
  await writeFileAtomic(userData, 'sync-target.json', target ? serialiseTarget(target, secrets) : '{}');
}
/** The target's transport as main guards it: device folders created here are remembered with the target. */
function ownTransport() {
  const target = currentSyncTarget();
  return guardedTransport(target ?? { kind: 'folder', path: '/' }, transportOf(target), async (device) => {
    const now = currentSyncTarget();
    if (now) await saveSyncTarget({ ...now, owned: [...new Set([...(now.owned ?? []), device])] });
  });
}
function registerSyncIpc(): void {
  handle(Channels.syncTarget, () => ok(targetInfo(currentSyncTarget())));
  handle(Channels.syncChooseFolder, async (_args: undefined, event) => {
    const win = windowOf(event);
    const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const folder = result.filePaths[0];
    if (result.canceled || !folder) return ok(null);
    await saveSyncTarget({ kind: 'folder', path: folder });
    return ok(targetInfo(currentSyncTarget()));
  });
  handle(Channels.syncConfigureWebdav, async (args: { url: string; username: string; password: string }) => {
    const target = webdavTarget(args.url, args.username, args.password);
    // Tried before it is kept: a wrong address or password is said now, not at the first sync.
    if (!(await transportOf(target).exists(''))) return { ok: false, error: 'folder-missing' };
    await saveSyncTarget(target);
    return ok(targetInfo(target)!);
  });
  handle(Channels.syncClearTarget, async () => {
    await saveSyncTarget(null);
    return ok(undefined);
  });
  handle(Channels.syncList, async (args: { dir: string }) => ok(await transportOf(currentSyncTarget()).list(args.dir)));
  handle(Channels.syncRead, async (args: { path: string }) => ok(await transportOf(currentSyncTarget()).read(args.path)));
  handle(Channels.syncWriteNew, async (args: { path: string; bytes: Uint8Array }) => ok(await ownTransport().writeNew(args.path, args.bytes)));
  handle(Channels.syncExists, async (args: { path: string }) => ok(await transportOf(currentSyncTarget()).exists(args.path)));
  // only a log or snapshot in a device folder this computer created (guardedTransport)
  handle(Channels.syncRemove, async (args: { path: string }) => ok(await ownTransport().remove(args.path)));
  // A folder an older version made: main checks it, then only the person's answer to main's own dialog adds it.
  handle(Channels.syncClaimFolder, async (args: { device: string }, event) => {
    const target = currentSyncTarget();
    const claim = await checkClaim(target, transportOf(target), args.device);
    if (claim.already) return ok(true);
    const box = claimDialog(claim, targetInfo(target)!.label);
    const win = windowOf(event);
    const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
    if (!claimConfirmed(response)) return ok(false);
    const now = currentSyncTarget();
    if (!now) return ok(false);
    await saveSyncTarget(withOwned(now, args.device));
    return ok(true);
  });
}

function handle<T>(channel: Channel, handler: (args: never, event: IpcMainInvokeEvent) => Promise<Result<T>> | Result<T>): void {
  ipcMain.handle(channel, (event, raw: unknown) => {
    const frame = event.senderFrame;
    const guarded = guardHandler(channel, (args: never) => handler(args, event), log);
    return guarded({ url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame }, raw);
  });
}

function windowOf(event: IpcMainInvokeEvent): BrowserWindow | undefined {
  return BrowserWindow.fromWebContents(event.sender) ?? undefined;
}

function registerIpc(): void {
  handle(Channels.saveFile, async (args: { suggestedName: string; content: string | Uint8Array; filters?: { name: string; extensions: string[] }[] }, event) => {
    const win = windowOf(event);
    const options = { defaultPath: join(app.getPath('documents'), args.suggestedName), filters: args.filters ?? [] };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return ok({ saved: false });
    await writeFile(result.filePath, args.content);
    return ok({ saved: true, path: result.filePath });
  });
  handle(Channels.openFile, async (args: { filters?: { name: string; extensions: string[] }[]; multiple?: boolean }, event) => {
    const win = windowOf(event);
    const properties: ('openFile' | 'multiSelections')[] = args.multiple ? ['openFile', 'multiSelections'] : ['openFile'];
    const options = { properties, filters: args.filters ?? [] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return ok([]);
    const files: OpenedFile[] = [];
    for (const path of result.filePaths) {
      files.push({ name: path.split(/[\\/]/).pop() ?? 'fichier', bytes: new Uint8Array(await readFile(path)) });
    }
    return ok(files);
  });
  handle(Channels.printToPdf, async (args: { suggestedName: string; landscape?: boolean }, event) => {
    const win = windowOf(event);
    const pdf = await event.sender.printToPDF({ printBackground: true, landscape: args.landscape ?? false, pageSize: 'A4' });
    const options = { defaultPath: join(app.getPath('documents'), args.suggestedName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return ok({ saved: false });
    await writeFile(result.filePath, pdf);
    return ok({ saved: true, path: result.filePath });
  });
  handle(Channels.openExternal, async (args: { url: string }) => {
    if (!isAllowedExternalUrl(args.url)) {
      log(`[shell] external URL refused: ${args.url}`);
      return { ok: false, error: 'URL refusée' };
    }
    await shell.openExternal(args.url);
    return ok(undefined);
  });
  handle(Channels.appInfo, () =>
    ok({ version: app.getVersion(), platform: 'electron' as const, dataFolder: userData, automaticBackups: true }),
  );
  handle(Channels.listBackups, async () => ok(await listBackupFiles(backupsDir(), await deviceTag())));
  // The renderer's proposed name is not used: main names the file after this device.
  handle(Channels.writeBackup, async (args: { content: string | Uint8Array; kind: BackupInfo['kind'] }) =>
    writeBackupFile({ dir: backupsDir(), device: await deviceTag(), kind: args.kind, content: args.content, now: new Date(), retention: retentionOf(readBackupSettings()) }),
  );
  handle(Channels.readBackup, async (args: { name: string }) => readBackupFile(backupsDir(), args.name));
  handle(Channels.backupSettings, () => ok(publicBackupSettings()));
  handle(Channels.configureBackups, async (args: { keepDaily: number; keepWeekly: number; useDefaultFolder?: boolean }) => {
    const current = readBackupSettings();
    const next: StoredBackupSettings = { keepDaily: args.keepDaily, keepWeekly: args.keepWeekly, folder: args.useDefaultFolder ? null : current.folder };
    await writeFile(backupSettingsFile, JSON.stringify(next));
    return ok(publicBackupSettings());
  });
  handle(Channels.chooseBackupFolder, async (_args: undefined, event) => {
    const win = windowOf(event);
    const options = { properties: ['openDirectory' as const, 'createDirectory' as const], defaultPath: backupsDir() };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const folder = result.filePaths[0];
    if (!result.canceled && folder) await writeFile(backupSettingsFile, JSON.stringify({ ...readBackupSettings(), folder }));
    return ok(publicBackupSettings());
  });
  handle(Channels.diskSpace, async (args: { where: 'data' | 'backups' }) => ok(await freeSpace(args.where === 'data' ? userData : backupsDir())));
  handle(Channels.setLanguage, async (args: { language: 'fr' | 'en' }) => {
    await writeFileAtomic(userData, UI_LANGUAGE_FILE, serialiseUiLanguage(args.language));
    return ok(undefined);
  });
  handle(Channels.updateSettings, () => ok(updateStatus(updateInputs(), runningUpdates)));
  handle(Channels.configureUpdates, async (args: { url: string; enabled: boolean }) => {
    const choice = applyUserChoice(updateInputs().user, args);
    if (!choice.ok) return choice;
    await writeFileAtomic(userData, 'update-settings.json', JSON.stringify(choice.value));
    return ok(updateStatus(updateInputs(), runningUpdates));
  });
  handle(Channels.collectStart, async (args: CollectStartArgs, event) => {
    stopCollectWithWindow(event.sender);
    return collect.start(args, event.sender);
  });
  handle(Channels.collectStop, async () => {
    await collect.stop();
    return ok(undefined);
  });
  handle(Channels.collectAck, (args: { deliveryId: string; outcome: CollectOutcome }) => ok(collect.ack(args.deliveryId, args.outcome)));
  handle(Channels.quitReady, () => {
    releaseQuit?.();
    return ok(undefined);
  });
  registerSyncIpc();
}
