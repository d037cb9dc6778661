import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openApp, SCREENSHOTS, SMALL_SEARCH, startAndFinish } from './helpers.ts';

// One small search; then its retrained best model is downloaded, inspected and tried, on the shared page.
test.describe.configure({ mode: 'serial' });

let page: Page;
const TEST_LIMIT = 200;

test.beforeAll(async ({ browser }) => {
  // axe-core needs a page of a context made with browser.newContext().
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  await startAndFinish(page);
  await expect(page.getByTestId('own-test-accuracy')).toHaveText(/^\d+\.\d{2}%$/, { timeout: 120_000 });
});

test.afterAll(async () => {
  await page.context().close();
});

async function downloadEntries(button: string): Promise<{ name: string; entries: Record<string, Uint8Array> }> {
  const panel = page.getByTestId('model-panel');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), entries: unzipSync(new Uint8Array(await readFile((await download.path())!))) };
}

test('the retrained best model downloads as tfjs files whose manifest counts every weight, and as a .keras archive', async () => {
  const tfjs = await downloadEntries('Download TensorFlow.js');
  expect(tfjs.name).toMatch(/^rung-best-model-.*-tfjs\.zip$/);
  expect(Object.keys(tfjs.entries).sort()).toEqual(['model.json', 'model.weights.bin']);
  const modelJson = JSON.parse(strFromU8(tfjs.entries['model.json']!)) as { weightsManifest: { weights: { shape: number[]; dtype: string }[] }[] };
  const weightCount = modelJson.weightsManifest[0]!.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  expect(tfjs.entries['model.weights.bin']!.byteLength).toBe(weightCount * 4);
  const kernels = modelJson.weightsManifest[0]!.weights.filter((w) => w.shape.length === 2);
  expect(kernels[0]!.shape[0]).toBe(784);
  expect(kernels.at(-1)!.shape[1]).toBe(10);

  const keras = await downloadEntries('Download .keras');
  expect(keras.name).toMatch(/^rung-best-model-.*\.keras$/);
  expect(Object.keys(keras.entries)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
  const config = JSON.parse(strFromU8(keras.entries['config.json']!)) as { class_name: string; config: { layers: { class_name: string; config: { units?: number } }[] } };
  expect(config.class_name).toBe('Sequential');
  const denseUnits = config.config.layers.filter((l) => l.class_name === 'Dense').map((l) => l.config.units);
  expect(denseUnits).toEqual(kernels.map((k) => k.shape[1]));
  // HDF5's signature opens the weights file.
  expect([...keras.entries['model.weights.h5']!.subarray(0, 8)]).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('the confusion matrix counts every test digit, and its diagonal is the test accuracy the page shows', async () => {
  await page.getByTestId('model-panel').getByRole('button', { name: 'Where it fails' }).click();
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix.locator('td[data-count]')).toHaveCount(100);
  const cells = await matrix.locator('td[data-count]').evaluateAll((tds) => tds.map((td) => ({
    label: Number(td.getAttribute('data-label')), predicted: Number(td.getAttribute('data-predicted')), count: Number(td.getAttribute('data-count')),
  })));
  const total = cells.reduce((n, c) => n + c.count, 0);
  const correct = cells.filter((c) => c.label === c.predicted).reduce((n, c) => n + c.count, 0);
  expect(total).toBe(TEST_LIMIT);
  const accuracy = `${((correct / total) * 100).toFixed(2)}%`;
  await expect(page.getByTestId('own-test-accuracy')).toHaveText(accuracy);
  await expect(page.getByTestId('evaluation-accuracy')).toHaveText(accuracy);
  await expect(page.getByTestId('mistake')).toHaveCount(Math.min(120, total - correct));
});

test('clicking a cell shows only the digits of that (true, predicted) pair, and clicking again shows them all', async () => {
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  const offDiagonal = await matrix.locator('td[data-count]').evaluateAll((tds) => tds
    .map((td) => ({ label: td.getAttribute('data-label')!, predicted: td.getAttribute('data-predicted')!, count: Number(td.getAttribute('data-count')) }))
    .filter((c) => c.label !== c.predicted && c.count > 0)
    .sort((a, b) => b.count - a.count));
  expect(offDiagonal.length, 'a model trained on 640 digits for 3 epochs makes mistakes on 200').toBeGreaterThan(0);
  const all = await page.getByTestId('mistake').count();
  const cell = offDiagonal[0]!;
  const button = matrix.locator(`td[data-label="${cell.label}"][data-predicted="${cell.predicted}"] button`);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const shown = page.getByTestId('mistake');
  await expect(shown).toHaveCount(Math.min(120, cell.count));
  const pairs = await shown.evaluateAll((items) => items.map((li) => `${li.getAttribute('data-label')}→${li.getAttribute('data-predicted')}`));
  expect(new Set(pairs)).toEqual(new Set([`${cell.label}→${cell.predicted}`]));
  await button.click();
  await expect(shown).toHaveCount(all);
});

test("a kept trial's best-epoch weights download too, chosen from the selected trial", async () => {
  const panel = page.getByTestId('model-panel');
  const keptIds = await panel.getByRole('combobox', { name: 'Model' }).locator('option[value]:not([value="best"])').evaluateAll((options) => options.map((o) => o.getAttribute('value')!));
  expect(keptIds.length, 'the best trial keeps its weights').toBeGreaterThan(0);
  await page.getByTestId(`trial-row-${keptIds[0]}`).click();
  await panel.getByRole('button', { name: `Use selected trial ${keptIds[0]}` }).click();
  await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue(keptIds[0]!);
  const keras = await downloadEntries('Download .keras');
  expect(keras.name).toMatch(new RegExp(`^rung-trial-${keptIds[0]}-.*\\.keras$`));
  expect(Object.keys(keras.entries)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
  await panel.getByRole('combobox', { name: 'Model' }).selectOption('best');
});

async function drawStroke(points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('digit-pad').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 8 });
  await page.mouse.up();
}

async function shownProbabilities(): Promise<number[]> {
  return page.getByTestId('probability-bars').locator('li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability'))));
}

