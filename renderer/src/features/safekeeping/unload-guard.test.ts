import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdUnload, unloadHolds } from './unload-guard';

/** A browser's BeforeUnloadEvent, whose returnValue may be set (Node's Event's may not). */
class BeforeUnload extends Event {
  override returnValue = false;
}
const leave = () => {
  const event = new BeforeUnload('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('leaving while a long write runs', () => {
  beforeEach(() => vi.stubGlobal('window', new EventTarget()));
  afterEach(() => vi.unstubAllGlobals());

  it('asks while at least one write holds the window, not after', () => {
    expect(leave()).toBe(false);
    const restore = holdUnload();
    const merge = holdUnload();
    expect(leave()).toBe(true);
    restore();
    restore(); // released twice: counted once
    expect(unloadHolds()).toBe(1);
    expect(leave()).toBe(true);
    merge();
    expect(leave()).toBe(false);
  });
});
