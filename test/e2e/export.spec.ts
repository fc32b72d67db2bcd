/**
 * Export from the app in browser mode gives the same file as the command line (`vsm export`,
 * `vsm compare --out`) for the same map on the same day.
 */
import type { Download } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The app (in this process) and vsm (a child, which inherits it) date their reports by this day,
// so the comparison holds when a run crosses midnight UTC.
process.env['SOURCE_DATE_EPOCH'] = String(Date.UTC(2025, 11, 1) / 1000);
const example = (name: string) => join(root, 'assets/examples', `${name}.json`);

async function vsm(...args: string[]) {
  await promisify(execFile)(process.execPath, [join(root, 'cli/bin/vsm.js'), ...args], { cwd: root });
}

async function bytesOf(download: Download, folder: string): Promise<Buffer> {
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  return readFileSync(path);
}

test('the map exported from the editor is the file vsm export writes: PDF and SVG', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery');

  for (const [format, label] of [
    ['pdf', 'PDF report'],
    ['svg', 'SVG picture'],
  ] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    await dialog.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`Feature delivery - Current state.${format}`);
    await expect(dialog).toBeHidden();

    const fromCli = join(app.folder, `cli.${format}`);
    await vsm('export', example('feature-delivery-current'), '--out', fromCli);
    expect((await bytesOf(download, app.folder)).equals(readFileSync(fromCli))).toBe(true);
  }
});

for (const search of ['', 'Automated tests']) {
  test(`the before/after report from the library is the file vsm compare --out writes${search ? ', also after a search that shows only the future state' : ''}`, async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await page.getByRole('link', { name: '← Library' }).click();
    if (search) {
      await page.getByRole('searchbox', { name: 'Search maps and steps' }).fill(search);
      await expect(page.getByRole('row', { name: /Current state/ })).toHaveCount(0);
    }
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Before/after report of Feature delivery: Future state (PDF)' }).click();
    const download = await downloading;
    await expect(page.getByRole('status').filter({ hasText: /^Exported / })).toBeVisible();

    const fromCli = join(app.folder, 'compare.pdf');
    await vsm('compare', example('feature-delivery-current'), example('feature-delivery-future'), '--out', fromCli);
    const fromApp = await bytesOf(download, app.folder);
    expect(fromApp.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdftotext', [fromCli, '-'], { encoding: 'utf8' })).toContain('1 Dec 2025');
    expect(fromApp.equals(readFileSync(fromCli))).toBe(true);
  });
}

test('the workshop summary and the plan exported from the editor are the files vsm export writes', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery');

  for (const [label, fileName, cliArgs] of [
    ['Workshop summary (PDF)', 'Feature delivery - Current state - Workshop summary.pdf', ['--report', 'summary']],
    ['Plan (CSV)', 'Feature delivery - Current state - Plan.csv', []],
  ] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    await dialog.getByRole('radio', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(fileName);
    await expect(dialog).toBeHidden();

    const fromCli = join(app.folder, `cli-${fileName}`);
    await vsm('export', example('feature-delivery-current'), '--out', fromCli, ...cliArgs);
    expect((await bytesOf(download, app.folder)).equals(readFileSync(fromCli))).toBe(true);
  }
  const summary = execFileSync(
    'pdftotext',
    [join(app.folder, 'cli-Feature delivery - Current state - Workshop summary.pdf'), '-'],
    {
      encoding: 'utf8',
    },
  );
  expect(summary).toContain('Ideas ranked by votes (3)');
});
