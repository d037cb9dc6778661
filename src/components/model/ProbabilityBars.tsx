import type { CSSProperties } from 'react';
import { formatPercent } from '../format.ts';
import styles from './ModelPanel.module.css';

/** The model's ten probabilities for the drawing, one bar per digit; the most likely is marked. */
export function ProbabilityBars({ probabilities }: { probabilities: number[] | null }) {
  if (!probabilities) return <p className="muted" data-testid="probabilities-empty">Draw a digit to see what the model reads.</p>;
  const top = probabilities.indexOf(Math.max(...probabilities));
  return (
    <ol className={styles.bars} aria-label="Probability of each digit" data-testid="probability-bars">
      {probabilities.map((p, digit) => (
        <li key={digit} data-digit={digit} data-probability={p} className={digit === top ? styles.top : undefined}>
          <span className="mono">{digit}</span>
          <span className={styles.bar} style={{ '--share': p } as CSSProperties} />
          <span className="num">{formatPercent(p, 1)}</span>
        </li>
      ))}
    </ol>
  );
}
