// Speed of the comparison view (issue #12), side by side in one run against one map on the editor's
// canvas: opening the view of two 500-step maps (the map and a changed copy: the comparison, its
// marks, tiles and list, both canvases drawn) against drawing one, and the mean frame time while the
// pointer pans and zooms the first map (the other follows) against the same input on one canvas.
// Goals: opening within 1.5× of one map, frames within 1.2× (the canvas's frame goal).
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../test/fixtures/chromium';

const size = Number(process.env.BENCH_COMPARE_SIZE ?? 500);
const config = fileURLToPath(new URL('./canvas-page/vite.config.ts', import.meta.url));
await build({ configFile: config });
const server = await preview({ configFile: config, preview: { port: 0, host: '127.0.0.1' } });
const address = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch(chromiumLaunchOptions);

interface Figures {
  firstRender: number;
  frameTimes: number[];
}

/** What the page reports on `window.benchmark`. */
type Page = { benchmark: Partial<Figures> & { panByPointer?: () => Promise<void> } };

async function measure(mode: 'flowmap' | 'compare'): Promise<Figures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${address}?mode=${mode}&size=${size}`);
  await page.waitForFunction(() => (window as unknown as Page).benchmark.firstRender !== undefined, undefined, {
    timeout: 60_000,
  });
  await page.evaluate(() => (window as unknown as Page).benchmark.panByPointer?.());
  const figures = await page.evaluate(() => {
    const { firstRender, frameTimes } = (window as unknown as Page).benchmark;
    return { firstRender: firstRender ?? NaN, frameTimes: frameTimes ?? [] };
  });
  await page.close();
  return figures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

try {
  const runs = { flowmap: [] as Figures[], compare: [] as Figures[] };
  // Alternate the two so that both see the same machine.
  for (let run = 0; run < 5; run++) {
    runs.flowmap.push(await measure('flowmap'));
    runs.compare.push(await measure('compare'));
  }
  const first = (mode: 'flowmap' | 'compare') => median(runs[mode].map((figures) => figures.firstRender));
  const frame = (mode: 'flowmap' | 'compare') => median(runs[mode].map((figures) => mean(figures.frameTimes.slice(5))));
  console.log(
    `Comparison view, two maps of ${size} steps against one (median of ${runs.flowmap.length} runs each, Chromium, 1280×720):`,
  );
  console.log(
    `  open              one map ${first('flowmap').toFixed(0).padStart(5)} ms   comparison ${first('compare').toFixed(0).padStart(5)} ms   ratio ${(first('compare') / first('flowmap')).toFixed(2)} (goal ≤ 1.5)`,
  );
  console.log(
    `  pan/zoom frame    one map ${frame('flowmap').toFixed(1).padStart(5)} ms   comparison ${frame('compare').toFixed(1).padStart(5)} ms   ratio ${(frame('compare') / frame('flowmap')).toFixed(2)} (goal ≤ 1.2)`,
  );
} finally {
  await browser.close();
  server.httpServer.close();
}