test('a "1" drawn on the pad gets ten probabilities that sum to 1, a second drawing after Clear gets others, and axe finds no problem in the panel', async () => {
  const pad = page.getByTestId('digit-pad');
  await pad.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('probabilities-empty')).toBeVisible();
  await drawStroke([[0.5, 0.15], [0.5, 0.85]]);
  const bars = page.getByTestId('probability-bars').locator('li');
  await expect(bars).toHaveCount(10);
  const first = await shownProbabilities();
  expect(first.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

  await page.getByTestId('model-panel').getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('probabilities-empty')).toBeVisible();
  // A zero: a loop round the pad.
  await drawStroke([[0.5, 0.15], [0.25, 0.3], [0.22, 0.6], [0.45, 0.85], [0.72, 0.65], [0.75, 0.35], [0.5, 0.15]]);
  await expect(bars).toHaveCount(10);
  await expect.poll(async () => JSON.stringify(await shownProbabilities())).not.toBe(JSON.stringify(first));
  const second = await shownProbabilities();
  expect(second.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  await page.getByTestId('model-panel').getByRole('button', { name: 'Where it fails' }).click();
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  await page.getByTestId('model-panel').screenshot({ path: `${SCREENSHOTS}/best-model.png` });
  // docs/best-model.md's picture: rewritten only when asked, so that a test run leaves docs/ unchanged.
  if (process.env.RUNG_DOCS_SCREENSHOTS === '1') await page.getByTestId('model-panel').screenshot({ path: 'docs/images/best-model.png' });
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="model-panel"]').analyze();
  expect(violations.map(({ id, impact, nodes }) => `${impact} ${id}: ${nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
