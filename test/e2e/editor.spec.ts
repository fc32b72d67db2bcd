import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const metric = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Flow metrics' }).locator(`[data-metric="${name}"]`);
const step = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });
const wallRows = (page: Page) => page.getByRole('region', { name: 'Walls of confusion' }).getByRole('row');

test('editing a step updates the figures at once; bad durations are refused; undo, redo and reload keep it', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');
  await step(page, 'Code review').click();
  const inspector = page.getByRole('region', { name: 'Step' });
  const leadTime = inspector.getByRole('textbox', { name: 'Lead time' });
  await expect(leadTime).toHaveValue('2d');

  await leadTime.fill('3x');
  await leadTime.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText('Lead time "3x" has an unknown unit "x"; use m, h, d or w.');
  await expect(leadTime).toHaveAttribute('aria-invalid', 'true');
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');

  await leadTime.fill('1h');
  await leadTime.press('Enter');
  await expect(inspector.getByRole('alert')).toContainText('is 1h, shorter than the process time (2h)');

  await leadTime.fill('1w');
  await leadTime.press('Enter');
  await expect(metric(page, 'leadTime')).toHaveText('11w 3d 4h');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(metric(page, 'leadTime')).toHaveText('11w 3d 4h');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');
  await page.keyboard.press('Control+Shift+z');
  await expect(metric(page, 'leadTime')).toHaveText('11w 3d 4h');

  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(metric(page, 'leadTime')).toHaveText('11w 3d 4h');
});

test('walls of confusion appear and disappear as a step changes lane', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(wallRows(page)).toHaveCount(6);
  await expect(page.locator('.wall-marker')).toHaveCount(5);
  await step(page, 'Security review').click();
  await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Development' });
  // Code review -> Security review is now inside Development: one wall fewer.
  await expect(wallRows(page)).toHaveCount(5);
  await expect(page.locator('.wall-marker')).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Walls of confusion' })).not.toContainText('Development → Security');
  await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Testing' });
  await expect(wallRows(page)).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'Walls of confusion' })).toContainText('Development → Testing');
});

test('dragging a step into another lane changes its team, in one undo step', async ({ page, app }) => {
  await page.goto(app.url);
  const security = step(page, 'Security review');
  const devLane = page.locator('.lane').filter({ hasText: 'Development' });
  const from = (await security.boundingBox())!;
  const lane = (await devLane.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, lane.y + lane.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(wallRows(page)).toHaveCount(5);
  await security.click();
  await expect(page.getByRole('combobox', { name: 'Team' })).toHaveValue('dev');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(wallRows(page)).toHaveCount(6);
});

test('a new map built through the editor: teams, steps, a handoff and a rework loop', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('button', { name: 'New value stream' }).click();
  await page.getByRole('textbox', { name: 'Name of the new value stream' }).fill('Release');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Release');

  const map = page.getByRole('region', { name: 'Map', exact: true });
  await map.getByRole('button', { name: 'Add team' }).click();
  await map.getByRole('textbox', { name: 'Team 1' }).fill('Development');
  await map.getByRole('textbox', { name: 'Team 1' }).press('Enter');
  await map.getByRole('button', { name: 'Add team' }).click();
  await map.getByRole('textbox', { name: 'Team 2' }).fill('Operations');
  await map.getByRole('textbox', { name: 'Team 2' }).press('Enter');

  const addStep = async (name: string, team: string, processTime: string, leadTime: string) => {
    await page.getByRole('button', { name: 'Add step' }).click();
    const inspector = page.getByRole('region', { name: 'Step' });
    await inspector.getByRole('textbox', { name: 'Name' }).fill(name);
    // Tab applies the name (Enter would add the next step after this one).
    await inspector.getByRole('textbox', { name: 'Name' }).press('Tab');
    await inspector.getByRole('combobox', { name: 'Team' }).selectOption({ label: team });
    await inspector.getByRole('textbox', { name: 'Process time' }).fill(processTime);
    await inspector.getByRole('textbox', { name: 'Process time' }).press('Enter');
    await inspector.getByRole('textbox', { name: 'Lead time' }).fill(leadTime);
    await inspector.getByRole('textbox', { name: 'Lead time' }).press('Enter');
    await expect(step(page, name)).toBeVisible();
  };
  await addStep('Build', 'Development', '1d', '2d');
  await addStep('Deploy', 'Operations', '2h', '1d');

  const connect = async (from: string, to: string, handle: 'source' | 'target') => {
    await step(page, from)
      .locator('.react-flow__handle.source')
      .first()
      .dragTo(step(page, to).locator(`.react-flow__handle.${handle}`).first());
  };
  await connect('Build', 'Deploy', 'target');
  await expect(metric(page, 'leadTime')).toHaveText('3d');
  await expect(metric(page, 'handoffs')).toHaveText('1');
  await expect(metric(page, 'crossTeamHandoffs')).toHaveText('1');
  await expect(wallRows(page)).toHaveCount(2);

  // Dragged back to a step before it: a rework loop.
  await connect('Deploy', 'Build', 'target');
  await expect(page.locator('.react-flow__edge').filter({ hasText: 'rework 20.0%' })).toHaveCount(1);
  await expect(metric(page, 'reworkAdjustedLeadTime')).toHaveText('3d 6h');
  await expect(metric(page, 'flowEfficiency')).toHaveText('41.7%');

  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(metric(page, 'reworkAdjustedLeadTime')).toHaveText('3d 6h');
});

