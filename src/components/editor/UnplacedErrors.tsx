import type { SpaceDraft } from '../../store/spaceDraft.ts';
import { isPlacedField } from './placedFields.ts';
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
