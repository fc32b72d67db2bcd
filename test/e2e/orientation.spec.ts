/**
 * Knowing what one looks at in the editor, measured on screen at 1280×720: walls legible at fit,
 * their figures at hand with the side panel hidden, the map's state in the header and the title,
 * and a 200-step map that fits, keeps the page in place and keeps its lanes named when panned.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const box = async (locator: Locator): Promise<Box> => (await locator.boundingBox())!;
const canvas = (page: Page) => page.getByRole('region', { name: 'Map canvas' });
const step = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });

/** Waits until the canvas stops moving (fit view and focusing animate). */
async function settled(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').evaluate((element) => element.style.transform);
  let before = await transform();
  for (;;) {
    await page.waitForTimeout(300);
    const now = await transform();
    if (now === before) return;
    before = now;
  }
}

/** An SVG element's stroke on screen: its width in its own units times its scale to the screen. */
function strokeOnScreen(locator: Locator): Promise<number> {
  return locator.evaluate(
    (element: SVGGraphicsElement) => parseFloat(getComputedStyle(element).strokeWidth) * element.getScreenCTM()!.a,
  );
}

/** An HTML element's font size on screen: its CSS size times the zoom it is drawn at. */
function fontOnScreen(locator: Locator): Promise<number> {
  return locator.evaluate(
    (element: HTMLElement) =>
      (parseFloat(getComputedStyle(element).fontSize) * element.getBoundingClientRect().height) / element.offsetHeight,
  );
}

test('at fit, every wall has a bar of at least 2 px and its letter and delay in text of at least 10 px', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const bars = page.locator('.wall-marker .wall-bar');
  const badges = page.locator('.wall-badge');
  await expect(bars).toHaveCount(5);
  await expect(badges).toHaveCount(5);
  await settled(page);
  expect((await badges.allTextContents()).sort()).toEqual([
    'H 3w 2d',
    'M 1w 1d',
    'M 1w 1d 7h',
    'M 1w 2d 4h',
    'M 4d 7h',
  ]);
  for (let i = 0; i < 5; i++) {
    expect(await fontOnScreen(badges.nth(i))).toBeGreaterThanOrEqual(10);
    expect(await strokeOnScreen(bars.nth(i))).toBeGreaterThanOrEqual(2);
    // Across the flow: wider than its badge.
    expect((await box(bars.nth(i))).width).toBeGreaterThan((await box(badges.nth(i))).width);
  }
  for (const line of await page.locator('.wall-edge .react-flow__edge-path').all())
    expect(await strokeOnScreen(line)).toBeGreaterThanOrEqual(2);
  // Two walls cross into Operations on one line: their badges stand side by side, not on top of each other.
  const boxes = await Promise.all((await badges.all()).map(box));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
});

test('zoomed in, the waits stand clear of the walls; a selected wall keeps its colour and shows a halo', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page
    .getByRole('region', { name: 'Walls of confusion' })
    .getByRole('button', { name: /Business → Development/ })
    .click();
  await settled(page);
  const selected = page.locator('.react-flow__edge.selected');
  await expect(selected).toHaveAttribute(
    'aria-label',
    /Write requirements → Develop feature.*wall of confusion \(high/,
  );
  // The high severity's red, not the selection's blue; the selection is the halo around the line.
  await expect(selected.locator('.react-flow__edge-path')).toHaveCSS('stroke', 'rgb(192, 57, 43)');
  await expect(page.locator('.wall-badge', { hasText: 'H 3w 2d' })).toHaveCSS('background-color', 'rgb(192, 57, 43)');
  await expect(page.locator('.wall-badge', { hasText: 'H 3w 2d' })).toHaveClass(/selected/);
  await expect(selected.locator('.edge-halo')).toBeVisible();

  const view = await box(canvas(page));
  const labels = await Promise.all(
    (await page.locator('.edge-label').all()).map(async (label) => ({
      text: await label.textContent(),
      at: await box(label),
    })),
  );
  const wallParts = await Promise.all((await page.locator('.wall-badge, .wall-marker .wall-bar').all()).map(box));
  const shown = labels.filter((label) => overlap(label.at, view));
  expect(shown.length).toBeGreaterThan(1);
  for (const label of shown)
    for (const part of wallParts)
      expect(overlap(label.at, part), `the label "${label.text}" covers a wall`).toBe(false);
});

test('with the side panel hidden, a strip over the canvas lists the walls worst first and shows each', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const strip = page.getByRole('region', { name: 'Walls', exact: true });
  await expect(strip).toHaveCount(0);
  await page.getByRole('button', { name: 'Side panel' }).click();
  await expect(page.getByRole('region', { name: 'Walls of confusion' })).toBeHidden();
  const chips = strip.getByRole('button');
  await expect(chips).toHaveText([
    'H 3w 2d Business → Development',
    'M 1w 2d 4h Development → Security',
    'M 1w 1d 7h Testing → Operations',
    'M 1w 1d Development → Testing',
    'M 4d 7h Security → Operations',
  ]);
  expect(inside(await box(strip), await box(canvas(page)))).toBe(true);
  await chips.nth(1).click();
  await expect(page.locator('.react-flow__edge.selected')).toHaveAttribute(
    'aria-label',
    /Code review → Security review/,
  );
  await settled(page);
  expect(inside(await box(step(page, 'Security review')), await box(canvas(page)))).toBe(true);
});

