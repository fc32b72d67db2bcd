/**
 * The README's screenshot: the example map in the editor, in Chromium at 1280×720, as a facilitator
 * first sees it. Run after a change to the look: `npm run screenshot` (after `npm run build`).
 * `npm run screenshot -- OUT.png WIDTHxHEIGHT` writes elsewhere, at another size.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../test/e2e/fixtures';
import { chromiumLaunchOptions } from '../test/fixtures/chromium';

const out = process.argv[2] ?? fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const [width, height] = (process.argv[3] ?? '1280x720').split('x').map(Number);
const folder = mkdtempSync(join(tmpdir(), 'flowmap-screenshot-'));
const app = await startApp(join(folder, 'flowmap.db'));
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage({ viewport: { width: width ?? 1280, height: height ?? 720 } });
  await page.goto(app.url);
  await page.locator('.react-flow__node-step').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}`);
} finally {
  await browser.close();
  await app.server.close();
  app.library.close();
  rmSync(folder, { recursive: true, force: true });
}
