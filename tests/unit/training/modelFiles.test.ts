import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { Dataset as H5Dataset, File as H5File, type Group as H5Group, ready as h5Ready } from 'h5wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { KERAS_ENTRIES, KERAS_LAYOUT_VERSION } from '../../../src/engine/kerasConfig.ts';
import { kerasFile, restoreModel, tfjsModelFiles, tfjsZip } from '../../../src/training/modelFiles.ts';
import { buildMlp, snapshotWeights } from '../../../src/training/mlpModel.ts';
import type { MnistDataset } from '../../../src/data/mnist.ts';
import type { WeightSnapshot } from '../../../src/search/jobs.ts';
import { loadSmallMnist, useCpuBackend } from './tfSetup.ts';

const HYPERPARAMETERS = { units_0: 24, dropout_0: 0.2, units_1: 12, dropout_1: 0.1, learning_rate: 0.001 };
const TEST_IMAGES = 100;

let dataset: MnistDataset;
let snapshot: WeightSnapshot;
let pageModel: tf.Sequential;
let pagePredictions: Float32Array;

beforeAll(async () => {
  await useCpuBackend();
  dataset = await loadSmallMnist(10, 10, TEST_IMAGES);
  // Random Glorot weights and biases made non-zero, so that every weight's place in the files matters.
  const built = buildMlp({ units: [24, 12], dropouts: [0.2, 0.1], learningRate: 0.001 }, 7);
  built.setWeights(built.getWeights().map((w, i) => tf.add(w, tf.randomUniform(w.shape, -0.05, 0.05, 'float32', 100 + i))));
  snapshot = await snapshotWeights(built, [24, 12], 3);
  built.dispose();
  pageModel = restoreModel(HYPERPARAMETERS, snapshot);
  pagePredictions = await predict(pageModel, dataset.test.images);
});

async function predict(model: tf.LayersModel, images: Float32Array): Promise<Float32Array> {
  const output = tf.tidy(() => model.predict(tf.tensor2d(images, [images.length / 784, 784])) as tf.Tensor);
  const data = (await output.data()) as Float32Array;
  output.dispose();
  return data;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe('the tfjs layers files', () => {
  it('load back with tf.loadLayersModel and predict as the page model does on 100 test images', async () => {
    const files = await tfjsModelFiles(pageModel);
    const modelJson = JSON.parse(files.modelJson) as tf.io.ModelJSON;
    expect(modelJson.format).toBe('layers-model');
    const specs = modelJson.weightsManifest[0]!.weights;
    expect(specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0)).toBe(snapshot.data.length);
    expect(files.weights.byteLength).toBe(snapshot.data.length * 4);
    const zipped = unzipSync(tfjsZip(files));
    expect(Object.keys(zipped).sort()).toEqual(['model.json', 'model.weights.bin']);
    const weights = zipped['model.weights.bin']!;
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }));
    expect((await snapshotWeights(loaded, [24, 12], 3)).data).toEqual(snapshot.data);
    expectClose(await predict(loaded, dataset.test.images), pagePredictions, 1e-6);
    loaded.dispose();
  });
});

