import { useEffect, useState } from 'react';

/**
 * performance.now(), refreshed `intervalMs` after the component's last render while `active`: elapsed
 * time and ETA tick between store updates, and add no render while updates come that often (callers
 * take the later of this and their data's own latest time).
 */
export function useNow(active: boolean, intervalMs = 2000): number {
  const [now, setNow] = useState(() => performance.now());
  // No dependency list: every render re-arms the timer.
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setNow(performance.now()), intervalMs);
    return () => clearTimeout(timer);
  });
  return now;
}
