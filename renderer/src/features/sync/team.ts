/**
 * Creating or joining a team: the folder's team.json says how to derive the key
 * from the passphrase, and holds a check value sealed with it, so a wrong
 * passphrase is told at once instead of as a pile of unreadable files.
 */
import type { ExchangeScope } from '../safekeeping/exchange';
import { deriveKey, fromBase64, newKdfParams, seal, toBase64, unseal, DEFAULT_KDF } from './cipher';
import { TEAM_FILE, TEAM_FORMAT, teamFileSchema, SYNC_FORMAT_VERSION, type TeamFile } from './format';
import type { Team } from './engine';
import { SyncError, type SyncTransport } from './transport';

const CHECK_PATH = 'team-check';
const CHECK_TEXT = 'fourmiliere';

export async function readTeamFile(transport: SyncTransport): Promise<TeamFile | null> {
  if (!(await transport.exists(''))) throw new SyncError('folder-missing');
  const bytes = await transport.read(TEAM_FILE);
  if (!bytes) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new SyncError('not-a-team', TEAM_FILE);
  }
  if ((raw as { format?: unknown })?.format !== TEAM_FORMAT) throw new SyncError('not-a-team', TEAM_FILE);
  const parsed = teamFileSchema.safeParse(raw);
  if (!parsed.success) throw new SyncError('not-a-team', TEAM_FILE);
  if (parsed.data.formatVersion > SYNC_FORMAT_VERSION) throw new SyncError('newer-format', TEAM_FILE);
  return parsed.data as TeamFile;
}

/** Joins the team of this folder, or creates it there when the folder has none yet. */
export async function openTeam(
  transport: SyncTransport,
  passphrase: string,
  options: { scope?: ExchangeScope; newTeamId?: string; cost?: { N: number; r: number; p: number }; now?: Date } = {},
): Promise<{ team: Team; created: boolean }> {
  if (passphrase.trim().length < 8) throw new SyncError('wrong-passphrase', 'trop courte');
  const existing = await readTeamFile(transport);
  if (existing) {
    const key = await deriveKey(passphrase, existing.kdf);
    try {
      const text = new TextDecoder().decode(unseal(key, `${existing.teamId}/${CHECK_PATH}`, fromBase64(existing.check)));
      if (text !== CHECK_TEXT) throw new Error('check');
    } catch {
      throw new SyncError('wrong-passphrase');
    }
    return { team: { teamId: existing.teamId, key, scope: existing.scope }, created: false };
  }
  const kdf = newKdfParams(options.cost ?? DEFAULT_KDF);
  const key = await deriveKey(passphrase, kdf);
  const teamId = options.newTeamId ?? crypto.randomUUID();
  const scope = options.scope ?? { kind: 'all' };
  const file: TeamFile = {
    format: TEAM_FORMAT,
    formatVersion: SYNC_FORMAT_VERSION,
    teamId,
    createdAt: (options.now ?? new Date()).toISOString(),
    scope,
    kdf,
    check: toBase64(seal(key, `${teamId}/${CHECK_PATH}`, new TextEncoder().encode(CHECK_TEXT))),
  };
  try {
    await transport.writeNew(TEAM_FILE, new TextEncoder().encode(JSON.stringify(file, null, 2)));
  } catch (e) {
    // Another device created it a moment ago: join that one instead.
    if (e instanceof SyncError && e.code === 'exists') return openTeam(transport, passphrase, options);
    throw e;
  }
  return { team: { teamId, key, scope }, created: true };
}

