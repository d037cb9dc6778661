import { expect, test, type Page } from '@playwright/test';
import { openApp, SMALL_SEARCH } from './helpers.ts';

const space = (change: (hps: Record<string, unknown>[]) => void, extra: Record<string, unknown> = {}) => {
  const hyperparameters: Record<string, unknown>[] = [
    { name: 'units_0', type: 'int', min: 40, max: 80, step: 1 },
    { name: 'dropout_0', type: 'float', min: 0.1, max: 0.4, step: 0.1 },
    { name: 'learning_rate', type: 'choice', values: [0.01, 0.001] },
  ];
  change(hyperparameters);
  return JSON.stringify({ version: 1, hyperparameters, ...extra });
};

/** Each bad file, and what the message must say: the field, then what is wrong with it. */
const BAD_FILES: { name: string; text: string; message: string | RegExp }[] = [
  { name: 'not-json.json', text: 'units_0: 40 to 80', message: 'not-json.json is not valid JSON' },
  { name: 'array.json', text: '[{"name": "units_0"}]', message: 'array.json: expected a best-config or search-space object, got a list' },
  { name: 'string.json', text: '"units_0"', message: 'string.json: expected a best-config or search-space object, got "units_0"' },
  { name: 'future.json', text: space(() => undefined, { version: 2 }), message: 'version: version 2 is newer than this Rung reads (1)' },
  { name: 'min-max.json', text: space((h) => (h[0]!.min = 90)), message: 'units_0.min: min (90) is greater than max (80)' },
  { name: 'negative-step.json', text: space((h) => (h[0]!.step = -1)), message: 'units_0.step: step must be greater than 0, got -1' },
  { name: 'zero-step.json', text: space((h) => (h[1]!.step = 0)), message: 'dropout_0.step: step must be greater than 0, got 0' },
  { name: 'nan.json', text: space((h) => (h[0]!.max = 'NaN')), message: 'units_0.max: expected a number, got "NaN"' },
  { name: 'infinity.json', text: space((h) => (h[1]!.max = 'Infinity')), message: 'dropout_0.max: expected a number, got "Infinity"' },
  { name: 'huge.json', text: space((h) => (h[0]!.max = 1e9)), message: 'units_0.max: units must be whole numbers from 1 to 4096, got 1000000000' },
  { name: 'empty-choice.json', text: space((h) => (h[2]!.values = [])), message: 'learning_rate.values: needs at least one value' },
  { name: 'unknown-key.json', text: space((h) => (h[0]!.colour = 'red')), message: 'units_0.colour: unknown key "colour"' },
  { name: 'unknown-top.json', text: space(() => undefined, { author: 'me' }), message: 'author: unknown key "author"' },
];

/** The editor and settings as the page opened them: no bad input may change them. */
async function expectUnchanged(page: Page): Promise<void> {
  await expect(page.getByTestId('layer-count')).toHaveText('4');
  await expect(page.getByLabel('Layer 1 units min')).toHaveValue('40');
  await expect(page.getByLabel('Layer 1 units max')).toHaveValue('80');
  await expect(page.getByLabel('Layer 1 dropout step')).toHaveValue('0.1');
  await expect(page.getByLabel('Learning rate 3', { exact: true })).toHaveValue('0.0001');
}

test('every bad import file is refused with a message naming the field, and changes nothing', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  const importInput = page.getByLabel('Import', { exact: true });
  const alert = page.getByTestId('import-error');
  for (const file of BAD_FILES) {
    await importInput.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await expect(alert, file.name).toContainText(file.message);
    await expect(alert).toContainText(file.name);
    await expectUnchanged(page);
    await expect(page.getByLabel('Max epochs')).toHaveValue('3');
  }

  // Five times the 1 MB limit: refused from its size, unread (no Blob read at all, counted below). A
  // 50 MB file checked the same thing and spent 25 s of this test in Playwright's transfer of it.
  await page.evaluate(() => {
    const counted = window as unknown as { fileReads: number };
    counted.fileReads = 0;
    for (const method of ['text', 'arrayBuffer', 'bytes', 'stream'] as const) {
      const original = Blob.prototype[method] as (this: Blob) => unknown;
      Object.defineProperty(Blob.prototype, method, { configurable: true, value(this: Blob) { counted.fileReads += 1; return original.call(this); } });
    }
  });
  await importInput.setInputFiles({ name: 'huge-file.json', mimeType: 'application/json', buffer: Buffer.alloc(5 * 1024 * 1024, 0x20) });
  await expect(alert).toContainText('huge-file.json is 5.0 MB; an import is at most 1 MB');
  expect(await page.evaluate(() => (window as unknown as { fileReads: number }).fileReads)).toBe(0);
  await expectUnchanged(page);

  // A good file still imports after all that.
  await importInput.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(space((h) => (h[0]!.min = 50))) });
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('layer-count')).toHaveText('1');
  await expect(page.getByLabel('Layer 1 units min')).toHaveValue('50');
  // …and was read, through the very methods counted above (so the zero above means something).
  expect(await page.evaluate(() => (window as unknown as { fileReads: number }).fileReads)).toBeGreaterThan(0);
});

/** Bad URL parameters: all or nothing, so the settings keep their defaults (max epochs 10, seed 1). */
const BAD_URLS: { query: string; message: string }[] = [
  { query: 'maxEpochs=NaN', message: 'maxEpochs: "NaN" is not a finite number' },
  { query: 'seed=Infinity', message: 'seed: "Infinity" is not a finite number' },
  { query: 'maxEpochs=-2', message: 'maxEpochs: must be at least 1' },
  { query: 'trainLimit=1e9', message: 'trainLimit: must be at most 48000' },
  { query: 'maxEpochs=5&foo=1', message: 'foo: unknown URL parameter' },
];

test('bad URL parameters are refused with a message naming the parameter, and change nothing', async ({ page }) => {
  for (const { query, message } of BAD_URLS) {
    await page.goto(`/?${query}`);
    const alert = page.getByTestId('import-error');
    await expect(alert, query).toContainText('URL parameters ignored');
    await expect(alert).toContainText(message);
    await expect(page.getByLabel('Max epochs')).toHaveValue('10');
    await expect(page.getByLabel('Seed')).toHaveValue('1');
    await expect(page.getByLabel('Training', { exact: true })).toHaveValue('');
    await expectUnchanged(page);
  }
  // debug is known (it is not a setting): it is accepted with the others.
  await page.goto('/?debug=1&maxEpochs=5&backend=wasm');
  await expect(page.getByLabel('Max epochs')).toHaveValue('5');
  await expect(page.getByTestId('import-error')).toBeHidden();
  expect(await page.evaluate(() => typeof window.rung?.injectFault)).toBe('function');
  await page.goto('/?maxEpochs=5');
  expect(await page.evaluate(() => window.rung)).toBeUndefined();
});

test('seed 0 is refused at the field, with the reason: KerasTuner reads 0 as "no seed"', async ({ page }) => {
  await page.goto('/?seed=0');
  const alert = page.getByTestId('import-error');
  await expect(alert).toContainText('URL parameters ignored');
  await expect(alert).toContainText('seed: must be at least 1: KerasTuner treats seed 0 as no seed and draws a random one');
  await expect(page.getByLabel('Seed')).toHaveValue('1');
  await page.getByLabel('Seed').fill('0');
  await expect(page.getByText('must be at least 1: KerasTuner treats seed 0 as no seed').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
});

