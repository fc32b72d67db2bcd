/**
 * Presentation mode, measured on the screen as the back row sees it at a projector's 1280×720: every
 * step name at least 18 px (its computed size, and the height of one line of its text), every wall's
 * delay at least 16 px, every step box in view under the tiles; the walls walked worst first.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CHAIN_40, PARALLEL_PATHS, stepNames, TWO_LANES_15, ZIG_ZAG_15 } from '../fixtures/present-maps';
import { expect, test, type App } from './fixtures';

function importMap(app: App, map: Record<string, unknown>): string {
  const [summary] = app.library.importFiles([{ name: 'map.json', text: JSON.stringify(map) }]);
  return summary!.id;
}

async function openPresentation(page: Page, app: App, id: string): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByRole('toolbar', { name: 'Map tools' })).toBeVisible();
  await page.evaluate((mapId) => {
    window.location.hash = `#/map/${mapId}/present`;
  }, id);
  await expect(page.locator('.present-step').first()).toBeVisible();
}

interface Measured {
  name: string;
  /** The name as drawn: the whole name, or its first words and an ellipsis. */
  shown: string;
  fontSize: number;
  /** The height of each line of the name's text, from a Range over it. */
  lineHeights: number[];
  box: { left: number; top: number; right: number; bottom: number };
}

/** Every step box of the section on screen: its name's size and where it is. */
function measureSteps(page: Page): Promise<Measured[]> {
  return page.locator('.present-step').evaluateAll((boxes) =>
    boxes.map((box) => {
      const name = box.querySelector('.present-step-name')!;
      const range = document.createRange();
      range.selectNodeContents(name);
      const rect = box.getBoundingClientRect();
      return {
        name: box.getAttribute('title') ?? '',
        shown: name.textContent,
        fontSize: parseFloat(getComputedStyle(name).fontSize),
        lineHeights: [...range.getClientRects()].map((line) => line.height),
        box: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
      };
    }),
  );
}

/** Each wall label's delay text: its size on screen. */
function measureWallDelays(page: Page): Promise<{ text: string; fontSize: number; lineHeights: number[] }[]> {
  return page.locator('.present-wall-delay').evaluateAll((labels) =>
    labels.map((label) => {
      const range = document.createRange();
      range.selectNodeContents(label);
      return {
        text: label.textContent,
        fontSize: parseFloat(getComputedStyle(label).fontSize),
        lineHeights: [...range.getClientRects()].map((line) => line.height),
      };
    }),
  );
}

async function expectLegible(page: Page): Promise<Measured[]> {
  const viewport = page.viewportSize()!;
  const tilesBottom = await page.locator('.present-header').evaluate((header) => header.getBoundingClientRect().bottom);
  const steps = await measureSteps(page);
  for (const step of steps) {
    expect(step.fontSize, step.name).toBeGreaterThanOrEqual(18);
    expect(step.lineHeights.length, step.name).toBeGreaterThan(0);
    for (const height of step.lineHeights) expect(height, step.name).toBeGreaterThanOrEqual(18);
    expect(step.box.left, step.name).toBeGreaterThanOrEqual(0);
    expect(step.box.top, step.name).toBeGreaterThanOrEqual(tilesBottom);
    expect(step.box.right, step.name).toBeLessThanOrEqual(viewport.width);
    expect(step.box.bottom, step.name).toBeLessThanOrEqual(viewport.height);
  }
  for (const wall of await measureWallDelays(page)) {
    expect(wall.fontSize, wall.text).toBeGreaterThanOrEqual(16);
    for (const height of wall.lineHeights) expect(height, wall.text).toBeGreaterThanOrEqual(16);
  }
  // No wall's label on another, as drawn.
  const labels = await page.locator('.present-wall').evaluateAll((buttons) =>
    buttons.map((button) => {
      const { left, right, top, bottom } = button.getBoundingClientRect();
      return { text: button.textContent, left, right, top, bottom };
    }),
  );
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `"${a.text}" on "${b.text}"`).toBe(true);
    }
  }
  return steps;
}

const caption = (page: Page) => page.locator('.present-caption');

