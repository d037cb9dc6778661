// The page's main-thread time when a trial completes at the importance panel's budget (a refit), next
// to an epoch of a running trial and a trial's completion at a budget not shown (neither refits), at 30 and 200 trials of the reference
// space: `node scripts/importance-cost.mjs [checkout, default .] [port, 4406] [repeats, 4]`.
// It builds the checkout for production (its entry also hands the store to the page, so the trials can
// be set directly), serves it with `vite preview`, and reads Chromium's TaskDuration (CDP
// Performance.getMetrics) and the long tasks (over 50 ms) a PerformanceObserver sees. Any checkout
// works, so the same script measures main before and after a change (docs/using-the-app.md, "Cost").
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';

const root = resolve(process.argv[2] ?? '.');
const port = Number(process.argv[3] ?? 4406);
const repeats = Number(process.argv[4] ?? 4);
// A production build whose entry also hands the store and the engine helpers to the page.
const exposed = {
  appStore: './store/appStore.ts', runState: './store/runState.ts', referenceDefaults: './engine/referenceDefaults.ts',
  hyperparameters: './engine/hyperparameters.ts', oracleState: './engine/oracleState.ts', trial: './engine/trial.ts',
};
const expose = {
  name: 'expose-for-measurement',
  transform(code, id) {
    if (!id.endsWith('/src/main.tsx')) return null;
    const imports = Object.entries(exposed).map(([name, path]) => `import * as measure_${name} from '${path}';`).join('\n');
    return `${imports}\n${code}\nwindow.measureModules = { ${Object.keys(exposed).map((n) => `${n}: measure_${n}`).join(', ')} };`;
  },
};
const outDir = `${tmpdir()}/rung-importance-cost${root.replaceAll('/', '_')}`;
await build({ root, configFile: `${root}/vite.config.ts`, plugins: [expose], build: { outDir, emptyOutDir: true }, logLevel: 'error' });
const server = await preview({ root, configFile: `${root}/vite.config.ts`, build: { outDir }, preview: { port, strictPort: true }, logLevel: 'error' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`http://localhost:${port}/?backend=cpu`);
await page.getByTestId('importance-panel').waitFor({ timeout: 120_000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const taskMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await page.evaluate(async () => {
  const m = window.measureModules;
  const { useAppStore } = m.appStore;
  const { initialRunState } = m.runState;
  const { referenceSearchSpace, DEFAULT_SETTINGS } = m.referenceDefaults;
  const { probToValue } = m.hyperparameters;
  const { oracleConfig } = m.oracleState;
  const { formatTrialId } = m.trial;
  const space = referenceSearchSpace(4);
  const oracle = { version: 1, config: oracleConfig(DEFAULT_SETTINGS), spaces: [space], seedState: 0, triedSoFar: [], currentBracket: 0, currentIteration: 0, brackets: [], trials: [], endOrder: [], stopReason: null };
  function draws(seed) { let s = seed; return () => { s = (s * 48271) % 2147483647; return s / 2147483647; }; }
  function trial(index, random, completed, epochs = 2) {
    const hyperparameters = Object.fromEntries(space.hyperparameters.map((hp) => [hp.name, probToValue(hp, random())]));
    const run = { trialId: formatTrialId(index), hyperparameters, iteration: 0, bracket: 0, round: 0, initialEpoch: 0, epochs, parentId: null, spaceVersion: 0 };
    const noise = 0.005 * random();
    const score = 0.9 - 20 * Math.abs(hyperparameters.learning_rate - 0.001) - 0.1 * hyperparameters.dropout_0 + noise;
    return { trialId: run.trialId, run, status: completed ? 'completed' : 'running', failureReason: null, divergence: null, attempt: 1, epochs: [], score: completed ? score : null, bestEpoch: null, durationMs: null };
  }
  window.longTasks = [];
  new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  window.importanceCost = {
    /** count-1 completed trials at 2 epochs and one running; one more running to 4 epochs, a budget not shown. */
    setUp(count, runId) {
      const random = draws(count * 7 + runId.length);
      const trials = Array.from({ length: count }, (_, i) => trial(i, random, i < count - 1));
      window.importanceCost.last = trials.at(-1);
      window.importanceCost.other = trial(count, random, false, 4);
      trials.push(window.importanceCost.other);
      useAppStore.setState({ run: { ...initialRunState(), status: 'running', runId, settings: DEFAULT_SETTINGS, oracle, trials: Object.fromEntries(trials.map((t) => [t.trialId, t])) } });
    },
    /** The running trial ends an epoch: no refit. */
    epoch() {
      const last = window.importanceCost.last;
      const s = useAppStore.getState();
      useAppStore.setState({ run: { ...s.run, trials: { ...s.run.trials, [last.trialId]: { ...last, epochs: [...(s.run.trials[last.trialId].epochs), { epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 }] } } } });
    },
    /** The trial at the budget not shown completes: the page redraws as for any completion, with no refit. */
    completeOther() {
      const other = window.importanceCost.other;
      const s = useAppStore.getState();
      useAppStore.setState({ run: { ...s.run, trials: { ...s.run.trials, [other.trialId]: { ...other, status: 'completed', score: 0.6 } } } });
    },
    /** The running trial completes at the shown budget: a refit. */
    complete() {
      const last = window.importanceCost.last;
      const s = useAppStore.getState();
      useAppStore.setState({ run: { ...s.run, trials: { ...s.run.trials, [last.trialId]: { ...last, status: 'completed', score: 0.5 } } } });
    },
  };
});

const shown = (count) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid=importance-trial-count]')?.textContent === String(n) && !document.querySelector('[data-testid=importance-status]')?.textContent,
    count,
    { timeout: 120_000, polling: 50 },
  );

/** Main-thread task time and long tasks (over 50 ms) from `act` until `count` trials are shown, plus 300 ms. */
async function measure(act, count) {
  await sleep(500);
  await page.evaluate(() => (window.longTasks = []));
  const t0 = await taskMs();
  const wall0 = Date.now();
  await page.evaluate(act);
  await shown(count);
  const wallMs = Date.now() - wall0;
  await sleep(300);
  const taskTotal = (await taskMs()) - t0;
  const longTasks = await page.evaluate(() => window.longTasks);
  return { taskTotal, wallMs, longSum: longTasks.reduce((a, b) => a + b, 0), longMax: Math.max(0, ...longTasks) };
}
const fmt = (m) => `tasks ${m.taskTotal.toFixed(0)} ms over ${m.wallMs + 300} ms, long tasks sum ${m.longSum.toFixed(0)} max ${m.longMax.toFixed(0)}`;

for (const count of [30, 200]) {
  for (let r = 0; r < repeats; r++) {
    await page.evaluate(([n, id]) => window.importanceCost.setUp(n, id), [count, `cost-${count}-${r}`]);
    await shown(count - 1);
    const epoch = await measure(() => window.importanceCost.epoch(), count - 1);
    const refit = await measure(() => window.importanceCost.complete(), count);
    const other = await measure(() => window.importanceCost.completeOther(), count);
    console.log(`${count} trials, run ${r}: refit: ${fmt(refit)} | completion at another budget: ${fmt(other)} | epoch: ${fmt(epoch)}`);
  }
}
await browser.close();
await server.close();
process.exit(0);
