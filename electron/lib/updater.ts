/**
 * Updates: whether to look for one, where, when, and what to tell the person. Pure
 * decisions; main wires them to electron-updater. Updates are off unless a feed is
 * configured, and an organisation that deploys the app itself can turn them off for
 * good with a policy file the user cannot override.
 */
import { join } from 'node:path';
import type { UpdateStatus } from '../../renderer/src/platform/contract';

/** What an organisation may deploy (see policyPaths): `{ "updates": { "enabled": false } }` or `{ "updates": { "url": "https://…" } }`. */
export interface OrgPolicy {
  enabled?: boolean;
  url?: string;
  checkIntervalHours?: number;
}
/** The person's own settings, kept in the app's data folder (update-settings.json). */
export interface UserUpdateSettings {
  url?: string;
  enabled?: boolean;
  lastCheckAt?: string;
}
export interface UpdateInputs {
  isPackaged: boolean;
  /** undefined: no policy file; null: a policy file that could not be read */
  policy: OrgPolicy | null | undefined;
  env: Record<string, string | undefined>;
  user: UserUpdateSettings;
}

export type UpdateDecision =
  | { enabled: true; url: string; source: 'organisation' | 'environment' | 'settings'; intervalHours: number }
  | { enabled: false; reason: 'not-packaged' | 'organisation' | 'policy-unreadable' | 'environment' | 'settings' | 'no-feed' | 'invalid-url'; detail?: string };

export const DEFAULT_INTERVAL_HOURS = 24;
/** The first check waits for the app to settle (and for the automatic copies to be written). */
export const FIRST_CHECK_DELAY_MS = 60_000;

/** Where an organisation puts its policy file, per platform (machine-wide, writable by administrators only). */
export function policyPaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'win32') return [join(env.ProgramData ?? 'C:\\ProgramData', 'Fourmiliere', 'policy.json')];
  if (platform === 'darwin') return ['/Library/Application Support/Fourmiliere/policy.json'];
  return ['/etc/fourmiliere/policy.json'];
}

/** A feed must be https, with no credentials in it (they would be logged and sent around). */
export function isValidFeedUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
}

/** Reads a policy file's text; null when it cannot be trusted (then updates stay off). */
export function parsePolicy(raw: string): OrgPolicy | null {
  try {
    const value = JSON.parse(raw) as { updates?: unknown };
    const u = value.updates;
    if (u === undefined) return {};
    if (typeof u !== 'object' || u === null) return null;
    const { enabled, url, checkIntervalHours } = u as Record<string, unknown>;
    if (enabled !== undefined && typeof enabled !== 'boolean') return null;
    if (url !== undefined && typeof url !== 'string') return null;
    if (checkIntervalHours !== undefined && (typeof checkIntervalHours !== 'number' || !Number.isFinite(checkIntervalHours))) return null;
    return { enabled, url, checkIntervalHours } as OrgPolicy;
  } catch {
    return null;
  }
}

export function parseUserUpdateSettings(raw: string | undefined): UserUpdateSettings {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    return {
      ...(typeof v.url === 'string' ? { url: v.url } : {}),
      ...(typeof v.enabled === 'boolean' ? { enabled: v.enabled } : {}),
      ...(typeof v.lastCheckAt === 'string' && !Number.isNaN(Date.parse(v.lastCheckAt)) ? { lastCheckAt: v.lastCheckAt } : {}),
    };
  } catch {
    return {};
  }
}

const OFF_WORDS = new Set(['0', 'off', 'false', 'non', 'no']);

/**
 * Whether and where to look for updates. The organisation has the last word, then
 * the environment (FOURMILIERE_UPDATES=off, FOURMILIERE_UPDATE_URL), then the person's
 * settings. No feed anywhere: off.
 */
export function decideUpdates(inputs: UpdateInputs): UpdateDecision {
  if (!inputs.isPackaged) return { enabled: false, reason: 'not-packaged' };
  if (inputs.policy === null) return { enabled: false, reason: 'policy-unreadable' };
  const policy = inputs.policy ?? {};
  if (policy.enabled === false) return { enabled: false, reason: 'organisation' };
  const intervalHours = Math.min(168, Math.max(1, Math.round(policy.checkIntervalHours ?? DEFAULT_INTERVAL_HOURS)));
  const feed = (url: string, source: 'organisation' | 'environment' | 'settings'): UpdateDecision =>
    isValidFeedUrl(url) ? { enabled: true, url, source, intervalHours } : { enabled: false, reason: 'invalid-url', detail: url };
  if (policy.url) return feed(policy.url, 'organisation');
  const envSwitch = inputs.env.FOURMILIERE_UPDATES?.trim().toLowerCase();
  if (envSwitch && OFF_WORDS.has(envSwitch)) return { enabled: false, reason: 'environment' };
  if (inputs.env.FOURMILIERE_UPDATE_URL) return feed(inputs.env.FOURMILIERE_UPDATE_URL, 'environment');
  if (inputs.user.enabled === false) return { enabled: false, reason: 'settings' };
  if (inputs.user.url) return feed(inputs.user.url, 'settings');
  return { enabled: false, reason: 'no-feed' };
}

