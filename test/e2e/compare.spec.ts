/**
 * The comparison view: a future state derived from the example in the library and changed in the
 * editor (a step removed, a wait cut, a step moved to another team), then compared from the
 * library: every tile is what `vsm compare --json` says of the two maps exported by `vsm db
 * export`, and every change is listed and marked on the step it is about. Also the editor's
 * state switcher, swapping the sides, and a revision against the map as it is now.
 */
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Comparison, handoffKey } from '../../shared/metrics/compare';
import { formatChange, formatMetric, formatMetricDelta } from '../../shared/metrics/format';
import { handoffName } from '../../shared/metrics/change-rows';
import type { VsmDocument } from '../../shared/model/schema';
import { type App, expect, test } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function vsm(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'cli/bin/vsm.js'), ...args], {
    cwd: root,
  });
  return stdout;
}

const step = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

/** The library's maps of the example stream, by label. */
function mapId(app: App, label: string): string {
  const map = app.library
    .listStreams()
    .flatMap((stream) => stream.maps)
    .find((candidate) => candidate.label === label);
  if (!map) throw new Error(`no map labelled ${label}`);
  return map.id;
}

/** Marks by id: `[id, kind]` pairs as an object. */
const byId = (...lists: [string, string][][]): Record<string, string> => Object.fromEntries(lists.flat());

/** The change marks drawn on one side's map: steps and handoffs by id, with their kind; the handoffs whose walls are struck through. */
async function drawnMarks(page: Page, side: 'before' | 'after') {
  return page.locator(`.compare-map.${side}`).evaluate((map) => {
    const kind = (element: Element | null) =>
      [...(element?.classList ?? [])].find((name) => name.startsWith('change-'))?.slice('change-'.length);
    const marked = (selector: string, inner: (element: Element) => Element | null) =>
      Object.fromEntries(
        [...map.querySelectorAll(selector)].flatMap((element) => {
          const found = kind(inner(element));
          return found ? [[element.getAttribute('data-id')!.replace(/^rework:/, ''), found]] : [];
        }),
      );
    return {
      steps: marked('.react-flow__node-step', (node) => node.querySelector('.step-node')),
      handoffs: marked('.react-flow__edge', (edge) => edge),
      struck: [...map.querySelectorAll('.react-flow__edge:has(.wall-marker.wall-removed)')].map((edge) =>
        edge.getAttribute('data-id')!,
      ),
    };
  });
}

