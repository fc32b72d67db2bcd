/**
 * The workshop's agenda (issue 13) in the browser: stages walked on a map with gaps, the missing
 * lists following the data filled in through the inspector, a stage skipped and one moved (kept over
 * a reload), the timebox run with Playwright's clock (started, paused, extended, over time), a
 * stage's timebox set (kept over a reload), the focus in the list of all stages, and the stage and
 * timer in presentation mode, the digits measured on a 1280×720 screen; axe finds nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type App } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

/** Three steps in two teams, one after the other: no lead times, no waits, no %C&A yet. */
const GAPS = {
  format: 'vsm/1',
  name: 'Release',
  teams: [
    { id: 'dev', name: 'Development' },
    { id: 'ops', name: 'Operations' },
  ],
  steps: [
    { id: 'b', name: 'Build', team: 'dev', processTime: '1h' },
    { id: 't', name: 'Test', team: 'dev', processTime: '2h' },
    { id: 'd', name: 'Deploy', team: 'ops', processTime: '30m' },
  ],
  handoffs: [
    { from: 'b', to: 't' },
    { from: 't', to: 'd' },
  ],
};

const START = new Date('2026-12-02T09:00:00Z');

/** Time moves on the page only when the test says so. */
async function holdClock(page: Page): Promise<void> {
  await page.clock.install({ time: START });
  // A second on: the installed clock runs from START, and pausing in its past fails.
  await page.clock.pauseAt(new Date(START.getTime() + 1_000));
}

async function openGaps(page: Page, app: App): Promise<string> {
  const [summary] = app.library.importFiles([{ name: 'release.json', text: JSON.stringify(GAPS) }]);
  await holdClock(page);
  await page.goto(app.url);
  await expect(page.getByRole('toolbar', { name: 'Map tools' })).toBeVisible();
  await page.evaluate((id) => {
    window.location.hash = `#/map/${id}`;
  }, summary!.id);
  await expect(page.locator('.react-flow__node-step')).toHaveCount(3);
  return summary!.id;
}