/** How long to wait before the next check: soon after start-up, then once per interval. */
export function nextCheckDelayMs(intervalHours: number, lastCheckAt: string | undefined, now: Date): number {
  const interval = intervalHours * 3600_000;
  const last = lastCheckAt ? Date.parse(lastCheckAt) : NaN;
  // A clock set back makes "last" be in the future: check as if it were never done.
  if (Number.isNaN(last) || last > now.getTime()) return FIRST_CHECK_DELAY_MS;
  return Math.max(FIRST_CHECK_DELAY_MS, last + interval - now.getTime());
}

/** What electron-updater reported, reduced to what the decision needs. */
export type UpdateEvent =
  | { type: 'checking' }
  | { type: 'not-available' }
  | { type: 'available'; version: string }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

export type UpdateNotice =
  | { show: 'nothing'; log?: string }
  | { show: 'dialog'; title: string; message: string; detail: string; buttons: [string, string]; restartButton: 0 };

/**
 * What the person is told. Only a downloaded update is worth interrupting them for;
 * errors (no network in a village hall is the normal case) are logged, never shown,
 * and a version the person was already told about is not announced again.
 */
export function noticeFor(event: UpdateEvent, currentVersion: string, alreadyNotified: ReadonlySet<string> = new Set()): UpdateNotice {
  switch (event.type) {
    case 'checking':
    case 'not-available':
      return { show: 'nothing' };
    case 'available':
      return { show: 'nothing', log: `[update] version ${event.version} available (current ${currentVersion}), downloading` };
    case 'error':
      return { show: 'nothing', log: `[update] check failed: ${event.message}` };
    case 'downloaded':
      // a later check finds the same download again: the person was told once
      if (alreadyNotified.has(event.version)) return { show: 'nothing' };
      return {
        show: 'dialog',
        title: 'Mise à jour prête',
        message: `La version ${event.version} de Fourmilière est téléchargée.`,
        detail: `Vous utilisez la version ${currentVersion}. La nouvelle version s’installera quand vous fermerez l’application, après la copie de sauvegarde habituelle. Vous pouvez aussi redémarrer maintenant.`,
        buttons: ['Redémarrer maintenant', 'Plus tard'],
        restartButton: 0,
      };
  }
}

/** Who decides instead of the person: the organisation's policy, or the environment. */
export function lockedBy(inputs: Pick<UpdateInputs, 'policy' | 'env'>): 'organisation' | 'environment' | null {
  if (inputs.policy === null || inputs.policy?.enabled === false || inputs.policy?.url) return 'organisation';
  const envSwitch = inputs.env.FOURMILIERE_UPDATES?.trim().toLowerCase();
  if ((envSwitch && OFF_WORDS.has(envSwitch)) || inputs.env.FOURMILIERE_UPDATE_URL) return 'environment';
  return null;
}

const sameDecision = (a: UpdateDecision, b: UpdateDecision) =>
  a.enabled === b.enabled && (a.enabled && b.enabled ? a.url === b.url && a.intervalHours === b.intervalHours : true);

/** What Réglages shows: the decision the current files give, and whether this run uses another one. */
export function updateStatus(inputs: UpdateInputs, running: UpdateDecision): UpdateStatus {
  const now = decideUpdates(inputs);
  return {
    enabled: now.enabled,
    reason: now.enabled ? null : now.reason,
    url: now.enabled ? now.url : (now.detail ?? ''),
    intervalHours: now.enabled ? now.intervalHours : DEFAULT_INTERVAL_HOURS,
    userUrl: inputs.user.url ?? '',
    userEnabled: inputs.user.enabled !== false,
    lockedBy: lockedBy(inputs),
    lastCheckAt: inputs.user.lastCheckAt ?? null,
    restartNeeded: !sameDecision(now, running),
  };
}

/**
 * The person's new choice, checked: an empty address removes their feed, anything else
 * must be a valid feed. Refused in French, nothing written.
 */
export function applyUserChoice(current: UserUpdateSettings, choice: { url: string; enabled: boolean }): { ok: true; value: UserUpdateSettings } | { ok: false; error: string } {
  const url = choice.url.trim();
  if (url && !isValidFeedUrl(url)) {
    return { ok: false, error: 'Adresse refusée : une adresse de mises à jour commence par https:// et ne contient ni identifiant ni mot de passe. Rien n’a été modifié.' };
  }
  const { url: _old, ...rest } = current;
  return { ok: true, value: { ...rest, ...(url ? { url } : {}), enabled: choice.enabled } };
}
