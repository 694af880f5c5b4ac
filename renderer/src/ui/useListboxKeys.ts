import { useState, type KeyboardEvent } from 'react';

/**
 * Keyboard handling shared by the comboboxes: arrows move the active option,
 * Enter picks it, Escape closes. Returns the active index and the key handler.
 */
export function useListboxKeys<T>(options: readonly T[], pick: (option: T) => void, close?: () => void) {
  const [active, setActive] = useState(0);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && options[active] !== undefined) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && close) {
      close();
    }
  };
  return { active, setActive, onKeyDown };
}
