/** Pure IPC gatekeeping: who may call, and with what arguments. */
import { ArgSchemas, type Channel, type Result } from '../../renderer/src/platform/contract';
import { isAppUrl } from './app-protocol';

export type Logger = (message: string) => void;

/** Only the app's own top frame may call the bridge. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

export function validateArgs<C extends Channel>(channel: C, raw: unknown): Result<unknown> {
  const schema = ArgSchemas[channel];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'argument';
    return { ok: false, error: `invalid ${where}: ${issue?.message ?? 'rejected'}` };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Wraps a handler: checks the sender, validates the argument, and turns thrown
 * errors into `{ ok: false }`. Refusals are logged with their reason, never acted on.
 */
export function guardHandler<C extends Channel, T>(
  channel: C,
  handler: (args: never) => Promise<Result<T>> | Result<T>,
  log: Logger,
) {
  return async (sender: { url: string | undefined; isMainFrame: boolean }, raw: unknown): Promise<Result<T>> => {
    if (!isTrustedSender(sender.url, sender.isMainFrame)) {
      log(`[ipc] ${channel} refused: untrusted sender ${sender.url ?? '(none)'}`);
      return { ok: false, error: 'untrusted sender' };
    }
    const checked = validateArgs(channel, raw);
    if (!checked.ok) {
      log(`[ipc] ${channel} refused: ${checked.error}`);
      return checked;
    }
    try {
      return await handler(checked.value as never);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`[ipc] ${channel} failed: ${message}`);
      return { ok: false, error: message };
    }
  };
}