/** Opens the comparison of BEFORE/AFTER (the app's address carries its token first). */
async function openCompare(page: Page, app: App, sides: string): Promise<void> {
  if (!page.url().startsWith('http')) {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/compare/${sides}`);
}

/** Derives "In 3 months" from the example's current state, then changes it in the editor. */
async function deriveAndChange(page: Page, app: App): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('button', { name: 'Derive future state from Feature delivery: Current state' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Made the future state' })).toBeVisible();
  const derived = app.library
    .listStreams()[0]!
    .maps.find((map) => map.state === 'future' && map.label !== 'Future state')!;
  await page.getByRole('button', { name: `Rename Feature delivery: ${derived.label}` }).click();
  await page.getByRole('textbox', { name: `New label for Feature delivery: ${derived.label}` }).fill('In 3 months');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByRole('link', { name: 'Open Feature delivery: In 3 months' }).click();

  // A step removed.
  await step(page, 'Security review').click();
  await page.keyboard.press('Delete');
  await expect(step(page, 'Security review')).toHaveCount(0);
  // A wait cut: Write requirements → Develop feature, 2w → 2d.
  await step(page, 'Write requirements').click();
  await page.getByRole('region', { name: 'Step' }).getByRole('button', { name: '→ Develop feature' }).click();
  const handoff = page.getByRole('form', { name: 'Handoff from Write requirements to Develop feature' });
  await handoff.getByRole('textbox', { name: 'Wait time' }).fill('2d');
  await handoff.getByRole('textbox', { name: 'Wait time' }).press('Enter');
  // A step moved to another team.
  await step(page, 'Code review').click();
  await page.getByRole('region', { name: 'Step' }).getByRole('combobox', { name: 'Team' }).selectOption({
    label: 'Testing',
  });
  await saved(page);
}

test('the comparison of a changed future state shows what vsm compare says, and where', async ({ page, app }) => {
  await deriveAndChange(page, app);
  const [beforeId, afterId] = [mapId(app, 'Current state'), mapId(app, 'In 3 months')];

  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('link', { name: 'Compare Feature delivery: In 3 months with the current state' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${beforeId}/${afterId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery: Current state → In 3 months');
  await expect(page).toHaveTitle('Feature delivery: Current state → In 3 months — Compare — Flowmap');

  // The two maps as the command line sees them.
  const files = [join(app.folder, 'before.json'), join(app.folder, 'after.json')] as const;
  await vsm('db', 'export', beforeId, '--out', files[0], '--db', app.libraryPath);
  await vsm('db', 'export', afterId, '--out', files[1], '--db', app.libraryPath);
  const comparison = JSON.parse(await vsm('compare', ...files, '--json')) as Comparison;
  const [before, after] = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as VsmDocument) as [
    VsmDocument,
    VsmDocument,
  ];
  // The files hold durations as text: the calendars are what formatting needs of them.
  const tiles = page.getByRole('list', { name: 'What the change buys' });
  for (const metric of [
    'leadTime',
    'processTime',
    'flowEfficiency',
    'rolledCompleteAccurate',
    'reworkAdjustedLeadTime',
    'handoffs',
    'crossTeamHandoffs',
  ] as const) {
    const { before: b, after: a, delta } = comparison.metrics[metric];
    const tile = tiles.locator(`[data-metric="${metric}"]`);
    await expect(tile.locator('.delta-values')).toHaveText(
      `${formatMetric(metric, b, before.calendar)} → ${formatMetric(metric, a, after.calendar)}`,
    );
    const change = formatMetricDelta(metric, delta, after.calendar);
    if (metric === 'leadTime') {
      await expect(tile.locator('.delta-change')).toHaveText(formatChange(comparison.leadTimeChange));
      await expect(tile.locator('.delta-detail')).toHaveText(change);
    } else await expect(tile.locator('.delta-change')).toHaveText(change);
  }
  await expect(tiles.locator('[data-metric="crossTeamHandoffs"]')).toContainText('better');

  // Every change listed: the step removed, the step moved, the walls.
  const changes = page.getByRole('region', { name: 'What changed' });
  const listed = await changes.getByRole('button').allTextContents();
  expect(comparison.steps.removed.map((removed) => removed.name)).toEqual(['Security review']);
  expect(comparison.steps.changed.map((changed) => changed.name)).toEqual(['Code review']);
  expect(listed).toEqual(expect.arrayContaining(['−Removed: Security review', '~Changed: Code review']));
  await expect(changes).toContainText('team Development → Testing');
  // The handoffs: the two of the removed step gone, the wait cut.
  expect(comparison.handoffs.removed.map((handoff) => `${handoff.fromName} → ${handoff.toName}`)).toEqual([
    'Code review → Security review',
    'Security review → Change advisory board',
  ]);
  for (const handoff of comparison.handoffs.removed) {
    expect(listed).toContain(`−Removed: ${handoffName(handoff)}`);
  }
  expect(comparison.handoffs.changed.map(({ after: handoff }) => `${handoff.fromName} → ${handoff.toName}`)).toEqual([
    'Write requirements → Develop feature',
  ]);
  expect(listed).toContain('~Changed: Write requirements → Develop feature');
  await expect(changes).toContainText('wait time 2w → 2d');
  for (const pair of comparison.walls.removed) {
    await expect(changes.locator('del')).toContainText([`${pair.fromTeamName} → ${pair.toTeamName}`]);
  }

  // Every mark on the right step and handoff, on each side by that side's ids.
  const key = ({ from, to }: { from: string; to: string }) => handoffKey(from, to);
  const idBefore = (changed: Comparison['steps']['changed'][number]) =>
    String(changed.changes.find((change) => change.field === 'id')?.before ?? changed.id);
  expect(await drawnMarks(page, 'before')).toEqual({
    steps: byId(
      comparison.steps.removed.map((removed): [string, string] => [removed.id, 'removed']),
      comparison.steps.changed.map((changed): [string, string] => [idBefore(changed), 'changed']),
    ),
    handoffs: byId(
      comparison.handoffs.removed.map((removed): [string, string] => [key(removed), 'removed']),
      comparison.handoffs.changed.map((changed): [string, string] => [key(changed.before), 'changed']),
    ),
    // The walls of a team pair that is gone, struck through (and the wall of the step removed).
    struck: expect.arrayContaining(
      comparison.before.metrics.walls
        .filter((wall) =>
          comparison.walls.removed.some((pair) => pair.fromTeam === wall.fromTeam && pair.toTeam === wall.toTeam),
        )
        .map(key),
    ) as unknown,
  });
  expect((await drawnMarks(page, 'before')).struck).toContain(handoffKey('review', 'secrev'));
  expect(await drawnMarks(page, 'after')).toEqual({
    steps: byId(
      comparison.steps.added.map((added): [string, string] => [added.id, 'added']),
      comparison.steps.changed.map((changed): [string, string] => [changed.id, 'changed']),
    ),
    handoffs: byId(
      comparison.handoffs.added.map((added): [string, string] => [key(added), 'added']),
      comparison.handoffs.changed.map((changed): [string, string] => [key(changed.after), 'changed']),
    ),
    struck: [],
  });
  await expect(page.locator('.compare-map.after .react-flow__node-step[data-id="review"] .step-change')).toHaveText(
    /changed/,
  );

  // Choosing a change selects it on the maps: the removed step on the map before.
  await changes.getByRole('button', { name: 'Removed: Security review', exact: true }).click();
  const beforeMap = page.getByRole('region', { name: 'Before: Current state' });
  const afterMap = page.getByRole('region', { name: 'After: In 3 months' });
  await expect(beforeMap.locator('.react-flow__node-step.selected')).toHaveText(/Security review/);
  await expect(afterMap.locator('.react-flow__node-step.selected')).toHaveCount(0);
  await changes.getByRole('button', { name: 'Changed: Code review', exact: true }).click();
  await expect(beforeMap.locator('.react-flow__node-step.selected')).toHaveText(/Code review/);
  await expect(afterMap.locator('.react-flow__node-step.selected')).toHaveText(/Code review/);

  await changes.getByRole('button', { name: 'Changed: Write requirements → Develop feature' }).click();
  for (const map of [beforeMap, afterMap]) {
    await expect(map.locator('.react-flow__edge.selected')).toHaveAttribute(
      'aria-label',
      /Write requirements → Develop feature/,
    );
  }

  // Swapped, the sides and their figures trade places.
  await page.getByRole('button', { name: '⇄ Swap' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${afterId}/${beforeId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery: In 3 months → Current state');
  await expect(tiles.locator('[data-metric="crossTeamHandoffs"]')).toContainText('worse');
});

test('the maps pan and zoom together, apart and overlaid', async ({ page, app }) => {
  await openCompare(page, app, `${mapId(app, 'Current state')}/${mapId(app, 'Future state')}`);
  const transform = (side: 'before' | 'after') =>
    page.locator(`.compare-map.${side} .react-flow__viewport`).evaluate((element) => element.style.transform);
  // Both maps at one viewport once it stops moving (a fit, a follow, a pan); its transform.
  const together = async () => {
    let last = '';
    await expect
      .poll(async () => {
        const [before, after] = [await transform('before'), await transform('after')];
        const still = before === after && before === last;
        last = before;
        return still;
      })
      .toBe(true);
    return last;
  };
  await expect(page.locator('.compare-map.after .react-flow__node-step').first()).toBeVisible();
  const fitted = await together();
  const pane = page.locator('.compare-map.after .react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await page.mouse.wheel(0, -200);
  const moved = await together();
  expect(moved).not.toBe(fitted);

  // Overlaid, the larger map is shown whole again, the other under it at the same viewport.
  await page.getByRole('radio', { name: 'Overlaid' }).check();
  const heading = page.getByRole('heading', { name: /After: Future state over before: Current state/ });
  await expect(heading).toBeVisible();
  expect(await together()).not.toBe(moved);
  // The map after, its heading and its links stand above the faded map before, not under it.
  for (const shown of [heading, page.getByRole('link', { name: 'Open Future state in the editor' })]) {
    const { x, y, width, height } = (await shown.boundingBox())!;
    const onTop = await page.evaluate(
      ({ left, top }) => document.elementFromPoint(left, top)?.closest('.compare-map')?.classList.contains('after'),
      { left: x + Math.min(width / 2, 20), top: y + height / 2 },
    );
    expect(onTop).toBe(true);
  }
});

test('the editor state switcher compares the map with another state of its stream', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(step(page, 'Capture idea')).toBeVisible();
  await page.getByRole('combobox', { name: 'Map state' }).selectOption({ label: 'Compare with Future state' });
  await expect(page).toHaveURL(new RegExp(`#/compare/${mapId(app, 'Current state')}/${mapId(app, 'Future state')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery: Current state → Future state');
  await page.getByRole('link', { name: 'Open Future state in the editor' }).click();
  await expect(page).toHaveURL(new RegExp(`#/map/${mapId(app, 'Future state')}$`));
  // From the future state, the current state still goes before.
  await page.getByRole('combobox', { name: 'Map state' }).selectOption({ label: 'Compare with Current state' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery: Current state → Future state');
});

test('the arrow keys pass over the state switcher’s choices; Enter goes to the one reached', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(step(page, 'Capture idea')).toBeVisible();
  const current = new RegExp(`#/map/${mapId(app, 'Current state')}$`);
  const switcher = page.getByRole('combobox', { name: 'Map state' });
  await switcher.focus();
  // Future state, then Compare with Future state: on a closed select each arrow is a change.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(current);
  await expect(switcher).toHaveValue(`compare:${mapId(app, 'Future state')}`);
  // Leaving the field puts back the map's own state.
  await page.keyboard.press('Tab');
  await expect(switcher).toHaveValue(mapId(app, 'Current state'));
  await switcher.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/map/${mapId(app, 'Future state')}$`));
});

test('any two maps compare from the library, and a revision with the map now', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  await page
    .getByRole('combobox', { name: 'Compare Feature delivery: Future state with another map' })
    .selectOption({ label: 'Feature delivery: Current state' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery: Current state → Future state');
  // Another map for the side after: the picker.
  await page.getByRole('combobox', { name: 'After' }).selectOption({ label: 'Feature delivery: Current state' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery: Current state → Current state');
  await expect(page.getByRole('region', { name: 'What changed' })).toContainText('None');

  // Revision 1 of the current state against the map after an edit.
  const id = mapId(app, 'Current state');
  const { revision } = app.library.openMap(id);
  await page.getByRole('link', { name: 'Open Current state in the editor' }).first().click();
  // The editor, not the comparison still on screen (both of its maps have the step).
  await expect(page.getByRole('toolbar', { name: 'Map tools' })).toBeVisible();
  await step(page, 'Change advisory board').click();
  await page.keyboard.press('Delete');
  await saved(page);
  await openCompare(page, app, `${id}@${revision}/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Feature delivery: Current state, revision ${revision} → Current state`,
  );
  await expect(page.getByRole('region', { name: 'What changed' })).toContainText('Removed: Change advisory board');
  // The before/after report of the revision and the map now.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the comparison' });
  await dialog.getByRole('radio', { name: /^SVG/ }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toContain(`revision ${revision}`);
  const svg = readFileSync(await download.path(), 'utf8');
  expect(svg).toContain(`Feature delivery: Current state, revision ${revision} → Current state`);
});

test('the view writes both sides in the calendar of the map after, as the report does', async ({ page, app }) => {
  // 24-hour days before, 8-hour working days after: 1d of wait before is 3d after.
  const teams = [{ id: 'ops', name: 'Operations' }];
  const steps = [
    { id: 'a', name: 'Build', processTime: '1d', team: 'ops' },
    { id: 'b', name: 'Deploy', processTime: '1d', team: 'ops' },
  ];
  const side = (calendar: Record<string, number>, waitTime: string) =>
    JSON.stringify({
      format: 'vsm/1',
      name: 'Calendars',
      calendar,
      teams,
      steps,
      handoffs: [{ from: 'a', to: 'b', waitTime }],
    });
  const [before, after] = app.library.importFiles([
    { name: 'before.json', text: side({ hoursPerDay: 24, daysPerWeek: 7 }, '1d') },
    { name: 'after.json', text: side({ hoursPerDay: 8, daysPerWeek: 5 }, '1d') },
  ]);
  await openCompare(page, app, `${before!.id}/${after!.id}`);
  // Lead time 4320 minutes before (9d of 8 h), 1440 after (3d).
  await expect(page.locator('.delta-tile[data-metric="leadTime"] .delta-values')).toHaveText('1w 4d → 3d');
  await expect(page.getByRole('region', { name: 'What changed' })).toContainText('wait time 3d → 1d');
  await expect(page.getByRole('region', { name: 'What changed' })).toContainText('process time 3d → 1d');
});