test('a wall in the list focuses it on the canvas; the keyboard adds, deletes and explains', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Show the wall Business → Development/ }).click();
  await expect(page.getByRole('region', { name: 'Handoff' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Handoff' })).toContainText('Write requirements → Develop feature');
  await expect(page.getByRole('region', { name: 'Handoff' }).getByRole('textbox', { name: 'Wait time' })).toHaveValue(
    '2w',
  );
  // The canvas zooms in on the wall (animated).
  await expect
    .poll(() =>
      page.locator('.react-flow__viewport').evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a),
    )
    .toBeGreaterThan(0.8);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Map', exact: true })).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  await page.keyboard.press('n');
  const name = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveValue('New step');
  await expect(name).toBeFocused();
  await expect(page.locator('.react-flow__node-step')).toHaveCount(9);
  // Delete in the name field edits the name; on the canvas it deletes the step.
  await page.locator('.react-flow__node-step[data-id="new-step"]').focus();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(8);
});

/** The pairs of steps whose boxes on the canvas overlap, by name. */
async function overlappingSteps(page: Page): Promise<string[]> {
  const boxes = await page.locator('.react-flow__node-step').evaluateAll((nodes) =>
    nodes.map((node) => ({
      name: node.querySelector('.step-name')?.textContent ?? '',
      box: node.getBoundingClientRect(),
    })),
  );
  return boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter(
        (b) =>
          a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom,
      )
      .map((b) => `${a.name} / ${b.name}`),
  );
}

