import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startApp, test } from './fixtures';

test('a damaged library is set aside, and the window says where it and its backups were kept', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'flowmap-e2e-'));
  const path = join(folder, 'flowmap.db');
  const first = await startApp(path);
  await first.server.close();
  first.library.close();
  // Scribble over the library's second page, a b-tree page of its schema.
  const bytes = readFileSync(path);
  bytes.fill(0xab, 4096, 4096 + 1024);
  writeFileSync(path, bytes);

  const app = await startApp(path);
  try {
    const aside = readdirSync(folder).find((name) => name.startsWith('flowmap.db.unreadable-'));
    expect(aside).toBeDefined();
    const kept = join(folder, aside!);
    await page.goto(app.url);
    // The window opens on the library screen, with the notice, not on the example map.
    const notice = page.getByRole('alert').filter({ hasText: kept });
    await expect(notice).toContainText(`The library ${path} is damaged`);
    await expect(notice).toContainText(
      `It was kept as ${kept}, its backups in ${join(folder, 'backups', aside!)}, and a new library was started.`,
    );
    await expect(page.getByRole('region', { name: 'Feature delivery' })).toBeVisible();

    await notice.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(page.getByText(kept)).toHaveCount(0);
    // Dismissed, it stays away when the library screen is shown again.
    await page.getByRole('link', { name: 'Open Feature delivery: Current state' }).click();
    await page.getByRole('link', { name: '← Library' }).click();
    await expect(page.getByRole('region', { name: 'Feature delivery' })).toBeVisible();
    await expect(page.getByText(kept)).toHaveCount(0);
  } finally {
    await app.server.close();
    app.library.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
