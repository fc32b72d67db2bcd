/**
 * The workshop's ideas through the UI at a projector's 1280×720: ideas added from the keyboard,
 * three participants voting (one runs out of dots), a round that hides the counts until revealed,
 * the plan kept over a reload, a participant removed with their dots, the canvas badges showing
 * votes, the board in presentation mode sized for the room, and axe finding nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

const step = (page: Page, name: string) => page.locator('.react-flow__node-step').filter({ hasText: name });
const board = (page: Page) => page.getByRole('region', { name: /^Ideas \(\d+\)$/ });
const idea = (page: Page, text: string) => board(page).getByRole('group', { name: `Idea: ${text}` });
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

/** The ideas' texts of a group of the board, in the order shown. */
async function order(group: Locator): Promise<string[]> {
  return group
    .getByRole('group', { name: /^Idea: / })
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label')!.slice('Idea: '.length)));
}

async function seriousProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function vote(page: Page, voter: string, text: string, times: number) {
  await board(page).getByRole('combobox', { name: 'Voting as' }).selectOption({ label: voter });
  for (let i = 0; i < times; i++)
    await idea(page, text)
      .getByRole('button', { name: `Give ${voter}’s dot to ${text}` })
      .click();
}

test('a workshop’s ideas: by keyboard, three voters, a hidden round, the plan over a reload, a participant removed', async ({
  page,
  app,
}) => {
  // A whole round of the room, with two accessibility checks: longer than one interaction.
  test.setTimeout(90_000);
  await page.goto(app.url);
  await step(page, 'Change advisory board').click();
  // One key opens the board with its field ready; Enter adds, and the field is there for the next one.
  await page.keyboard.press('b');
  const field = board(page).getByRole('textbox', { name: 'New idea' });
  await expect(field).toBeFocused();
  await expect(board(page).getByRole('combobox', { name: 'On' })).toHaveValue('cab');
  await page.keyboard.type('Peer review instead of the CAB');
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('');
  await expect(field).toBeFocused();
  await page.keyboard.type('Deploy on green');
  await page.keyboard.press('Enter');
  await board(page).getByRole('combobox', { name: 'On' }).selectOption({ label: 'The whole stream' });
  await field.fill('Smaller batches');
  await field.press('Enter');
  await expect(board(page).getByRole('heading', { name: 'Ideas (6)' })).toBeVisible();
  const cab = board(page).getByRole('region', { name: 'Change advisory board' });
  await expect(
    board(page).getByRole('region', { name: 'Whole stream' }).getByRole('group', { name: 'Idea: Smaller batches' }),
  ).toBeVisible();

  await board(page).getByText('Participants (0) · 3 dots each').click();
  for (const name of ['Ana', 'Ben', 'Carla']) {
    await board(page).getByRole('textbox', { name: 'Add a participant' }).fill(name);
    await board(page).getByRole('textbox', { name: 'Add a participant' }).press('Enter');
  }
  await expect(board(page).getByRole('group', { name: 'Participants (3)' })).toBeVisible();

  // Ana spends her 3 dots on one idea from the keyboard: then she has none left, and every + says so.
  await board(page).getByRole('combobox', { name: 'Voting as' }).selectOption({ label: 'Ana' });
  const anaPlus = idea(page, 'Smaller batches').getByRole('button', { name: 'Give Ana’s dot to Smaller batches' });
  await anaPlus.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  await expect(idea(page, 'Smaller batches').getByLabel('3 votes')).toBeVisible();
  await expect(anaPlus).toBeDisabled();
  await expect(anaPlus).toBeFocused();
  await expect(board(page).getByText('0 of 3 dots left')).toBeVisible();
  const anaGives = idea(page, 'Deploy on green').getByRole('button', { name: 'Give Ana’s dot to Deploy on green' });
  await expect(anaGives).toBeDisabled();
  await expect(anaGives).toHaveAccessibleDescription('Ana has no dots left');
  await vote(page, 'Ben', 'Peer review instead of the CAB', 2);
  await vote(page, 'Ben', 'Deploy on green', 1);
  await expect(idea(page, 'Deploy on green').getByLabel('1 vote', { exact: true })).toBeVisible();
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ 7');

  // A hidden round: counts show "?", and the order holds still while the dots come in.
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).click();
  const hiddenOrder = await order(cab);
  await vote(page, 'Carla', 'Deploy on green', 3);
  expect(await order(cab)).toEqual(hiddenOrder);
  await expect(idea(page, 'Deploy on green').getByLabel('Votes hidden')).toHaveText('?');
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ ?');
  // The inspector keeps them hidden too.
  await page.getByRole('button', { name: 'Idea board', pressed: true }).click();
  const stepIdeas = page.getByRole('region', { name: 'Step' }).getByRole('group', { name: /^Improvement ideas/ });
  await expect(stepIdeas.getByText('Votes hidden until revealed')).toHaveCount(3);
  await expect(stepIdeas).not.toContainText('dots:');
  await page.getByRole('button', { name: 'Idea board', exact: true, pressed: false }).click();
  await board(page).getByRole('button', { name: 'Reveal the votes' }).click();
  expect(await order(cab)).toEqual([
    'Replace the change advisory board with peer review and automated checks',
    'Deploy on green',
    'Peer review instead of the CAB',
  ]);
  expect(hiddenOrder).not.toEqual(await order(cab));
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ 10');

  // The plan: status, owner, due date, expected effect; kept in the library over a reload.
  const green = idea(page, 'Deploy on green');
  await green.getByText('Plan: Proposed').click();
  await green.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Planned' });
  await green.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Ben' });
  await green.getByLabel('Due').fill('2027-03-31');
  await green.getByRole('textbox', { name: 'Expected effect' }).fill('−1w lead time');
  await green.getByRole('textbox', { name: 'Expected effect' }).press('Enter');
  await saved(page);
  await page.reload();
  await expect(step(page, 'Change advisory board')).toBeVisible();
  await page.keyboard.press('b');
  await green.getByText('Plan: Planned · Ben · due 2027-03-31').click();
  await expect(green.getByRole('combobox', { name: 'Status' })).toHaveValue('planned');
  await expect(green.getByRole('combobox', { name: 'Owner' })).toHaveValue('ben');
  await expect(green.getByLabel('Due')).toHaveValue('2027-03-31');
  await expect(green.getByRole('textbox', { name: 'Expected effect' })).toHaveValue('−1w lead time');
  await expect(green.getByLabel('4 votes')).toBeVisible();
  expect(await seriousProblems(page)).toEqual([]);

  // Removing a participant says how many dots go, and takes them.
  await board(page).getByText('Participants (3) · 3 dots each').click();
  await board(page).getByRole('button', { name: 'Remove Carla' }).click();
  const confirm = board(page).getByRole('alertdialog', { name: 'Remove Carla?' });
  await expect(confirm).toContainText('3 dots on the ideas go with them');
  expect(await seriousProblems(page)).toEqual([]);
  await confirm.getByRole('button', { name: 'Remove Carla and their 3 dots' }).click();
  await expect(board(page).getByRole('group', { name: 'Participants (2)' })).toBeVisible();
  await expect(green.getByLabel('1 vote', { exact: true })).toBeVisible();
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ 7');

  // The inspector shows dots as the sum they are (read-only), and opens the board for them.
  await page.getByRole('button', { name: 'Idea board', pressed: true }).click();
  await step(page, 'Change advisory board').click();
  const ideas = page.getByRole('region', { name: 'Step' }).getByRole('group', { name: 'Improvement ideas (3)' });
  await expect(ideas.getByRole('spinbutton', { name: 'Votes for idea 1' })).toHaveValue('4');
  await expect(ideas.getByRole('spinbutton', { name: 'Votes for idea 3' })).toHaveCount(0);
  await expect(ideas).toContainText('1 vote, the room’s dots: Ben 1');
  await ideas.getByRole('button', { name: 'Idea board: dots and plan' }).click();
  await expect(board(page)).toBeVisible();

  // Removing an idea is an edit like any other: undo brings it back, with its dots.
  await idea(page, 'Smaller batches').getByText('Plan: Proposed').click();
  await idea(page, 'Smaller batches').getByRole('button', { name: 'Remove idea: Smaller batches' }).click();
  await expect(idea(page, 'Smaller batches')).toHaveCount(0);
  await expect(board(page).getByText('3 of 3 dots left')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(idea(page, 'Smaller batches').getByLabel('3 votes')).toBeVisible();
  await expect(board(page).getByText('0 of 3 dots left')).toHaveCount(2);
});

