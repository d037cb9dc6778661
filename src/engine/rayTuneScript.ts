import { cleanValue, discreteValues, effectiveStep, gridSize, gridValue, type Hyperparameter, type NumericHyperparameter } from './hyperparameters.ts';
import { choiceValues, pythonComment, pythonFloat, pythonInt, pythonList, pythonString, pythonValue } from './pythonLiteral.ts';
import { MODEL_AND_DATA, settingsConstants, type ScriptInput } from './pythonMlp.ts';
import { hyperbandPlan } from './schedule.ts';
import { objectiveDirection } from './settings.ts';

export const RAY_TUNE_SCRIPT_NAME = 'rung_search_ray_tune.py';

/** Ray Tune's sampler for a stepped or continuous number; a grid Ray cannot express is a choice of its values. */
function numericSampler(hp: NumericHyperparameter): string {
  const sampling = hp.sampling ?? 'linear';
  const step = effectiveStep(hp);
  const grid = () => `tune.choice(${pythonList(discreteValues(hp)!.map((v) => cleanValue(hp, v)))})`;
  if (step !== undefined) {
    if (hp.type === 'int' && sampling === 'linear' && step === 1) return `tune.randint(${pythonInt(hp.min)}, ${pythonInt(hp.max + 1)})`;
    if (hp.type === 'int' && sampling === 'linear' && hp.min % step === 0) {
      return `tune.qrandint(${pythonInt(hp.min)}, ${pythonInt(gridValue(hp, step, gridSize(hp, step) - 1))}, ${pythonInt(step)})`;
    }
    return grid();
  }
  const number = hp.type === 'int' ? pythonInt : pythonFloat;
  // Rung's (and KerasTuner's) continuous int is the float drawn in [min, max + 1), truncated.
  const top = hp.type === 'int' ? hp.max + 1 : hp.max;
  if (sampling === 'linear') return `tune.uniform(${pythonFloat(hp.min)}, ${pythonFloat(hp.max)})`;
  if (sampling === 'log') return hp.type === 'int' ? `tune.lograndint(${number(hp.min)}, ${number(top)})` : `tune.loguniform(${number(hp.min)}, ${number(top)})`;
  const draw = `reverse_log(${number(hp.min)}, ${number(top)})`;
  return `tune.sample_from(lambda _: ${hp.type === 'int' ? `int(${draw})` : draw})`;
}

function sampler(hp: Hyperparameter): string {
  switch (hp.type) {
    case 'choice':
      return `tune.choice(${choiceValues(hp)})`;
    case 'boolean':
      return 'tune.choice([True, False])';
    case 'fixed':
      return pythonValue(hp.value);
    default:
      return numericSampler(hp);
  }
}

const HEADER = (input: ScriptInput) => `Rung's search as a Ray Tune script, written by Rung ${input.rungVersion}: the same MLP on MNIST and
the same search space, with Ray Tune's HyperBandScheduler, for a Ray cluster.

  pip install "ray[tune]" tensorflow && python ${RAY_TUNE_SCRIPT_NAME}   (on a machine of the cluster)
It uses Ray Tune's current API (tune.Tuner, tune.report with a metrics dict).

What differs from KerasTuner's Hyperband (and so from Rung):
- Brackets. KerasTuner plays each bracket round by round: a round's trials all end, then the best
  1/factor are promoted to new trials that train on for more epochs. Ray's HyperBandScheduler forms
  its brackets from trials as they arrive, with sizes from its own formula over max_t and
  reduction_factor, and pauses each trial at a milestone until its bracket catches up. Both are
  synchronous; Ray's AsyncHyperBandScheduler (ASHA) is the asynchronous successive halving that
  never waits. hyperband_iterations has no equivalent here: NUM_SAMPLES sets how many configurations
  are tried (Rung's plan has that many).
- Weights. A promoted KerasTuner trial starts from its parent's best-epoch weights. This trainable
  keeps no checkpoints, so a trial Ray pauses and resumes trains again from its first epoch.
- Sampling. Ray's BasicVariantGenerator draws with numpy from SEED, so the configurations differ
  from KerasTuner's and Rung's for the same seed, and a configuration already tried is not redrawn.
  tune.randint's upper bound is exclusive (written max + 1); tune.qrandint's is inclusive, and its
  rounding gives the two ends of the range half the weight of the other values. Grids Ray cannot
  express (a step with log sampling, a float step) are a tune.choice of the grid's values.`;

/** A runnable Ray Tune script for this space and these settings: search, retrain the best, test it. */
export function rayTuneScript(input: ScriptInput): string {
  const { space, settings } = input;
  const configurations = hyperbandPlan(settings).filter((round) => round.round === 0).reduce((sum, round) => sum + round.trials, 0);
  const entries = space.hyperparameters.map((hp) => `    ${pythonString(hp.name)}: ${sampler(hp)},`).join('\n');
  const objective = pythonString(settings.objective);
  const mode = pythonString(objectiveDirection(settings.objective));
  return `${pythonComment(HEADER(input))}

import random

import keras
import ray
from ray import tune
from ray.tune.schedulers import HyperBandScheduler
from ray.tune.search.basic_variant import BasicVariantGenerator

${settingsConstants(input)}
MAX_EPOCHS = ${pythonInt(settings.maxEpochs)}
SEED = ${pythonInt(settings.seed)}
NUM_SAMPLES = ${pythonInt(configurations)}


def reverse_log(low, high):
    """KerasTuner's reverse_log sampling, which Ray has no sampler for: dense near high."""
    return high + low - low * (high / low) ** (1 - random.random())


PARAM_SPACE = {
${entries}
}


${MODEL_AND_DATA}


def train_trial(config):
    """One trial: an epoch per training_iteration, each reporting the validation metrics."""
    (x_train, y_train), (x_val, y_val), _ = load_mnist()
    model = mlp(config)
    for _ in range(MAX_EPOCHS):
        logs = model.fit(x_train, y_train, epochs=1, batch_size=BATCH_SIZE, validation_data=(x_val, y_val), verbose=0).history
        tune.report({"val_accuracy": logs["val_accuracy"][-1], "val_loss": logs["val_loss"][-1]})


def main():
    # Joins the running Ray cluster. On one machine without a cluster, call ray.init() instead.
    ray.init(address="auto")
    random.seed(SEED)  # reverse_log draws from Python's random module
    scheduler = HyperBandScheduler(time_attr="training_iteration", max_t=MAX_EPOCHS, reduction_factor=${pythonInt(settings.factor)}, metric=${objective}, mode=${mode})
    tuner = tune.Tuner(
        train_trial,
        param_space=PARAM_SPACE,
        tune_config=tune.TuneConfig(num_samples=NUM_SAMPLES, scheduler=scheduler, search_alg=BasicVariantGenerator(random_state=SEED)),
    )
    best = tuner.fit().get_best_result(metric=${objective}, mode=${mode}).config
    print("Best hyperparameters:", best)
    # As Rung does after a search: the best configuration trained from scratch for max_epochs, then tested once.
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = load_mnist()
    model = mlp(best)
    model.fit(x_train, y_train, epochs=MAX_EPOCHS, batch_size=BATCH_SIZE, validation_data=(x_val, y_val))
    loss, accuracy = model.evaluate(x_test, y_test, batch_size=BATCH_SIZE)
    print(f"Test accuracy {accuracy:.4f}, loss {loss:.4f}")


if __name__ == "__main__":
    main()
`;
}
