import { MAX_HIDDEN_LAYERS, MIN_HIDDEN_LAYERS } from '../engine/mlpSpace.ts';
import type { ObjectiveName } from '../engine/settings.ts';
import type { TrainerChoice } from '../search/trainerChoice.ts';
import { useAppStore } from './appStore.ts';
import { isActiveStatus } from './selectors/runActivity.ts';
import { defaultSettingsDraft, type NumericSetting } from './settingsDraft.ts';
import { defaultLearningRates, draftWithLayerCount, referenceDraft, type LayerDraft, type RangeDraft } from './spaceDraft.ts';

const running = () => isActiveStatus(useAppStore.getState().run.status);

/** Max epochs, factor, iterations and the layer count define the schedule: locked while a search runs. */
export const SCHEDULE_LOCK_REASON = 'Locked while the search runs: it defines the Hyperband schedule.';

export function setSetting(field: NumericSetting | 'retrains', value: string): void {
  if (running() && (field === 'maxEpochs' || field === 'factor' || field === 'iterations')) return;
  useAppStore.setState((s) => ({ settingsDraft: { ...s.settingsDraft, [field]: value } }));
}

export function setObjective(objective: ObjectiveName): void {
  useAppStore.setState((s) => ({ settingsDraft: { ...s.settingsDraft, objective } }));
}

export function setTrainer(trainer: TrainerChoice): void {
  useAppStore.setState((s) => ({ settingsDraft: { ...s.settingsDraft, trainer } }));
}

export function setLayerRange(layer: number, which: keyof LayerDraft, key: keyof Omit<RangeDraft, 'kind'>, value: string): void {
  useAppStore.setState((s) => {
    const layers = s.spaceDraft.layers.map((l, i) => {
      const range = l[which];
      return i === layer && range.kind === 'range' ? { ...l, [which]: { ...range, [key]: value } } : l;
    });
    return { spaceDraft: { ...s.spaceDraft, layers } };
  });
}

/** Puts a hyperparameter the form could not edit (imported) back to a plain range. */
export function resetLayerHyperparameter(layer: number, which: keyof LayerDraft): void {
  const fresh = draftWithLayerCount({ ...useAppStore.getState().spaceDraft, layers: [] }, layer + 1).layers[layer]!;
  useAppStore.setState((s) => ({
    spaceDraft: { ...s.spaceDraft, layers: s.spaceDraft.layers.map((l, i) => (i === layer ? { ...l, [which]: fresh[which] } : l)) },
  }));
}

/** Puts an imported learning rate the form could not edit (e.g. log sampling) back to the reference choices. */
export function resetLearningRate(): void {
  setLearningRates(defaultLearningRates());
}

export function setLayerCount(count: number): void {
  if (running() || count < MIN_HIDDEN_LAYERS || count > MAX_HIDDEN_LAYERS) return;
  useAppStore.setState((s) => ({ spaceDraft: draftWithLayerCount(s.spaceDraft, count) }));
}

function learningRates(): string[] {
  const lr = useAppStore.getState().spaceDraft.learningRate;
  return lr.kind === 'choice' ? lr.values : [];
}

function setLearningRates(values: string[]): void {
  useAppStore.setState((s) => ({ spaceDraft: { ...s.spaceDraft, learningRate: { kind: 'choice', values } } }));
}

export function setLearningRate(index: number, value: string): void {
  setLearningRates(learningRates().map((v, i) => (i === index ? value : v)));
}

export function addLearningRate(): void {
  const values = learningRates();
  const smallest = Math.min(...values.map(Number).filter((v) => Number.isFinite(v) && v > 0));
  setLearningRates([...values, Number.isFinite(smallest) ? String(Number((smallest / 10).toPrecision(6))) : '0.001']);
}

export function removeLearningRate(index: number): void {
  setLearningRates(learningRates().filter((_, i) => i !== index));
}

/** The reference run's space and settings. The layer count and schedule stay while a search runs. */
export function resetToReferenceDefaults(): void {
  if (running()) {
    const layers = useAppStore.getState().spaceDraft.layers.length;
    useAppStore.setState((s) => ({ spaceDraft: referenceDraft(layers), importError: null, settingsDraft: { ...s.settingsDraft, ...keepSchedule(s.settingsDraft) } }));
    return;
  }
  useAppStore.setState({ spaceDraft: referenceDraft(), settingsDraft: defaultSettingsDraft(), importError: null });
}

function keepSchedule(draft: ReturnType<typeof defaultSettingsDraft>) {
  return { maxEpochs: draft.maxEpochs, factor: draft.factor, iterations: draft.iterations };
}
