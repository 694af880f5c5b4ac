import { describe, expect, it } from 'vitest';
import {
  applyUserChoice,
  decideUpdates,
  updateStatus,
  FIRST_CHECK_DELAY_MS,
  isValidFeedUrl,
  nextCheckDelayMs,
  noticeFor,
  parsePolicy,
  parseUserUpdateSettings,
  policyPaths,
  type UpdateInputs,
} from './updater';

const base: UpdateInputs = { isPackaged: true, policy: undefined, env: {}, user: {} };
const FEED = 'https://maj.ot-exemple.fr/fourmiliere/';

describe('whether to look for updates', () => {
  it('is off when no feed is configured anywhere', () => {
    expect(decideUpdates(base)).toEqual({ enabled: false, reason: 'no-feed' });
  });

  it('is off in a development build, whatever is configured', () => {
    expect(decideUpdates({ ...base, isPackaged: false, env: { FOURMILIERE_UPDATE_URL: FEED } })).toEqual({ enabled: false, reason: 'not-packaged' });
  });

  it('takes the feed from the settings, the environment, or the organisation, the organisation first', () => {
    expect(decideUpdates({ ...base, user: { url: FEED } })).toMatchObject({ enabled: true, url: FEED, source: 'settings', intervalHours: 24 });
    expect(decideUpdates({ ...base, env: { FOURMILIERE_UPDATE_URL: FEED }, user: { url: 'https://other.example/' } })).toMatchObject({ enabled: true, url: FEED, source: 'environment' });
    expect(decideUpdates({ ...base, policy: { url: FEED, checkIntervalHours: 6 }, env: { FOURMILIERE_UPDATE_URL: 'https://other.example/' } })).toEqual({ enabled: true, url: FEED, source: 'organisation', intervalHours: 6 });
  });

  it('stays off where the organisation turned it off, even if the person sets a feed', () => {
    const orgOff = { ...base, policy: { enabled: false }, env: { FOURMILIERE_UPDATE_URL: FEED }, user: { url: FEED, enabled: true } };
    expect(decideUpdates(orgOff)).toEqual({ enabled: false, reason: 'organisation' });
  });

  it('stays off when a policy file exists but cannot be read: the organisation meant something', () => {
    expect(decideUpdates({ ...base, policy: null, user: { url: FEED } })).toEqual({ enabled: false, reason: 'policy-unreadable' });
  });

  it('can be turned off by the environment or by the person', () => {
    expect(decideUpdates({ ...base, env: { FOURMILIERE_UPDATES: 'off', FOURMILIERE_UPDATE_URL: FEED } })).toEqual({ enabled: false, reason: 'environment' });
    expect(decideUpdates({ ...base, env: { FOURMILIERE_UPDATES: '0' }, user: { url: FEED } })).toEqual({ enabled: false, reason: 'environment' });
    expect(decideUpdates({ ...base, user: { url: FEED, enabled: false } })).toEqual({ enabled: false, reason: 'settings' });
  });

  it('refuses a feed that is not https or carries credentials', () => {
    expect(decideUpdates({ ...base, user: { url: 'http://maj.example/' } })).toMatchObject({ enabled: false, reason: 'invalid-url' });
    expect(isValidFeedUrl('https://user:pass@maj.example/')).toBe(false);
    expect(isValidFeedUrl('file:///etc/passwd')).toBe(false);
    expect(isValidFeedUrl('pas une adresse')).toBe(false);
    expect(isValidFeedUrl(FEED)).toBe(true);
  });

  it('keeps the interval between 1 hour and a week', () => {
    expect(decideUpdates({ ...base, policy: { url: FEED, checkIntervalHours: 0 } })).toMatchObject({ intervalHours: 1 });
    expect(decideUpdates({ ...base, policy: { url: FEED, checkIntervalHours: 10_000 } })).toMatchObject({ intervalHours: 168 });
  });
});

describe('the files that configure it', () => {
  it('reads an organisation policy, and distrusts a malformed one', () => {
    expect(parsePolicy('{"updates":{"enabled":false}}')).toEqual({ enabled: false });
    expect(parsePolicy(`{"updates":{"url":"${FEED}","checkIntervalHours":12}}`)).toEqual({ url: FEED, checkIntervalHours: 12 });
    expect(parsePolicy('{}')).toEqual({});
    expect(parsePolicy('{"updates":{"enabled":"non"}}')).toBeNull();
    expect(parsePolicy('{"updates":true}')).toBeNull();
    expect(parsePolicy('{oops')).toBeNull();
  });

  it('reads the person’s settings defensively', () => {
    expect(parseUserUpdateSettings(undefined)).toEqual({});
    expect(parseUserUpdateSettings('garbage')).toEqual({});
    expect(parseUserUpdateSettings(`{"url":"${FEED}","enabled":true,"lastCheckAt":"2026-12-01T10:00:00.000Z"}`)).toEqual({ url: FEED, enabled: true, lastCheckAt: '2026-12-01T10:00:00.000Z' });
    expect(parseUserUpdateSettings('{"url":3,"lastCheckAt":"hier"}')).toEqual({});
  });

  it('looks for the policy where only an administrator can write, per platform', () => {
    expect(policyPaths('linux', {})).toEqual(['/etc/fourmiliere/policy.json']);
    expect(policyPaths('win32', { ProgramData: 'D:\\ProgramData' })[0]).toContain('Fourmiliere');
    expect(policyPaths('darwin', {})).toEqual(['/Library/Application Support/Fourmiliere/policy.json']);
  });
});

