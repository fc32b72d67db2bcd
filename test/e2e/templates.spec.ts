/**
 * A new value stream from a template, from the keyboard: the form offers "Empty" and the five
 * templates as a radio group, and the map opens with the template's steps under the typed name.
 * The map's notes (the parking lot) are edited in the inspector and undone like any edit.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const template = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../assets/templates/incident-recovery.json', import.meta.url)), 'utf8'),
) as { steps: { name: string }[] };

test('a new value stream starts from a template chosen with the keyboard', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('button', { name: 'New value stream' }).click();
  const dialog = page.getByRole('dialog', { name: 'New value stream' });
  const name = dialog.getByRole('textbox', { name: 'Name of the new value stream' });
  await expect(name).toBeFocused();
  const choices = dialog
    .getByRole('radiogroup', { name: 'Start from' })
    .or(dialog.getByRole('group', { name: 'Start from' }));
  await expect(choices.getByRole('radio')).toHaveCount(6);
  await expect(choices.getByRole('radio', { name: 'Empty' })).toBeChecked();
  await expect(choices.getByRole('radio', { name: 'Incident recovery' })).toHaveAccessibleDescription(
    /DORA's recovery value stream/,
  );
  await name.fill('Payments outage review');
  await page.keyboard.press('Tab');
  await expect(choices.getByRole('radio', { name: 'Empty' })).toBeFocused();
  // Empty, Guided workshop, Ticket to production, Incident recovery: three steps down.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(choices.getByRole('radio', { name: 'Incident recovery' })).toBeChecked();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments outage review');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(template.steps.length);
  for (const step of template.steps)
    await expect(page.locator('.react-flow__node-step', { hasText: step.name })).toHaveCount(1);
});

test('Enter pressed twice makes one new value stream', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  const streams = app.library.listMaps().length;
  await page.getByRole('button', { name: 'New value stream' }).click();
  await page.getByRole('textbox', { name: 'Name of the new value stream' }).fill('Onboarding');
  // A slow answer (a busy machine): the second Enter comes while the first stream is being made.
  await page.route('**/api/createStream', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Onboarding');
  expect(app.library.listMaps()).toHaveLength(streams + 1);
});

test("the map's notes are the parking lot, edited in the inspector and undone", async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery');
  const notes = page.getByRole('textbox', { name: 'Notes (parking lot)' });
  await notes.fill('Release train cadence\nWho owns the test environments?');
  await notes.blur();
  await expect
    .poll(() => app.library.openMap(app.library.listStreams()[0]!.maps[0]!.id).document.notes, { timeout: 5000 })
    .toBe('Release train cadence\nWho owns the test environments?');
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+z');
  await expect(notes).toHaveValue('');
});
