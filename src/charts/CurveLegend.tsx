import { memo } from 'react';
import { bracketColour, describeDivergence, lineColour, type CurveLine } from './palette.ts';
import chart from './chart.module.css';
import styles from './CurveLegend.module.css';

interface CurveLegendProps {
  series: CurveLine[];
  selectedTrialId: string | null;
  onSelect(trialId: string): void;
}

/** The trials drawn, as buttons (the keyboard way to select one), and the bracket colour key. */
export const CurveLegend = memo(function CurveLegend({ series, selectedTrialId, onSelect }: CurveLegendProps) {
  const brackets = [...new Set(series.map((s) => s.bracket))].sort((a, b) => b - a);
  return (
    <div className={styles.legend}>
      <ul className={`${styles.key} ${styles.bracketKey}`} aria-label="Bracket colours">
        {brackets.map((bracket) => (
          <li key={bracket}>
            <span className={chart.swatch} style={{ background: bracketColour(bracket) }} aria-hidden="true" />
            Bracket {bracket}
          </li>
        ))}
        {series.some((s) => s.status === 'failed') && (
          <li>
            <span className={`${chart.swatch} ${chart.swatchFailed}`} aria-hidden="true" />
            failed
          </li>
        )}
        {series.some((s) => s.divergedAt) && (
          <li>
            <span className="diverged-mark" aria-hidden="true">✕</span>
            diverged (the line ends where the loss stopped being finite)
          </li>
        )}
      </ul>
      <ul className={`${styles.key} ${styles.trialKey}`} aria-label="Trials on the charts">
        {[...series].sort((a, b) => a.trialId.localeCompare(b.trialId)).map((line) => (
          <li key={line.trialId}>
            <button
              type="button"
              className={styles.item}
              aria-pressed={line.trialId === selectedTrialId}
              onClick={() => onSelect(line.trialId)}
              title={`Trial ${line.trialId}, bracket ${line.bracket}, ${line.status}${line.divergedAt ? `, ${describeDivergence(line.divergedAt)}` : ''}`}
            >
              <span className={line.status === 'failed' ? `${chart.swatch} ${chart.swatchFailed}` : chart.swatch} style={{ background: lineColour(line) }} aria-hidden="true" />
              <span className="mono">{line.trialId}</span>
              {line.divergedAt && <span className="diverged-mark" aria-label={describeDivergence(line.divergedAt)}>✕</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
});
