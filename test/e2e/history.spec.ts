/**
 * A map's history in the editor: a few edits, then the History dialog lists them with the summary of
 * each change, previews one read-only with its figures, names one, links to the comparison view,
 * and restores one (a new revision with the old content; the editor's figures change back).
 */
import type { Page } from '@playwright/test';
import { changeSummary } from '../../shared/metrics/change-marks';
import { expect, test } from './fixtures';

const metric = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Flow metrics' }).locator(`[data-metric="${name}"]`);
const step = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Map canvas' }).locator('.react-flow__node-step').filter({ hasText: name });
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

test('history: the summaries of a few edits, a preview, a name, links to compare, and a restore', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');
  const id = /#\/map\/([\w-]+)/.exec(page.url())![1]!;

  // Two edits, each saved as a revision: a longer lead time, then a step less.
  await step(page, 'Code review').click();
  const leadTime = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Lead time' });
  await leadTime.fill('1w');
  await leadTime.press('Enter');
  await expect(metric(page, 'leadTime')).toHaveText('11w 3d 4h');
  await saved(page);
  await step(page, 'Security review').click();
  await page.keyboard.press('Delete');
  await expect(step(page, 'Security review')).toHaveCount(0);
  await saved(page);
  const [first, second, third] = [1, 2, 3].map((number) => app.library.openRevision(id, number));

  await page.keyboard.press('h');
  const history = page.getByRole('dialog', { name: 'History' });
  await expect(history).toBeVisible();
  const revisions = history.getByRole('list', { name: 'Revisions, named versions first' }).getByRole('listitem');
  await expect(revisions).toHaveCount(3);
  await expect(revisions.nth(0)).toContainText('Revision 3');
  await expect(revisions.nth(0)).toContainText(changeSummary(second!, third!));
  await expect(revisions.nth(0)).toContainText('−1 step');
  await expect(revisions.nth(1)).toContainText(changeSummary(first!, second!));
  await expect(revisions.nth(1)).toContainText('Code review');
  await expect(revisions.nth(2)).toContainText('Created');
  // Its time: relative, and absolute in the user's locale.
  await expect(revisions.nth(0).locator('time')).toHaveText(/now|second|minute/);
  await expect(revisions.nth(0).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

  // A preview, read-only, with its own figures; the editor's stay as they are.
  await history.getByRole('button', { name: 'Preview revision 1' }).click();
  const preview = history.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading')).toHaveText('Revision 1 (read-only)');
  await expect(preview.locator('[data-metric="leadTime"]')).toHaveText('11w 4h');
  await expect(preview.locator('.react-flow__node-step').filter({ hasText: 'Security review' })).toHaveCount(1);
  await expect(preview.locator('.react-flow__node-step').first()).not.toHaveClass(/draggable/);
  await expect(step(page, 'Code review')).toHaveClass(/draggable/);

  // Named: it comes first, its name shown.
  await history.getByRole('button', { name: 'Name revision 1' }).click();
  await expect(history.getByRole('textbox', { name: 'Name of revision 1' })).toBeFocused();
  await history.getByRole('textbox', { name: 'Name of revision 1' }).fill('start of workshop');
  await history.getByRole('button', { name: 'Save name' }).click();
  await expect(revisions.nth(0)).toContainText('start of workshop');
  await expect(revisions.nth(0)).toContainText('revision 1');
  expect(app.library.history(id).find((revision) => revision.number === 1)?.name).toBe('start of workshop');

  // Links to the comparison view: a revision against now, and any two.
  await expect(history.getByRole('link', { name: 'Compare revision 1 with now' })).toHaveAttribute(
    'href',
    `#/compare/${id}@1/${id}`,
  );
  await expect(history.getByRole('link', { name: 'Compare revision 3 with now' })).toHaveCount(0);
  await history.getByRole('combobox', { name: 'Compare revision' }).selectOption('1');
  await history.getByRole('combobox', { name: 'with revision' }).selectOption('2');
  await expect(history.getByRole('link', { name: 'Compare', exact: true })).toHaveAttribute(
    'href',
    `#/compare/${id}@1/${id}@2`,
  );

  // Restored: a new revision with the old content, the editor on it, undo starting there.
  await history.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(history).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'Revision 1 was restored: it is revision 4 now' }),
  ).toBeVisible();
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');
  await expect(step(page, 'Security review')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  expect(app.library.history(id)[0]).toMatchObject({ number: 4, restoredFrom: 1 });
  expect(app.library.openMap(id).document).toEqual(first);

  await page.getByRole('button', { name: 'History' }).click();
  await expect(revisions).toHaveCount(4);
  await expect(history.getByRole('list').getByRole('listitem').filter({ hasText: 'Revision 4' })).toContainText(
    '(restored revision 1)',
  );
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();
});

test('history: a restore saves the last edit first, as a revision of its own', async ({ page, app }) => {
  await page.goto(app.url);
  const id = /#\/map\/([\w-]+)/.exec(page.url())![1]!;
  await step(page, 'Security review').click();
  await page.keyboard.press('Delete');
  await saved(page);
  await step(page, 'Code review').click();
  await page.keyboard.press('Delete');
  // Straight away: the second edit is not saved yet when the restore is asked for.
  await page.keyboard.press('h');
  const history = page.getByRole('dialog', { name: 'History' });
  await history.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(history).toBeHidden();
  await expect(step(page, 'Security review')).toHaveCount(1);
  await expect(step(page, 'Code review')).toHaveCount(1);
  const numbers = app.library.history(id).map((revision) => [revision.number, revision.restoredFrom]);
  expect(numbers).toEqual([
    [4, 1],
    [3, null],
    [2, null],
    [1, null],
  ]);
  expect(app.library.openRevision(id, 3).steps.map((one) => one.name)).not.toContain('Code review');
});

test('history: a restore is refused, saying why, while the last edit cannot be saved', async ({ page, app }) => {
  await page.goto(app.url);
  const id = /#\/map\/([\w-]+)/.exec(page.url())![1]!;
  await expect(step(page, 'Security review')).toBeVisible();
  // Another window saves first: this window's next save is a conflict.
  app.library.renameMap(id, 'Renamed elsewhere', 1);
  await step(page, 'Security review').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: conflict' })).toBeVisible();
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History' });
  await history.getByRole('button', { name: 'Restore revision 2' }).click();
  await expect(history.getByRole('alert')).toContainText(
    'Revision 2 was not restored, as your last changes are not saved:',
  );
  await expect(history).toBeVisible();
  expect(app.library.history(id).map((revision) => revision.number)).toEqual([2, 1]);
});
