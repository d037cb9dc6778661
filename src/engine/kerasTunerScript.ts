import type { Hyperparameter } from './hyperparameters.ts';
import { choiceValues, pythonComment, pythonFloat, pythonInt, pythonKeywords, pythonString, pythonValue } from './pythonLiteral.ts';
import { MODEL_AND_DATA, settingsConstants, type ScriptInput } from './pythonMlp.ts';

export const KERAS_TUNER_SCRIPT_NAME = 'rung_search_keras_tuner.py';

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
