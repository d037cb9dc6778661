import { expect, test, type Page } from '@playwright/test';
import { leaderboardRows, openApp, SCREENSHOTS, shownTrials, SMALL_SEARCH, startAndFinish } from './helpers.ts';

// One small search, inspected step by step: the tests share the page and run in order.
test.describe.configure({ mode: 'serial' });

let page: Page;

/** The docs' picture of the parallel coordinates, rewritten only when RUNG_DOCS_SCREENSHOTS=1 (as helpers.ts's DOCS_SCREENSHOT). */
const DOCS_IMAGE = process.env.RUNG_DOCS_SCREENSHOTS === '1' ? 'docs/images/why-it-wins.png' : null;

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const lines = () => page.getByTestId('parallel-coordinates').locator('path.pc-line');
const axis = (key: string) => page.getByTestId('parallel-coordinates').locator(`g.pc-axis[data-axis="${key}"]`);

/** Each line's vertices in screen pixels, one per axis in the axes' order (every trial here has a value on every axis). */
async function lineVertices(): Promise<{ trialId: string; selected: boolean; points: { x: number; y: number }[] }[]> {
  return lines().evaluateAll((paths) =>
    paths.map((path) => {
      const m = (path as SVGPathElement).getScreenCTM()!;
      const numbers = path.getAttribute('d')!.split(/[ML]/).filter(Boolean).map((pair) => pair.split(',').map(Number) as [number, number]);
      return {
        trialId: path.getAttribute('data-trial-id')!,
        selected: path.getAttribute('data-selected') === 'true',
        points: numbers.map(([x, y]) => ({ x: x * m.a + y * m.c + m.e, y: x * m.b + y * m.d + m.f })),
      };
    }),
  );
}

/** Trial id → its parent's id, from the leaderboard's "↳parent" marks. */
async function parentsShown(): Promise<Map<string, string>> {
  const pairs = await leaderboardRows(page).evaluateAll((rows) =>
    rows.map((row) => [row.getAttribute('data-testid')!.replace('trial-row-', ''), row.querySelector('.parent-ref')?.textContent?.replace(/[^0-9]/g, '') ?? ''] as const),
  );
  return new Map(pairs.filter(([, parent]) => parent !== ''));
}

async function top(locator: ReturnType<Page['locator']>): Promise<number> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  return box!.y;
}

const editor = () => page.getByRole('complementary', { name: 'Search setup' });

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: PHONE });
});

test.afterAll(async () => {
  await page.close();
});

test('on a phone, before any run, the editor comes first', async () => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  expect(await top(editor())).toBeLessThan(await top(page.getByTestId('leaderboard-panel')));
  await page.setViewportSize(DESKTOP);
});

test('a finished search draws one line per completed family, at its final budget', async () => {
  await startAndFinish(page);
  const trials = await shownTrials(page);
  const parents = await parentsShown();
  expect(parents.size, 'the small search promotes a trial').toBeGreaterThan(0);
  const completed = trials.filter((t) => t.status === 'completed').map((t) => t.id);
  const promotedOnward = new Set([...parents.entries()].filter(([child]) => completed.includes(child)).map(([, parent]) => parent));
  const finalBudget = completed.filter((id) => !promotedOnward.has(id));
  await expect(lines()).toHaveCount(finalBudget.length);
  expect((await lineVertices()).map((l) => l.trialId).sort()).toEqual(finalBudget.sort());
  await expect(page.getByTestId('parallel-coordinates-text').locator('tbody tr')).toHaveCount(finalBudget.length);
  const figure = page.getByTestId('parallel-coordinates');
  // Centred, so the page's sticky header does not cover it in the picture.
  await figure.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await figure.screenshot({ path: DOCS_IMAGE ?? `${SCREENSHOTS}/insight-parallel-coordinates.png` });
});

test("each line's vertex on the score axis is ordered as the leaderboard's scores", async () => {
  const scores = new Map((await shownTrials(page)).map((t) => [t.id, Number(t.score)]));
  const onScoreAxis = (await lineVertices()).map((l) => ({ id: l.trialId, score: scores.get(l.trialId)!, y: l.points.at(-1)!.y }));
  for (const a of onScoreAxis) {
    for (const b of onScoreAxis) {
      // val_accuracy: a higher score sits higher, so nearer the top of the screen.
      if (a.score > b.score) expect(a.y, `${a.id} (${a.score}) above ${b.id} (${b.score})`).toBeLessThan(b.y);
      if (a.score === b.score) expect(a.y).toBeCloseTo(b.y, 1);
    }
  }
});

