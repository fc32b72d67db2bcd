/**
 * The comparison at a 1280×720 projector, measured on screen: the example's current and future
 * states, each map as large as the view allows beside the deltas and the changes, its walls'
 * badges covering little of it, and its steps' names read at fit or one zoom away.
 */
import type { Page } from '@playwright/test';
import { type App, expect, test } from './fixtures';

function mapId(app: App, label: string): string {
  const map = app.library
    .listStreams()
    .flatMap((stream) => stream.maps)
    .find((candidate) => candidate.label === label);
  if (!map) throw new Error(`no map labelled ${label}`);
  return map.id;
}

/** Waits until both canvases stop moving (fitting and following animate). */
async function settled(page: Page): Promise<void> {
  const transforms = () =>
    page
      .locator('.react-flow__viewport')
      .evaluateAll((viewports) => viewports.map((viewport) => (viewport as HTMLElement).style.transform).join());
  let before = await transforms();
  for (;;) {
    await page.waitForTimeout(300);
    const now = await transforms();
    if (now === before) return;
    before = now;
  }
}

/**
 * One map's canvas on screen: its height; the share of it, and of the map drawn in it (its lanes),
 * that the walls' badges cover; its steps' smallest name and its badges' smallest text, in px.
 */
function measure(page: Page, side: 'before' | 'after') {
  return page.locator(`.compare-map.${side} .canvas`).evaluate((canvas) => {
    const area = (rect: DOMRect, within: DOMRect) =>
      Math.max(0, Math.min(rect.right, within.right) - Math.max(rect.left, within.left)) *
      Math.max(0, Math.min(rect.bottom, within.bottom) - Math.max(rect.top, within.top));
    const view = canvas.getBoundingClientRect();
    const lanes = [...canvas.querySelectorAll('.react-flow__node-lane')].map((lane) => lane.getBoundingClientRect());
    const map = new DOMRect(
      Math.min(...lanes.map((lane) => lane.left)),
      Math.min(...lanes.map((lane) => lane.top)),
      Math.max(...lanes.map((lane) => lane.right)) - Math.min(...lanes.map((lane) => lane.left)),
      Math.max(...lanes.map((lane) => lane.bottom)) - Math.min(...lanes.map((lane) => lane.top)),
    );
    const badges = [...canvas.querySelectorAll<HTMLElement>('.wall-badge')];
    const covered = (within: DOMRect) =>
      badges.reduce((sum, badge) => sum + area(badge.getBoundingClientRect(), within), 0) / area(within, within);
    // Text on screen: its size in its own units times its scale to the screen.
    const font = (element: HTMLElement) =>
      (parseFloat(getComputedStyle(element).fontSize) * element.getBoundingClientRect().height) / element.offsetHeight;
    return {
      height: view.height,
      canvasCovered: covered(view),
      mapCovered: covered(map),
      smallestName: Math.min(...[...canvas.querySelectorAll<HTMLElement>('.step-name')].map(font)),
      smallestBadge: Math.min(...badges.map(font)),
      badges: badges.length,
    };
  });
}

test('at 1280×720 both maps fill the height beside the deltas, their walls cover little, their names are read', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(
    (hash) => {
      window.location.hash = hash;
    },
    `#/compare/${mapId(app, 'Current state')}/${mapId(app, 'Future state')}`,
  );
  await expect(page.locator('.compare-map.before .wall-badge')).toHaveCount(5);
  await settled(page);
  const measured = { before: await measure(page, 'before'), after: await measure(page, 'after') };
  for (const side of [measured.before, measured.after]) {
    // One above the other under a 108 px header, the two maps share the rest: each canvas 262 px tall
    // here (399 px side by side, where the example's wide maps fit at half the zoom).
    expect(side.height).toBeGreaterThanOrEqual(255);
    // Badges keep the editor's legibility (≥ 10 px text at fit)…
    expect(side.smallestBadge).toBeGreaterThanOrEqual(10);
    // …and cover under a tenth of the map and a fifteenth of the canvas (the before map's five walls:
    // 6.3% of the canvas and 7.0% of the map here; 15% of the map when it was drawn half the size).
    expect(side.mapCovered).toBeLessThan(0.1);
    expect(side.canvasCovered).toBeLessThan(1 / 15);
    // Every step's name at least 7 px at fit (7.7 here, 4.2 side by side), a label read from up close…
    expect(side.smallestName).toBeGreaterThanOrEqual(7);
  }
  // …and from the room two presses of Zoom in away, on both maps (they zoom together).
  const zoomIn = page.locator('.compare-map.after').getByRole('button', { name: /zoom in/i });
  await zoomIn.click();
  await zoomIn.click();
  await settled(page);
  for (const side of ['before', 'after'] as const)
    expect((await measure(page, side)).smallestName).toBeGreaterThanOrEqual(10);
  // The deltas are in view beside the maps, every tile whole.
  for (const tile of await page.locator('.delta-tile').all()) await expect(tile).toBeInViewport({ ratio: 1 });
});
