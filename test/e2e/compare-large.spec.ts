/**
 * The comparison of two 500-step maps draws only what is in view, from its first frame: React Flow
 * would draw every node once to measure it (1000 steps for two maps, nearly all thrown away), so
 * each node comes with its size and handles (renderer/canvas/to-flow.ts), and the handles drawn are
 * where the nodes said they would be.
 */
import { STEP_HANDLES } from '../../renderer/canvas/to-flow';
import { randomMap } from '../fixtures/random-map';
import { expect, test } from './fixtures';

const SIZE = 500;

test('two large maps compared draw only the steps in view, with their handles where the nodes declare them', async ({
  page,
  app,
}) => {
  const map = randomMap({ seed: 11, size: SIZE, reworkShare: 0.05 });
  const [before, after] = app.library.importFiles([
    { name: 'before.json', text: JSON.stringify(map) },
    { name: 'after.json', text: JSON.stringify({ ...map, state: 'future' }) },
  ]);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The most steps drawn at once, from the moment the comparison is asked for.
  await page.evaluate(() => {
    const seen = { most: 0 };
    (window as unknown as { stepsSeen: typeof seen }).stepsSeen = seen;
    new MutationObserver(() => {
      seen.most = Math.max(seen.most, document.querySelectorAll('.react-flow__node-step').length);
    }).observe(document.body, { subtree: true, childList: true });
  });
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/compare/${before!.id}/${after!.id}`);
  for (const side of ['before', 'after']) {
    await expect(page.locator(`.compare-map.${side} .react-flow__node-step`).first()).toBeVisible();
  }
  const most = await page.evaluate(() => (window as unknown as { stepsSeen: { most: number } }).stepsSeen.most);
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThan(SIZE / 2);

  // Each handle drawn, against its node, in the map's units, to a pixel on screen: what the nodes
  // declared (to-flow.ts).
  const { zoom, handles } = await page
    .locator('.compare-map.before .react-flow__node-step')
    .first()
    .evaluate((node) => {
      const viewport = node.closest<HTMLElement>('.react-flow__viewport')!;
      const scale = Number(/scale\(([^)]*)\)/.exec(viewport.style.transform)![1]);
      const box = node.getBoundingClientRect();
      return {
        zoom: scale,
        handles: [...node.querySelectorAll('.react-flow__handle')].map((handle) => {
          const drawn = handle.getBoundingClientRect();
          return {
            type: handle.classList.contains('source') ? 'source' : 'target',
            x: (drawn.left - box.left) / scale,
            y: (drawn.top - box.top) / scale,
            width: drawn.width / scale,
            height: drawn.height / scale,
          };
        }),
      };
    });
  expect(handles.map(({ type }) => type)).toEqual(STEP_HANDLES.map(({ type }) => type));
  STEP_HANDLES.forEach((declared, index) => {
    for (const part of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(handles[index]![part] - (declared[part] ?? 0)), `${declared.type} ${part}`).toBeLessThanOrEqual(
        1 / zoom,
      );
    }
  });
});
