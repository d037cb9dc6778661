import type { ChoiceHyperparameter, Hyperparameter } from './hyperparameters.ts';
import { hiddenLayerCount, MNIST_CLASSES } from './mlpSpace.ts';
import { pythonComment, pythonFloat, pythonInt, pythonKeywords, pythonList, pythonString, pythonValue } from './pythonLiteral.ts';
import type { SearchSpace } from './searchSpace.ts';
import type { SearchSettings } from './settings.ts';

export const KERAS_TUNER_SCRIPT_NAME = 'rung_search_keras_tuner.py';

export interface ScriptInput {
  space: SearchSpace;
  settings: SearchSettings;
  rungVersion: string;
}

/** A Choice's values: KerasTuner refuses mixed types, so numbers with any fraction are all written as floats. */
export function choiceValues({ values }: ChoiceHyperparameter): string {
  const fractional = values.every((v) => typeof v === 'number') && values.some((v) => !Number.isInteger(v));
  return fractional ? `[${values.map((v) => pythonFloat(v as number)).join(', ')}]` : pythonList(values);
}

/** The KerasTuner call that registers a hyperparameter exactly as Rung samples it. */
function registration(hp: Hyperparameter): string {
  const name = pythonString(hp.name);
  switch (hp.type) {
    case 'int':
      return `hp.Int(${name}, ${pythonKeywords({ min_value: pythonInt(hp.min), max_value: pythonInt(hp.max), step: hp.step === undefined ? undefined : pythonInt(hp.step), sampling: hp.sampling && pythonString(hp.sampling) })})`;
    case 'float':
      return `hp.Float(${name}, ${pythonKeywords({ min_value: pythonFloat(hp.min), max_value: pythonFloat(hp.max), step: hp.step === undefined ? undefined : pythonFloat(hp.step), sampling: hp.sampling && pythonString(hp.sampling) })})`;
    case 'choice':
      return `hp.Choice(${name}, values=${choiceValues(hp)})`;
    case 'boolean':
      return `hp.Boolean(${name})`;
    case 'fixed':
      return `hp.Fixed(${name}, value=${pythonValue(hp.value)})`;
  }
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

const HEADER = (input: ScriptInput) => `Rung's search as a KerasTuner script, written by Rung ${input.rungVersion}: the same MLP on MNIST, the
same search space registered in the same order, and kt.Hyperband with the same max_epochs, factor,
hyperband_iterations, seed and objective.

Same configurations as Rung: for the same seed, KerasTuner's Hyperband samples the same
configurations as Rung did, trial for trial (Rung reproduces KerasTuner's seeded draws; its tests
replay KerasTuner's own HyperbandOracle). Scores come from training in Keras rather than
TensorFlow.js, so they, and the promotions that follow from them, can differ slightly.

One machine:   pip install keras-tuner tensorflow && python ${KERAS_TUNER_SCRIPT_NAME}

Many machines, with KerasTuner's distributed mode: every machine runs this same script. One process,
the chief, holds the oracle and hands out trials; the others, the workers, train them. KerasTuner
reads three environment variables:
  KERASTUNER_TUNER_ID     "chief" on the chief; a distinct name on each worker: "tuner0", "tuner1", ...
  KERASTUNER_ORACLE_IP    the chief's address, on every machine (the chief serves the oracle there)
  KERASTUNER_ORACLE_PORT  the chief's port, e.g. 8000, on every machine
  chief:    KERASTUNER_TUNER_ID=chief  KERASTUNER_ORACLE_IP=10.0.0.1 KERASTUNER_ORACLE_PORT=8000 python ${KERAS_TUNER_SCRIPT_NAME}
  worker:   KERASTUNER_TUNER_ID=tuner0 KERASTUNER_ORACLE_IP=10.0.0.1 KERASTUNER_ORACLE_PORT=8000 python ${KERAS_TUNER_SCRIPT_NAME}
A promoted trial starts from its parent's saved weights, which may have been trained on another
machine: put DIRECTORY on storage that every machine shares.`;

/** A runnable KerasTuner script for this space and these settings: search, retrain the best, test it. */
export function kerasTunerScript(input: ScriptInput): string {
  const { space, settings } = input;
  const registrations = space.hyperparameters.map((hp) => `        ${pythonString(hp.name)}: ${registration(hp)},`).join('\n');
  const hyperband = pythonKeywords({
    objective: pythonString(settings.objective),
    max_epochs: pythonInt(settings.maxEpochs),
    factor: pythonInt(settings.factor),
    hyperband_iterations: pythonInt(settings.iterations),
    seed: pythonInt(settings.seed),
  });
  return `${pythonComment(HEADER(input))}

import keras
import keras_tuner as kt

${settingsConstants(input)}
DIRECTORY = "rung_search"


${MODEL_AND_DATA}


def build_model(hp):
    # Every hyperparameter is registered here, first and in Rung's order: that order decides what
    # KerasTuner's seeded sampler draws for each, so it must not follow the layers being built.
    values = {
${registrations}
    }
    return mlp(values)


def main():
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = load_mnist()
    tuner = kt.Hyperband(build_model, ${hyperband}, directory=DIRECTORY, project_name="mnist_mlp")
    tuner.search(x_train, y_train, batch_size=BATCH_SIZE, validation_data=(x_val, y_val))
    best = tuner.get_best_hyperparameters(num_trials=1)[0]
    print("Best hyperparameters:", best.values)
    # As Rung does after a search: the best configuration trained from scratch for max_epochs, then tested once.
    model = tuner.hypermodel.build(best)
    model.fit(x_train, y_train, epochs=${pythonInt(settings.maxEpochs)}, batch_size=BATCH_SIZE, validation_data=(x_val, y_val))
    loss, accuracy = model.evaluate(x_test, y_test, batch_size=BATCH_SIZE)
    print(f"Test accuracy {accuracy:.4f}, loss {loss:.4f}")


if __name__ == "__main__":
    main()
`;
}
