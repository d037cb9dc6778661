import { MNIST_CLASSES, MNIST_INPUT_SIZE, type MlpArchitecture } from './mlpSpace.ts';

/**
 * The `.keras` archive's JSON, as Keras 3 writes it for Rung's MLP: checked against keras-team/keras
 * 3.16.0 (keras/src/saving/saving_lib.py, serialization_lib.py, models/sequential.py, layers/core/dense.py,
 * layers/regularization/dropout.py, layers/core/input_layer.py), and compared with a file Keras 3.15.1
 * itself saved. Keys that recent Keras versions added and whose defaults their loaders fill in (Dense
 * `quantization_config: null`, InputLayer `optional: false`, GlorotUniform `input_axes` and
 * `output_axes: null`) are left out, so that older Keras 3 versions, which refuse unknown keys, load
 * the file too.
 */

/** The version whose saving code the layout was checked against; metadata.json states it. */
export const KERAS_LAYOUT_VERSION = '3.16.0';

/** The archive's three entries, in the order Keras writes them. */
export const KERAS_ENTRIES = { metadata: 'metadata.json', config: 'config.json', weights: 'model.weights.h5' } as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One weight dataset of model.weights.h5: `layers/<layer>/vars/<index>`. */
export interface KerasVariable {
  path: string;
  shape: number[];
}

/** One group of model.weights.h5 that Keras creates with a `name` attribute (every layer, and the model at `vars`). */
export interface KerasVarsGroup {
  path: string;
  name: string;
}

export interface KerasLayout {
  config: Json;
  groups: KerasVarsGroup[];
  /** Kernel then bias of each Dense, in the order of Rung's flat weight snapshot. */
  variables: KerasVariable[];
}

const serialized = (module: string, className: string, config: Json, extra: Record<string, Json> = {}): Json => ({
  module, class_name: className, config, registered_name: null, ...extra,
});

const FLOAT32_POLICY = serialized('keras', 'DTypePolicy', { name: 'float32' });

/** Keras names layers by class in snake case, numbered from the second: dense, dense_1, dense_2. */
function uniqueNamer(): (base: string) => string {
  const used = new Map<string, number>();
  return (base) => {
    const count = used.get(base);
    used.set(base, count === undefined ? 0 : count + 1);
    return count === undefined ? base : `${base}_${count + 1}`;
  };
}

function denseLayer(name: string, units: number, inputs: number, activation: string): Json {
  return serialized('keras.layers', 'Dense', {
    name, trainable: true, dtype: FLOAT32_POLICY, units, activation, use_bias: true,
    kernel_initializer: serialized('keras.initializers', 'GlorotUniform', { seed: null }),
    bias_initializer: serialized('keras.initializers', 'Zeros', {}),
    kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null,
  }, { build_config: { input_shape: [null, inputs] } });
}

/** Keras writes no build_config for a Dropout: it has no state to build. */
function dropoutLayer(name: string, rate: number): Json {
  return serialized('keras.layers', 'Dropout', { name, trainable: true, dtype: FLOAT32_POLICY, rate, seed: null, noise_shape: null });
}

/** The Sequential model's config.json and the H5 paths of its weights. */
export function kerasLayout(architecture: MlpArchitecture): KerasLayout {
  const layerName = uniqueNamer();
  const pathName = uniqueNamer();
  const layers: Json[] = [serialized('keras.layers', 'InputLayer', { batch_shape: [null, MNIST_INPUT_SIZE], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer' })];
  const groups: KerasVarsGroup[] = [{ path: 'vars', name: 'sequential' }];
  const variables: KerasVariable[] = [];
  const addDense = (units: number, inputs: number, activation: string) => {
    const name = layerName('dense');
    const path = `layers/${pathName('dense')}/vars`;
    layers.push(denseLayer(name, units, inputs, activation));
    groups.push({ path, name });
    variables.push({ path: `${path}/0`, shape: [inputs, units] }, { path: `${path}/1`, shape: [units] });
  };
  let inputs = MNIST_INPUT_SIZE;
  architecture.units.forEach((units, i) => {
    addDense(units, inputs, 'relu');
    const name = layerName('dropout');
    layers.push(dropoutLayer(name, architecture.dropouts[i]!));
    groups.push({ path: `layers/${pathName('dropout')}/vars`, name });
    inputs = units;
  });
  addDense(MNIST_CLASSES, inputs, 'softmax');
  const config = serialized('keras', 'Sequential', {
    name: 'sequential', trainable: true, dtype: FLOAT32_POLICY, layers, build_input_shape: [null, MNIST_INPUT_SIZE],
  }, { build_config: { input_shape: [null, MNIST_INPUT_SIZE] }, compile_config: {} });
  return { config, groups, variables };
}

/** metadata.json: the Keras version the layout follows, and when it was saved, in Keras's own date format. */
export function kerasMetadata(savedAt: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${savedAt.getFullYear()}-${pad(savedAt.getMonth() + 1)}-${pad(savedAt.getDate())}@${pad(savedAt.getHours())}:${pad(savedAt.getMinutes())}:${pad(savedAt.getSeconds())}`;
  return JSON.stringify({ keras_version: KERAS_LAYOUT_VERSION, date_saved: date });
}
