import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openApp, SMALL_SEARCH } from './helpers.ts';

const UNITS_MIN = 'Layer 1 units min';

test.beforeEach(async ({ page }) => {
  // No search runs here: a minute is plenty, and a stuck step fails fast.
  test.setTimeout(60_000);
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
});

test('a bad value is reported at its field and blocks Start', async ({ page }) => {
  const input = page.getByLabel(UNITS_MIN);
  await input.fill('abc');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await input.getAttribute('aria-describedby');
  await expect(page.locator(`#${describedBy}`)).toContainText('not a finite number');
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  await input.fill('90');
  await expect(page.locator(`#${describedBy}`)).toContainText('greater than max');
  await input.fill('40');
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
});

test('the schedule preview and the exported cluster scripts follow the settings', async ({ page }) => {
  await expect(page.getByTestId('plan-total-trials')).toHaveText('6');
  await page.getByLabel('Max epochs').fill('10');
  await expect(page.getByTestId('plan-total-trials')).toHaveText('30');
  await expect(page.getByTestId('plan-total-epochs')).toHaveText('120');

  await page.getByLabel('Seed').fill('4242');
  const scripts: [string, string, RegExp][] = [
    ['Export as KerasTuner script', 'rung_search_keras_tuner.py', /kt\.Hyperband\(build_model, objective="val_accuracy", max_epochs=10, factor=3, hyperband_iterations=1, seed=4242,/],
    ['Export as Ray Tune script', 'rung_search_ray_tune.py', /^SEED = 4242$[^]*HyperBandScheduler\(time_attr="training_iteration", max_t=MAX_EPOCHS, reduction_factor=3,/m],
  ];
  for (const [button, fileName, settings] of scripts) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(fileName);
    const script = await readFile(await download.path(), 'utf8');
    expect(script).toMatch(settings);
    expect(script).toContain('TRAIN_LIMIT = 640');
  }
});

test('a bad import shows an error and changes nothing', async ({ page }) => {
  const importInput = page.getByLabel('Import', { exact: true });
  const alert = page.getByTestId('import-error');

  await importInput.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('this is not JSON') });
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('not valid JSON');
  await expect(page.getByLabel(UNITS_MIN)).toHaveValue('40');
  await expect(page.getByTestId('layer-count')).toHaveText('4');

  const minAboveMax = {
    version: 1,
    hyperparameters: [
      { name: 'units_0', type: 'int', min: 90, max: 80, step: 1 },
      { name: 'dropout_0', type: 'float', min: 0.1, max: 0.4, step: 0.1 },
      { name: 'learning_rate', type: 'choice', values: [0.01] },
    ],
  };
  await importInput.setInputFiles({ name: 'space.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(minAboveMax)) });
  await expect(alert).toContainText('units_0.min');
  await expect(page.getByLabel(UNITS_MIN)).toHaveValue('40');
  await expect(page.getByTestId('layer-count')).toHaveText('4');
  await expect(page.getByLabel('Learning rate 3', { exact: true })).toHaveValue('0.0001');

  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});

test('a good import replaces the space in the editor', async ({ page }) => {
  const space = {
    version: 1,
    hyperparameters: [
      { name: 'units_0', type: 'int', min: 20, max: 30, step: 2 },
      { name: 'dropout_0', type: 'float', min: 0, max: 0.2, step: 0.1 },
      { name: 'units_1', type: 'int', min: 16, max: 256, sampling: 'log' },
      { name: 'dropout_1', type: 'float', min: 0.1, max: 0.3, step: 0.1 },
      { name: 'learning_rate', type: 'float', min: 0.0001, max: 0.01, sampling: 'log' },
    ],
  };
  await page.getByLabel('Import', { exact: true }).setInputFiles({ name: 'space.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(space)) });
  await expect(page.getByTestId('layer-count')).toHaveText('2');
  await expect(page.getByLabel(UNITS_MIN)).toHaveValue('20');
  await expect(page.getByText('int 16–256, log sampling')).toBeVisible();
  await expect(page.getByText('float 0.0001–0.01, log sampling')).toBeVisible();
  await page.getByRole('button', { name: 'Reset learning rate' }).click();
  await expect(page.getByLabel('Learning rate 1', { exact: true })).toHaveValue('0.01');
  await page.getByRole('button', { name: 'Reset layer 2 units' }).click();
  await expect(page.getByLabel('Layer 2 units min')).toHaveValue('70');
  await page.getByRole('button', { name: 'Reset to reference defaults' }).click();
  await expect(page.getByTestId('layer-count')).toHaveText('4');
});

test('"Copy link" puts a link with the settings on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.searchParams.get('seed')).toBe('7');
  expect(link.searchParams.get('maxEpochs')).toBe('3');
  expect(link.searchParams.get('backend')).toBe('wasm');
});
