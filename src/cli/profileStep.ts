import { parseArgs } from 'node:util';
import { chooseNodeBackend } from '../training/nodeBackends.ts';
import { profileFusedStep } from '../training/stepProfiler.ts';

/**
 * `npx tsx src/cli/profileStep.ts [--trials K] [--steps N] [--rounds R] [--backend wasm|cpu]`:
 * where a fused training step of K reference models spends its time in Node, kernel by kernel,
 * against the backend's large-matmul GFLOP/s in the same run (see src/training/stepProfiler.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { trials: { type: 'string' }, steps: { type: 'string' }, rounds: { type: 'string' }, backend: { type: 'string' } } });
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu, not ${backend}`);
  await chooseNodeBackend(backend);
  const lines = await profileFusedStep(Number(values.trials ?? 12), Number(values.steps ?? 40), Number(values.rounds ?? 5));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`profileStep: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
