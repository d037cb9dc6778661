import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { injectFault, openApp, runRow, SEARCH_TIMEOUT, setRetrains, SMALL_SEARCH } from './helpers.ts';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/**
 * Runs axe-core on the whole page and fails on any serious or critical violation, listing each with its nodes.
 * `contrastOnly`: the state was just checked in the other theme, and a theme changes colours alone (the same DOM),
 * so only colour contrast can differ: axe runs that rule, in a fraction of a full pass's time.
 */
async function expectNoSeriousViolations(page: Page, state: string, contrastOnly = false): Promise<void> {
  const theme = await page.locator('html').getAttribute('data-theme');
  const builder = new AxeBuilder({ page });
  const { violations } = await (contrastOnly ? builder.withRules(['color-contrast']) : builder).analyze();
  const serious = violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .map(({ id, impact, help, nodes }) => `${impact} ${id}: ${help}\n${nodes.map(({ target, failureSummary }) => `    ${target.join(' ')}: ${failureSummary?.split('\n').slice(1).join(' ')}`).join('\n')}`);
  expect(serious, `${state}, ${theme} theme, ${page.viewportSize()?.width}px`).toEqual([]);
}

async function switchTheme(page: Page, to: 'light' | 'dark'): Promise<void> {
  await page.getByRole('button', { name: `Switch to ${to} theme` }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', to);
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    // Each axe pass walks the whole page; on a loaded machine four of them outlast the default timeout.
    test.slow();

    test('axe: empty page and an import error, both themes', async ({ page }) => {
      await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
      await expectNoSeriousViolations(page, 'empty');
      await switchTheme(page, 'light');
      await expectNoSeriousViolations(page, 'empty', true);

      await page.getByLabel('Import', { exact: true }).setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('this is not JSON') });
      await expect(page.getByTestId('import-error')).toBeVisible();
      await expectNoSeriousViolations(page, 'import error');
      await switchTheme(page, 'dark');
      await expectNoSeriousViolations(page, 'import error', true);
    });

    test('axe: running, finished and runs compare, both themes', async ({ page }) => {
      await openApp(page, `${SMALL_SEARCH}&backend=wasm&debug=1`, /WASM/);
      await setRetrains(page, '1');
      // The first trial holds while axe checks the running page: axe then has the CPU, not the trainers.
      await injectFault(page, { kind: 'stallTrial', trialId: '0000' });
      await page.getByRole('button', { name: 'Start' }).click();
      await expect(page.getByTestId('running-trial-0000')).toBeVisible({ timeout: SEARCH_TIMEOUT });
      await expectNoSeriousViolations(page, 'running');
      await injectFault(page, { kind: 'releaseStalls' });

      await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
      await expect(page.getByTestId('test-accuracy')).toHaveText(/%$/, { timeout: SEARCH_TIMEOUT });
      // "Why it wins" with a brush typed in its fields: the faded lines and points, the open fields.
      await page.getByText('Keep a range by value').click();
      await page.getByLabel('learning_rate from').selectOption({ index: 1 });
      await page.locator('form[data-brush-field="learning_rate"]').getByRole('button', { name: 'Keep' }).click();
      await expect(page.getByTestId('parallel-coordinates').locator('g.pc-axis[data-axis="learning_rate"]')).toHaveAttribute('data-brush', /./);
      await expectNoSeriousViolations(page, 'finished');
      await switchTheme(page, 'light');
      await expectNoSeriousViolations(page, 'finished', true);

      await runRow(page, /^seed 1 ·/).getByRole('button', { name: 'Compare', exact: true }).click();
      await expect(page.getByTestId('compare-chart')).toBeVisible();
      await expectNoSeriousViolations(page, 'runs compare');
      await switchTheme(page, 'dark');
      await expectNoSeriousViolations(page, 'runs compare', true);
    });
  });
}
