import { MAX_HIDDEN_LAYERS, MIN_HIDDEN_LAYERS } from '../../engine/mlpSpace.ts';
import { setLayerCount } from '../../store/editorActions.ts';
import { FieldMessage } from './FieldInput.tsx';
import styles from './LayerCountStepper.module.css';

interface LayerCountStepperProps {
  count: number;
  locked: boolean;
  lockReasonId: string;
  error: string | undefined;
}

/** Hidden layers, 1 to 6: a stepper, so the count is always a valid number. */
export function LayerCountStepper({ count, locked, lockReasonId, error }: LayerCountStepperProps) {
  return (
    <div className="field">
      <div className={styles.stepper} role="group" aria-labelledby="layer-count-label" aria-describedby={locked ? lockReasonId : undefined}>
        <span id="layer-count-label" className={styles.label}>Hidden layers</span>
        <button type="button" className="icon" aria-label="Remove a hidden layer" disabled={locked || count <= MIN_HIDDEN_LAYERS} onClick={() => setLayerCount(count - 1)}>
          −
        </button>
        <output className={`${styles.value} num`} data-testid="layer-count" aria-live="polite">{count}</output>
        <button type="button" className="icon" aria-label="Add a hidden layer" disabled={locked || count >= MAX_HIDDEN_LAYERS} onClick={() => setLayerCount(count + 1)}>
          +
        </button>
      </div>
      <FieldMessage field="layers" error={error} />
    </div>
  );
}
