import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { injectFault, leaderboardRows, openApp, SEARCH_TIMEOUT, SMALL_SEARCH } from './helpers.ts';

/**
 * After a key press: the element with keyboard focus, whether a focus indicator (outline or ring) is drawn
 * around it, and whether it is `target`; read in one round trip, as a Tab stop costs one press and one read.
 */
async function focusAfterPress(target: Locator): Promise<{ element: string; indicated: boolean; reached: boolean } | null> {
  return target.evaluate((wanted) => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement || element instanceof SVGElement) || element === document.body) return null;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return { element: element.outerHTML.slice(0, 160), indicated: element.matches(':focus-visible') && (outlined || style.boxShadow !== 'none'), reached: element === wanted };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop on the way that the focus is visible.
 * No press when focus is already there: a control that changes its label (Pause becomes Resume) keeps it.
 */
async function tabTo(page: Page, target: Locator, direction: 'forwards' | 'backwards' = 'forwards', maxPresses = 300): Promise<void> {
  if (await target.evaluate((element) => element === document.activeElement)) return;
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press(direction === 'forwards' ? 'Tab' : 'Shift+Tab');
    const focus = await focusAfterPress(target);
    if (focus) expect(focus.indicated, `no visible focus on ${focus.element}`).toBe(true);
    if (focus?.reached) return;
  }
  throw new Error(`${maxPresses} presses of Tab never reached ${target.toString()}`);
}

async function typeInto(page: Page, field: Locator, value: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
  await expect(field).toHaveValue(value);
}

test('a whole search by keyboard alone, focus always visible', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm&debug=1`, /WASM/);
  // Set up by the test, not the user: the first trial stalls until Pause has been pressed, so the search is still running then.
  await injectFault(page, { kind: 'stallTrial', trialId: '0000' });
  await typeInto(page, page.getByLabel('Layer 1 units min'), '50');
  await typeInto(page, page.getByLabel('Best model Retrains'), '0');

  await tabTo(page, page.getByRole('button', { name: 'Start' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: SEARCH_TIMEOUT });

  await tabTo(page, page.getByRole('button', { name: 'Pause' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: SEARCH_TIMEOUT });
  await injectFault(page, { kind: 'releaseStalls' });

  await tabTo(page, page.getByRole('button', { name: 'Resume' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });

  // Focus is still in the header's controls: back up to the bypass link, which leads past the setup and the charts.
  await tabTo(page, page.getByRole('link', { name: 'Skip to the leaderboard' }), 'backwards');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('leaderboard-panel')).toBeFocused();
  const firstTrial = leaderboardRows(page).first().getByRole('button');
  await tabTo(page, firstTrial);
  await page.keyboard.press('Enter');
  await expect(firstTrial).toHaveAttribute('aria-pressed', 'true');

  await tabTo(page, page.getByRole('button', { name: 'Export best config' }));
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const config = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as { hyperparameters: Record<string, number> };
  expect(config.hyperparameters.units_0).toBeGreaterThanOrEqual(50);
});
