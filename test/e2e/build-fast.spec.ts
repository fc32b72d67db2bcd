/**
 * Building a map as fast as people talk. The goal: a 12-step, 5-team map with 12 handoffs (waits
 * on them) and 2 rework loops (test/fixtures/workshop-12.json) built from a new stream through the
 * UI only, with every click and keystroke counted, at most 60 clicks and 400 keystrokes, and every
 * new step in view when it is made (no fit-view rescue). Then each part of it on its own: Enter in
 * a step's name, the quick entry line's message, double-click renaming, a connection dropped on a
 * step's body, N and the place of a new step.
 */
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPARED_METRICS, handoffKey } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import { formatMetric } from '../../shared/metrics/format';
import { parseDocumentText } from '../../shared/model/text';
import { expect, test } from './fixtures';

const fixturePath = fileURLToPath(new URL('../fixtures/workshop-12.json', import.meta.url));
const parsed = parseDocumentText(readFileSync(fixturePath, 'utf8'), 'json');
if (!parsed.ok) throw new Error('test/fixtures/workshop-12.json is not a valid map');
const workshop = parsed.document;

/** Every click (a drag is one) and keystroke (a character typed, a key pressed) of a test, counted. */
class Hands {
  clicks = 0;
  keystrokes = 0;
  constructor(private readonly page: Page) {}
  async click(target: Locator) {
    this.clicks++;
    await target.click();
  }
  async dblclick(target: Locator) {
    this.clicks++;
    await target.dblclick();
  }
  /** Types into what has the focus, as a person does. */
  async type(text: string) {
    this.keystrokes += text.length;
    await this.page.keyboard.type(text);
  }
  async press(key: string) {
    this.keystrokes++;
    await this.page.keyboard.press(key);
  }
  /** Drags from a step's handle onto another step's body (its middle, away from any handle). */
  async connect(from: Locator, to: Locator) {
    this.clicks++;
    await from.hover();
    const handle = await from.locator('.react-flow__handle.source').boundingBox();
    const target = await to.boundingBox();
    if (!handle || !target) throw new Error('the steps to connect are not on screen');
    await this.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }
}

const stepNode = (page: Page, name: string) =>
  page
    .locator('.react-flow__node-step')
    .filter({ has: page.locator('.step-name', { hasText: new RegExp(`^${name}$`) }) });

/** Whether the step's box is all inside the canvas's. */
async function inView(page: Page, name: string): Promise<boolean> {
  const box = await stepNode(page, name).boundingBox();
  const canvas = await page.getByRole('region', { name: 'Map canvas' }).boundingBox();
  if (!box || !canvas) return false;
  return (
    box.x >= canvas.x &&
    box.y >= canvas.y &&
    box.x + box.width <= canvas.x + canvas.width &&
    box.y + box.height <= canvas.y + canvas.height
  );
}

/** No two steps on the canvas overlap. */
async function expectNoOverlap(page: Page) {
  const boxes = await page
    .locator('.react-flow__node-step')
    .evaluateAll((nodes) =>
      nodes.map((node) => node.getBoundingClientRect()).map(({ x, y, width, height }) => ({ x, y, width, height })),
    );
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, 'no two steps overlap').toBe(true);
    }
  }
}