test('the board in presentation mode is sized for the room, and hides the counts while the round does', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(step(page, 'Change advisory board')).toBeVisible();
  // The ? overlay lists the board's key.
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay.getByRole('row', { name: /^B Show the idea board in the side panel/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
  await page.keyboard.press('b');
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).click();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Present' }).click();
  await expect(page).toHaveURL(/\/present$/);
  await expect(page.getByRole('main', { name: /^Presentation of / })).toBeVisible();
  await page.keyboard.press('b');
  const room = page.getByRole('region', { name: /^Ideas \(3\)/ });
  await expect(room).toBeVisible();
  await expect(room.getByLabel('Votes hidden')).toHaveCount(3);
  // Hidden, the ideas are in the map's order.
  await expect(room.locator('.present-idea-text').first()).toHaveText('Automate the regression suite in the pipeline');
  const sizes = await room
    .locator('.present-idea-text')
    .evaluateAll((texts) => texts.map((text) => parseFloat(getComputedStyle(text).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
  // Every idea is in view at 1280×720.
  for (const text of await room.locator('.present-idea').all()) await expect(text).toBeInViewport();
  expect(await seriousProblems(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(room).toBeHidden();
  await expect(page).toHaveURL(/\/present$/);
});

test('“Try it in the future state” opens the stream’s future state with the idea’s step selected', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await step(page, 'Code review').click();
  await page.keyboard.press('b');
  await page.keyboard.type('Review in pairs');
  await page.keyboard.press('Enter');
  await idea(page, 'Review in pairs').getByRole('button', { name: 'Try it in the future state' }).click();
  await expect(page).toHaveURL(/\?step=review$/);
  await expect(page.locator('.map-state option:checked')).not.toHaveText('Current state');
  const inspector = page.getByRole('region', { name: 'Step' });
  await expect(inspector.getByRole('textbox', { name: 'Name' })).toHaveValue('Code review');
});

test('in a future state already, “Try it in the future state” selects the idea’s step there and makes no other map', async ({
  page,
  app,
}) => {
  const future = app.library.listMaps().find((map) => map.state === 'future');
  expect(future).toBeDefined();
  const maps = app.library.listMaps().length;
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  await page.evaluate((id) => {
    window.location.hash = `#/map/${id}`;
  }, future!.id);
  await step(page, 'Deploy to production').click();
  await page.keyboard.press('b');
  await page.keyboard.type('Deploy on every merge');
  await page.keyboard.press('Enter');
  await saved(page);
  await page.keyboard.press('Escape');
  await idea(page, 'Deploy on every merge').getByRole('button', { name: 'Try it in the future state' }).click();
  await expect(page).toHaveURL(new RegExp(`#/map/${future!.id}$`));
  await expect(step(page, 'Deploy to production')).toHaveClass(/selected/);
  expect(app.library.listMaps()).toHaveLength(maps);
});

test('an address naming a step that is not well encoded opens the map with nothing selected', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  const id = /#\/map\/([\w-]+)/.exec(page.url())![1]!;
  await page.evaluate((mapId) => {
    window.location.hash = `#/map/${mapId}?step=%`;
  }, id);
  await expect(step(page, 'Code review')).toBeVisible();
  await expect(page.locator('.react-flow__node-step.selected')).toHaveCount(0);
});

test('the room’s board in another window follows the round: hidden and revealed in the editor', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  const room = await page.context().newPage();
  await room.setViewportSize({ width: 1280, height: 720 });
  await room.goto(app.url);
  await expect(step(room, 'Code review')).toBeVisible();
  await room.evaluate(() => {
    window.location.hash = `${window.location.hash}/present`;
  });
  await expect(room.getByRole('main', { name: /^Presentation of / })).toBeVisible();
  await room.keyboard.press('b');
  const shown = room.getByRole('region', { name: /^Ideas \(3\)/ });
  await expect(shown.getByLabel('Votes hidden')).toHaveCount(0);
  await page.keyboard.press('b');
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).click();
  await expect(shown.getByLabel('Votes hidden')).toHaveCount(3);
  await board(page).getByRole('button', { name: 'Reveal the votes' }).click();
  await expect(shown.getByLabel('Votes hidden')).toHaveCount(0);
  await expect(shown.locator('.present-idea-text').first()).toHaveText('Automate the regression suite in the pipeline');
});