test('at 1440×900 the score, status and epochs of the first row are on screen, and stay pinned when the table scrolls', async () => {
  const first = leaderboardRows(page).first();
  await first.scrollIntoViewIfNeeded();
  const inViewport = async (column: string) => {
    const box = (await first.locator(`[data-column="${column}"]`).boundingBox())!;
    expect(box.x, column).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, column).toBeLessThanOrEqual(DESKTOP.width);
    expect(box.y, column).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, column).toBeLessThanOrEqual(DESKTOP.height);
    return box.x;
  };
  const before = await Promise.all(['score', 'status', 'epochsTrained'].map(inViewport));
  const scroller = page.getByTestId('leaderboard-panel').locator('.table-scroll');
  await scroller.evaluate((box) => box.scrollTo({ left: box.scrollWidth }));
  const after = await Promise.all(['score', 'status', 'epochsTrained'].map(inViewport));
  expect(after).toEqual(before);
});

test('dragging along the units_0 axis keeps exactly the trials in the range; clicking outside it clears it', async () => {
  const all = await shownTrials(page);
  const hit = axis('units_0').locator('rect.pc-hit');
  await hit.scrollIntoViewIfNeeded();
  const box = (await hit.boundingBox())!;
  const ys = (await lineVertices()).map((l) => l.points[0]!.y);
  const highest = Math.min(...ys);
  const lowest = Math.max(...ys);
  expect(lowest, 'the lines differ on units_0').toBeGreaterThan(highest);
  const x = box.x + box.width / 2;
  await page.mouse.move(x, highest - 6);
  await page.mouse.down();
  await page.mouse.move(x, (highest + lowest) / 2, { steps: 6 });
  await page.mouse.up();

  await expect(axis('units_0')).toHaveAttribute('data-brush', /^\d+ to \d+$/);
  const [min, max] = (await axis('units_0').getAttribute('data-brush'))!.split(' to ').map(Number) as [number, number];
  const inRange = all.filter((t) => Number(t.hyperparameters.units_0) >= min && Number(t.hyperparameters.units_0) <= max).map((t) => t.id);
  expect(inRange.length).toBeGreaterThan(0);
  expect(inRange.length).toBeLessThan(all.length);
  await expect(leaderboardRows(page)).toHaveCount(inRange.length);
  expect((await shownTrials(page)).map((t) => t.id).sort()).toEqual([...inRange].sort());
  await expect(page.getByTestId('curves-val-accuracy').locator('g.curve')).toHaveCount(inRange.length);
  const kept = (await lineVertices()).filter((l) => l.selected).map((l) => l.trialId);
  expect(kept.every((id) => inRange.includes(id))).toBe(true);

  await page.mouse.click(x, box.y + box.height - 2);
  await expect(axis('units_0')).not.toHaveAttribute('data-brush');
  await expect(leaderboardRows(page)).toHaveCount(all.length);
});

test('a brush can be typed from the keyboard, and every brush cleared at once', async () => {
  const all = await shownTrials(page);
  const values = all.map((t) => Number(t.hyperparameters.units_0)).sort((a, b) => a - b);
  const [min, max] = [values[0]!, values[Math.floor(values.length / 2)]!];
  await page.getByText('Keep a range by value').click();
  await page.getByLabel('units_0 from').fill(String(min));
  await page.getByLabel('units_0 to').fill(String(max));
  await page.getByLabel('units_0 to').press('Enter');
  await expect(axis('units_0')).toHaveAttribute('data-brush', `${min} to ${max}`);
  const inRange = all.filter((t) => Number(t.hyperparameters.units_0) >= min && Number(t.hyperparameters.units_0) <= max);
  await expect(leaderboardRows(page)).toHaveCount(inRange.length);

  await page.getByLabel('units_0 from').fill('wide');
  await page.getByLabel('units_0 from').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'units_0 from: enter a number, got "wide"' })).toBeVisible();
  await expect(leaderboardRows(page)).toHaveCount(inRange.length);

  await page.getByRole('button', { name: 'Clear brushes' }).click();
  await expect(leaderboardRows(page)).toHaveCount(all.length);
});

test('on a phone, once a run is shown, the results come before the editor', async () => {
  await page.setViewportSize(PHONE);
  expect(await top(page.getByTestId('leaderboard-panel'))).toBeLessThan(await top(editor()));
  expect(await top(page.getByTestId('search-progress'))).toBeLessThan(await top(editor()));
});
