/**
 * Which team this machine has joined, as kept in its `syncState` table, and joining
 * one: shared by the window's service and the sync worker (no bridge, no DOM here).
 *
 * The team key (derived from the passphrase, never the passphrase itself) is kept in
 * this machine's `syncState` table: like the signing key, it never goes into a backup
 * or an exchange file, and lives in the profile's storage.
 */
import type { FourmiliereDatabase } from '../../db/database';
import type { ExchangeScope } from '../safekeeping/exchange';
import { fromBase64, toBase64 } from './cipher';
import { forgetTeam, type Team } from './engine';
import type { FormerId } from './reset';
import { openTeam } from './team';
import type { SyncTransport } from './transport';

export interface ConfigRow {
  id: '~config';
  teamId: string;
  key: string;
  scope: ExchangeScope;
  joinedAt: string;
  /** this machine's id in the folder when it is not its device id (a new one after a restore: reset.ts) */
  replica?: string;
  /** this machine's former ids in the folder (before restores): their folders are retired (engine.ts) */
  retiring?: FormerId[];
}

export async function readConfig(db: FourmiliereDatabase): Promise<ConfigRow | undefined> {
  return (await db.syncState.get('~config')) as unknown as ConfigRow | undefined;
}
export const teamOf = (c: ConfigRow): Team => ({ teamId: c.teamId, key: fromBase64(c.key), scope: c.scope });

/** Joins (or creates) the team of the folder: scrypt of the passphrase, then the key kept here. */
export async function joinHere(db: FourmiliereDatabase, transport: SyncTransport, passphrase: string, scope: ExchangeScope): Promise<{ created: boolean }> {
  const { team, created } = await openTeam(transport, passphrase, { scope });
  const previous = await readConfig(db);
  if (previous && previous.teamId !== team.teamId) await forgetTeam(db);
  await db.syncState.put({ id: '~config', teamId: team.teamId, key: toBase64(team.key), scope: team.scope, joinedAt: new Date().toISOString() } satisfies ConfigRow);
  await db.syncState.delete('~status');
  return { created };
}
