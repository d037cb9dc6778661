import type { BestConfig } from '../engine/bestConfig.ts';
import type { CDPSession } from 'playwright-core';
import { withServedApp } from './benchBrowser.ts';

export interface FullSearchResult {
  backend: string;
  searchSeconds: number;
  totalSeconds: number;
  bestValAccuracy: number;
  bestTrialId: string;
  hyperparameters: BestConfig['hyperparameters'];
  testAccuracy: { mean: number; min: number; max: number; runs: number[] };
  /** The page's duration estimate before Start, with its basis, and its comparison at the end. */
  estimate: string;
  estimateOutcome: string;
  /**
   * The page's own main thread during the search (React, the charts, the store, messages; training runs
   * in workers): Chromium's TaskDuration over the search, and that as a share of one core's time.
   */
  pageMainThread: { busySeconds: number; shareOfOneCore: number; whileRunning: MainThreadShare };
  chromiumVersion: string;
}

/**
 * The main thread from Start to the last once-a-second sample that still read 'running': without the
 * search's end, where every panel out of view catches up at once while at most the retrain trains.
 */
export interface MainThreadShare {
  busySeconds: number;
  seconds: number;
  shareOfOneCore: number;
}

/** Seconds the page's main thread has spent running tasks so far (Chromium's Performance.getMetrics). */
async function mainThreadBusySeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration');
  if (!task) throw new Error('Chromium reported no TaskDuration metric');
  return task.value;
}

/**
 * The app itself, end to end, as a person would use it: opens it in headless Chromium with the
 * default settings (or those `query` sets, as in a copied link), asks for `retrains` retrains,
 * clicks Start, waits for the test result, and reads everything back from the exported best config
 * and the page (its duration estimate and how it compared).
 */
export function fullSearchInChromium(options: { backend: string; retrains: number; query: string; build: boolean; port?: number; log: (line: string) => void }): Promise<FullSearchResult> {
  return withServedApp(options, async (browser, base) => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${base}/?backend=${options.backend}${options.query ? `&${options.query}` : ''}`);
    const status = page.getByTestId('run-status');
    await page.getByRole('button', { name: 'Start' }).waitFor();
    await page.getByLabel(/Retrains/).fill(String(options.retrains));
    await page.getByTestId('plan-estimate').filter({ hasText: /^≈/ }).waitFor({ timeout: 300_000 });
    const estimate = `${await page.getByTestId('plan-estimate').innerText()}${await page.getByTestId('plan-estimate-basis').innerText()}`;
    options.log(`Estimate: ${estimate}`);
    const busyAtStart = await mainThreadBusySeconds(cdp);
    await page.getByRole('button', { name: 'Start' }).click({ timeout: 120_000 });
    const startedMs = Date.now();
    options.log(`Search started on ${options.backend}…`);
    let whileRunning: MainThreadShare = { busySeconds: 0, seconds: 0, shareOfOneCore: 0 };
    for (;;) {
      const sampled = await status.getAttribute('data-status');
      if (sampled !== 'running' && sampled !== 'starting') break;
      const busy = (await mainThreadBusySeconds(cdp)) - busyAtStart;
      const seconds = (Date.now() - startedMs) / 1000;
      if (sampled === 'running') whileRunning = { busySeconds: busy, seconds, shareOfOneCore: busy / seconds };
      await page.waitForTimeout(1000);
    }
    await status.and(page.locator('[data-status="done"]')).waitFor({ timeout: 3_600_000 });
    const searchSeconds = (Date.now() - startedMs) / 1000;
    const busySeconds = (await mainThreadBusySeconds(cdp)) - busyAtStart;
    const pageMainThread = { busySeconds, shareOfOneCore: busySeconds / searchSeconds, whileRunning };
    const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
    options.log(
      `Search done in ${searchSeconds.toFixed(0)} s; the page's main thread was busy ${busySeconds.toFixed(1)} s of it (${percent(pageMainThread.shareOfOneCore)} of one core), ` +
        `${whileRunning.busySeconds.toFixed(1)} s of its first ${whileRunning.seconds.toFixed(0)} s while running (${percent(whileRunning.shareOfOneCore)}); retraining the best configuration…`,
    );
    await page.getByTestId('test-accuracy').waitFor({ timeout: 3_600_000 });
    const totalSeconds = (Date.now() - startedMs) / 1000;
    const estimateOutcome = await page.getByTestId('estimate-outcome').innerText();
    options.log(estimateOutcome);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export best config' }).click()]);
    const config = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as BestConfig;
    const runs = config.testEvaluation?.runs.map((r) => r.accuracy) ?? [];
    await context.close();
    return {
      backend: config.backend,
      searchSeconds,
      totalSeconds,
      bestValAccuracy: config.bestTrial.score,
      bestTrialId: config.bestTrial.id,
      hyperparameters: config.hyperparameters,
      testAccuracy: { mean: config.testEvaluation?.accuracy ?? NaN, min: Math.min(...runs), max: Math.max(...runs), runs },
      estimate,
      estimateOutcome,
      pageMainThread,
      chromiumVersion: browser.version(),
    };
  });
}