test('ideas on a step, a step inserted into a handoff, duplicate, and copy and paste into another map', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await step(page, 'Change advisory board').click();
  const inspector = page.getByRole('region', { name: 'Step' });
  await expect(inspector.getByRole('group', { name: 'Improvement ideas (1)' })).toBeVisible();
  // The inspector adds an idea on the board, the one place ideas are edited: its field ready, on this step.
  await inspector.getByRole('button', { name: 'Add idea' }).click();
  const board = page.getByRole('region', { name: /^Ideas \(\d+\)$/ });
  await expect(board.getByRole('textbox', { name: 'New idea' })).toBeFocused();
  await expect(board.getByRole('combobox', { name: 'On' })).toHaveValue('cab');
  await page.keyboard.type('Deploy on green');
  await page.keyboard.press('Enter');
  const green = board.getByRole('group', { name: 'Idea: Deploy on green' });
  await green.getByText('Plan: Proposed').click();
  await green.getByRole('combobox', { name: 'Capability' }).selectOption({ label: 'Deployment automation' });
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ 4');
  await page.getByRole('button', { name: 'Idea board', pressed: true }).click();
  await expect(inspector.getByRole('group', { name: 'Improvement ideas (2)' }).getByRole('listitem')).toHaveText([
    'Replace the change advisory board with peer review and automated checks4 votes, counted by hand · Proposed',
    'Deploy on green0 votes · Proposed',
  ]);

  await page.getByRole('button', { name: /^Show the wall Testing → Operations/ }).click();
  await page.getByRole('region', { name: 'Handoff' }).getByRole('button', { name: 'Insert a step' }).click();
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('combobox', { name: 'Team' })).toHaveValue('ops');
  await expect(metric(page, 'handoffs')).toHaveText('9');
  // The new step is an hour of work at the receiving team: the lead time grows by that hour.
  await expect(metric(page, 'leadTime')).toHaveText('11w 5h');

  await page.getByRole('region', { name: 'Step' }).getByRole('button', { name: 'Duplicate step' }).click();
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' })).toHaveValue(
    'New step (copy)',
  );
  await page.keyboard.press('Escape');
  // The map has grown to the right: bring all of it into view first.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await step(page, 'Deploy to production').click();
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' })).toHaveValue(
    'Deploy to production',
  );
  await page.keyboard.press('Control+c');

  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('link', { name: 'Open Feature delivery: Future state' }).click();
  await expect(page.locator('.react-flow__node-step')).toHaveCount(6);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(7);
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' })).toHaveValue(
    'Deploy to production',
  );
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('combobox', { name: 'Team' })).toHaveValue('');
});

