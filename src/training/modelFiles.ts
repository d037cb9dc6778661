import * as tf from '@tensorflow/tfjs';
import { zipSync, strToU8 } from 'fflate';
import type { Group as H5Group } from 'h5wasm';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import { KERAS_ENTRIES, kerasLayout, kerasMetadata } from '../engine/kerasConfig.ts';
import { mlpArchitecture } from '../engine/mlpSpace.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import { buildMlp, loadWeights } from './mlpModel.ts';

/** The tfjs layers format's two files, named as `tf.loadLayersModel` expects them beside each other. */
export interface TfjsModelFiles {
  modelJson: string;
  weightsName: string;
  weights: Uint8Array;
}

export const TFJS_WEIGHTS_NAME = 'model.weights.bin';

/** A trained model rebuilt from its weights: the same layers as in training, ready to predict. */
export function restoreModel(hyperparameters: HyperparameterValues, snapshot: WeightSnapshot): tf.Sequential {
  const model = buildMlp(mlpArchitecture(hyperparameters), 0);
  try {
    loadWeights(model, snapshot);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/** model.json and its weights, through tfjs's own saver (`tf.io.withSaveHandler`). */
export async function tfjsModelFiles(model: tf.LayersModel): Promise<TfjsModelFiles> {
  let files: TfjsModelFiles | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const weightData = artifacts.weightData;
    if (!(weightData instanceof ArrayBuffer)) throw new Error('tfjs returned its weights in parts; expected one buffer');
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [`./${TFJS_WEIGHTS_NAME}`], weights: artifacts.weightSpecs }],
    };
    files = { modelJson: JSON.stringify(modelJson), weightsName: TFJS_WEIGHTS_NAME, weights: new Uint8Array(weightData) };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return files!;
}

/** The two tfjs files in one zip: model.json and model.weights.bin. */
export function tfjsZip(files: TfjsModelFiles): Uint8Array {
  return zipSync({ 'model.json': strToU8(files.modelJson), [files.weightsName]: files.weights }, { level: 0 });
}

let h5Files = 0;

/** model.weights.h5 as Keras 3's H5IOStore writes it: one `vars` group per layer, one dataset per variable. */
async function kerasWeightsH5(hyperparameters: HyperparameterValues, snapshot: WeightSnapshot): Promise<Uint8Array> {
  // h5wasm carries HDF5 compiled to WebAssembly (4 MB): loaded on the first .keras file, not with the page.
  const { File: H5File, ready } = await import('h5wasm');
  const { FS } = await ready;
  const layout = kerasLayout(mlpArchitecture(hyperparameters));
  const expected = layout.variables.reduce((n, v) => n + v.shape.reduce((a, b) => a * b, 1), 0);
  if (expected !== snapshot.data.length) throw new Error(`the weights hold ${snapshot.data.length} values, the model needs ${expected}`);
  const fileName = `rung-keras-${++h5Files}.h5`;
  const file = new H5File(fileName, 'w');
  try {
    for (const group of layout.groups) {
      const created = group.path.split('/').reduce((parent, part) => (parent.get(part) as H5Group | null) ?? parent.create_group(part), file as H5Group);
      created.create_attribute('name', group.name);
    }
    let offset = 0;
    for (const variable of layout.variables) {
      const size = variable.shape.reduce((a, b) => a * b, 1);
      file.create_dataset({ name: variable.path, data: snapshot.data.slice(offset, offset + size), shape: variable.shape, dtype: '<f' });
      offset += size;
    }
  } finally {
    file.close();
  }
  const bytes = FS.readFile(fileName);
  FS.unlink(fileName);
  return bytes;
}

/** A `.keras` file: metadata.json, config.json and model.weights.h5 in a zip, stored uncompressed as Keras does. */
export async function kerasFile(hyperparameters: HyperparameterValues, snapshot: WeightSnapshot, savedAt = new Date()): Promise<Uint8Array> {
  const weights = await kerasWeightsH5(hyperparameters, snapshot);
  const config = JSON.stringify(kerasLayout(mlpArchitecture(hyperparameters)).config);
  return zipSync({
    [KERAS_ENTRIES.metadata]: strToU8(kerasMetadata(savedAt)),
    [KERAS_ENTRIES.config]: strToU8(config),
    [KERAS_ENTRIES.weights]: weights,
  }, { level: 0 });
}
