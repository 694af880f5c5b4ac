import { createElement, useEffect, useState, type ComponentType } from 'react';
import { useT, type MessageKey } from '../i18n';

/**
 * A screen whose code is fetched once (again after a failure): when it is first drawn, or
 * ahead (prefetch). Not a React `lazy` component: one suspends at its first drawing even when
 * its code is already there, and React then holds the screen back until 300 ms after its
 * fallback was shown (its fallback throttle), so a screen prefetched in time still came 300 ms
 * late. This one is drawn at once when its code is there, else says « Chargement… » until it is.
 */
export function lazyScreen(load: () => Promise<{ default: ComponentType }>, loadingKey: MessageKey = 'app.loading'): { Screen: ComponentType; prefetch: () => Promise<unknown> } {
  let loaded: ComponentType | null = null;
  let loading: Promise<{ default: ComponentType }> | null = null;
  const once = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  function Screen() {
    const t = useT();
    // drawn again once the code is there (a counter: a component given to useState would be called as its initialiser)
    const [, drawAgain] = useState(0);
    const [failure, setFailure] = useState<unknown>(null);
    useEffect(() => {
      if (loaded) return;
      let wanted = true;
      once().then(
        () => wanted && drawAgain((n) => n + 1),
        (error: unknown) => wanted && setFailure(error ?? new Error('chunk')),
      );
      return () => {
        wanted = false;
      };
    }, []);
    // the app's error boundary says what failed, as for a lazy component
    if (failure) throw failure;
    return loaded ? createElement(loaded) : <p role="status">{t(loadingKey)}</p>;
  }
  return { Screen, prefetch: once };
}
