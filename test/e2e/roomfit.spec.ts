/**
 * The workshop's panels at a projector's 1280×720 (issue 13): with the agenda on and the idea board
 * open, the editor's canvas keeps room to work in and the first ideas are in view without scrolling.
 */
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
