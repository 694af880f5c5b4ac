import { describe, expect, it } from 'vitest';
import { dismissToast, pushToast, type ToastItem } from './toast-queue';

const item = (id: number, text = `message ${id}`): ToastItem => ({ id, text, kind: 'info' });

describe('the toast stack', () => {
  it('keeps the three newest, oldest first', () => {
    let list: ToastItem[] = [];
    for (const i of [1, 2, 3, 4, 5]) list = pushToast(list, item(i));
    expect(list.map((i) => i.id)).toEqual([3, 4, 5]);
  });
  it('says a repeated message once, as the newest', () => {
    const list = pushToast(pushToast(pushToast([], item(1, 'Enregistré.')), item(2)), item(3, 'Enregistré.'));
    expect(list.map((i) => [i.id, i.text])).toEqual([
      [2, 'message 2'],
      [3, 'Enregistré.'],
    ]);
  });
  it('dismisses one by its id', () => {
    expect(dismissToast([item(1), item(2)], 1).map((i) => i.id)).toEqual([2]);
  });
});