test('the shipped example: the toolbar button opens it, walls walk worst first, Escape goes back', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByRole('toolbar', { name: 'Map tools' }).waitFor();
  const editor = await page.evaluate(() => window.location.hash);
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page).toHaveURL(/\/present$/);
  // Full screen: Chromium grants it after the click, and it ends with the presentation.
  const fullScreen = () => page.evaluate(() => document.fullscreenElement?.tagName ?? 'none');
  await expect.poll(fullScreen).toBe('HTML');
  const steps = await expectLegible(page);
  expect(steps).toHaveLength(8);
  await expect(page.locator('.present-tile')).toHaveText([
    'Lead time11w 4h',
    'Process time1w 2d',
    'Flow efficiency12.6%',
    'Rolled %C&A13.5%',
    'Walls of confusion5',
    "Worst wall's delay3w 2d",
  ]);

  // The walls, worst first: Business → Development holds up the work 3w 2d, 30.6% of the lead time.
  const walls = page.getByRole('button', { name: /wall \d of 5/ });
  await expect(walls).toHaveCount(5);
  await expect(page.getByRole('button', { name: /wall 1 of 5: Business → Development/ })).toContainText(
    'H · high 3w 2d · 30.6%',
  );
  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toContainText('H · high · Business → Development · delay 3w 2d · 30.6% of the lead time');
  await expect(caption(page)).toContainText('Wall 1 of 5: Write requirements → Develop feature (critical path)');
  // Everything else dims; the wall and its two steps stay bright.
  const opacity = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate((element) => Number(getComputedStyle(element).opacity));
  expect(await opacity(page.locator('.present-step', { hasText: 'Develop feature' }))).toBe(1);
  expect(await opacity(page.locator('.present-step', { hasText: 'Capture idea' }))).toBeLessThan(0.5);
  await page.keyboard.press('ArrowDown');
  await expect(caption(page)).toContainText('Wall 2 of 5');
  const second = await caption(page).textContent();
  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toContainText('Wall 3 of 5');
  await page.keyboard.press('ArrowLeft');
  await expect(caption(page)).toHaveText(second!);
  await page.keyboard.press('ArrowUp');
  await expect(caption(page)).toContainText('Wall 1 of 5');

  await page.keyboard.press('Escape');
  await expect(caption(page)).toHaveCount(0);
  await expect(page.locator('.present-tile')).toHaveCount(6);
  expect(await opacity(page.locator('.present-step', { hasText: 'Capture idea' }))).toBe(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar', { name: 'Map tools' })).toBeVisible();
  expect(await page.evaluate(() => window.location.hash)).toBe(editor);
  await expect.poll(fullScreen).toBe('none');

  // P opens it too, not while typing in a field.
  await page.locator('.react-flow__node-step').filter({ hasText: 'Code review' }).click();
  await page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' }).press('p');
  await expect(page).not.toHaveURL(/\/present$/);
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/\/present$/);
  await expectLegible(page);
});

test('presentation mode shows the last edit made in the editor', async ({ page, app }) => {
  await page.goto(app.url);
  await page.locator('.react-flow__node-step').filter({ hasText: 'Code review' }).click();
  const name = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' });
  await name.fill('Pair review');
  await name.press('Enter');
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('p');
  await expect(page.locator('.present-step', { hasText: 'Pair review' })).toBeVisible();
  await expect(page.locator('.present-step', { hasText: 'Code review' })).toHaveCount(0);
});

for (const [title, map] of [
  // Its six lanes keep two lines of name over the strip set tighter (presentLayout's spacings).
  ['a 15-step chain zig-zagging over 6 teams with long names', ZIG_ZAG_15],
  ['15 steps taking turns between two teams', TWO_LANES_15],
  ['parallel paths with a rework loop', PARALLEL_PATHS],
] as const) {
  test(`${title}: every name legible and in view on one screen`, async ({ page, app }) => {
    await openPresentation(page, app, importMap(app, map));
    await expectWholeNames(page, map);
  });

  test(`${title}, with the agenda's strip under it: every name legible and in view on one screen`, async ({
    page,
    app,
  }) => {
    const id = importMap(app, map);
    await openPresentation(page, app, id);
    const without = (await measureSteps(page)).map(({ name, shown }) => ({ name, shown }));
    // The map's agenda on in its editor: presentation mode shows its strip under the map.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Agenda', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Agenda' })).toBeVisible();
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await expect(page.locator('.present-step').first()).toBeVisible();
    const strip = page.getByRole('region', { name: 'Agenda' });
    await expect(strip).toBeVisible();
    await expectWholeNames(page, map);
    // The strip takes no word of a name: each shows as much of it as without the strip.
    expect((await measureSteps(page)).map(({ name, shown }) => ({ name, shown }))).toEqual(without);
    const stripTop = await strip.evaluate((element) => element.getBoundingClientRect().top);
    for (const box of await page.locator('.present-step').all()) {
      const rect = await box.boundingBox();
      expect(rect!.y + rect!.height).toBeLessThanOrEqual(stripTop);
    }
  });
}

