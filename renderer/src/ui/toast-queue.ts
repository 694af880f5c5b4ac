/** The toast stack's rules, apart from React: at most `max` shown, the newest last; the oldest give way. */
export interface ToastItem {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

export const MAX_TOASTS = 3;

export function pushToast(list: readonly ToastItem[], item: ToastItem, max = MAX_TOASTS): ToastItem[] {
  // the same message twice in a row is said once (a double click, a repeated save)
  const rest = list.filter((i) => i.text !== item.text || i.kind !== item.kind);
  return [...rest, item].slice(-max);
}

export function dismissToast(list: readonly ToastItem[], id: number): ToastItem[] {
  return list.filter((i) => i.id !== id);
}