test('the side panel can give the canvas the whole width, for a projector', async ({ page, app }) => {
  await page.goto(app.url);
  const canvas = page.getByRole('region', { name: 'Map canvas' });
  const narrow = (await canvas.boundingBox())!.width;
  await page.getByRole('button', { name: 'Side panel' }).click();
  await expect(page.getByRole('button', { name: 'Side panel' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Flow metrics' })).toBeHidden();
  await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(narrow + 300);
  await page.getByRole('button', { name: 'Side panel' }).click();
  await expect(page.getByRole('region', { name: 'Flow metrics' })).toBeVisible();
});

test('several steps: Shift+click and a Shift+drag box select them; they move, copy, paste and delete together', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await step(page, 'Capture idea').click();
  await step(page, 'Write requirements').click({ modifiers: ['Shift'] });
  const inspector = page.getByRole('region', { name: '2 steps' });
  await expect(inspector).toContainText('Capture idea');
  await expect(inspector).toContainText('Write requirements');

  // Both dragged into Development's lane: one edit, one undo step; the wall Business → Development goes.
  const from = (await step(page, 'Write requirements').boundingBox())!;
  const lane = (await page.locator('.lane').filter({ hasText: 'Development' }).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, lane.y + lane.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(inspector.getByRole('combobox', { name: 'Team' })).toHaveValue('dev');
  await expect(wallRows(page).filter({ hasText: 'Business → Development' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(wallRows(page).filter({ hasText: 'Business → Development' })).toHaveCount(1);

  // The team of both at once, from the inspector.
  await inspector.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Operations' });
  // Operations' colour.
  await expect(step(page, 'Capture idea').locator('.step-node')).toHaveCSS('border-left-color', 'rgb(178, 151, 193)');
  await page.getByRole('button', { name: 'Undo' }).click();

  // A box drawn with Shift selects what it covers.
  await page.keyboard.press('Escape');
  const capture = (await step(page, 'Capture idea').boundingBox())!;
  const write = (await step(page, 'Write requirements').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(capture.x - 8, capture.y - 8);
  await page.mouse.down();
  await page.mouse.move(write.x + write.width + 8, write.y + write.height + 8, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByRole('region', { name: '2 steps' })).toBeVisible();

  // Copied with the handoff between them, pasted into the future state.
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('link', { name: 'Open Feature delivery: Future state' }).click();
  await expect(page.locator('.react-flow__node-step')).toHaveCount(6);
  await expect(metric(page, 'handoffs')).toHaveText('5');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(8);
  await expect(metric(page, 'handoffs')).toHaveText('6');
  await expect(page.getByRole('region', { name: '2 steps' })).toBeVisible();

  // Ctrl+A and Delete: every step goes, as one undo step.
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('region', { name: '8 steps' })).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(8);
});

test('from the keyboard: a step is selected with Enter and moved with the arrow keys; lanes are renamed and moved on the canvas', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const deploy = step(page, 'Deploy to production');
  await deploy.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' })).toHaveValue(
    'Deploy to production',
  );
  // Where React Flow places the node, in map units: its translate(x, y).
  const placeOnCanvas = () =>
    deploy.evaluate((node) => {
      const [x, y] = (/translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec((node as HTMLElement).style.transform) ?? [])
        .slice(1)
        .map(Number);
      return { x: x!, y: y! };
    });
  const before = await placeOnCanvas();
  const mapId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
  const team = app.library.openMap(mapId).document.steps.find((candidate) => candidate.id === 'deploy')!.team;
  // Shift+arrow moves by 20 map units (React Flow's 5, four times): twice is 40 to the right, no higher or lower.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(placeOnCanvas).toEqual({ x: before.x + 40, y: before.y });
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  // The move is in the document, and saved: the step has that place of its own, in the same lane.
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const saved = app.library.openMap(mapId).document.steps.find((candidate) => candidate.id === 'deploy')!;
  expect(saved.position?.x).toBe(before.x + 40);
  expect(saved.team).toBe(team);
  // The place within the lane is kept: reloaded, the step is drawn where it was left.
  await page.reload();
  await expect.poll(placeOnCanvas).toEqual({ x: before.x + 40, y: before.y });

  // Rename a lane where it is drawn.
  await page.getByRole('button', { name: 'Rename the lane Operations' }).click();
  const name = page.getByRole('textbox', { name: 'Name of the lane Operations' });
  await expect(name).toBeFocused();
  await name.fill('Platform');
  await name.press('Enter');
  await expect(page.locator('.lane').filter({ hasText: 'Platform' })).toHaveCount(1);
  await expect(wallRows(page).filter({ hasText: 'Testing → Platform' })).toHaveCount(1);
  // Escape leaves the name as it was.
  await page.getByRole('button', { name: 'Rename the lane Platform' }).click();
  await page.getByRole('textbox', { name: 'Name of the lane Platform' }).fill('Nope');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Rename the lane Platform' })).toBeVisible();

  // Move it to the top.
  const lanes = page.locator('.lane .lane-label');
  await expect(lanes.first()).toContainText('Business');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Move the lane Platform up' }).click();
  await expect(lanes.first()).toContainText('Platform');
  await expect(page.getByRole('button', { name: 'Move the lane Platform up' })).toBeDisabled();

  // The overview (minimap) is there when asked for.
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await page.getByRole('button', { name: 'Overview' }).click();
  await expect(page.locator('.react-flow__minimap')).toBeVisible();
});

test('a duplicated or pasted step stands where it covers no step', async ({ page, app }) => {
  await page.goto(app.url);
  // Moved with an arrow key, the step has a place of its own: its copy used to be nudged onto it.
  await step(page, 'Capture idea').click();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('region', { name: 'Step' }).getByRole('button', { name: 'Duplicate step' }).click();
  await expect(page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' })).toHaveValue(
    'Capture idea (copy)',
  );
  await expect(page.locator('.react-flow__node-step')).toHaveCount(9);
  await expect.poll(() => overlappingSteps(page)).toEqual([]);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node-step')).toHaveCount(10);
  await expect.poll(() => overlappingSteps(page)).toEqual([]);
});
