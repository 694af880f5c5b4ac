import { useEffect, useState } from 'react';

/** The current instant, refreshed every `everyMs` so a screen opens signing when the half-day starts. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
