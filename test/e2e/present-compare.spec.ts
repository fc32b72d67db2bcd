/**
 * The comparison for the room (`#/compare/BEFORE/AFTER/present`), measured on the screen at a
 * projector's 1280×720: the deltas as `vsm compare` prints them, each map at presentation mode's
 * sizes (names at least 18 px, walls' delays at least 16 px), the change marks on the right steps,
 * in symbol and word as well as colour; keys from the table of actions; nothing serious for axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { changeMarks } from '../../shared/metrics/change-marks';
import { compareMaps } from '../../shared/metrics/compare';
import { validateDocument } from '../../shared/model/validate';
import { expect, test, type App } from './fixtures';

/** The shipped example's current and future state, as the library holds them. */
function exampleMaps(app: App) {
  const maps = app.library.listMaps().filter((map) => map.streamName === 'Feature delivery');
  const current = maps.find((map) => map.state === 'current')!;
  const future = maps.find((map) => map.state === 'future')!;
  return { current, future };
}

async function openComparison(page: Page, app: App, before: string, after: string): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByRole('toolbar', { name: 'Map tools' })).toBeVisible();
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/compare/${before}/${after}/present`);
  await expect(page.locator('.present-step').first()).toBeVisible();
}

/** Every step's name size and each wall delay's size on screen, and whether every box is in view. */
async function expectLegible(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const headerBottom = await page
    .locator('.present-header')
    .evaluate((header) => header.getBoundingClientRect().bottom);
  const steps = await page.locator('.present-step').evaluateAll((boxes) =>
    boxes.map((box) => {
      const name = box.querySelector('.present-step-name')!;
      const range = document.createRange();
      range.selectNodeContents(name);
      return {
        name: box.getAttribute('title') ?? '',
        fontSize: parseFloat(getComputedStyle(name).fontSize),
        lineHeights: [...range.getClientRects()].map((line) => line.height),
        box: box.getBoundingClientRect().toJSON() as DOMRect,
      };
    }),
  );
  expect(steps.length).toBeGreaterThan(0);
  for (const step of steps) {
    expect(step.fontSize, step.name).toBeGreaterThanOrEqual(18);
    for (const height of step.lineHeights) expect(height, step.name).toBeGreaterThanOrEqual(18);
    expect(step.box.top, step.name).toBeGreaterThanOrEqual(headerBottom);
    expect(step.box.left, step.name).toBeGreaterThanOrEqual(0);
    expect(step.box.right, step.name).toBeLessThanOrEqual(viewport.width);
    expect(step.box.bottom, step.name).toBeLessThanOrEqual(viewport.height);
  }
  const delays = await page.locator('.present-wall-delay').evaluateAll((labels) =>
    labels.map((label) => {
      const range = document.createRange();
      range.selectNodeContents(label);
      return {
        fontSize: parseFloat(getComputedStyle(label).fontSize),
        heights: [...range.getClientRects()].map((line) => line.height),
      };
    }),
  );
  for (const delay of delays) {
    expect(delay.fontSize).toBeGreaterThanOrEqual(16);
    for (const height of delay.heights) expect(height).toBeGreaterThanOrEqual(16);
  }
}

/** The steps marked on screen, by their names (a box's title starts with its name). */
async function markedSteps(page: Page): Promise<Record<string, string>> {
  const marked = await page
    .locator('.present-step[data-mark]')
    .evaluateAll((boxes) =>
      boxes.map((box) => [box.getAttribute('title')!.split('\n')[0]!, box.getAttribute('data-mark')!] as const),
    );
  return Object.fromEntries(marked);
}

test('the example current and future states for the room: deltas, both maps marked, keys, Escape back', async ({
  page,
  app,
}) => {
  const { current, future } = exampleMaps(app);
  const before = app.library.openMap(current.id).document;
  const after = app.library.openMap(future.id).document;
  const marks = changeMarks(before, after, compareMaps(before, after));
  const nameIn = (document: typeof before, id: string) => document.steps.find((step) => step.id === id)!.name;
  await openComparison(page, app, current.id, future.id);

  // The deltas, as vsm compare prints them.
  const tile = (metric: string) => page.locator(`.present-tile[data-metric="${metric}"]`);
  await expect(page.locator('.present-tile')).toHaveCount(7);
  await expect(tile('leadTime').locator('.present-delta-change')).toHaveText('−77.0%');
  await expect(tile('flowEfficiency').locator('.present-delta-change')).toHaveText('+19.4 pts');
  await expect(tile('leadTime').locator('.present-delta-values')).toHaveText(/^11w 4h → /);
  await expect(tile('crossTeamHandoffs')).toContainText('Walls of confusion');

  // Before: the steps removed and changed are marked, in word and symbol.
  const sides = page.getByRole('group', { name: 'Map shown' });
  await expect(sides.getByRole('button', { name: 'Before' })).toHaveAttribute('aria-pressed', 'true');
  await expectLegible(page);
  await expect
    .poll(() => markedSteps(page))
    .toEqual(Object.fromEntries([...marks.before.steps].map(([id, { mark }]) => [nameIn(before, id), mark])));
  for (const box of await page.locator('.present-step[data-mark]').all()) {
    const mark = (await box.getAttribute('data-mark'))!;
    await expect(box.locator('.present-step-mark')).toContainText(
      `${{ added: '+', removed: '−', changed: '~' }[mark]} ${mark}`,
    );
  }
  const wallsGone = [...marks.before.walls.values()].filter((mark) => mark === 'removed').length;
  await expect(page.locator('.present-wall.wall-removed')).toHaveCount(wallsGone);
  if (wallsGone > 0) {
    await expect(page.locator('.present-wall.wall-removed').first()).toHaveCSS('text-decoration-line', 'line-through');
  }
  await page.screenshot({ path: test.info().outputPath('before.png') });

  // After, from its key: the steps added and changed.
  await page.keyboard.press('ArrowRight');
  await expect(sides.getByRole('button', { name: 'After' })).toHaveAttribute('aria-pressed', 'true');
  await expectLegible(page);
  await expect
    .poll(() => markedSteps(page))
    .toEqual(Object.fromEntries([...marks.after.steps].map(([id, { mark }]) => [nameIn(after, id), mark])));
  await page.screenshot({ path: test.info().outputPath('after.png') });
  await page.keyboard.press('b');
  await expect(sides.getByRole('button', { name: 'Before' })).toHaveAttribute('aria-pressed', 'true');

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`#/compare/${current.id}/${future.id}$`));
});

test('a revision against the map now: a side named ID@N is that revision', async ({ page, app }) => {
  const { current } = exampleMaps(app);
  const { document, revision } = app.library.openMap(current.id);
  const renamed = document.steps.map((step, index) => (index === 0 ? { ...step, name: 'Capture the idea' } : step));
  const checked = validateDocument({ ...document, steps: renamed });
  if (!checked.ok) throw new Error(checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  app.library.saveMap(current.id, checked.document, revision);
  await openComparison(page, app, `${current.id}@${revision}`, current.id);
  await expect(page.locator('h1')).toContainText(`Current state, revision ${revision} → Current state`);
  await expect(page.locator('.present-step[data-mark="changed"]')).toHaveAttribute('title', /^Capture idea\nname /);
});
