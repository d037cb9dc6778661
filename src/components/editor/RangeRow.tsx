import { resetLayerHyperparameter, setLayerRange } from '../../store/editorActions.ts';
import type { LayerDraft, OtherDraft, RangeDraft } from '../../store/spaceDraft.ts';
import { FieldInput, FieldMessage } from './FieldInput.tsx';
import type { Hyperparameter } from '../../engine/hyperparameters.ts';
import styles from './RangeRow.module.css';

const KEYS = ['min', 'max', 'step'] as const;

interface RangeRowProps {
  layer: number;
  which: keyof LayerDraft;
  draft: RangeDraft | OtherDraft;
  errors: Record<string, string>;
}

const LABELS: Record<keyof LayerDraft, string> = { units: 'Units', dropout: 'Dropout' };

/** min / max / step of one layer's units or dropout; an imported range the form cannot edit is summarised. */
export function RangeRow({ layer, which, draft, errors }: RangeRowProps) {
  const name = `${which}_${layer}`;
  const label = LABELS[which];
  if (draft.kind === 'other') {
    const own = Object.entries(errors).filter(([field]) => field === name || field.startsWith(`${name}.`));
    return (
      <div className={`${styles.row} ${styles.other}`}>
        <span className={styles.label}>{label}</span>
        <div className={styles.summary}>
          <span title="Imported: this form cannot edit it">{describeHyperparameter(draft.hp)}</span>
          <button type="button" className="small" onClick={() => resetLayerHyperparameter(layer, which)} aria-label={`Reset layer ${layer + 1} ${which}`}>
            Reset
          </button>
          {own.map(([field, message]) => <FieldMessage key={field} field={field} error={message} prefix={field} />)}
        </div>
      </div>
    );
  }
  return (
    <>
      <div className={styles.row}>
        <span className={styles.label}>{label}</span>
        {KEYS.map((key) => (
          <FieldInput
            key={key}
            field={`${name}.${key}`}
            value={draft[key]}
            error={errors[`${name}.${key}`]}
            onChange={(value) => setLayerRange(layer, which, key, value)}
            ariaLabel={`Layer ${layer + 1} ${which} ${key}`}
            inputMode={which === 'units' ? 'numeric' : 'decimal'}
            placeholder={key === 'step' && which === 'dropout' ? 'none' : undefined}
          />
        ))}
      </div>
      {KEYS.map((key) => <FieldMessage key={key} field={`${name}.${key}`} error={errors[`${name}.${key}`]} prefix={`${label} ${key}`} />)}
    </>
  );
}

/** One line for a hyperparameter the form cannot edit, e.g. "int 32–512, log sampling". */
export function describeHyperparameter(hp: Hyperparameter): string {
  switch (hp.type) {
    case 'int':
    case 'float': {
      const step = hp.step === undefined ? '' : `, step ${hp.step}`;
      const sampling = hp.sampling && hp.sampling !== 'linear' ? `, ${hp.sampling.replace('_', ' ')} sampling` : '';
      return `${hp.type} ${hp.min}–${hp.max}${step}${sampling}`;
    }
    case 'choice':
      return `one of ${hp.values.map(String).join(', ')}`;
    case 'fixed':
      return `fixed at ${String(hp.value)}`;
    case 'boolean':
      return 'true or false';
  }
}
