import { writeFileSync } from 'node:fs';
import packageJson from '../../package.json' with { type: 'json' };
import { buildBestConfig, type TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import { REFERENCE_RESULTS } from '../engine/referenceDefaults.ts';
import { dryRunSearch } from '../engine/dryRun.ts';
import { loadMnist, mnistLimits } from '../data/mnist.ts';
import { nodeMnistSource } from '../build/nodeSource.ts';
import { createSearch } from '../search/createSearch.ts';
import { resolveTrainer } from '../search/trainerChoice.ts';
import type { TrainerKind, WeightSnapshot } from '../search/jobs.ts';
import { TrainingData } from '../training/trainingData.ts';
import { LocalExecutor } from '../training/localExecutor.ts';
import { chooseNodeBackend } from '../training/nodeBackends.ts';
import { retrainAndTestRepeatedly } from '../training/retrain.ts';
import type { TuneOptions } from './args.ts';
import { formatDuration, formatTrialLine, formatValues } from './format.ts';
import { saveModelFiles } from './saveModel.ts';
import { startNodeTrainerPool } from './nodeTrainerPool.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `npm run tune`: the whole search in Node, then the best configuration retrained and tested. */
export async function runSearchFromCli(options: TuneOptions): Promise<number> {
  const { settings, space } = options;
  const startedMs = performance.now();
  const { backend, skipped } = await chooseNodeBackend(options.backend);
  const trainer = resolveTrainer(options.trainer, backend);
  skipped.forEach((s) => print(`Backend ${s.backend} skipped: ${s.error}`));
  const plan = dryRunSearch(settings, space);
  print(`Rung ${packageJson.version} · backend ${backend} · ${trainer} trainer · ${plan.totalTrials} trials, ${plan.totalEpochs} epochs planned · seed ${settings.seed}`);
  const dataset = await loadMnist(nodeMnistSource(), mnistLimits(settings));
  print(`MNIST: ${dataset.train.count} training, ${dataset.validation.count} validation, ${dataset.test.count} test images`);
  const data = new TrainingData(dataset, backend);
  const pool = await startNodeTrainerPool(backend, dataset, options.workers, (problem) => print(`Trainer pool: ${problem}`));
  if (pool.length) print(`Training on ${pool.length} worker threads (${backend}); the main thread runs the search`);
  try {
    const search = await createSearch({
      settings, space, trainer,
      executors: pool.length ? pool : [new LocalExecutor('node', data)],
      retrain: (hyperparameters) => retrainBest(options, trainer, hyperparameters, data),
      listener: {
        onTrialEnd: (trial, durationMs) => {
          if (options.quiet) return;
          print(formatTrialLine(trial, durationMs, search.oracle.bestTrials()[0], settings.objective));
          print(`  ${formatValues(space, trial.hyperparameters)}`);
        },
        onTrialRetry: (trialId, attempt, error) => print(`Trial ${trialId} threw (attempt ${attempt}), retrying: ${error}`),
      },
    });
    const oracle = search.oracle;
    const end = await search.run();
    const searchMs = performance.now() - startedMs;
    const trials = oracle.trials;
    const failed = trials.filter((t) => t.status === 'failed').length;
    const diverged = trials.filter((t) => t.status === 'completed' && t.divergence).length;
    print(`Search ${end.status === 'done' && end.reason ? `stopped: ${end.reason}` : 'finished'}: ${trials.length} trials (${trials.length - failed} completed, of which ${diverged} diverged; ${failed} failed) in ${formatDuration(searchMs)}`);
    const best = oracle.bestTrials()[0];
    if (!best) {
      print('No trial completed: there is no best configuration.');
      return 1;
    }
    print(`Best trial ${best.trialId} (bracket ${best.bracket}, round ${best.round}${best.parentId ? `, from ${best.parentId}` : ''}): ${settings.objective} ${best.score!.toFixed(4)}`);
    print(`  ${formatValues(space, best.hyperparameters)}`);
    const testEvaluation = await search.retrainBest();
    const config = buildBestConfig({ trial: best, space: oracle.space, settings, testEvaluation, backend, rungVersion: packageJson.version });
    print(`Total wall time ${formatDuration(performance.now() - startedMs)}`);
    if (options.outPath) {
      writeFileSync(options.outPath, `${JSON.stringify(config, null, 2)}\n`);
      print(`Best config written to ${options.outPath}`);
    }
    return 0;
  } finally {
    pool.forEach((member) => member.close());
    data.dispose();
  }
}

async function retrainBest(options: TuneOptions, trainer: TrainerKind, hyperparameters: HyperparameterValues, data: TrainingData): Promise<TestEvaluation | null> {
  const { settings } = options;
  if (options.retrains === 0) return null;
  print(`Retraining the best configuration ${options.retrains}× from scratch for ${settings.maxEpochs} epochs, then testing:`);
  let startedMs = performance.now();
  let firstModel: WeightSnapshot | null = null;
  const evaluation = await retrainAndTestRepeatedly(hyperparameters, settings, options.retrains, trainer, data, () => undefined, (retrain, result, weights) => {
    print(`  retrain ${retrain}: test accuracy ${result.accuracy.toFixed(4)}, loss ${result.loss.toFixed(4)} (${formatDuration(performance.now() - startedMs)})`);
    startedMs = performance.now();
    if (retrain === 1) firstModel = weights;
  });
  if (!evaluation) throw new Error('retraining was cancelled');
  if (options.saveModelDir) {
    if (!firstModel) throw new Error('the retrain kept no weights to save');
    const paths = await saveModelFiles(options.saveModelDir, hyperparameters, firstModel);
    print(`Retrained best model (retrain 1) written to ${paths.join(', ')}`);
  }
  const accuracies = evaluation.runs.map((r) => r.accuracy);
  print(`Test accuracy, this run on this machine: mean ${evaluation.accuracy.toFixed(4)} (min ${Math.min(...accuracies).toFixed(4)}, max ${Math.max(...accuracies).toFixed(4)})`);
  print(`  KerasTuner reference run (another machine, unknown seed): test accuracy ${REFERENCE_RESULTS.testAccuracy.toFixed(4)}, best val_accuracy ${REFERENCE_RESULTS.bestValAccuracy.toFixed(4)}, ${formatDuration(REFERENCE_RESULTS.durationMs)} in all`);
  return evaluation;
}
