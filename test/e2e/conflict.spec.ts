import type { Page } from '@playwright/test';
import { type App, expect, test } from './fixtures';

const step = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved$/ });
const mapIdOf = (page: Page) => /#\/map\/([\w-]+)$/.exec(page.url())![1]!;

/** Edits a field of a step in the inspector and commits it with Enter (the name with Tab: Enter there adds the next step). */
async function setStepField(page: Page, stepName: string, field: string, value: string) {
  await step(page, stepName).click();
  const textbox = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: field, exact: true });
  await textbox.fill(value);
  await textbox.press(field === 'Name' ? 'Tab' : 'Enter');
}

const stepsOf = (app: App, id: string) =>
  app.library.openMap(id).document.steps.map((one) => [one.name, one.leadTime] as const);

/**
 * Waits until the library has Code review's lead time of 1w: "Saved" alone can still be the status
 * from before the edit, its save not yet made.
 */
async function leadTimeSaved(page: Page, app: App) {
  await expect.poll(() => stepsOf(app, mapIdOf(page))).toContainEqual(['Code review', 5 * 8 * 60]);
  await expect(saved(page)).toBeVisible();
}

/**
 * Two windows on the example map: the first saves a lead time, then the second renames a step and
 * finds its save refused.
 */
async function twoWindowsInConflict(page: Page, app: App) {
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  const second = await page.context().newPage();
  await second.goto(app.url);
  await expect(step(second, 'Code review')).toBeVisible();

  await setStepField(page, 'Code review', 'Lead time', '1w');
  await leadTimeSaved(page, app);
  await setStepField(second, 'Security review', 'Name', 'Threat modelling');
  await expect(second.getByRole('status').filter({ hasText: 'Not saved: conflict' })).toBeVisible();
  await expect(second.getByRole('alert')).toContainText('changed since revision 1');
  return second;
}

test('a window that lost a conflict applies its changes on top: both edits reach the library', async ({
  page,
  app,
}) => {
  const second = await twoWindowsInConflict(page, app);
  const id = mapIdOf(page);
  await expect(second.getByRole('button', { name: 'Reload the map (discard my changes)' })).toBeVisible();
  await second.getByRole('button', { name: 'Apply my changes on top' }).click();
  await expect(
    second.getByRole('status').filter({ hasText: 'Your changes were applied on the newest version' }),
  ).toBeVisible();
  await expect(saved(second)).toBeVisible();

  const steps = stepsOf(app, id);
  expect(steps).toContainEqual(['Code review', 5 * 8 * 60]);
  expect(steps.map(([name]) => name)).toContain('Threat modelling');
  // Opened again, the map shows both edits.
  await page.reload();
  await expect(step(page, 'Threat modelling')).toBeVisible();
  await step(page, 'Code review').click();
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Lead time' })).toHaveValue(
    '1w',
  );
});

test("a window that lost a conflict keeps its map as a copy in the same stream; the other window's edit stays", async ({
  page,
  app,
}) => {
  const second = await twoWindowsInConflict(page, app);
  const id = mapIdOf(page);
  const { streamId } = app.library.openMap(id).summary;
  await second.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(second).not.toHaveURL(new RegExp(`#/map/${id}$`));
  await expect(step(second, 'Threat modelling')).toBeVisible();
  await expect(saved(second)).toBeVisible();

  const copy = app.library.openMap(mapIdOf(second));
  expect(copy.summary).toMatchObject({ streamId, state: 'future', label: 'Current state (copy)' });
  expect(copy.document.steps.map((one) => one.name)).toContain('Threat modelling');
  expect(copy.document.steps.find((one) => one.name === 'Code review')?.leadTime).toBe(2 * 8 * 60);
  const original = stepsOf(app, id);
  expect(original).toContainEqual(['Code review', 5 * 8 * 60]);
  expect(original.map(([name]) => name)).toContain('Security review');
  expect(original.map(([name]) => name)).not.toContain('Threat modelling');
});

test('a window closed in a conflict leaves its edits, applied on the newest version when the map opens again', async ({
  page,
  app,
}) => {
  const second = await twoWindowsInConflict(page, app);
  const id = mapIdOf(page);
  await second.close();
  const third = await page.context().newPage();
  // A new window opens with the printed URL (it holds the token): the example map, the one in conflict.
  await third.goto(app.url);
  expect(mapIdOf(third)).toBe(id);
  await expect(
    third.getByRole('status').filter({ hasText: 'the map changed since. They were applied on the newest version' }),
  ).toBeVisible();
  await expect(step(third, 'Threat modelling')).toBeVisible();
  await expect(saved(third)).toBeVisible();
  const steps = stepsOf(app, id);
  expect(steps).toContainEqual(['Code review', 5 * 8 * 60]);
  expect(steps.map(([name]) => name)).toContain('Threat modelling');
});

test('a damaged draft is refused with a message naming the field, and the map opens as saved', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  const id = mapIdOf(page);
  const { document, revision } = app.library.openMap(id);
  const damaged = {
    ...document,
    steps: document.steps.map((one, i) => (i === 0 ? { ...one, processTime: '3x' } : one)),
  };
  await page.evaluate(
    ([key, draft]) => {
      window.localStorage.setItem(key, draft);
    },
    [`flowmap:draft:${id}`, JSON.stringify({ base: revision, document: damaged, pending: [] })] as const,
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(
    'could not be restored: steps[0].processTime: "3x" has an unknown unit "x"',
  );
  await setStepField(page, 'Code review', 'Lead time', '1w');
  await leadTimeSaved(page, app);
});

test('a screen that fails to draw says what happened and leads back to the library', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  const id = mapIdOf(page);
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('link', { name: 'Open Feature delivery: Future state' })).toBeVisible();
  // The editor formats its figures with toFixed: broken, the editor cannot draw.
  await page.evaluate((mapId) => {
    const toFixed = Object.getOwnPropertyDescriptor(Number.prototype, 'toFixed')!;
    Object.assign(window, { restoreToFixed: () => Object.defineProperty(Number.prototype, 'toFixed', toFixed) });
    Object.defineProperty(Number.prototype, 'toFixed', {
      ...toFixed,
      value: () => {
        throw new Error('toFixed is broken');
      },
    });
    window.location.hash = `#/map/${mapId}`;
  }, id);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This screen could not be shown: toFixed is broken');
  await expect(alert).toContainText('Your maps are safe');
  await page.evaluate(() => {
    (window as unknown as { restoreToFixed: () => void }).restoreToFixed();
  });
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await expect(page.getByRole('link', { name: 'Open Feature delivery: Future state' })).toBeVisible();
});
