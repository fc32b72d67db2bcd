/**
 * The desktop shell itself, where Electron's binary exists. These machines cannot download it, so
 * here the test is skipped and says why; the built shell still runs in Node with a stand-in for
 * Electron (test/unit/desktop-shell.test.ts), the Electronegativity scan of `npm test` reads it, and
 * the browser-mode tests cover everything behind the window.
 */
import { _electron as electron } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUEST_NAMES } from '../../shared/api/names';
import { expect, test } from './fixtures';

const binary = (() => {
  try {
    return createRequire(import.meta.url)('electron') as unknown as string;
  } catch {
    return undefined;
  }
})();
const SKIP_REASON = "Electron's binary is not installed on this machine (it cannot be downloaded here)";
if (!binary) console.log(`Skipping the desktop-shell test: ${SKIP_REASON}.`);

test('the desktop app opens in a hardened window, with the library and no way out', async () => {
  test.skip(!binary, SKIP_REASON);
  const folder = mkdtempSync(join(tmpdir(), 'flowmap-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [
      fileURLToPath(new URL('../../dist/electron/main.js', import.meta.url)),
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    env: { ...process.env, FLOWMAP_DB: join(folder, 'flowmap.db') },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
    await expect(
      page.getByRole('region', { name: 'Flow metrics' }).locator('[data-metric="flowEfficiency"]'),
    ).toHaveText('12.6%');
    expect(
      await page.evaluate(() => [
        typeof (window as { require?: unknown }).require,
        typeof (window as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    // The preload gave the window the API's functions, and nothing else of Electron.
    expect(await page.evaluate(() => Object.keys((window as { flowmap?: object }).flowmap ?? {}).sort())).toEqual(
      [...REQUEST_NAMES].sort(),
    );

    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/flowmap\//);
    expect(await page.evaluate(() => window.open('https://example.com/'))).toBeNull();
  } finally {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