/** A new stream from the library, through its dialog. */
async function newStream(page: Page, hands: Hands, name: string) {
  await hands.click(page.getByRole('link', { name: '← Library' }));
  await hands.click(page.getByRole('button', { name: 'New value stream' }));
  await expect(page.getByRole('textbox', { name: 'Name of the new value stream' })).toBeFocused();
  await hands.type(name);
  await hands.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** Adds teams from the map's inspector: each new team's name is focused, ready to type. */
async function addTeams(page: Page, hands: Hands, names: readonly string[]) {
  const map = page.getByRole('region', { name: 'Map', exact: true });
  for (const [index, name] of names.entries()) {
    await hands.click(map.getByRole('button', { name: 'Add team' }));
    await expect(map.getByLabel(`Team ${index + 1}`, { exact: true })).toBeFocused();
    await hands.type(name);
    await hands.press('Enter');
  }
  await expect(page.locator('.lane')).toHaveCount(names.length);
}

test('the workshop map is built through the UI in at most 60 clicks and 400 keystrokes, every new step in view', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const hands = new Hands(page);
  await page.goto(app.url);
  await newStream(page, hands, workshop.name);
  await addTeams(
    page,
    hands,
    workshop.teams.map((team) => team.name),
  );

  const entry = page.getByRole('textbox', { name: 'Quick entry' });
  const added: string[] = [];
  const line = async (text: string) => {
    await expect(entry).toBeFocused();
    await hands.type(text);
    await hands.press('Enter');
    const name = text.split(',')[0]!;
    await expect(stepNode(page, name)).toHaveCount(1);
    await expect(entry).toHaveValue('');
    await expect.poll(() => inView(page, name), { message: `"${name}" is in view when it is made` }).toBe(true);
    added.push(name);
  };
  /** A drag from one step onto another, then its wait typed into the field the inspector focuses. */
  const handoff = async (from: string, to: string, wait: string) => {
    await hands.connect(stepNode(page, from), stepNode(page, to));
    const waitField = page.getByRole('textbox', { name: 'Wait time' });
    await expect(waitField).toBeFocused();
    await hands.type(wait);
    await hands.press('Enter');
  };

  await hands.click(entry);
  // The first step goes into the first lane; a step without a team part stays in the lane of the one before it.
  await line('Triage,30m/2h');
  await line('Refine story,2h/1d,80%,wait 3d');
  await line('Design UI,ux,4h/2d,85%,wait 2d');
  await line('Write code,d,2d/3d,90%,wait 1w');
  // A second way into Write code, and back to the line (the wait field had the focus).
  await handoff('Refine story', 'Write code', '1w 2d');
  await hands.click(entry);
  await line('Code review,1h/1d,85%,wait 4h');
  // Back to an earlier step: a rework loop, its probability one Tab after its wait.
  await handoff('Code review', 'Write code', '2h');
  await hands.press('Tab');
  await expect(page.getByRole('spinbutton', { name: 'Rework probability (%)' })).toBeFocused();
  await hands.type('30');
  await hands.press('Enter');
  await hands.click(entry);
  await line('Merge,10m,wait 2h');
  await line('Regression test,q,4h/1d,70%,wait 2d');
  await line('Acceptance,p,1h/4h,90%,wait 1d');
  await line('Release,o,30m/2h,95%,wait 3d');
  await line('Deploy,20m/1h,wait 1d');
  await line('Smoke test,q,30m/2h,wait 2h');
  await handoff('Smoke test', 'Deploy', '1h');
  await hands.click(entry);
  await line('Announce,p,15m/1h,wait 4h');
  expect(added).toEqual(workshop.steps.map((step) => step.name));

  const expected = computeMetrics(workshop);
  const metrics = page.getByRole('region', { name: 'Flow metrics' });
  for (const name of COMPARED_METRICS) {
    await expect(metrics.locator(`[data-metric="${name}"]`)).toHaveText(
      formatMetric(name, expected[name], workshop.calendar),
    );
  }
  await expect(page.locator('.react-flow__edge.rework-edge')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(workshop.handoffs.length);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  console.log(`build-fast: ${hands.clicks} clicks, ${hands.keystrokes} keystrokes`);
  expect(hands.clicks).toBeLessThanOrEqual(60);
  expect(hands.keystrokes).toBeLessThanOrEqual(400);
});

test('Enter in a step’s name names it and adds the next step after it, its name ready to type; Tab goes through PT, LT, %C&A', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const steps = page.locator('.react-flow__node-step');
  await expect(steps).toHaveCount(8);
  await stepNode(page, 'Deploy to production').click();
  const inspector = page.getByRole('region', { name: 'Step' });
  const name = inspector.getByRole('textbox', { name: 'Name' });
  await name.fill('Release');
  await name.press('Enter');

  await expect(steps).toHaveCount(9);
  await expect(name).toHaveValue('New step');
  await expect(name).toBeFocused();
  await page.keyboard.type('Announce');
  await expect(name).toHaveValue('Announce');
  // Connected after it, in its lane, right of it, covering no step, in view.
  await expect(page.locator(handoffEdge('deploy', 'new-step'))).toHaveCount(1);
  // Both boxes read in one frame: the view may still be panning to bring the new step into sight.
  const [before, added] = await page.evaluate(() =>
    ['deploy', 'new-step'].map((id) => {
      const { x, y, width } = document
        .querySelector(`.react-flow__node-step[data-id="${id}"]`)!
        .getBoundingClientRect();
      return { x, y, width };
    }),
  );
  expect(added!.y).toBeCloseTo(before!.y, 0);
  expect(added!.x).toBeGreaterThan(before!.x + before!.width);
  await expect.poll(() => inView(page, 'New step')).toBe(true);

  for (const label of ['Process time', 'Lead time', '%C&A']) {
    await page.keyboard.press('Tab');
    await expect(inspector.getByLabel(label, { exact: true })).toBeFocused();
  }
  // Naming the new step was one undo step (applied on leaving its name); the rename and the new step were one more.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(stepNode(page, 'New step')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(steps).toHaveCount(8);
  await expect(stepNode(page, 'Deploy to production')).toHaveCount(1);
});

