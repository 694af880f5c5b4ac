/** Starts the team sync after start-up without putting its code on the first screen's path. */
export function startTeamSyncLater(): () => void {
  let stop: (() => void) | null = null;
  let ended = false;
  void import('./service').then((m) => {
    if (!ended) stop = m.startTeamSync();
  });
  return () => {
    ended = true;
    stop?.();
  };
}
