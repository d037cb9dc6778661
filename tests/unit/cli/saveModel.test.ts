import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { Dataset as H5Dataset, File as H5File, ready as h5Ready } from 'h5wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTuneArgs, UsageError } from '../../../src/cli/args.ts';
import { runSearchFromCli } from '../../../src/cli/runSearch.ts';
import type { BestConfig } from '../../../src/engine/bestConfig.ts';
import { loadSmallMnist, useCpuBackend } from '../training/tfSetup.ts';

const LIMITS = ['--train-limit', '300', '--val-limit', '100', '--test-limit', '100'];

describe('npm run tune -- --save-model DIR', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rung-save-model-'));
  const modelDir = join(directory, 'model');
  let exitCode: number;

  beforeAll(async () => {
    await useCpuBackend();
    exitCode = await runSearchFromCli(parseTuneArgs(['--max-epochs', '2', '--factor', '2', '--backend', 'cpu', '--workers', '1', '--quiet', ...LIMITS, '--out', join(directory, 'best.json'), '--save-model', modelDir]));
  });

  it('writes model.json, its weights and model.keras', () => {
    expect(exitCode).toBe(0);
    for (const name of ['model.json', 'model.weights.bin', 'model.keras']) expect(existsSync(join(modelDir, name)), name).toBe(true);
  });

  it('saves the model the retrain tested: re-read, it scores the test accuracy the best config reports, and the .keras holds the same weights', async () => {
    const modelJson = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const weightBytes = readFileSync(join(modelDir, 'model.weights.bin'));
    const specs = modelJson.weightsManifest[0]!.weights;
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData: new Uint8Array(weightBytes).buffer }));
    const { test } = await loadSmallMnist(300, 100, 100);
    const predicted = tf.tidy(() => (model.predict(tf.tensor2d(test.images, [test.count, 784])) as tf.Tensor).argMax(1));
    const classes = await predicted.data();
    predicted.dispose();
    const correct = Array.from(classes).filter((c, i) => c === test.labels[i]).length;
    const config = JSON.parse(readFileSync(join(directory, 'best.json'), 'utf8')) as BestConfig;
    expect(correct / test.count).toBeCloseTo(config.testEvaluation!.runs[0]!.accuracy, 6);

    const entries = unzipSync(new Uint8Array(readFileSync(join(modelDir, 'model.keras'))));
    const kerasConfig = JSON.parse(strFromU8(entries['config.json']!)) as { config: { layers: { class_name: string }[] } };
    expect(kerasConfig.config.layers.filter((l) => l.class_name === 'Dense')).toHaveLength(model.layers.filter((l) => l.getClassName() === 'Dense').length);
    const { FS } = await h5Ready;
    FS.writeFile('cli-model.h5', entries['model.weights.h5']!);
    const h5 = new H5File('cli-model.h5', 'r');
    try {
      const weights = model.getWeights();
      const denseNames = weights.map((_, i) => (Math.floor(i / 2) === 0 ? 'dense' : `dense_${Math.floor(i / 2)}`));
      for (const [i, weight] of weights.entries()) {
        expect((h5.get(`layers/${denseNames[i]}/vars/${i % 2}`) as H5Dataset).value).toEqual(await weight.data());
      }
    } finally {
      h5.close();
      FS.unlink('cli-model.h5');
      model.dispose();
    }
  });

  it('refuses --save-model without a retrain to save', () => {
    expect(() => parseTuneArgs(['--save-model', modelDir, '--retrains', '0'])).toThrow(UsageError);
    expect(() => parseTuneArgs(['--save-model', modelDir, '--retrains', '0'])).toThrow('--save-model needs --retrains of 1 or more');
  });
});
