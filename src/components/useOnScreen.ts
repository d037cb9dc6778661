import { useCallback, useEffect, useRef, useState } from 'react';

/** Within this distance of the viewport a panel counts as on screen, so it is current before it scrolls in. */
const MARGIN_PX = 200;

/**
 * Whether the element given to the returned ref is on screen (or near it). True until the first
 * observation, and always where IntersectionObserver is missing, so nothing is hidden by mistake.
 */
export function useOnScreen<T extends Element>(): [(element: T | null) => void, boolean] {
  const [onScreen, setOnScreen] = useState(true);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    observer.current = new IntersectionObserver((entries) => setOnScreen(entries.at(-1)?.isIntersecting ?? true), { rootMargin: `${MARGIN_PX}px` });
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, onScreen];
}