test('the quick entry line adds a step after the selected one, or says which part it cannot read', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await stepNode(page, 'Code review').click();
  await page.keyboard.press('/');
  const entry = page.getByRole('textbox', { name: 'Quick entry' });
  await expect(entry).toBeFocused();
  await expect(entry).toHaveAccessibleDescription(/Name, then any of: team, PT\/LT, %C&A, wait/);

  await entry.fill('Pair review, qa team, 2h/1d');
  await entry.press('Enter');
  const alert = page.locator('.quick-entry').getByRole('alert');
  await expect(alert).toHaveText(
    'Team: no team called "qa team"; the teams are "Business", "Development", "Testing", "Security", "Operations".',
  );
  await expect(entry).toHaveAttribute('aria-invalid', 'true');
  await expect(entry).toHaveValue('Pair review, qa team, 2h/1d');

  // The step's own rules refuse what the line's parts allow.
  await entry.fill('Pair review, test, 2h/1d, 120%');
  await entry.press('Enter');
  await expect(alert).toHaveText('New step: %C&A must be at most 100, not 120 (a percentage from 0 to 100)');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(8);

  await entry.fill('Pair review, test, 2h/1d, 95%, wait 3h');
  await entry.press('Enter');
  await expect(alert).toHaveCount(0);
  await expect(entry).toHaveValue('');
  await expect(entry).toBeFocused();
  const inspector = page.getByRole('region', { name: 'Step' });
  await expect(inspector.getByRole('textbox', { name: 'Name' })).toHaveValue('Pair review');
  await expect(inspector.getByRole('textbox', { name: 'Process time' })).toHaveValue('2h');
  await expect(inspector.getByRole('textbox', { name: 'Lead time' })).toHaveValue('1d');
  await expect(inspector.getByRole('spinbutton', { name: '%C&A' })).toHaveValue('95');
  await expect(inspector.getByRole('combobox', { name: 'Team' })).toHaveValue('qa');
  await page.locator(handoffEdge('review', 'pair-review')).click({ force: true });
  await expect(page.getByRole('region', { name: 'Handoff' }).getByRole('textbox', { name: 'Wait time' })).toHaveValue(
    '3h',
  );
});