test('the shipped example with the agenda’s strip: every step has two lines of name, each name in view above the strip', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Agenda' })).toBeVisible();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.locator('.present-step').first()).toBeVisible();
  const steps = await expectLegible(page);
  expect(steps.length).toBeGreaterThan(0);
  const lines = await page
    .locator('.present-step-name')
    .evaluateAll((names) =>
      names.map((name) =>
        Math.round(parseFloat(getComputedStyle(name).maxHeight) / (parseFloat(getComputedStyle(name).fontSize) * 1.2)),
      ),
    );
  expect(Math.min(...lines)).toBeGreaterThanOrEqual(2);
  const stripTop = await page
    .getByRole('region', { name: 'Agenda' })
    .evaluate((element) => element.getBoundingClientRect().top);
  for (const step of steps) expect(step.box.bottom, step.name).toBeLessThanOrEqual(stripTop);
  await page.screenshot({ path: '/tmp/rf/present-strip.png' });
});

/** Every step of the map on the one screen, legible, no word of a name cut over two lines. */
async function expectWholeNames(page: Page, map: Record<string, unknown>): Promise<void> {
  const steps = await expectLegible(page);
  expect(steps.map((step) => step.name).sort()).toEqual(stepNames(map).sort());
  await expect(page.getByRole('button', { name: 'Next section' })).toHaveCount(0);
  // Names wrap between words only: no word of a name is cut over two lines.
  const cutWords = await page.locator('.present-step-name bdi').evaluateAll((names) =>
    names.flatMap((name) => {
      const text = name.firstChild!;
      const words = [...(text.textContent ?? '').matchAll(/\S+/g)];
      return words.flatMap((word) => {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        return range.getClientRects().length > 1 ? [word[0]] : [];
      });
    }),
  );
  expect(cutWords).toEqual([]);
}

test('a 40-step map goes by sections, at the same sizes; a spotlit wall brings its section', async ({ page, app }) => {
  await openPresentation(page, app, importMap(app, CHAIN_40));
  const status = page.getByText(/^Section \d of \d$/);
  await expect(status).toHaveText('Section 1 of 3');
  const seen: string[] = [];
  const first = await expectLegible(page);
  seen.push(...first.map((step) => step.name));
  await expect(page.getByRole('button', { name: 'Previous section' })).toBeDisabled();

  await page.getByRole('button', { name: 'Next section' }).click();
  await expect(status).toHaveText('Section 2 of 3');
  seen.push(...(await expectLegible(page)).map((step) => step.name));
  await page.keyboard.press('PageDown');
  await expect(status).toHaveText('Section 3 of 3');
  seen.push(...(await expectLegible(page)).map((step) => step.name));
  await expect(page.getByRole('button', { name: 'Next section' })).toBeDisabled();
  expect(seen.sort()).toEqual(stepNames(CHAIN_40).sort());

  await page.keyboard.press('Shift+Space');
  await expect(status).toHaveText('Section 2 of 3');
  await page.keyboard.press('PageUp');
  await expect(status).toHaveText('Section 1 of 3');

  // Walking the walls goes to the section of each: the spotlit wall's steps are on the screen.
  for (let k = 0; k < 6; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(caption(page)).toContainText(`Wall ${k + 1} of`);
    await expect(page.locator('.present-wall.lit')).toHaveCount(1);
    // The receiving step is always in the wall's section.
    const receiver = (await caption(page).locator('.present-caption-steps bdi').nth(1).textContent())!;
    await expect(page.locator(`.present-step.lit[title="${receiver}"]`)).toBeVisible();
  }
});

test('the presentation screen has no serious accessibility problem, with or without a spotlit wall', async ({
  page,
  app,
}) => {
  await openPresentation(page, app, importMap(app, CHAIN_40));
  const seriousProblems = async () => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  };
  expect(await seriousProblems()).toEqual([]);
  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toBeVisible();
  expect(await seriousProblems()).toEqual([]);
});
