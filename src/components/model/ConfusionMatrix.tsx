import type { CSSProperties } from 'react';
import type { ConfusionCell } from '../../engine/modelEvaluation.ts';
import styles from './ModelPanel.module.css';

interface ConfusionMatrixProps {
  matrix: number[][];
  cell: ConfusionCell | null;
  onCell: (cell: ConfusionCell) => void;
}

const CLASSES = Array.from({ length: 10 }, (_, i) => i);

/** The test-set confusion matrix as a table: a row per true label, a column per prediction, shaded by count. */
export function ConfusionMatrix({ matrix, cell, onCell }: ConfusionMatrixProps) {
  const largest = Math.max(1, ...matrix.flat());
  return (
    <table className={styles.matrix} aria-label="Confusion matrix">
      <caption className="muted">Rows: true label · columns: predicted · click a cell to show its digits</caption>
      <thead>
        <tr>
          <th scope="col"><span className="visually-hidden">true label</span></th>
          {CLASSES.map((c) => <th key={c} scope="col">{c}</th>)}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, label) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {row.map((count, predicted) => {
              const selected = cell?.label === label && cell.predicted === predicted;
              return (
                <td key={predicted} data-label={label} data-predicted={predicted} data-count={count} className={predicted === label ? styles.diagonal : undefined}
                  style={{ '--share': count / largest } as CSSProperties}>
                  <button type="button" aria-pressed={selected} aria-label={`true ${label}, predicted ${predicted}: ${count}`} onClick={() => onCell({ label, predicted })}>
                    {count}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
