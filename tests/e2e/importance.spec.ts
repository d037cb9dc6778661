import { expect, test, type Page } from '@playwright/test';
import { openApp, SCREENSHOTS, setRetrains, startAndFinish } from './helpers.ts';

// maxEpochs=10, factor=3 plans 30 trials: 12 end at 2 epochs, 10 at 4 and 8 at 10 (maxEpochs=9 plans at
// most 9 per budget, SMALL_SEARCH 3: too few to rank). On 640 images the whole search takes seconds.
const FIRST_ROUND_OF_12 = 'maxEpochs=10&factor=3&trainLimit=640&valLimit=200&testLimit=200&backend=wasm';
const HYPERPARAMETERS = 9;

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterAll(async () => {
  await page.close();
});

const panel = () => page.getByTestId('importance-panel');
const budgetMenu = () => page.getByTestId('importance-budget');

test('the search ends with trials at three budgets; the largest with 10 trials is shown first', async () => {
  await openApp(page, FIRST_ROUND_OF_12, /WASM/);
  await expect(page.getByTestId('plan-total-trials')).toHaveText('30');
  await expect(panel()).toContainText('Importance appears once trials complete');
  await setRetrains(page, '0');
  await startAndFinish(page);
  await expect(budgetMenu().locator('option')).toHaveText(['2 epochs (12 trials)', '4 epochs (10 trials)', '10 epochs (8 trials)']);
  await expect(budgetMenu()).toHaveValue('4');
  await expect(panel().getByTestId('importance-trial-count')).toHaveText('10');
  await expect(panel().locator('.recharts-bar-rectangle path')).toHaveCount(HYPERPARAMETERS);
});

test('a budget of fewer than 10 trials shows a note instead of the chart', async () => {
  await budgetMenu().selectOption('10');
  await expect(panel().getByTestId('importance-note')).toHaveText('8 completed trials at this budget; importance needs at least 10.');
  await expect(panel().getByTestId('importance-trial-count')).toHaveText('8');
  await expect(panel().getByTestId('importance-chart')).toHaveCount(0);
});

test('at 12 trials of 2 epochs: one bar per hyperparameter, sorted, drawn to scale, their values summing to 1', async () => {
  await budgetMenu().selectOption('2');
  await expect(panel().getByTestId('importance-trial-count')).toHaveText('12');
  const chart = panel().getByTestId('importance-chart');
  const bars = chart.locator('.recharts-bar-rectangle path');
  await expect(bars).toHaveCount(HYPERPARAMETERS);
  const labels = (await chart.locator('.recharts-label-list text').allTextContents()).map(Number);
  expect(labels).toHaveLength(HYPERPARAMETERS);
  expect(Math.abs(labels.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(0.01);
  expect(labels).toEqual([...labels].sort((a, b) => b - a));

  // The bars' widths follow the values, top to bottom.
  const widths = await bars.evaluateAll((paths) => paths.map((p) => (p as SVGGraphicsElement).getBBox().width));
  const widest = Math.max(...widths);
  widths.forEach((width, i) => expect(Math.abs(width / widest - labels[i]! / labels[0]!)).toBeLessThan(0.02));

  // The text equivalent names every hyperparameter once, with the same values.
  const rows = await panel().getByTestId('importance-text').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!)));
  expect(rows.map((r) => r[0]).sort()).toEqual(['dropout_0', 'dropout_1', 'dropout_2', 'dropout_3', 'learning_rate', 'units_0', 'units_1', 'units_2', 'units_3']);
  expect(rows.map((r) => Number(r[1]))).toEqual(labels);
  await panel().screenshot({ path: `${SCREENSHOTS}/importance.png` });
  // The picture in docs/using-the-app.md, rewritten only when asked, as the README's is.
  if (process.env.RUNG_DOCS_SCREENSHOTS === '1') await panel().screenshot({ path: 'docs/images/importance.png' });
});
