import { sampleValue, type HyperparameterValues } from './hyperparameters.ts';
import type { SearchSpace } from './searchSpace.ts';

/** KerasTuner hashes "k=v" pairs in key order; the joined text itself serves as the key here. */
export function configurationKey(values: HyperparameterValues): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${typeof values[k]}:${String(values[k])}`)
    .join('\u0000');
}

export interface DrawnConfiguration {
  /** The new configuration, or null when every draw repeated one already tried. */
  values: HyperparameterValues | null;
  seedState: number;
}

/**
 * KerasTuner's _random_values: one draw per hyperparameter in registration order, each from
 * random.Random(seed_state) with seed_state advancing by one, redrawn while the configuration has
 * been tried before, up to `maxCollisions` times.
 */
export function drawNewConfiguration(space: SearchSpace, seedState: number, tried: ReadonlySet<string>, maxCollisions: number): DrawnConfiguration {
  let state = seedState;
  for (let collisions = 0; collisions <= maxCollisions; collisions++) {
    const values: HyperparameterValues = {};
    for (const hp of space.hyperparameters) {
      values[hp.name] = sampleValue(hp, state);
      state += 1;
    }
    if (!tried.has(configurationKey(values))) return { values, seedState: state };
  }
  return { values: null, seedState: state };
}