describe('the .keras file', () => {
  let archive: Uint8Array;
  let entries: Record<string, Uint8Array>;

  beforeAll(async () => {
    archive = await kerasFile(HYPERPARAMETERS, snapshot, new Date(2026, 0, 2, 3, 4, 5));
    entries = unzipSync(archive);
  });

  it('holds metadata.json, config.json and model.weights.h5, and the config of a Keras 3 Sequential', () => {
    expect(Object.keys(entries)).toEqual([KERAS_ENTRIES.metadata, KERAS_ENTRIES.config, KERAS_ENTRIES.weights]);
    expect(JSON.parse(strFromU8(entries[KERAS_ENTRIES.metadata]!))).toEqual({ keras_version: KERAS_LAYOUT_VERSION, date_saved: '2026-01-02@03:04:05' });
    const config = JSON.parse(strFromU8(entries[KERAS_ENTRIES.config]!));
    expect(config).toMatchObject({ module: 'keras', class_name: 'Sequential', registered_name: null, config: { name: 'sequential', build_input_shape: [null, 784] } });
    const layers = config.config.layers as { module: string; class_name: string; config: Record<string, unknown>; build_config?: unknown }[];
    expect(layers.map((l) => `${l.module}.${l.class_name}:${String(l.config.name)}`)).toEqual([
      'keras.layers.InputLayer:input_layer', 'keras.layers.Dense:dense', 'keras.layers.Dropout:dropout',
      'keras.layers.Dense:dense_1', 'keras.layers.Dropout:dropout_1', 'keras.layers.Dense:dense_2',
    ]);
    expect(layers.map((l) => l.config.units ?? l.config.rate ?? null)).toEqual([null, 24, 0.2, 12, 0.1, 10]);
    expect(layers.map((l) => l.config.activation ?? null)).toEqual([null, 'relu', null, 'relu', null, 'softmax']);
    expect(layers[1]!.build_config).toEqual({ input_shape: [null, 784] });
    expect(layers[3]!.build_config).toEqual({ input_shape: [null, 24] });
    expect(layers[2]!.build_config).toBeUndefined();
    expect(layers[1]!.config.dtype).toEqual({ module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null });
  });

  it('keeps each Dense layer\'s kernel and bias at layers/<layer>/vars/<index>, equal to the model\'s', async () => {
    const { FS } = await h5Ready;
    FS.writeFile('read-back.h5', entries[KERAS_ENTRIES.weights]!);
    const file = new H5File('read-back.h5', 'r');
    try {
      expect((file.get('vars') as H5Group).attrs['name']?.value).toBe('sequential');
      expect((file.get('layers/dropout/vars') as H5Group).attrs['name']?.value).toBe('dropout');
      expect((file.get('layers/dropout/vars') as H5Group).keys()).toEqual([]);
      const paths = ['dense', 'dense_1', 'dense_2'].flatMap((layer) => [`layers/${layer}/vars/0`, `layers/${layer}/vars/1`]);
      const modelWeights = pageModel.getWeights();
      for (const [i, path] of paths.entries()) {
        const dataset = file.get(path) as H5Dataset;
        expect(dataset.shape).toEqual(modelWeights[i]!.shape);
        expect(dataset.dtype).toBe('<f');
        expect(dataset.value).toEqual(await modelWeights[i]!.data());
      }
    } finally {
      file.close();
      FS.unlink('read-back.h5');
    }
  });

  // An independent reader of the .keras file. CI (CI set, as .ci/run sets it) must run it; elsewhere, a machine
  // without Debian's h5py and numpy reports it skipped, with what to install, rather than failing `npm test`.
  it('predicts, read by Python with zipfile, h5py and numpy, as the page model does on 100 test images', (context) => {
    const missing = spawnSync('/usr/bin/python3', ['-c', 'import h5py, numpy'], { encoding: 'utf8' });
    if ((missing.error || missing.status !== 0) && process.env.CI === undefined) {
      context.skip(`needs /usr/bin/python3 with h5py and numpy (Debian: apt-get install -y python3-h5py python3-numpy)`);
    }
    const directory = mkdtempSync(join(tmpdir(), 'rung-keras-'));
    writeFileSync(join(directory, 'model.keras'), archive);
    writeFileSync(join(directory, 'images.f32'), dataset.test.images);
    let output: string;
    try {
      output = execFileSync('/usr/bin/python3', ['tests/unit/training/kerasPredict.py', join(directory, 'model.keras'), join(directory, 'images.f32')], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`the Python check of the .keras file failed; it needs Debian's python3-h5py and python3-numpy (apt-get install -y python3-h5py python3-numpy): ${(error as Error).message}`);
    }
    expectClose(JSON.parse(output) as number[], pagePredictions, 1e-6);
  });
});
