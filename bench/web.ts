// Speed of the browser mode (issue #4): from starting the process to the library screen being
// interactive, and from clicking a 500-step map to it being shown (its 500 steps on the canvas and
// its metrics in the panel). Medians of 5 runs, in real Chromium.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../scripts/build.js';
import { Library } from '../electron/store/library';
import { randomMap } from '../test/fixtures/random-map';
import { chromiumLaunchOptions } from '../test/fixtures/chromium';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await buildApp({ onlyStale: true });
const folder = mkdtempSync(join(tmpdir(), 'flowmap-bench-web-'));
const libraryPath = join(folder, 'flowmap.db');
const seeded = Library.open(libraryPath);
const big = seeded.createStream('Big stream', { ...randomMap({ seed: 3, size: 500 }), name: 'Big stream' });
seeded.close();

const browser = await chromium.launch(chromiumLaunchOptions);
const startTimes: { server: number; interactive: number }[] = [];
const openTimes: number[] = [];
try {
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'scripts/start.js'), '--web'], {
      env: { ...process.env, BROWSER: 'none', FLOWMAP_DB: libraryPath, FLOWMAP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /running at (\S+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
    });
    const serverReady = performance.now() - started;
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await page.getByRole('link', { name: 'Open Big stream: Current state' }).waitFor();
    startTimes.push({ server: serverReady, interactive: performance.now() - started });

    const clicked = performance.now();
    await page.getByRole('link', { name: 'Open Big stream: Current state' }).click();
    await page.locator('[data-metric="leadTime"]').waitFor();
    // Shown: the steps measured and the handoffs drawn (a map this large draws only what is in view).
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length > 0);
    openTimes.push(performance.now() - clicked);
    await page.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
} finally {
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
}

console.log(`Browser mode (median of ${startTimes.length} runs; a 500-step map: ${big.summary.stepCount} steps):`);
console.log(
  `  process start to server listening          ${median(startTimes.map((time) => time.server))
    .toFixed(0)
    .padStart(6)} ms`,
);
console.log(
  `  process start to library screen interactive${median(startTimes.map((time) => time.interactive))
    .toFixed(0)
    .padStart(6)} ms`,
);
console.log(`  click a 500-step map to it being shown     ${median(openTimes).toFixed(0).padStart(6)} ms`);
