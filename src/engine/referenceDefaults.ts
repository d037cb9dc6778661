import type { Hyperparameter } from './hyperparameters.ts';
import type { SearchSpace } from './searchSpace.ts';
import type { SearchSettings } from './settings.ts';

/** units ranges of the reference KerasTuner run (layers 0–3); layers 4 and 5 are Rung's additions. */
const UNITS_RANGES: ReadonlyArray<readonly [number, number]> = [
  [40, 80],
  [70, 120],
  [35, 65],
  [15, 30],
  [15, 30],
  [10, 20],
];

export const REFERENCE_LEARNING_RATES = [0.01, 0.001, 0.0001];

/** The reference run's results, shown beside Rung's own. */
export const REFERENCE_RESULTS = {
  bestValAccuracy: 0.9713,
  testAccuracy: 0.9726,
  durationMs: (20 * 60 + 23) * 1000,
} as const;

export function defaultLayer(index: number): Hyperparameter[] {
  const [min, max] = UNITS_RANGES[Math.min(index, UNITS_RANGES.length - 1)]!;
  return [
    { name: `units_${index}`, type: 'int', min, max, step: 1 },
    { name: `dropout_${index}`, type: 'float', min: 0.1, max: 0.4, step: 0.1 },
  ];
}

/** The reference space, registered as KerasTuner registers it: units_0, dropout_0, …, learning_rate. */
export function referenceSearchSpace(hiddenLayers = 4): SearchSpace {
  const layers = Array.from({ length: hiddenLayers }, (_, i) => defaultLayer(i)).flat();
  return { hyperparameters: [...layers, { name: 'learning_rate', type: 'choice', values: [...REFERENCE_LEARNING_RATES] }] };
}

export const DEFAULT_SETTINGS: SearchSettings = {
  maxEpochs: 10,
  factor: 3,
  iterations: 1,
  seed: 1,
  objective: 'val_accuracy',
  batchSize: 32,
  trainLimit: null,
  valLimit: null,
  testLimit: null,
};
