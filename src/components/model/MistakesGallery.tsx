import type { Misclassified } from '../../engine/modelEvaluation.ts';
import { formatPercent } from '../format.ts';
import { DigitImage } from './DigitImage.tsx';
import styles from './ModelPanel.module.css';

/** Shown at most, most confident first: a gallery, not the whole test split. */
const GALLERY_LIMIT = 120;

/** The misclassified test digits: image, true label, prediction and confidence. */
export function MistakesGallery({ mistakes }: { mistakes: Misclassified[] }) {
  if (mistakes.length === 0) return <p className="muted" data-testid="mistakes-empty">No misclassified digits here.</p>;
  return (
    <ul className={styles.gallery} aria-label="Misclassified test digits" tabIndex={0}>
      {mistakes.slice(0, GALLERY_LIMIT).map((m) => (
        <li key={m.index} data-label={m.label} data-predicted={m.predicted} data-testid="mistake">
          <DigitImage pixels={m.pixels} label={`test digit ${m.index}: a ${m.label} read as ${m.predicted}`} />
          <span className="mono">{m.label}→{m.predicted}</span>
          <span className="num faint">{formatPercent(m.confidence)}</span>
        </li>
      ))}
      {mistakes.length > GALLERY_LIMIT && <li className="faint">and {mistakes.length - GALLERY_LIMIT} more</li>}
    </ul>
  );
}
