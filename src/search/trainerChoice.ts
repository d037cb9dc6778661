import type { TrainerKind } from './jobs.ts';

export type TrainerChoice = TrainerKind | 'auto';

/**
 * Fused where it is faster: every backend but the plain CPU one, where a fused step costs more per
 * trial than `fit` (measured by `npm run bench`; see docs/results.md).
 */
export function resolveTrainer(choice: TrainerChoice, backend: string): TrainerKind {
  if (choice !== 'auto') return choice;
  return backend === 'cpu' ? 'fit' : 'fused';
}
