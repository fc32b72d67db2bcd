import { chromium, defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Playwright's own Chromium where it is installed; else the system's (Debian's chromium), as on the
// machines where browsers cannot be downloaded.
const ownChromium = (() => {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
})();
const executablePath =
  ownChromium && existsSync(ownChromium) ? undefined : (process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium');

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  reporter: process.env['PLAYWRIGHT_JSON_OUTPUT_NAME'] ? [['list'], ['json']] : [['list']],
  use: {
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      ...(executablePath && { executablePath }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
});
