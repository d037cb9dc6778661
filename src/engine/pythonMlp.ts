import { hiddenLayerCount, MNIST_CLASSES } from './mlpSpace.ts';
import { pythonInt } from './pythonLiteral.ts';
import type { SearchSpace } from './searchSpace.ts';
import type { SearchSettings } from './settings.ts';

/** What an exported script is written from: the editor's space and settings. */
export interface ScriptInput {
  space: SearchSpace;
  settings: SearchSettings;
  rungVersion: string;
}

/** The settings every exported script starts with, as Python constants. */
export function settingsConstants({ settings, space }: ScriptInput): string {
  const limit = (value: number | null) => (value === null ? 'None' : pythonInt(value));
  return [
    `BATCH_SIZE = ${pythonInt(settings.batchSize)}`,
    '# Keras\'s validation_split=0.2: the last 20% of the 60,000 training images, unshuffled, validate (as in Rung).',
    'VALIDATION_SPLIT = 0.2',
    '# The first N images of each split, or None for all of it (Rung\'s data limits).',
    `TRAIN_LIMIT = ${limit(settings.trainLimit)}`,
    `VAL_LIMIT = ${limit(settings.valLimit)}`,
    `TEST_LIMIT = ${limit(settings.testLimit)}`,
    `HIDDEN_LAYERS = ${pythonInt(hiddenLayerCount(space))}`,
  ].join('\n');
}

/** The MNIST loader and Rung's MLP, shared by both scripts; `values` maps hyperparameter names to values. */
export const MODEL_AND_DATA = `def load_mnist():
    """MNIST as Rung reads it: pixels scaled to [0, 1], the validation split and the data limits."""
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    x_train, x_test = x_train.astype("float32") / 255, x_test.astype("float32") / 255
    split = int(len(x_train) * (1 - VALIDATION_SPLIT))
    return (
        (x_train[:split][:TRAIN_LIMIT], y_train[:split][:TRAIN_LIMIT]),
        (x_train[split:][:VAL_LIMIT], y_train[split:][:VAL_LIMIT]),
        (x_test[:TEST_LIMIT], y_test[:TEST_LIMIT]),
    )


def mlp(values):
    """Rung's MLP: Flatten, then Dense(units_i, relu) and Dropout(dropout_i) per hidden layer, Dense(${MNIST_CLASSES}, softmax), Adam."""
    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])
    for layer in range(HIDDEN_LAYERS):
        model.add(keras.layers.Dense(values[f"units_{layer}"], activation="relu"))
        model.add(keras.layers.Dropout(values[f"dropout_{layer}"]))
    model.add(keras.layers.Dense(${MNIST_CLASSES}, activation="softmax"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=values["learning_rate"]),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model`;
