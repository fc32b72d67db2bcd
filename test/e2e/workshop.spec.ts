/**
 * A whole workshop run through the UI, as a facilitator runs it at a projector's 1280×720 (issue 13):
 * a stream made from the guided template opens with its agenda; the stages walked, each's missing
 * list shrinking as the steps, a lead time, a wait, a %C&A and the plan are filled in; the timebox on
 * Playwright's clock; three participants voting in a hidden round (one runs out of dots), revealed
 * and ranked; the top ideas planned; the parking lot written; the summary PDF read back with
 * pdftotext and the plan CSV with papaparse; presentation mode with the stage, its timer and the
 * room's board. Screenshots of each stage go to /tmp/ws.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

const START = new Date('2026-12-02T09:00:00Z');
const agendaBar = (page: Page) => page.getByRole('region', { name: 'Agenda' });
const stage = (page: Page) => agendaBar(page).getByRole('heading', { level: 2 });
const missing = (page: Page) => agendaBar(page).getByRole('list', { name: 'Still missing' }).getByRole('listitem');
const stepNode = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });
const inspector = (page: Page) => page.getByRole('region', { name: 'Step' });
const board = (page: Page) => page.getByRole('region', { name: /^Ideas \(\d+\)$/ });
const idea = (page: Page, text: string) => board(page).getByRole('group', { name: `Idea: ${text}` });
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/ws/${name}.png` });

async function vote(page: Page, voter: string, text: string, times: number) {
  await board(page).getByRole('combobox', { name: 'Voting as' }).selectOption({ label: voter });
  for (let i = 0; i < times; i++)
    await idea(page, text)
      .getByRole('button', { name: `Give ${voter}’s dot to ${text}` })
      .click();
}

test('a whole workshop run, from the guided template to the summary PDF and the plan CSV', async ({ page, app }) => {
  await page.clock.install({ time: START });
  // A second on (the clock runs from START until it is paused): the time stands still from there.
  await page.clock.pauseAt(new Date(START.getTime() + 1_000));
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('button', { name: 'New value stream' }).click();
  const dialog = page.getByRole('dialog', { name: 'New value stream' });
  await dialog.getByRole('textbox', { name: 'Name of the new value stream' }).fill('Checkout release');
  await dialog.getByRole('radio', { name: 'Guided workshop' }).check();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout release');

  // The guided workshop opens with its agenda, at the first stage.
  await expect(page.getByRole('button', { name: 'Agenda', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(stage(page)).toHaveText('Outcome and scope');
  await agendaBar(page).getByRole('button', { name: 'Still missing (1)' }).click();
  await expect(missing(page)).toHaveText(['The map has no steps yet: add its first and its last step']);

  // Outcome and scope, then the steps: three typed in the quick entry line, each after the one before.
  await page.keyboard.press('/');
  const entry = page.getByRole('textbox', { name: 'Quick entry' });
  for (const line of ['Triage, 30m', 'Build, 2h', 'Deploy, 1h']) {
    await entry.fill(line);
    await entry.press('Enter');
  }
  await expect(missing(page)).toHaveText(['No team yet: who does the work?']);
  await shot(page, '01-scope');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press(']');
  await expect(stage(page)).toHaveText('Steps');
  await expect(missing(page)).toHaveText(['3 steps have no team: Triage, Build, Deploy']);

  // Times: a lead time and a wait filled in, each list one shorter.
  await page.keyboard.press(']');
  await expect(stage(page)).toHaveText('Times');
  await expect(missing(page)).toHaveText([
    '3 steps have no lead time: Triage, Build, Deploy',
    '2 handoffs have no wait: Triage → Build, Build → Deploy',
  ]);
  await stepNode(page, 'Build').click();
  const leadTime = inspector(page).getByRole('textbox', { name: 'Lead time' });
  await leadTime.fill('1d');
  await leadTime.press('Enter');
  await expect(missing(page).first()).toHaveText('2 steps have no lead time: Triage, Deploy');
  await missing(page).nth(1).getByRole('button').click();
  const wait = page.getByRole('region', { name: 'Handoff' }).getByRole('textbox', { name: 'Wait time' });
  await wait.fill('2d');
  await wait.press('Enter');
  await expect(missing(page).nth(1)).toHaveText('1 handoff has no wait: Build → Deploy');
  await shot(page, '02-times');

  // %C&A: one rated.
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(stage(page)).toHaveText('%C&A');
  await expect(missing(page)).toHaveText(['No step has a %C&A yet']);
  await stepNode(page, 'Build').click();
  const accurate = inspector(page).getByRole('spinbutton', { name: '%C&A' });
  await accurate.fill('70');
  await accurate.press('Enter');
  await expect(missing(page)).toHaveText(['2 steps still have the default %C&A: Triage, Deploy']);

  // Walls, then ideas: its timebox run on the clock.
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(stage(page)).toHaveText('Ideas');
  await expect(missing(page)).toHaveText(['No idea yet']);
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText('15:00');
  await agendaBar(page).getByRole('button', { name: 'Start', exact: true }).click();
  await page.clock.runFor(5 * 60_000);
  await expect(timer).toHaveText('10:00');
  await expect(agendaBar(page)).toContainText('Running');
  await page.keyboard.press('t');
  await expect(agendaBar(page)).toContainText('Paused');
  await page.clock.runFor(3 * 60_000);
  await expect(timer).toHaveText('10:00');
  await agendaBar(page).getByRole('button', { name: '+1 min' }).click();
  await expect(timer).toHaveText('11:00');

  // Ideas by keyboard, on the selected step.
  await stepNode(page, 'Build').click();
  await page.keyboard.press('b');
  const field = board(page).getByRole('textbox', { name: 'New idea' });
  await expect(field).toBeFocused();
  for (const text of ['Smaller batches', 'Pair on reviews', 'Deploy on green']) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  await expect(board(page).getByRole('heading', { name: 'Ideas (3)' })).toBeVisible();
  await expect(missing(page)).toHaveCount(0);
  await board(page).getByText('Participants (0) · 3 dots each').click();
  for (const name of ['Ana', 'Ben', 'Carla']) {
    const participant = board(page).getByRole('textbox', { name: 'Add a participant' });
    await participant.fill(name);
    await participant.press('Enter');
  }
  await expect(board(page).getByRole('group', { name: 'Participants (3)' })).toBeVisible();
  await shot(page, '03-ideas');

  // The vote: a hidden round, while the timer runs over time.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(']');
  await expect(stage(page)).toHaveText('Vote');
  await expect(missing(page)).toHaveText(['3 participants have not voted: Ana, Ben, Carla', 'No idea has a vote yet']);
  await agendaBar(page).getByRole('button', { name: 'Start', exact: true }).click();
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).click();
  await vote(page, 'Ana', 'Deploy on green', 3);
  const anaGives = idea(page, 'Pair on reviews').getByRole('button', { name: 'Give Ana’s dot to Pair on reviews' });
  await expect(anaGives).toBeDisabled();
  await expect(anaGives).toHaveAccessibleDescription('Ana has no dots left');
  await expect(board(page).getByText('0 of 3 dots left')).toBeVisible();
  await expect(missing(page)).toHaveText(['2 participants have not voted: Ben, Carla']);
  await vote(page, 'Ben', 'Pair on reviews', 2);
  await vote(page, 'Ben', 'Deploy on green', 1);
  await vote(page, 'Carla', 'Pair on reviews', 1);
  await vote(page, 'Carla', 'Smaller batches', 1);
  await expect(board(page).getByText('1 of 3 dots left')).toBeVisible();
  await expect(idea(page, 'Deploy on green').locator('.votes')).toHaveText('?');
  await shot(page, '04-vote-hidden');
  await board(page).getByRole('button', { name: 'Reveal the votes' }).click();
  const build = board(page).getByRole('region', { name: 'Build' });
  expect(
    await build
      .getByRole('group', { name: /^Idea: / })
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label'))),
  ).toEqual(['Idea: Deploy on green', 'Idea: Pair on reviews', 'Idea: Smaller batches']);
  await expect(idea(page, 'Deploy on green').locator('.idea-count')).toHaveText('4 votes');
  await expect(idea(page, 'Pair on reviews').locator('.idea-count')).toHaveText('3 votes');
  // One vote is said as one, the number in large type.
  await expect(idea(page, 'Smaller batches').locator('.idea-count')).toHaveText('1 vote');
  await expect(idea(page, 'Smaller batches').locator('.idea-count .votes')).toHaveText('1');
  await expect(missing(page)).toHaveCount(0);
  // The vote's timebox (10 minutes) runs over.
  await page.clock.runFor(10 * 60_000 + 5_000);
  await expect(timer).toHaveText('+00:05');
  await expect(agendaBar(page)).toContainText('Over time');
  await shot(page, '05-vote-revealed');

  // The plan: the two first ideas planned, with an owner, a due date and an effect.
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(stage(page)).toHaveText('Plan');
  await expect(missing(page)).toHaveText([
    'No idea is planned yet',
    '3 ideas have no owner: Smaller batches, Pair on reviews, Deploy on green',
    '3 ideas have no due date: Smaller batches, Pair on reviews, Deploy on green',
    '3 ideas have no expected effect: Smaller batches, Pair on reviews, Deploy on green',
  ]);
  for (const [text, owner, due, effect] of [
    ['Deploy on green', 'Ben', '2027-01-15', '−2d lead time'],
    ['Pair on reviews', 'Carla', '2027-02-01', 'Fewer review rounds'],
  ] as const) {
    const card = idea(page, text);
    await card.getByText('Plan: Proposed').click();
    await card.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Planned' });
    await card.getByRole('combobox', { name: 'Owner' }).selectOption({ label: owner });
    await card.getByLabel('Due').fill(due);
    await card.getByRole('textbox', { name: 'Expected effect' }).fill(effect);
    await card.getByRole('textbox', { name: 'Expected effect' }).press('Enter');
  }
  await expect(missing(page)).toHaveText([
    '1 idea has no owner: Smaller batches',
    '1 idea has no due date: Smaller batches',
    '1 idea has no expected effect: Smaller batches',
  ]);
  await shot(page, '06-plan');

  // The parking lot, in the map's notes.
  await page.getByRole('button', { name: 'Idea board', pressed: true }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const notes = page.getByRole('textbox', { name: 'Notes (parking lot)' });
  await notes.fill('Who owns the test environments?\nRelease train cadence');
  await notes.blur();
  await page.clock.runFor(2_000);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  // The summary PDF and the plan CSV, from the export dialog.
  const exported = async (label: string): Promise<string> => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const exporting = page.getByRole('dialog', { name: 'Export the map' });
    await exporting.getByRole('radio', { name: label }).check();
    const downloading = page.waitForEvent('download');
    await exporting.getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    const path = join(app.folder, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  const summary = execFileSync('pdftotext', ['-layout', await exported('Workshop summary (PDF)'), '-'], {
    encoding: 'utf8',
  });
  // The ranked ideas with their voters, the plan with owners and dates, the participants, the notes.
  const lines = summary.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
  const after = (heading: string, count: number) => {
    const start = lines.indexOf(heading);
    expect(start, heading).toBeGreaterThanOrEqual(0);
    return lines
      .slice(start + 1)
      .filter((line) => line !== '')
      .slice(0, count);
  };
  expect(after('Ideas ranked by votes (3)', 4)).toEqual([
    '# Idea Step Votes Voters Status',
    '1 Deploy on green Build 4 Ana 3, Ben 1 planned',
    '2 Pair on reviews Build 3 Ben 2, Carla 1 planned',
    '3 Smaller batches Build 1 Carla 1 proposed',
  ]);
  expect(after('The plan (2 ideas)', 3)).toEqual([
    '# Idea Owner Due Status Expected effect',
    '1 Deploy on green Ben 15 Jan 2027 planned −2d lead time',
    '2 Pair on reviews Carla 1 Feb 2027 planned Fewer review rounds',
  ]);
  expect(after('Participants (3)', 4)).toEqual([
    'Participant Dots spent Owns',
    'Ana 3',
    'Ben 3 1 idea',
    'Carla 2 1 idea',
  ]);
  expect(after('Notes (parking lot)', 2)).toEqual(['Who owns the test environments?', 'Release train cadence']);
  const csv = Papa.parse<Record<string, string>>(readFileSync(await exported('Plan (CSV)'), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.errors).toEqual([]);
  expect(
    csv.data.map(({ rank, idea, votes, voters, status, owner, due, effect }) => [
      rank,
      idea,
      votes,
      voters,
      status,
      owner,
      due,
      effect,
    ]),
  ).toEqual([
    ['1', 'Deploy on green', '4', 'Ana 3, Ben 1', 'planned', 'Ben', '2027-01-15', '−2d lead time'],
    ['2', 'Pair on reviews', '3', 'Ben 2, Carla 1', 'planned', 'Carla', '2027-02-01', 'Fewer review rounds'],
    ['3', 'Smaller batches', '1', 'Carla 1', 'proposed', '', '', ''],
  ]);

  // Presentation mode: the stage with its timer, and the room's board.
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page).toHaveURL(/\/present$/);
  await shot(page, '07-present');
  // Every figure of the tiles stays inside its tile (the lead time has days, hours and minutes).
  await expect(page.locator('.present-tile').first()).toHaveText('Lead time3d 1h 30m');
  const overflowing = await page
    .locator('.present-tile')
    .evaluateAll((tiles) =>
      tiles.filter((tile) => tile.scrollWidth > tile.clientWidth).map((tile) => tile.textContent),
    );
  expect(overflowing).toEqual([]);
  const strip = page.getByRole('region', { name: 'Agenda' });
  await expect(strip.getByRole('heading', { level: 2 })).toContainText('Plan');
  await expect(strip.getByRole('timer')).toHaveText('15:00');
  await page.keyboard.press('t');
  await page.clock.runFor(60_000);
  await expect(strip.getByRole('timer')).toHaveText('14:00');
  // The room's board, most votes first, above the agenda's strip.
  await page.keyboard.press('b');
  const room = page.getByRole('region', { name: /^Ideas \(3\)/ });
  await expect(room.locator('.present-idea-text')).toHaveText([
    'Deploy on green',
    'Pair on reviews',
    'Smaller batches',
  ]);
  // The room sees the number; a screen reader reads it with its word.
  await expect(room.locator('.present-idea-votes')).toHaveText(['4 votes', '3 votes', '1 vote']);
  await expect(room.locator('.present-idea-votes .visually-hidden')).toHaveText([' votes', ' votes', ' vote']);
  await expect(strip).toBeVisible();
  const stripTop = await strip.evaluate((element) => element.getBoundingClientRect().top);
  for (const card of await room.locator('.present-idea').all()) {
    const box = await card.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(stripTop);
  }
  await shot(page, '08-present-board');
});

test('at 1280 px with the agenda on, the header shows a map’s name of 16 characters whole, and its save status', async ({
  page,
  app,
}) => {
  // The example's stream has two maps: the state is a switcher, as wide as its choice shown.
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature delivery');
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Agenda', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Agenda' })).toBeVisible();
  const name = page.getByRole('heading', { level: 1 });
  expect(await name.evaluate((heading) => heading.scrollWidth - heading.clientWidth)).toBeLessThanOrEqual(0);
  // The save status keeps its place as its words change: as wide as its longest usual one.
  const status = page.locator('.save-status');
  const widest = await status.evaluate((element) => {
    const saved = element.textContent;
    const widths = ['Saved', 'Saving…', 'Not saved yet'].map((text) => {
      element.textContent = text;
      return element.getBoundingClientRect().width;
    });
    element.textContent = saved;
    return widths;
  });
  expect(new Set(widest).size).toBe(1);
  const box = await status.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
});