test('the header says which state of the stream is open, switches to the other, and the title follows', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const state = page.getByRole('combobox', { name: 'Map state' });
  await expect(state.locator('option:checked')).toHaveText('Current state');
  // The stream's states, then the comparisons with the others (compare.spec follows those).
  await expect(state.getByRole('option')).toHaveText(['Current state', 'Future state', 'Compare with Future state']);
  await expect(page).toHaveTitle('Feature delivery — Current state — Flowmap');
  const current = page.url();
  await state.selectOption({ label: 'Future state' });
  await expect(step(page, 'Refine with the team')).toBeVisible();
  expect(page.url()).not.toBe(current);
  await expect(page).toHaveTitle('Feature delivery — Future state — Flowmap');
  await expect(page.getByRole('combobox', { name: 'Map state' }).locator('option:checked')).toHaveText('Future state');
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page).toHaveTitle('Flowmap');
});

/** A 200-step chain through five teams, forty steps each: 64,000 canvas units wide. */
function longMap(): string {
  const teams = ['Sales', 'Product', 'Development', 'Quality', 'Operations'].map((name, i) => ({ id: `t${i}`, name }));
  const steps = Array.from({ length: 200 }, (_, i) => ({
    id: `s${i}`,
    name: `Step ${i + 1} of the long stream`,
    team: `t${Math.floor(i / 40)}`,
    processTime: '1h',
    leadTime: '1d',
  }));
  const handoffs = steps.slice(1).map((to, i) => ({ from: `s${i}`, to: to.id, waitTime: '2h' }));
  return JSON.stringify({ format: 'vsm/1', name: 'Long stream', state: 'current', teams, steps, handoffs });
}

test('a 200-step map fits, keeps the side panel and the ladder in place, and keeps its lanes named when panned', async ({
  page,
  app,
}) => {
  const [map] = app.library.importFiles([{ name: 'long.json', text: longMap() }]);
  await page.goto(app.url);
  await page.evaluate((id) => {
    window.location.hash = `#/map/${id}`;
  }, map!.id);
  await expect(page.locator('.react-flow__node-step')).toHaveCount(200);
  await settled(page);
  const wholeWindow = { x: 0, y: 0, width: 1280, height: 720 };
  expect(inside(await box(page.getByRole('complementary', { name: 'Inspector and figures' })), wholeWindow)).toBe(true);
  const view = await box(canvas(page));
  const ladder = await box(page.getByRole('region', { name: 'Timeline along the critical path' }));
  expect(ladder.x + ladder.width).toBeLessThanOrEqual(view.x + view.width + 0.5);
  // The ladder scrolls inside itself.
  const rungs = page.locator('.ladder-rungs');
  expect(
    await rungs.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
      return element.scrollLeft;
    }),
  ).toBeGreaterThan(0);
  for (const node of await page.locator('.react-flow__node-step').all())
    expect(inside(await box(node), view)).toBe(true);

  // A click on the ladder's last rung selects the last step and brings it into view, zoomed in.
  const last = page.getByRole('button', { name: /^Step 200 of the long stream waiting/ });
  await expect(last).toHaveAttribute('title', 'Step 200 of the long stream: waiting 1d 1h, working 1h');
  await last.click();
  await expect(
    page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name', exact: true }),
  ).toHaveValue('Step 200 of the long stream');
  await settled(page);
  expect(inside(await box(step(page, 'Step 200 of the long stream')), await box(canvas(page)))).toBe(true);

  // Zoomed in on the middle of the map, thousands of pixels right of the lanes' own labels, each
  // lane is still named at the canvas's left edge.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await settled(page);
  await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
  await settled(page);
  await expect(page.locator('.lane-label').first()).not.toBeInViewport();
  const names = page.locator('.lane-names-row');
  await expect(names).toHaveText(['Sales', 'Product', 'Development', 'Quality', 'Operations']);
  for (const name of await names.all()) expect(inside(await box(name.locator('span')), view)).toBe(true);
  await expect(page.getByRole('complementary', { name: 'Inspector and figures' })).toBeInViewport();
});

test('zooming restyles neither the steps nor the walls (their sizes on screen follow the zoom in rules of their own)', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('.wall-badge')).toHaveCount(5);
  await settled(page);
  // What a zoom changes in the canvas: each changed element once, by its classes and attribute.
  await page.evaluate(() => {
    const changed = new Set<string>();
    Object.assign(window, { changedByZoom: changed });
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement!;
        changed.add(`${target.getAttribute('class') ?? target.tagName} ${record.attributeName ?? record.type}`);
      }
    }).observe(document.querySelector('.react-flow')!, {
      subtree: true,
      attributes: true,
      childList: true,
      characterData: true,
    });
  });
  const view = await box(canvas(page));
  await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
  for (const delta of [...Array<number>(8).fill(120), ...Array<number>(8).fill(-120)]) {
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(40);
  }
  await settled(page);
  const changed = await page.evaluate(() => [...(window as unknown as { changedByZoom: Set<string> }).changedByZoom]);
  // The zoom did zoom, and the walls' badges were sized for more than one zoom on the way.
  expect(changed).toContain('react-flow__viewport xyflow__viewport react-flow__container style');
  expect(changed.filter((one) => /step|wall|handle|^react-flow\b[\w -]* style$/.test(one))).toEqual([]);
  // And their sizes on screen still hold at the zoom reached.
  for (const badge of await page.locator('.wall-badge').all())
    expect(await fontOnScreen(badge)).toBeGreaterThanOrEqual(10);
});

test('below 1600 px the secondary toolbar buttons show their icons only, still named by their labels; wider, the labels too', async ({
  page,
  app,
}) => {
  const label = page
    .getByRole('toolbar', { name: 'Map tools' })
    .getByRole('button', { name: 'Undo' })
    .locator('.label');
  await page.goto(app.url);
  await expect(label).toHaveText('Undo');
  expect((await box(label)).width).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await box(label)).width).toBeGreaterThan(20);
});
