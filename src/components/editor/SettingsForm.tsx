import { useShallow } from 'zustand/react/shallow';
import type { ObjectiveName } from '../../engine/settings.ts';
import { SPLIT_SIZES } from '../../engine/settings.ts';
import type { TrainerChoice } from '../../search/trainerChoice.ts';
import { useAppStore } from '../../store/appStore.ts';
import { SCHEDULE_LOCK_REASON, setObjective, setSetting, setTrainer } from '../../store/editorActions.ts';
import { selectDraftValidation } from '../../store/selectors/draftValidation.ts';
import { isActiveStatus } from '../../store/selectors/runActivity.ts';
import type { NumericSetting } from '../../store/settingsDraft.ts';
import { TextField } from './TextField.tsx';
import styles from './SettingsForm.module.css';

const LOCK_ID = 'schedule-lock-reason';

const SCHEDULE_FIELDS: { field: NumericSetting; label: string; hiddenLabelPrefix?: string }[] = [
  { field: 'maxEpochs', label: 'Max epochs' },
  { field: 'factor', label: 'Factor' },
  { field: 'iterations', label: 'Iterations', hiddenLabelPrefix: 'Hyperband' },
];

const LIMIT_FIELDS: { field: NumericSetting; label: string; all: number }[] = [
  { field: 'trainLimit', label: 'Training', all: SPLIT_SIZES.train },
  { field: 'valLimit', label: 'Validation', all: SPLIT_SIZES.validation },
  { field: 'testLimit', label: 'Test', all: SPLIT_SIZES.test },
];

export function SettingsForm() {
  const { draft, errors, locked } = useAppStore(
    useShallow((s) => ({ draft: s.settingsDraft, errors: selectDraftValidation(s).errors, locked: isActiveStatus(s.run.status) })),
  );
  const field = (name: NumericSetting | 'retrains') => ({
    field: name,
    value: draft[name],
    error: errors[name],
    onChange: (value: string) => setSetting(name, value),
    inputMode: 'numeric' as const,
  });
  return (
    <div className={styles.settings}>
      <fieldset>
        <legend>Hyperband schedule</legend>
        {locked && <p className={`lock-reason ${styles.lockReason}`} id={LOCK_ID}>{SCHEDULE_LOCK_REASON}</p>}
        <div className="field-grid">
          {SCHEDULE_FIELDS.map(({ field: name, label, hiddenLabelPrefix }) => (
            <TextField key={name} label={label} hiddenLabelPrefix={hiddenLabelPrefix} {...field(name)} disabled={locked} describedBy={locked ? LOCK_ID : undefined} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Training</legend>
        <div className="field-grid">
          <TextField label="Seed" {...field('seed')} />
          <TextField label="Batch size" {...field('batchSize')} />
          <TextField label="Retrains" hiddenLabelPrefix="Best model" hint="(0–5)" {...field('retrains')} describedBy="retrains-hint" />
        </div>
        <p className={`faint ${styles.note}`} id="retrains-hint">Retrains: how often the best configuration is trained again for max epochs and tested when the search ends.</p>
      </fieldset>
      <div className={`field-grid ${styles.oneColumn}`}>
        <label className="field">
          Objective
          <select value={draft.objective} onChange={(e) => setObjective(e.target.value as ObjectiveName)}>
            <option value="val_accuracy">val_accuracy (maximised)</option>
            <option value="val_loss">val_loss (minimised)</option>
          </select>
        </label>
        <label className="field">
          Trainer
          <select value={draft.trainer} onChange={(e) => setTrainer(e.target.value as TrainerChoice)}>
            <option value="auto">auto: fused, but fit on the CPU backend</option>
            <option value="fused">fused: trials of a round train together</option>
            <option value="fit">fit: one trial at a time (model.fit)</option>
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Data limits <span className="faint">(images per split; empty = all)</span></legend>
        <div className="field-grid">
          {LIMIT_FIELDS.map(({ field: name, label, all }) => (
            <TextField key={name} label={label} placeholder={`all ${all.toLocaleString('en-US')}`} {...field(name)} />
          ))}
        </div>
      </fieldset>
    </div>
  );
}
