/// <reference lib="webworker" />
import { chooseBrowserBackend } from '../training/browserBackends.ts';
import { runBenchPlan } from '../training/benchRunner.ts';
import type { BenchEvent, BenchRequest } from './benchProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (message: MessageEvent<BenchRequest>) => {
  const { plan } = message.data;
  try {
    const choice = await chooseBrowserBackend(plan.backend);
    if (choice.backend !== plan.backend) throw new Error(`${plan.backend} is not available: ${choice.skipped.map((s) => s.error).join('; ')}`);
    const result = await runBenchPlan(plan);
    scope.postMessage({ type: 'result', result: { ...result, backend: plan.backend } } satisfies BenchEvent);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies BenchEvent);
  }
};
