import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Issue #10: a bidi override makes "evil<RLO>gnp.exe" read as "evilexe.png"; the window shows such
// characters as escapes, and each name in its own <bdi>.
test('a name with a bidi override and control characters shows them, isolated', async ({ page, app }) => {
  await page.goto(app.url);
  await page.locator('.react-flow__node-step').filter({ hasText: 'Code review' }).click();
  const name = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' });
  await name.fill('evil\u202egnp.exe\u001b[2J');
  await name.press('Tab');

  const shown = 'evil\\u202egnp.exe\\u001b[2J';
  const node = page.locator('.react-flow__node-step .step-name bdi').filter({ hasText: 'evil' });
  await expect(node).toHaveText(shown);
  await expect(page.locator('.rung-name bdi').filter({ hasText: 'evil' })).toHaveText(shown);
  // The field itself keeps the name as it is, so that editing it changes nothing else.
  await expect(name).toHaveValue('evil\u202egnp.exe\u001b[2J');
});

/**
 * The lines a name is drawn on, from the rectangles of its characters' ranges: each line's text,
 * and whether it ends inside a word (a letter at its end and at the next line's start).
 */
async function linesOf(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const text = element.firstChild!;
      const content = text.textContent ?? '';
      const lines: { top: number; text: string }[] = [];
      for (let i = 0; i < content.length; i += 1) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const last = lines.at(-1);
        if (last && Math.abs(last.top - rect.top) < rect.height / 2) last.text += content.charAt(i);
        else lines.push({ top: rect.top, text: content.charAt(i) });
      }
      const broken = lines.some(
        (line, i) => i + 1 < lines.length && /\p{L}$/u.test(line.text) && /^\p{L}/u.test(lines[i + 1]!.text),
      );
      return { name: content, lines: lines.map((line) => line.text), broken };
    }),
  );
}

// Issue #11: "Write requireme|nts" broke inside a word in the shipped example.
test('no line of a step or lane name in the shipped example ends inside a word, zoomed out or in', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.locator('.react-flow__node-step').first().waitFor();
  const selector = '.react-flow__node-step .step-name bdi, .lane-name bdi';
  await expect(page.locator('.react-flow.zoomed-out')).toBeVisible();
  const zoomedOut = await linesOf(page, selector);
  expect(zoomedOut.length).toBe(8 + 5);
  expect(zoomedOut.filter((name) => name.broken)).toEqual([]);
  await expect(async () => {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(page.locator('.react-flow.zoomed-out')).toHaveCount(0, { timeout: 500 });
  }).toPass();
  expect((await linesOf(page, selector)).filter((name) => name.broken)).toEqual([]);
});

test('a 200-character step name and team name stay inside their box and lane, whole in a tooltip', async ({
  page,
  app,
}) => {
  const long = `${Array.from({ length: 40 }, (_, i) => `word${i}`)
    .join(' ')
    .slice(0, 199)}.`;
  await page.goto(app.url);
  await page.locator('.react-flow__node-step').filter({ hasText: 'Code review' }).click();
  const name = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name', exact: true });
  await name.fill(long);
  await name.press('Enter');
  await page.getByRole('button', { name: 'Rename the lane Development' }).click();
  await page.getByRole('textbox', { name: 'Name of the lane Development' }).fill(long);
  await page.getByRole('textbox', { name: 'Name of the lane Development' }).press('Enter');

  const step = page.locator('.react-flow__node-step').filter({ hasText: 'word0 word1' });
  const shownName = step.locator('.step-name');
  await expect(shownName).toHaveAttribute('title', long);
  const inside = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5;
  const box = (await step.boundingBox())!;
  expect(inside((await shownName.boundingBox())!, box)).toBe(true);
  // Clamped: the text is cut short with an ellipsis, not drawn past the box.
  expect(await shownName.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
  expect(await shownName.evaluate((element) => getComputedStyle(element).webkitLineClamp)).not.toBe('none');

  const label = page.locator('.lane-label').filter({ hasText: 'word0 word1' });
  await expect(label).toHaveAttribute('title', long);
  const lane = (await page.locator('.lane').filter({ has: label }).boundingBox())!;
  expect(inside((await label.boundingBox())!, lane)).toBe(true);
  expect(inside((await label.locator('.lane-name').boundingBox())!, lane)).toBe(true);
});
