import { NUMERIC_SETTINGS } from '../../store/settingsDraft.ts';
import type { SpaceDraft } from '../../store/spaceDraft.ts';
import styles from './UnplacedErrors.module.css';

/** Problems that belong to no single input (e.g. the model is too large), so none goes unseen. */
export function UnplacedErrors({ errors, draft }: { errors: Record<string, string>; draft: SpaceDraft }) {
  const unplaced = Object.entries(errors).filter(([field]) => !isPlacedField(field, draft));
  if (unplaced.length === 0) return null;
  return (
    <ul className={styles.errors}>
      {unplaced.map(([field, message]) => (
        <li key={field}>
          <code>{field}</code>: {message}
        </li>
      ))}
    </ul>
  );
}

/** Whether the editor shows this validation key beside a field; the others are listed at the top. */
function isPlacedField(field: string, draft: SpaceDraft): boolean {
  if ((NUMERIC_SETTINGS as readonly string[]).includes(field) || field === 'retrains' || field === 'layers') return true;
  const layer = /^(units|dropout)_(\d+)(?:\.(\w+))?$/.exec(field);
  if (layer) {
    const range = draft.layers[Number(layer[2])]?.[layer[1] as 'units' | 'dropout'];
    if (!range) return false;
    return range.kind === 'other' || ['min', 'max', 'step'].includes(layer[3] ?? '');
  }
  if (draft.learningRate.kind === 'other') return field === 'learning_rate' || field.startsWith('learning_rate.');
  return field === 'learning_rate.values' || /^learning_rate\.values\.\d+$/.test(field);
}