describe('when to look', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  it('checks soon after start-up the first time', () => {
    expect(nextCheckDelayMs(24, undefined, now)).toBe(FIRST_CHECK_DELAY_MS);
  });
  it('waits for the rest of the interval after a recent check', () => {
    expect(nextCheckDelayMs(24, '2026-12-03T04:00:00Z', now)).toBe(18 * 3600_000);
  });
  it('checks soon when the last check is older than the interval, or in the future (clock set back)', () => {
    expect(nextCheckDelayMs(24, '2026-11-30T10:00:00Z', now)).toBe(FIRST_CHECK_DELAY_MS);
    expect(nextCheckDelayMs(24, '2027-01-01T00:00:00Z', now)).toBe(FIRST_CHECK_DELAY_MS);
  });
});

describe('what the person is told', () => {
  it('says nothing while checking, when up to date, or when the check fails (offline is normal)', () => {
    expect(noticeFor({ type: 'checking' }, '0.1.0')).toEqual({ show: 'nothing' });
    expect(noticeFor({ type: 'not-available' }, '0.1.0')).toEqual({ show: 'nothing' });
    const error = noticeFor({ type: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' }, '0.1.0');
    expect(error.show).toBe('nothing');
    expect(error.show === 'nothing' && error.log).toContain('ERR_INTERNET_DISCONNECTED');
  });

  it('offers to restart once a version is downloaded, in French, naming both versions', () => {
    const notice = noticeFor({ type: 'downloaded', version: '0.2.0' }, '0.1.0');
    expect(notice).toMatchObject({ show: 'dialog', buttons: ['Redémarrer maintenant', 'Plus tard'], restartButton: 0 });
    expect(notice.show === 'dialog' && `${notice.message} ${notice.detail}`).toMatch(/version 0\.2\.0.*version 0\.1\.0/s);
  });

  it('does not announce the same version twice', () => {
    expect(noticeFor({ type: 'downloaded', version: '0.2.0' }, '0.1.0', new Set(['0.2.0']))).toEqual({ show: 'nothing' });
  });
});

describe('what Réglages shows and lets the person change', () => {
  it('shows the person’s feed, and that a change waits for the next start', () => {
    const running = decideUpdates(base);
    const status = updateStatus({ ...base, user: { url: FEED } }, running);
    expect(status).toMatchObject({ enabled: true, reason: null, url: FEED, userUrl: FEED, userEnabled: true, lockedBy: null, restartNeeded: true });
    expect(updateStatus(base, running)).toMatchObject({ enabled: false, reason: 'no-feed', restartNeeded: false });
  });

  it('says when the organisation or the environment decides instead', () => {
    const off = decideUpdates({ ...base, policy: { enabled: false } });
    expect(updateStatus({ ...base, policy: { enabled: false }, user: { url: FEED } }, off)).toMatchObject({ enabled: false, reason: 'organisation', lockedBy: 'organisation', userUrl: FEED, restartNeeded: false });
    expect(updateStatus({ ...base, policy: null }, off)).toMatchObject({ lockedBy: 'organisation', reason: 'policy-unreadable' });
    expect(updateStatus({ ...base, env: { FOURMILIERE_UPDATE_URL: FEED } }, off)).toMatchObject({ lockedBy: 'environment', url: FEED });
    expect(updateStatus({ ...base, user: { url: 'http://pas-https.example/' } }, off)).toMatchObject({ reason: 'invalid-url', url: 'http://pas-https.example/' });
  });

  it('takes a valid feed or none, and refuses anything else in French', () => {
    expect(applyUserChoice({ lastCheckAt: '2026-12-01T00:00:00.000Z' }, { url: `  ${FEED} `, enabled: true })).toEqual({ ok: true, value: { url: FEED, enabled: true, lastCheckAt: '2026-12-01T00:00:00.000Z' } });
    expect(applyUserChoice({ url: FEED }, { url: '', enabled: true })).toEqual({ ok: true, value: { enabled: true } });
    expect(applyUserChoice({ url: FEED }, { url: FEED, enabled: false })).toEqual({ ok: true, value: { url: FEED, enabled: false } });
    const refused = applyUserChoice({ url: FEED }, { url: 'http://maj.example/', enabled: true });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^Adresse refusée : .*Rien n’a été modifié\.$/) });
  });
});
