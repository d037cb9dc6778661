import type { MouseEvent } from 'react';
import styles from './SkipLinks.module.css';

/** The ids of the regions a keyboard user can jump to; each region has tabIndex -1 so it can take focus. */
export const SKIP_TARGETS = { results: 'results', leaderboard: 'leaderboard' } as const;

/** Moves focus (and the view) to the region, without writing a #fragment into the shareable URL. */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/**
 * Bypass links (WCAG 2.4.1): the search setup comes first in the tab order, so without them a
 * keyboard user tabs through every field to reach the results. Hidden until focused.
 */
export function SkipLinks() {
  return (
    <nav className={styles.skipLinks} aria-label="Skip links">
      <a href={`#${SKIP_TARGETS.results}`} onClick={(e) => jumpTo(e, SKIP_TARGETS.results)}>Skip to results</a>
      <a href={`#${SKIP_TARGETS.leaderboard}`} onClick={(e) => jumpTo(e, SKIP_TARGETS.leaderboard)}>Skip to the leaderboard</a>
    </nav>
  );
}
