import { describe, expect, it } from 'vitest';
import { leaveAnyway, UNLOAD_DIALOG } from './unload-dialog';

describe('closing during a long write', () => {
  it('asks in French, staying is the default and what Escape does', () => {
    expect(UNLOAD_DIALOG.buttons).toEqual(['Rester', 'Fermer quand même']);
    expect(UNLOAD_DIALOG.buttons?.[UNLOAD_DIALOG.defaultId!]).toBe('Rester');
    expect(UNLOAD_DIALOG.cancelId).toBe(UNLOAD_DIALOG.defaultId);
    expect(leaveAnyway(UNLOAD_DIALOG.cancelId!)).toBe(false);
    expect(leaveAnyway(1)).toBe(true);
  });
});
