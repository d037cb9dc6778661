import { addLearningRate, removeLearningRate, resetLearningRate, setLearningRate } from '../../store/editorActions.ts';
import type { SpaceDraft } from '../../store/spaceDraft.ts';
import { describeHyperparameter } from './RangeRow.tsx';
import { FieldInput, FieldMessage } from './FieldInput.tsx';
import styles from './LearningRateEditor.module.css';
import rangeRow from './RangeRow.module.css';

interface LearningRateEditorProps {
  draft: SpaceDraft['learningRate'];
  errors: Record<string, string>;
}

/** The learning-rate choices Adam may be given; one is drawn per configuration. */
export function LearningRateEditor({ draft, errors }: LearningRateEditorProps) {
  if (draft.kind === 'other') {
    return (
      <fieldset>
        <legend>Learning rate</legend>
        <div className={rangeRow.summary}>
          <span title="Imported: this form cannot edit it">{describeHyperparameter(draft.hp)}</span>
          <button type="button" className="small" onClick={resetLearningRate} aria-label="Reset learning rate">
            Reset
          </button>
        </div>
        {Object.entries(errors)
          .filter(([field]) => field === 'learning_rate' || field.startsWith('learning_rate.'))
          .map(([field, message]) => <FieldMessage key={field} field={field} error={message} prefix={field} />)}
      </fieldset>
    );
  }
  return (
    <fieldset>
      <legend>Learning rate choices</legend>
      <ul className={styles.choices}>
        {draft.values.map((value, index) => {
          const field = `learning_rate.values.${index}`;
          return (
            <li key={index}>
              <div className={styles.choice}>
                <FieldInput field={field} value={value} error={errors[field]} onChange={(v) => setLearningRate(index, v)} ariaLabel={`Learning rate ${index + 1}`} />
                <button type="button" className="small" onClick={() => removeLearningRate(index)} aria-label={`Remove learning rate ${index + 1}`}>
                  Remove
                </button>
              </div>
              <FieldMessage field={field} error={errors[field]} />
            </li>
          );
        })}
      </ul>
      <FieldMessage field="learning_rate.values" error={errors['learning_rate.values']} />
      <button type="button" className="small" onClick={addLearningRate}>
        Add learning rate
      </button>
    </fieldset>
  );
}
