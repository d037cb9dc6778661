import * as tf from '@tensorflow/tfjs';
import { parameterCount } from '../engine/mlpSpace.ts';
import type { FusedMeasurement } from '../search/estimate.ts';
import { runBenchPlan } from './benchRunner.ts';
import { REFERENCE_ARCHITECTURE } from './speedProbe.ts';

/** The group size every worker trains at once when the probe measures how workers slow each other. */
export const CONCURRENT_PROBE_TRIALS = 4;

export interface SingleWorkerSpeed {
  probeParameters: number;
  fitMsPerStep: number;
  fused: FusedMeasurement[];
}

interface ProbeSteps {
  fit: number;
  fusedOne: number;
  fusedGroup: number;
  evalSamples: number;
}

/**
 * Steps per measurement: where a step takes tens of milliseconds (GPU backends emulated in
 * software, the plain CPU backend) fewer of them, so the probe takes seconds, not minutes.
 */
function probeSteps(): ProbeSteps {
  switch (tf.getBackend()) {
    case 'wasm':
      return { fit: 40, fusedOne: 40, fusedGroup: 24, evalSamples: 1000 };
    case 'webgl':
      return { fit: 16, fusedOne: 16, fusedGroup: 10, evalSamples: 1000 };
    default:
      return { fit: 6, fusedOne: 4, fusedGroup: 3, evalSamples: 250 };
  }
}

/** `fit` and the fused trainer at K = 1 and 4 on the backend already set, one worker alone; `shouldStop` is asked between them. */
export async function measureSingleWorkerSpeed(shouldStop?: () => boolean): Promise<SingleWorkerSpeed> {
  const steps = probeSteps();
  const result = await runBenchPlan({
    fitSteps: steps.fit,
    fused: [
      { trials: 1, steps: steps.fusedOne, evalSamples: steps.evalSamples },
      { trials: CONCURRENT_PROBE_TRIALS, steps: steps.fusedGroup, evalSamples: steps.evalSamples },
    ],
  }, shouldStop);
  return {
    probeParameters: parameterCount(REFERENCE_ARCHITECTURE.units),
    fitMsPerStep: result.fitMsPerStep!,
    fused: Object.entries(result.fused).map(([trials, speed]) => ({ trials: Number(trials), msPerStep: speed.msPerStep, evalMsPerThousand: speed.evalMsPerThousand })),
  };
}

/** Milliseconds per fused step of K=4 while the other workers run the same measurement. */
export async function measureConcurrentStepMs(): Promise<number> {
  const result = await runBenchPlan({ fitSteps: 0, fused: [{ trials: CONCURRENT_PROBE_TRIALS, steps: probeSteps().fusedGroup, evalSamples: 0 }] });
  return result.fused[CONCURRENT_PROBE_TRIALS]!.msPerStep;
}
