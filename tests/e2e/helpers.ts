import { expect, type Page } from '@playwright/test';
import type { InjectedFault } from '../../src/worker/protocol.ts';

/** Small data: a search takes seconds. maxEpochs 3 / factor 3 plans 6 trials, one of them promoted. */
export const SMALL_SEARCH = 'maxEpochs=3&factor=3&trainLimit=640&valLimit=200&testLimit=200';

export const SCREENSHOTS = 'tests/artifacts/screenshots';

/**
 * The README's picture of a running search: written by pauseResume.spec.ts only when
 * RUNG_DOCS_SCREENSHOTS=1, so that a test run leaves the tracked docs/ unchanged.
 */
export const DOCS_SCREENSHOT = process.env.RUNG_DOCS_SCREENSHOTS === '1' ? 'docs/images/running-search.png' : null;

/** A search on its way to the end can take a while on a slow machine's CPU, shared by two tests at once. */
export const SEARCH_TIMEOUT = 240_000;

/** Opens the app and waits until the requested backend is ready (the badge names it). */
export async function openApp(page: Page, query: string, badge: RegExp): Promise<void> {
  await page.goto(`/?${query}`);
  // A backend's start includes its self-check (the speed probe follows, in the background): on WebGL in SwiftShader, beside another test, a minute or more.
  await expect(page.getByTestId('backend-badge')).toHaveText(badge, { timeout: 180_000 });
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
}

/** Through `window.rung`, which the page exposes with `debug=1` in its query. */
export async function injectFault(page: Page, fault: InjectedFault): Promise<void> {
  await page.evaluate((f) => window.rung!.injectFault(f), fault);
}

/** The backend menu (getByLabel would also match the Trainer menu, whose options mention "backend"). */
export function backendMenu(page: Page) {
  return page.getByRole('combobox', { name: 'Backend', exact: true });
}

export async function setRetrains(page: Page, value: string): Promise<void> {
  await page.getByLabel('Best model Retrains').fill(value);
}

export async function startAndFinish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
}

export async function plannedTrials(page: Page): Promise<number> {
  return Number(await page.getByTestId('plan-total-trials').innerText());
}

export function leaderboardRows(page: Page) {
  return page.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr');
}

/** Back to the top of the page and of the editor column, for screenshots of the overview. */
export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector('.sidebar')?.scrollTo(0, 0);
  });
}

/** The stored runs table, and the row of the run whose name contains `name`. */
export function runsTable(page: Page) {
  return page.getByRole('table', { name: 'Runs' });
}

export function runRow(page: Page, name: string | RegExp) {
  return runsTable(page).locator('tbody tr').filter({ has: page.getByRole('rowheader', { name }) });
}

/** Trials in the leaderboard as the page shows them: id, status, unrounded score and hyperparameter cells. */
export interface ShownTrial {
  id: string;
  status: string;
  score: string | null;
  hyperparameters: Record<string, string>;
}

export async function shownTrials(page: Page): Promise<ShownTrial[]> {
  return leaderboardRows(page).evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-testid')!.replace('trial-row-', ''),
      status: row.getAttribute('data-status')!,
      score: row.getAttribute('data-score'),
      hyperparameters: Object.fromEntries([...row.querySelectorAll('td[data-hp]')].map((td) => [td.getAttribute('data-hp')!, td.textContent!])),
    })),
  );
}
