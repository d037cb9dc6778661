import { useEffect, useState } from 'react';

/** performance.now(), refreshed every `intervalMs` while `active`, so elapsed time and ETA tick between events. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
