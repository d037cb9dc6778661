import { useLayoutEffect, useState, type RefObject } from 'react';

export interface Link {
  from: string;
  to: string;
}

export interface Connector extends Link {
  path: string;
}

function sameConnectors(a: readonly Connector[], b: readonly Connector[]): boolean {
  return a.length === b.length && a.every((c, i) => c.path === b[i]!.path && c.from === b[i]!.from && c.to === b[i]!.to);
}

/**
 * SVG paths from each parent chip's right edge to its promoted child's left edge, in the
 * container's coordinates; measured after layout and again whenever the container resizes.
 */
export function useConnectors(container: RefObject<HTMLElement | null>, links: readonly Link[]): Connector[] {
  const [connectors, setConnectors] = useState<Connector[]>([]);
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => {
      const origin = element.getBoundingClientRect();
      const find = (id: string) => element.querySelector<HTMLElement>(`[data-chip-id="${id}"]`)?.getBoundingClientRect();
      const next: Connector[] = [];
      for (const link of links) {
        const a = find(link.from);
        const b = find(link.to);
        if (!a || !b) continue;
        const x1 = a.right - origin.left;
        const y1 = a.top + a.height / 2 - origin.top;
        const x2 = b.left - origin.left - 3;
        const y2 = b.top + b.height / 2 - origin.top;
        const bend = Math.max(12, (x2 - x1) / 2);
        next.push({ ...link, path: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` });
      }
      // Re-rendering the SVG only when a path moved keeps a per-epoch update to one layout read.
      setConnectors((previous) => (sameConnectors(previous, next) ? previous : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, links]);
  return connectors;
}
