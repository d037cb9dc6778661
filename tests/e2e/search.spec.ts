import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { leaderboardRows, openApp, plannedTrials, SCREENSHOTS, scrollToTop, SEARCH_TIMEOUT, SMALL_SEARCH, startAndFinish } from './helpers.ts';

// One finished search, inspected step by step: the tests share the page and run in order.
test.describe.configure({ mode: 'serial' });

let page: Page;

const legendEntry = (trialId: string) => page.getByRole('list', { name: 'Trials on the charts' }).getByRole('button', { name: trialId, exact: true });

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterAll(async () => {
  await page.close();
});

test('a small search runs to the end and retrains the best model', async () => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  await expect(page.getByTestId('plan-total-trials')).toHaveText('6');
  // The speed probe runs once the backend is ready; the estimate appears when it ends, and Start waits for it here.
  await expect(page.getByTestId('plan-estimate')).toHaveText(/^≈ \d+/, { timeout: 120_000 });
  await expect(page.getByTestId('plan-estimate-basis')).toContainText('on WASM, fused trainer');
  await startAndFinish(page);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d{2}%$/, { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('search-progress')).toHaveAttribute('aria-valuenow', '100');
});

test('the estimate shown before Start is set against the time the search took', async () => {
  await expect(page.getByTestId('estimate-outcome')).toHaveText(/^Estimated \d+.*, took \d+.* \([+−]\d+% off\), retrains included\.$/);
});

test("the reference run's test accuracy is labelled as another machine's, beside this run's", async () => {
  const comparison = page.getByTestId('reference-comparison');
  await expect(comparison).toContainText('KerasTuner reference run (another machine, unknown seed');
  await expect(comparison).toContainText('97.26%');
  await expect(page.getByTestId('own-test-accuracy')).toHaveText(await page.getByTestId('test-accuracy').innerText());
});

test('the leaderboard holds every planned trial', async () => {
  const planned = await plannedTrials(page);
  await expect(leaderboardRows(page)).toHaveCount(planned);
  await expect(page.getByTestId('trials-ended')).toHaveText(`${planned} / ${planned}`);
  for (const row of await leaderboardRows(page).all()) await expect(row).toHaveAttribute('data-status', 'completed');
});

test('the charts draw one line per trial that trained', async () => {
  const trained = await leaderboardRows(page).count();
  for (const chart of ['curves-val-accuracy', 'curves-val-loss']) {
    await expect(page.getByTestId(chart).locator('g.curve')).toHaveCount(trained);
  }
  await page.getByLabel('Show training accuracy and loss').check();
  await expect(page.getByTestId('curves-accuracy').locator('g.curve')).toHaveCount(trained);
  await page.getByLabel('Show training accuracy and loss').uncheck();
  await expect(page.getByTestId('curves-val-accuracy')).toBeVisible();
});

test('selecting a trial in the leaderboard selects it in the charts and brackets', async () => {
  const row = page.getByTestId('trial-row-0003');
  await row.click();
  await expect(row).toHaveClass(/is-selected/);
  await expect(legendEntry('0003')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-chip-id="0003"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-chip-id="0003"]')).toContainText('from 0001');
  await row.click();
  await expect(row).not.toHaveClass(/is-selected/);
});

test('clicking a curve or its legend entry selects the trial', async () => {
  const line = page.getByTestId('curves-val-loss').locator('g.curve-0005 path.curve-line');
  await line.scrollIntoViewIfNeeded();
  const middle = await line.evaluate((path: SVGPathElement) => {
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: point.x * m.a + point.y * m.c + m.e, y: point.x * m.b + point.y * m.d + m.f };
  });
  // Hover first, as a person does: the tooltip and the active dots settle before the click.
  await page.mouse.move(middle.x, middle.y);
  await expect(page.getByTestId('curves-val-loss').locator('.chart-tooltip')).toContainText('0005');
  await expect(page.getByTestId('curves-val-loss').locator('.curve-active-dots circle').first()).toBeVisible();
  await page.mouse.click(middle.x, middle.y);
  await expect(page.getByTestId('trial-row-0005')).toHaveClass(/is-selected/);
  await legendEntry('0004').click();
  await expect(page.getByTestId('trial-row-0004')).toHaveClass(/is-selected/);
  await expect(page.getByTestId('trial-row-0005')).not.toHaveClass(/is-selected/);
  await legendEntry('0004').click();
  await expect(page.getByTestId('trial-row-0004')).not.toHaveClass(/is-selected/);
});

test('sorting by a column sets aria-sort', async () => {
  const table = page.getByRole('table', { name: 'Leaderboard' });
  const header = table.getByRole('columnheader', { name: 'Trial', exact: true });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(leaderboardRows(page).first()).toHaveAttribute('data-testid', 'trial-row-0000');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const rank = table.getByRole('columnheader', { name: 'Rank', exact: true });
  await rank.getByRole('button').click();
  await expect(rank).toHaveAttribute('aria-sort', 'ascending');
  await expect(header).not.toHaveAttribute('aria-sort');
});

test('"Export best config" downloads the top row\'s hyperparameters', async () => {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export best config' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('rung-best-config.json');
  const config = JSON.parse(await readFile(await download.path(), 'utf8')) as { format: string; hyperparameters: Record<string, unknown>; testEvaluation: unknown };
  expect(config.format).toBe('rung.best-config');
  expect(config.testEvaluation).not.toBeNull();
  const top = leaderboardRows(page).first();
  await expect(top.locator('td').first()).toHaveText('1');
  const cells = await top.locator('td[data-hp]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-hp')!, td.textContent!] as const));
  expect(cells.length).toBe(Object.keys(config.hyperparameters).length);
  expect(Object.fromEntries(cells)).toEqual(Object.fromEntries(Object.entries(config.hyperparameters).map(([k, v]) => [k, String(v)])));
});

test('"Export trials (CSV)" downloads a row per trial', async () => {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export trials (CSV)' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv.trim().split('\n')).toHaveLength((await leaderboardRows(page).count()) + 1);
});

test('screenshots of the finished search: dark, light and narrow', async () => {
  await scrollToTop(page);
  await page.screenshot({ path: `${SCREENSHOTS}/finished-1280x800-dark.png` });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: `${SCREENSHOTS}/finished-1280x800-light.png` });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await scrollToTop(page);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/finished-390x844-dark-full.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});
