/**
 * The desktop's question when the window is closed while a restore, an import or a
 * merge runs (the renderer holds beforeunload; Electron then emits 'will-prevent-unload'
 * and shows nothing by itself).
 */
import type { MessageBoxSyncOptions } from 'electron';

export const UNLOAD_DIALOG: MessageBoxSyncOptions = {
  type: 'warning',
  buttons: ['Rester', 'Fermer quand même'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
  title: 'Opération en cours',
  message: 'Une restauration, un import ou une fusion est en cours.',
  detail: 'Fermer maintenant l’interromprait. Elle s’écrit d’un seul tenant : rien n’en serait gardé, et vos données resteraient comme avant l’opération.',
};

/** True when the person chose to close anyway (the button after "Rester"). */
export const leaveAnyway = (response: number): boolean => response === 1;
