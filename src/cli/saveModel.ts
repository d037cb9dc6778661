import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import { kerasFile, restoreModel, tfjsModelFiles } from '../training/modelFiles.ts';

export const SAVED_MODEL_FILES = { modelJson: 'model.json', keras: 'model.keras' } as const;

/** `--save-model DIR`: the tfjs layers files (model.json beside its weights) and the Keras 3 file; returns their paths. */
export async function saveModelFiles(directory: string, hyperparameters: HyperparameterValues, weights: WeightSnapshot): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  const model = restoreModel(hyperparameters, weights);
  try {
    const tfjs = await tfjsModelFiles(model);
    const files: [string, string | Uint8Array][] = [
      [SAVED_MODEL_FILES.modelJson, tfjs.modelJson],
      [tfjs.weightsName, tfjs.weights],
      [SAVED_MODEL_FILES.keras, await kerasFile(hyperparameters, weights)],
    ];
    return files.map(([name, contents]) => {
      const path = join(directory, name);
      writeFileSync(path, contents);
      return path;
    });
  } finally {
    model.dispose();
  }
}
