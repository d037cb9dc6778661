import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { bestModelAvailable, chooseModel, evaluateChosenModel, refreshKeptModels, requestModelFile, selectModelSource, toggleConfusionCell } from '../../store/modelActions.ts';
import type { ModelChoice } from '../../store/modelView.ts';
import { selectShownMistakes } from '../../store/selectors/modelMistakes.ts';
import type { ModelFileFormat } from '../../store/modelView.ts';
import { downloadBytes } from '../download.ts';
import { formatPercent } from '../format.ts';
import { Panel } from '../Panel.tsx';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { DigitPad } from './DigitPad.tsx';
import { MistakesGallery } from './MistakesGallery.tsx';
import { ProbabilityBars } from './ProbabilityBars.tsx';
import styles from './ModelPanel.module.css';

const MIME: Record<ModelFileFormat, string> = { tfjs: 'application/zip', keras: 'application/zip' };

async function download(format: ModelFileFormat): Promise<void> {
  const file = await requestModelFile(format);
  if (file) downloadBytes(file.fileName, file.bytes, MIME[format]);
}

const choiceValue = (choice: ModelChoice) => (choice.kind === 'best' ? 'best' : choice.trialId);

/** The model chosen (the retrained best, or a trial with kept weights): its files, where it fails, a pad to try it. */
export function ModelPanel() {
  const { runId, runStatus, trialsEnded, hasBest, ready, model, selectedTrialId } = useAppStore(useShallow((s) => ({
    runId: s.run.runId, runStatus: s.run.status, trialsEnded: s.run.endOrder.length, hasBest: bestModelAvailable(s), ready: selectModelSource(s) !== null, model: s.model,
    selectedTrialId: s.selectedTrialId,
  })));
  const selectedIsKept = selectedTrialId !== null && model.keptTrialIds.includes(selectedTrialId) && choiceValue(model.choice) !== selectedTrialId;
  useEffect(() => void refreshKeptModels(), [runId, runStatus, trialsEnded]);
  const mistakes = selectShownMistakes(model);
  if (!hasBest && model.keptTrialIds.length === 0) return null;
  return (
    <Panel title="Trained model" testId="model-panel">
      <div className={styles.controls}>
        <label>
          Model{' '}
          <select value={choiceValue(model.choice)} onChange={(e) => chooseModel(e.target.value === 'best' ? { kind: 'best' } : { kind: 'trial', trialId: e.target.value })}>
            <option value="best" disabled={!hasBest}>Retrained best model{hasBest ? '' : ' (after the retrain)'}</option>
            {model.keptTrialIds.map((id) => <option key={id} value={id}>Trial {id} (kept best-epoch weights)</option>)}
          </select>
        </label>
        {selectedIsKept && (
          <button type="button" onClick={() => chooseModel({ kind: 'trial', trialId: selectedTrialId })}>Use selected trial {selectedTrialId}</button>
        )}
        <button type="button" disabled={!ready || model.exporting !== null} onClick={() => void download('tfjs')}>Download TensorFlow.js</button>
        <button type="button" disabled={!ready || model.exporting !== null} onClick={() => void download('keras')}>Download .keras</button>
        <button type="button" disabled={!ready || model.evaluating} onClick={evaluateChosenModel}>Where it fails</button>
      </div>
      {model.evaluation && (
        <section className={styles.failures} aria-label="Where it fails" data-testid="model-evaluation">
          <p>
            <span className="muted">{model.evaluation.modelName} on {model.evaluation.testImages} test digits: </span>
            <span className="num" data-testid="evaluation-accuracy">{formatPercent(model.evaluation.correct / model.evaluation.testImages)}</span>
            <span className="muted"> right, {model.evaluation.misclassified.length} wrong</span>
          </p>
          <ConfusionMatrix matrix={model.evaluation.matrix} cell={model.cell} onCell={toggleConfusionCell} />
          <MistakesGallery mistakes={mistakes} />
        </section>
      )}
      <section className={styles.tryIt} aria-label="Try it">
        <DigitPad />
        <ProbabilityBars probabilities={ready ? model.probabilities : null} />
      </section>
    </Panel>
  );
}