/** What axe finds serious; it needs timers, so time moves while it looks (call it with the timebox paused). */
async function seriousProblems(page: Page): Promise<string[]> {
  await page.clock.resume();
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const agendaBar = (page: Page) => page.getByRole('region', { name: 'Agenda' });
const missingItems = (page: Page) => agendaBar(page).getByRole('list', { name: 'Still missing' }).getByRole('listitem');
const highlighted = (page: Page) => page.locator('.react-flow__node.highlighted');
const clock = (page: Page) => page.getByRole('timer');

test('the agenda walks the stages, lists what is missing as it is filled in, and keeps its order and skips', async ({
  page,
  app,
}) => {
  await openGaps(page, app);
  // Off in a plain edit session: nothing of it takes room.
  await expect(agendaBar(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Agenda', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Outcome and scope');
  await expect(agendaBar(page)).toContainText('Stage 1 of 10');
  // The missing list is on demand, below the bar's one row; it stays open from stage to stage.
  const missingToggle = agendaBar(page).getByRole('button', { name: 'Nothing missing' });
  await expect(missingToggle).toHaveAttribute('aria-expanded', 'false');
  await missingToggle.click();
  await expect(agendaBar(page).getByText('Nothing: this stage has what it needs.')).toBeVisible();
  // The first and the last step are what scope concerns.
  await expect(highlighted(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Next →' }).click();
  await page.keyboard.press(']');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Times');
  await expect(missingItems(page)).toHaveText([
    '3 steps have no lead time: Build, Test, Deploy',
    '2 handoffs have no wait: Build → Test, Test → Deploy',
  ]);
  await expect(highlighted(page)).toHaveCount(3);
  await expect(page.locator('.react-flow__edge.highlighted')).toHaveCount(2);

  // A missing item selects what it names.
  await missingItems(page).first().getByRole('button').click();
  await expect(page.getByRole('region', { name: '3 steps' })).toBeVisible();

  await page.locator('.react-flow__node-step').filter({ hasText: 'Build' }).click();
  const leadTime = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Lead time' });
  await leadTime.fill('1d');
  await leadTime.press('Enter');
  await expect(missingItems(page).first()).toHaveText('2 steps have no lead time: Test, Deploy');
  await expect(highlighted(page)).toHaveCount(2);

  // The handoffs' item selects the first of them; its wait is filled in.
  await missingItems(page).nth(1).getByRole('button').click();
  const wait = page.getByRole('textbox', { name: 'Wait time' });
  await wait.fill('4h');
  await wait.press('Enter');
  await expect(missingItems(page).nth(1)).toHaveText('1 handoff has no wait: Test → Deploy');

  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('%C&A');
  await expect(missingItems(page)).toHaveText(['No step has a %C&A yet']);

  // Skip %C&A, move the walls before the times: kept over a reload.
  await agendaBar(page).getByText('All stages').click();
  await page.getByRole('button', { name: 'Skip %C&A' }).click();
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Walls of confusion');
  await page.getByRole('button', { name: 'Move Walls of confusion up' }).click();
  await page.getByRole('button', { name: 'Move Walls of confusion up' }).click();
  await expect(page.locator('.agenda-stages .agenda-stage-name')).toHaveText([
    'Outcome and scope',
    'Steps',
    'Walls of confusion',
    'Times',
    '%C&A (skipped)',
    'Ideas',
    'Vote',
    'Future state',
    'Compare',
    'Plan',
  ]);
  await expect(page.getByRole('button', { name: /^Take back / })).toHaveAccessibleName('Take back %C&A');
  await expect(agendaBar(page)).toContainText('Stage 3 of 9');
  expect(await seriousProblems(page)).toEqual([]);

  // The edits reach the library (the autosave's delay), then the page is loaded again.
  await page.clock.runFor(2_000);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Walls of confusion');
  await page.keyboard.press(']');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Times');
  // Past the skipped %C&A.
  await page.keyboard.press(']');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Ideas');
  await agendaBar(page).getByRole('button', { name: 'Still missing (2)' }).click();
  await expect(missingItems(page)).toHaveText(['No idea yet', '1 wall has no idea: Test → Deploy']);
  // The future state: the stream has none.
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Future state');
  await expect(missingItems(page)).toHaveText(['The stream has no future state yet']);

  // Hidden again: gone, and its keys do nothing.
  await page.keyboard.press('g');
  await expect(agendaBar(page)).toHaveCount(0);
  await page.keyboard.press(']');
  await page.keyboard.press('g');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Future state');
});

test('the timebox runs on the clock, pauses, takes a minute more, goes over time, and shows large in presentation mode', async ({
  page,
  app,
}) => {
  const id = await openGaps(page, app);
  await page.keyboard.press('g');
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Times');
  await expect(clock(page)).toHaveText('20:00');
  await expect(agendaBar(page)).toContainText('Ready');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.clock.runFor(5 * 60_000);
  await expect(clock(page)).toHaveText('15:00');
  await expect(agendaBar(page)).toContainText('Running');
  await page.keyboard.press('t');
  await expect(agendaBar(page)).toContainText('Paused');
  await page.clock.runFor(2 * 60_000);
  await expect(clock(page)).toHaveText('15:00');
  await page.getByRole('button', { name: '+1 min' }).click();
  await expect(clock(page)).toHaveText('16:00');
  await page.keyboard.press('+');
  await expect(clock(page)).toHaveText('17:00');

  await page.keyboard.press('t');
  await page.clock.runFor(17 * 60_000 + 5_000);
  await expect(clock(page)).toHaveText('+00:05');
  await expect(clock(page)).toHaveAccessibleName('Timebox: 5 seconds over time');
  await expect(page.locator('.agenda-timer')).toHaveClass(/\bover\b/);
  await expect(agendaBar(page)).toContainText('Over time');
  // Its end signal is a slow change of colour, none under reduced motion.
  await expect(page.locator('.agenda-timer')).toHaveCSS('animation-duration', '4s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(page.locator('.agenda-timer')).toHaveCSS('animation-name', 'none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.screenshot({ path: '/tmp/agenda-editor.png' });

  // Presentation mode: the same timer, still running, large.
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/map/${id}/present$`));
  const present = page.getByRole('region', { name: 'Agenda' });
  await expect(present.getByRole('heading', { level: 2 })).toContainText('Times');
  await expect(present).toContainText('how long is it worked on');
  await page.clock.runFor(10_000);
  await expect(clock(page)).toHaveText('+00:15');
  const digits = await clock(page).evaluate((element) => {
    const style = getComputedStyle(element);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText('0123456789');
    const range = document.createRange();
    range.selectNodeContents(element);
    return {
      glyphs: text.actualBoundingBoxAscent + text.actualBoundingBoxDescent,
      line: range.getBoundingClientRect().height,
      bottom: element.getBoundingClientRect().bottom,
    };
  });
  // Readable from the back row: digits at least 48 px high, all on the screen.
  expect(digits.glyphs).toBeGreaterThanOrEqual(48);
  expect(digits.line).toBeGreaterThanOrEqual(48);
  expect(digits.bottom).toBeLessThanOrEqual(720);
  // Every step box stays above the agenda's strip.
  const stripTop = await present.evaluate((element) => element.getBoundingClientRect().top);
  for (const box of await page.locator('.present-step').all()) {
    const rect = await box.boundingBox();
    expect(rect!.y + rect!.height).toBeLessThanOrEqual(stripTop);
  }
  await page.screenshot({ path: '/tmp/agenda-present.png' });

  // The room's keys: pause, next stage (its own timebox), start, a minute more, previous stage.
  await page.keyboard.press('t');
  expect(await seriousProblems(page)).toEqual([]);
  await page.clock.runFor(60_000);
  await expect(clock(page)).toHaveText('+00:15');
  await page.keyboard.press(']');
  await expect(present.getByRole('heading', { level: 2 })).toContainText('%C&A');
  await expect(clock(page)).toHaveText('10:00');
  await page.keyboard.press('t');
  await page.clock.runFor(61_000);
  await expect(clock(page)).toHaveText('08:59');
  await page.keyboard.press('+');
  await expect(clock(page)).toHaveText('09:59');
  await page.keyboard.press('Shift+T');
  await expect(clock(page)).toHaveText('10:00');
  await page.keyboard.press('[');
  await expect(present.getByRole('heading', { level: 2 })).toContainText('Times');

  // Back in the editor, the same stage.
  await page.keyboard.press('Escape');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Times');
});

test('at 1280 px the header holds the agenda’s button, the state switcher and the save status', async ({
  page,
  app,
}) => {
  // The example's stream has two maps: the state is a switcher, as wide as its longest choice unless held.
  await page.goto(app.url);
  await expect(page.getByRole('combobox', { name: 'Map state' })).toBeVisible();
  const status = await page.locator('.save-status').boundingBox();
  expect(status!.x + status!.width).toBeLessThanOrEqual(1280);
  const agenda = await page.getByRole('button', { name: 'Agenda', exact: true }).boundingBox();
  expect(agenda!.x + agenda!.width).toBeLessThanOrEqual(status!.x);
});

test('a second window presenting the map follows the editor’s agenda, and the editor the room’s keys', async ({
  page,
  app,
  context,
}) => {
  const id = await openGaps(page, app);
  await page.keyboard.press('g');
  // The context's clock (Playwright's is one for all its pages), still held.
  const room = await context.newPage();
  await room.goto(app.url);
  await expect(room.getByRole('toolbar', { name: 'Map tools' })).toBeVisible();
  await room.evaluate((mapId) => {
    window.location.hash = `#/map/${mapId}/present`;
  }, id);
  const shown = room.getByRole('region', { name: 'Agenda' });
  await expect(shown.getByRole('heading', { level: 2 })).toContainText('Outcome and scope');

  await page.keyboard.press(']');
  await expect(shown.getByRole('heading', { level: 2 })).toContainText('Steps');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(room.getByText('Running')).toBeVisible();
  // Each window reads the time left from the clock.
  await room.clock.runFor(4 * 60_000);
  await expect(room.getByRole('timer')).toHaveText('16:00');
  await expect(page.getByRole('timer')).toHaveText('16:00');
  // Paused in the room, paused in the editor, at the room's time.
  await room.keyboard.press('t');
  await expect(page.getByRole('timer')).toHaveText('16:00');
  await expect(agendaBar(page)).toContainText('Paused');
});

test('the list of all stages keeps the focus on the button pressed: moved, at an end, skipped, taken back, gone to', async ({
  page,
  app,
}) => {
  await openGaps(page, app);
  await page.keyboard.press('g');
  await agendaBar(page).getByText('All stages').click();
  const names = page.locator('.agenda-stages .agenda-stage-name');

  // Down: the row's element moves in the list, the focus with it.
  const down = page.getByRole('button', { name: 'Move Times down' });
  await down.focus();
  await page.keyboard.press('Enter');
  await expect(names.nth(3)).toHaveText('Times');
  await expect(down).toBeFocused();
  // Up to the top: the button stays where the focus is, and does nothing there.
  const up = page.getByRole('button', { name: 'Move Times up' });
  await up.focus();
  for (let press = 0; press < 4; press += 1) await page.keyboard.press('Enter');
  await expect(names.first()).toHaveText('Times');
  await expect(up).toHaveAttribute('aria-disabled', 'true');
  await expect(up).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(names.first()).toHaveText('Times');
  await expect(up).toBeFocused();
  // The last stage cannot go further down.
  await expect(page.getByRole('button', { name: 'Move Plan down' })).toHaveAttribute('aria-disabled', 'true');

  // Skip turns into Take back and back, the focus on it.
  await page.keyboard.press('Tab');
  await expect(down).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip Times' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Take back Times' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Skip Times' })).toBeFocused();

  // Going to a stage makes its button the current one's, which does nothing, and keeps the focus.
  const vote = names.filter({ hasText: 'Vote' });
  await vote.focus();
  await page.keyboard.press('Enter');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Vote');
  await expect(vote).toHaveAttribute('aria-disabled', 'true');
  await expect(vote).toBeFocused();
  // Skipping the current stage moves on to the next, the focus staying on the button pressed.
  const skipVote = page.getByRole('button', { name: 'Skip Vote' });
  await skipVote.focus();
  await page.keyboard.press('Enter');
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Future state');
  await expect(page.getByRole('button', { name: 'Take back Vote' })).toBeFocused();
  expect(await seriousProblems(page)).toEqual([]);
});

test('a stage’s timebox set in the list of all stages: the clock follows until it starts, the stage takes it, kept over a reload', async ({
  page,
  app,
}) => {
  const id = await openGaps(page, app);
  await page.keyboard.press('g');
  await agendaBar(page).getByText('All stages').click();
  const minutes = (title: string) => agendaBar(page).getByRole('spinbutton', { name: `Minutes for ${title}` });
  await expect(minutes('Times')).toHaveValue('20');

  // Refused, with the field named, and not applied (the current stage's clock would follow): below
  // one, not whole, above a day, not a number.
  const error = agendaBar(page).getByRole('alert');
  const scope = minutes('Outcome and scope');
  const refused = 'Minutes for Outcome and scope must be a whole number from 1 to 1440.';
  for (const bad of ['0', '-5', '2.5', '1441']) {
    await scope.fill(bad);
    await scope.press('Enter');
    await expect(error, bad).toHaveText(refused);
    await expect(scope).toHaveAttribute('aria-invalid', 'true');
    await expect(clock(page)).toHaveText('10:00');
  }
  // Typed, what is not a number reads as an empty field; it is not taken for one left empty.
  await scope.fill('');
  await scope.pressSequentially('1e-');
  await expect(scope).toHaveValue('');
  await scope.press('Enter');
  await expect(error).toHaveText(refused);
  await expect(clock(page)).toHaveText('10:00');
  // The current stage's clock follows while it has not started; started, it keeps its time.
  await scope.fill('12');
  await scope.press('Enter');
  await expect(error).toHaveCount(0);
  await expect(clock(page)).toHaveText('12:00');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.clock.runFor(60_000);
  await scope.fill('15');
  await scope.press('Enter');
  await expect(clock(page)).toHaveText('11:00');
  // Another stage's timebox leaves the clock alone.
  await minutes('Times').fill('25');
  await minutes('Times').press('Enter');
  await expect(clock(page)).toHaveText('11:00');
  // Reset (Shift+T) gives it the timebox set.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.keyboard.press('Shift+T');
  await expect(clock(page)).toHaveText('15:00');

  // The stage set takes its minutes when it becomes current.
  await agendaBar(page).getByRole('button', { name: 'Times', exact: true }).click();
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Times');
  await expect(clock(page)).toHaveText('25:00');

  // Over a reload, and in presentation mode, which reads the same agenda.
  await page.reload();
  await expect(agendaBar(page).getByRole('heading', { level: 2 })).toHaveText('Times');
  await agendaBar(page).getByText('All stages').click();
  await expect(minutes('Times')).toHaveValue('25');
  await expect(minutes('Outcome and scope')).toHaveValue('15');
  await page.keyboard.press('[');
  await expect(clock(page)).toHaveText('20:00');
  await page.keyboard.press('[');
  await expect(clock(page)).toHaveText('15:00');
  await page.evaluate((mapId) => {
    window.location.hash = `#/map/${mapId}/present`;
  }, id);
  const present = page.getByRole('region', { name: 'Agenda' });
  await expect(present.getByRole('heading', { level: 2 })).toContainText('Outcome and scope');
  await page.keyboard.press(']');
  await expect(present.getByRole('heading', { level: 2 })).toContainText('Steps');
  await expect(clock(page)).toHaveText('20:00');
  await page.keyboard.press(']');
  await expect(present.getByRole('heading', { level: 2 })).toContainText('Times');
  await expect(clock(page)).toHaveText('25:00');
  expect(await seriousProblems(page)).toEqual([]);
});
