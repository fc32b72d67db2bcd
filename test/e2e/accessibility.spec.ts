/**
 * axe-core over every screen and dialog, at a projector's 1280×720 and at 1920×1080: nothing
 * serious or critical on the library (with a start-up notice, the new-stream form, the empty-trash
 * dialog), the editor (with a step selected, a handoff selected, the export dialog, the `?` overlay,
 * the empty canvas, the history dialog with a preview), the comparison view (separate, overlaid,
 * its export dialog), the conflict bar and the error screen. Axe's check that a control's name
 * contains its visible text is experimental, so it is turned on here. And the first step is a few
 * Tab presses from the top of the editor.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startApp, test } from './fixtures';

async function seriousProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const step = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the library with a set-aside notice has no serious accessibility problem', async ({ page }) => {
      const folder = mkdtempSync(join(tmpdir(), 'flowmap-axe-'));
      writeFileSync(join(folder, 'flowmap.db'), `SQLite format 3\u0000${'x'.repeat(5000)}`);
      const app = await startApp(join(folder, 'flowmap.db'));
      try {
        await page.goto(app.url);
        await expect(page.getByRole('alert').filter({ hasText: 'was kept as' })).toBeVisible();
        expect(await seriousProblems(page)).toEqual([]);
      } finally {
        await app.server.close();
        app.library.close();
        rmSync(folder, { recursive: true, force: true });
      }
    });

    test('the library, its new-stream form and its empty-trash dialog have no serious accessibility problem', async ({
      page,
      app,
    }) => {
      await page.goto(app.url);
      await page.getByRole('link', { name: '← Library' }).click();
      await expect(page.getByRole('link', { name: /^Open Feature delivery: Current state/ })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Delete Feature delivery: Future state, to the trash' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Moved' })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByText('Trash (1)').click();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByRole('button', { name: /^Empty the trash/ }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'New value stream' }).click();
      await expect(page.getByRole('textbox', { name: 'Name of the new value stream' })).toBeFocused();
      expect(await seriousProblems(page)).toEqual([]);
    });

    test('the editor with a step or a handoff selected, its export dialog and its ? overlay have no serious accessibility problem', async ({
      page,
      app,
    }) => {
      await page.goto(app.url);
      await step(page, 'Code review').click();
      await expect(page.getByRole('region', { name: 'Step' })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page
        .getByRole('button', { name: /^Develop feature → Code review|^→ Manual regression test/ })
        .first()
        .click();
      await expect(page.getByRole('region', { name: 'Handoff' })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Export…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      // Escape is the dialog's: it closes it, and the selection stays.
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
      await expect(page.getByRole('region', { name: 'Handoff' })).toBeVisible();
    });

    test('the history dialog, with a revision previewed and one being named, has no serious accessibility problem', async ({
      page,
      app,
    }) => {
      await page.goto(app.url);
      await step(page, 'Security review').click();
      await page.keyboard.press('Delete');
      await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
      await page.getByRole('button', { name: 'History' }).click();
      const history = page.getByRole('dialog', { name: 'History' });
      await expect(history.getByRole('listitem')).toHaveCount(2);
      expect(await seriousProblems(page)).toEqual([]);
      await history.getByRole('button', { name: 'Preview revision 1' }).click();
      await expect(
        history.getByRole('region', { name: 'Preview' }).locator('.react-flow__node-step').first(),
      ).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await history.getByRole('button', { name: 'Name revision 1' }).click();
      await expect(history.getByRole('textbox', { name: 'Name of revision 1' })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
    });

    test('the comparison view, separate and overlaid, with a change chosen and its export dialog, has no serious accessibility problem', async ({
      page,
      app,
    }) => {
      await page.goto(app.url);
      await page.getByRole('combobox', { name: 'Map state' }).selectOption({ label: 'Compare with Future state' });
      await expect(page.getByRole('list', { name: 'What the change buys' })).toBeVisible();
      await expect(page.locator('.compare-map.after .react-flow__node-step').first()).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Removed: Security review', exact: true }).click();
      await page.getByRole('radio', { name: 'Overlaid' }).check();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Export…' }).click();
      await expect(page.getByRole('dialog', { name: 'Export the comparison' })).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
    });

    test('a map without steps says how to start, with no serious accessibility problem', async ({ page, app }) => {
      await page.goto(app.url);
      await page.getByRole('link', { name: '← Library' }).click();
      await page.getByRole('button', { name: 'New value stream' }).click();
      await page.getByRole('textbox', { name: 'Name of the new value stream' }).fill('Empty stream');
      await page.getByRole('textbox', { name: 'Name of the new value stream' }).press('Enter');
      await expect(page.getByText('Press N or double-click to add the first step')).toBeVisible();
      expect(await seriousProblems(page)).toEqual([]);
      await page.keyboard.press('n');
      await expect(page.locator('.react-flow__node-step')).toHaveCount(1);
      await expect(page.getByText('Press N or double-click to add the first step')).toHaveCount(0);
    });

    test('the first step is at most 5 Tab presses from the top of the editor; I goes to the inspector', async ({
      page,
      app,
    }) => {
      await page.goto(app.url);
      await step(page, 'Capture idea').waitFor();
      let presses = 0;
      const onStep = () => page.evaluate(() => document.activeElement?.matches('.react-flow__node-step') ?? false);
      while (!(await onStep()) && presses < 5) {
        await page.keyboard.press('Tab');
        presses += 1;
        // The skip link, first in the tab order, takes the focus to the map.
        if (await page.evaluate(() => document.activeElement?.matches('.skip-link') ?? false))
          await page.keyboard.press('Enter');
      }
      console.log(`The first step had the focus after ${presses} Tab presses.`);
      expect(await onStep()).toBe(true);
      await page.keyboard.press('i');
      await expect(page.locator('.inspector :is(input, select, textarea, button)').first()).toBeFocused();
    });

    test('the conflict bar and the error screen have no serious accessibility problem', async ({ page, app }) => {
      await page.goto(app.url);
      const second = await page.context().newPage();
      await second.goto(app.url);
      await step(page, 'Code review').click();
      const leadTime = page
        .getByRole('region', { name: 'Step' })
        .getByRole('textbox', { name: 'Lead time', exact: true });
      await leadTime.fill('1w');
      await leadTime.press('Enter');
      await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
      await step(second, 'Security review').click();
      const name = second.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name', exact: true });
      await name.fill('Threat modelling');
      await name.press('Enter');
      const conflict = second.getByRole('button', { name: 'Apply my changes on top' });
      await expect(conflict).toBeVisible();
      // The conflict's choices are large enough to hit and read from the back of the room.
      expect((await conflict.boundingBox())!.height).toBeGreaterThanOrEqual(24);
      expect(await seriousProblems(second)).toEqual([]);

      // A render error, then toFixed back as it was: axe itself uses it.
      await second.evaluate(() => {
        const toFixed = Object.getOwnPropertyDescriptor(Number.prototype, 'toFixed')!;
        Number.prototype.toFixed = () => {
          throw new Error('A test of the error screen');
        };
        setTimeout(() => {
          Object.defineProperty(Number.prototype, 'toFixed', toFixed);
        }, 500);
      });
      await step(second, 'Code review').click();
      await expect(second.getByRole('button', { name: 'Back to the library' })).toBeVisible();
      await second.waitForFunction(() => {
        try {
          return (1).toFixed(1) === '1.0';
        } catch {
          return false;
        }
      });
      expect(await seriousProblems(second)).toEqual([]);
    });
  });
}