test('double-click on a step renames it in place (Enter or leaving applies, Escape cancels); it adds no step', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const steps = page.locator('.react-flow__node-step');
  await expect(steps).toHaveCount(8);
  await stepNode(page, 'Code review').locator('.step-name').dblclick();
  const field = page.getByRole('textbox', { name: 'Name of the step Code review' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Peer review');
  await page.keyboard.press('Enter');
  await expect(stepNode(page, 'Peer review')).toHaveCount(1);
  await expect(steps).toHaveCount(8);

  await stepNode(page, 'Peer review').dblclick();
  await page.keyboard.type('Nothing');
  await page.keyboard.press('Escape');
  await expect(stepNode(page, 'Peer review')).toHaveCount(1);
  await stepNode(page, 'Peer review').dblclick();
  await page.keyboard.type('Review');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(stepNode(page, 'Review')).toHaveCount(1);
  await expect(steps).toHaveCount(8);
});

test('a connection dropped anywhere on a step connects and asks for its wait; handles are 12 px or more on screen', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const from = stepNode(page, 'Capture idea');
  const to = stepNode(page, 'Develop feature');
  await from.hover();
  const handle = from.locator('.react-flow__handle.source');
  await expect(handle).toHaveCSS('opacity', '1');
  const size = (await handle.boundingBox())!;
  expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(12);
  await page.mouse.move(size.x + size.width / 2, size.y + size.height / 2);
  await page.mouse.down();
  // The middle of its body, far from its handle.
  const body = (await to.boundingBox())!;
  await page.mouse.move(body.x + body.width * 0.6, body.y + body.height * 0.7, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator(handoffEdge('idea', 'build'))).toHaveCount(1);
  const details = page.getByRole('region', { name: 'Handoff' });
  await expect(details).toContainText('Capture idea → Develop feature');
  await expect(details.getByRole('textbox', { name: 'Wait time' })).toBeFocused();

  // Zoomed out, handles keep their size on screen; away from the pointer they are hidden.
  await page.getByRole('button', { name: 'Zoom Out' }).click();
  await page.getByRole('button', { name: 'Zoom Out' }).click();
  await to.hover();
  const zoomedOut = (await to.locator('.react-flow__handle.target').boundingBox())!;
  expect(Math.min(zoomedOut.width, zoomedOut.height)).toBeGreaterThanOrEqual(12);
  await expect(from.locator('.react-flow__handle.source')).toHaveCSS('opacity', '0');
});

test('N puts the new step in view, its name focused; a new step never covers another', async ({ page, app }) => {
  await page.goto(app.url);
  await stepNode(page, 'Deploy to production').click();
  await page.keyboard.press('n');
  const name = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' });
  await expect(name).toBeFocused();
  await page.keyboard.type('Monitor');
  await page.keyboard.press('Tab');
  await expect(stepNode(page, 'Monitor')).toHaveCount(1);
  await expect.poll(() => inView(page, 'Monitor')).toBe(true);

  // Double-click on the canvas half over a step: the new step goes right of it.
  const review = (await stepNode(page, 'Code review').boundingBox())!;
  await page.mouse.dblclick(review.x + review.width + 20, review.y + review.height / 2);
  await expect(page.locator('.react-flow__node-step')).toHaveCount(10);
  await expectNoOverlap(page);
});

test('a field that was fixed stops showing its error; errors name the field by its label', async ({ page, app }) => {
  await page.goto(app.url);
  await stepNode(page, 'Code review').click();
  const inspector = page.getByRole('region', { name: 'Step' });
  const leadTime = inspector.getByRole('textbox', { name: 'Lead time' });
  await leadTime.fill('1h');
  await leadTime.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText(
    'Step "Code review": Lead time is 1h, shorter than the process time (2h); lead time includes the process time',
  );
  await leadTime.fill('2d');
  await leadTime.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);

  const percent = inspector.getByRole('spinbutton', { name: '%C&A' });
  const was = await percent.inputValue();
  await percent.fill('150');
  await percent.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText('%C&A must be a number from 0 to 100.');
  await percent.fill(was);
  await percent.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await expect(percent).not.toHaveAttribute('aria-invalid', 'true');
});

test('a step inserted into a handoff between placed steps covers neither', async ({ page, app }) => {
  await page.goto(app.url);
  // Moved, every step has a place of its own; the two steps of the handoff stand a column apart.
  await stepNode(page, 'Capture idea').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.locator(handoffEdge('idea', 'spec')).click({ force: true });
  await page.getByRole('region', { name: 'Handoff' }).getByRole('button', { name: 'Insert a step' }).click();
  await expect(page.locator('.react-flow__node-step')).toHaveCount(9);
  await expectNoOverlap(page);
});

/** The canvas's edge of the handoff between two steps, by the id the picture gives it. */
function handoffEdge(from: string, to: string): string {
  return `.react-flow__edge[data-id=${JSON.stringify(handoffKey(from, to))}]`;
}
