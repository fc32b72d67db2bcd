/**
 * The workshop's panels at a projector's 1280×720 (issue 13): with the agenda on and the idea board
 * open, the editor's canvas keeps room to work in and the first ideas are in view without scrolling.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

test('at 1280×720 with the agenda on and the board open, the canvas is at least 400 px tall and the first three ideas are in view', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery');
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Agenda' })).toBeVisible();
  await page.getByRole('button', { name: 'Idea board', exact: true }).click();
  const board = page.getByRole('region', { name: /^Ideas \(\d+\)$/ });
  await expect(board).toBeVisible();
  await page.screenshot({ path: '/tmp/rf/editor.png' });
  const canvas = await page.getByRole('region', { name: 'Map canvas' }).boundingBox();
  expect(canvas!.height).toBeGreaterThanOrEqual(400);
  // The agenda bar is one row.
  const bar = await page.getByRole('region', { name: 'Agenda' }).boundingBox();
  expect(bar!.height).toBeLessThanOrEqual(48);
  // The ideas come first: the text of the first three is in the window without scrolling the board.
  const texts = board.getByRole('textbox', { name: 'Idea', exact: true });
  await expect(texts).toHaveCount(3);
  for (const text of await texts.all()) {
    const box = await text.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
  }
  expect(await page.locator('.side').evaluate((side) => side.scrollTop)).toBe(0);
  // The prompt is one line; the whole of it on demand.
  const agenda = page.getByRole('region', { name: 'Agenda' });
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(agenda.getByRole('heading', { level: 2 })).toHaveText('Times');
  const prompt = agenda.locator('.agenda-prompt');
  expect(await prompt.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await agenda.getByRole('button', { name: 'The whole prompt' }).click();
  await expect(agenda.getByRole('button', { name: 'The whole prompt' })).toHaveAttribute('aria-expanded', 'true');
  expect(await prompt.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(false);
  await agenda.getByRole('button', { name: 'Still missing (1)' }).click();
  await expect(agenda.getByRole('list', { name: 'Still missing' }).getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/rf/editor-open.png' });
  // "On" shows its first choice whole.
  const on = board.getByRole('combobox', { name: 'On' });
  await expect(on).toHaveValue('');
  expect(await on.evaluate((select) => select.scrollWidth - select.clientWidth)).toBeLessThanOrEqual(0);
});

/** Each step's box on screen against the canvas's box (the part of the page the canvas shows). */
async function stepsOutside(page: Page): Promise<string[]> {
  const canvas = (await page.getByRole('region', { name: 'Map canvas' }).boundingBox())!;
  const boxes = await page.locator('.react-flow__node-step').evaluateAll((nodes) =>
    nodes.map((node) => {
      const { left, top, right, bottom } = node.getBoundingClientRect();
      return { name: node.getAttribute('aria-label') ?? '', left, top, right, bottom };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  return boxes
    .filter(
      (box) =>
        box.left < canvas.x ||
        box.top < canvas.y ||
        box.right > canvas.x + canvas.width ||
        box.bottom > canvas.y + canvas.height,
    )
    .map((box) => box.name);
}

/** The canvas's pan and zoom, as React Flow draws it. */
const viewport = (page: Page) => page.locator('.react-flow__viewport').evaluate((element) => element.style.transform);

/** The view once it has stopped moving (a fit animates): the same on two looks a quarter of a second apart. */
async function settledViewport(page: Page): Promise<string> {
  // None at first: the poll's first look is at once, and a look a moment after another proves nothing.
  let last: string | undefined;
  await expect
    .poll(
      async () => {
        const now = await viewport(page);
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [250] },
    )
    .toBe(true);
  return last!;
}

test('at 1280×720 the map is fitted again when the board or the agenda takes room from the canvas, unless it was panned by hand', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery');
  await settledViewport(page);
  expect(await stepsOutside(page)).toEqual([]);
  const canvas = page.getByRole('region', { name: 'Map canvas' });
  const wide = (await canvas.boundingBox())!;

  // B: the board takes the side panel's place, wider; the canvas narrows and the whole map is in it again.
  await page.keyboard.press('b');
  await expect(page.getByRole('region', { name: /^Ideas \(\d+\)$/ })).toBeVisible();
  await expect.poll(async () => (await canvas.boundingBox())!.width).toBeLessThan(wide.width);
  await settledViewport(page);
  await expect.poll(() => stepsOutside(page)).toEqual([]);

  // G: the agenda's bar above takes height from it.
  const tall = (await canvas.boundingBox())!.height;
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Agenda' })).toBeVisible();
  await expect.poll(async () => (await canvas.boundingBox())!.height).toBeLessThan(tall);
  await settledViewport(page);
  await expect.poll(() => stepsOutside(page)).toEqual([]);

  // Panned by hand, the view stays where the user left it as the board goes and comes back.
  const fitted = await settledViewport(page);
  const pane = (await canvas.boundingBox())!;
  await page.mouse.move(pane.x + 20, pane.y + pane.height - 20);
  await page.mouse.down();
  await page.mouse.move(pane.x + 220, pane.y + pane.height - 60, { steps: 5 });
  await page.mouse.up();
  const panned = await settledViewport(page);
  expect(panned).not.toBe(fitted);
  for (const shown of [false, true]) {
    await page.getByRole('button', { name: 'Idea board', exact: true }).click();
    await expect(page.getByRole('region', { name: /^Ideas \(\d+\)$/ })).toHaveCount(shown ? 1 : 0);
    // Longer than a fit takes.
    await page.waitForTimeout(500);
    expect(await settledViewport(page)).toBe(panned);
  }
});
