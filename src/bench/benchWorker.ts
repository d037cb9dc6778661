/// <reference lib="webworker" />
import { initialiseBackend, selfCheck } from '../training/backends.ts';
import { chooseBrowserBackend } from '../training/browserBackends.ts';
import { runBenchPlan, trainBriefly } from '../training/benchRunner.ts';
import type { BenchEvent, BenchRequest } from './benchProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (message: MessageEvent<BenchRequest>) => {
  const request = message.data;
  const backend = request.type === 'run' ? request.plan.backend : request.backend;
  try {
    if (request.type === 'check') {
      // Exactly this backend: one that does not start is reported as such, never replaced by another.
      const reason = await initialiseBackend(backend);
      if (reason !== null) {
        scope.postMessage({ type: 'unavailable', reason } satisfies BenchEvent);
        return;
      }
      const wrong = await selfCheck();
      if (wrong !== null) throw new Error(`${backend} started, then failed its self-check: ${wrong}`);
      const weights = await trainBriefly(request.steps);
      scope.postMessage({ type: 'weights', weights } satisfies BenchEvent, [weights.buffer]);
      return;
    }
    const choice = await chooseBrowserBackend(backend);
    if (choice.backend !== backend) throw new Error(`${backend} is not available: ${choice.skipped.map((s) => s.error).join('; ')}`);
    const result = await runBenchPlan(request.plan);
    scope.postMessage({ type: 'result', result: { ...result, backend } } satisfies BenchEvent);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies BenchEvent);
  }
};
