/**
 * axe-core over the screens the audit's fixes changed, at a projector's 1280×720 and at 1920×1080:
 * nothing serious or critical on the library with a start-up notice, the editor's conflict bar, and
 * the error screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startApp, test } from './fixtures';

async function seriousProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
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
