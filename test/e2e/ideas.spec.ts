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
/** An idea's votes as they are read: the number with its word, as text. */
const votes = (page: Page, text: string) => idea(page, text).locator('.idea-count');
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
  await expect(votes(page, 'Smaller batches')).toHaveText('3 votes');
  await expect(anaPlus).toBeDisabled();
  await expect(anaPlus).toBeFocused();
  await expect(board(page).getByText('0 of 3 dots left')).toBeVisible();
  const anaGives = idea(page, 'Deploy on green').getByRole('button', { name: 'Give Ana’s dot to Deploy on green' });
  await expect(anaGives).toBeDisabled();
  await expect(anaGives).toHaveAccessibleDescription('Ana has no dots left');
  await vote(page, 'Ben', 'Peer review instead of the CAB', 2);
  await vote(page, 'Ben', 'Deploy on green', 1);
  await expect(votes(page, 'Deploy on green')).toHaveText('1 vote');
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ 7');

  // A hidden round: counts show "?", and the order holds still while the dots come in. The button's
  // label says what it does next, which says the state: no aria-pressed besides.
  const hide = board(page).getByRole('button', { name: 'Hide the votes until revealed' });
  await expect(hide).not.toHaveAttribute('aria-pressed');
  await hide.click();
  await expect(board(page).getByRole('button', { name: 'Reveal the votes' })).not.toHaveAttribute('aria-pressed');
  const hiddenOrder = await order(cab);
  await vote(page, 'Carla', 'Deploy on green', 3);
  expect(await order(cab)).toEqual(hiddenOrder);
  await expect(idea(page, 'Deploy on green').locator('.votes')).toHaveText('?');
  await expect(votes(page, 'Deploy on green').getByText('Votes hidden', { exact: true })).toHaveCount(1);
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
  await expect(votes(page, 'Deploy on green')).toHaveText('4 votes');
  expect(await seriousProblems(page)).toEqual([]);

  // Removing a participant says how many dots go, and takes them.
  await board(page).getByText('Participants (3) · 3 dots each').click();
  await board(page).getByRole('button', { name: 'Remove Carla' }).click();
  const confirm = board(page).getByRole('alertdialog', { name: 'Remove Carla?' });
  await expect(confirm).toContainText('3 dots on the ideas go with them');
  expect(await seriousProblems(page)).toEqual([]);
  await confirm.getByRole('button', { name: 'Remove Carla and their 3 dots' }).click();
  await expect(board(page).getByRole('group', { name: 'Participants (2)' })).toBeVisible();
  await expect(votes(page, 'Deploy on green')).toHaveText('1 vote');
  await expect(step(page, 'Change advisory board').locator('.step-ideas')).toHaveText('✸ 7');

  // The inspector lists the step's ideas with their votes and status; each opens on the board.
  await page.getByRole('button', { name: 'Idea board', pressed: true }).click();
  await step(page, 'Change advisory board').click();
  const ideas = page.getByRole('region', { name: 'Step' }).getByRole('group', { name: 'Improvement ideas (3)' });
  await expect(ideas.getByRole('listitem')).toHaveText([
    'Replace the change advisory board with peer review and automated checks4 votes, counted by hand · Proposed',
    'Peer review instead of the CAB2 votes · Proposed',
    'Deploy on green1 vote · Planned',
  ]);
  await ideas.getByRole('button', { name: 'Deploy on green' }).click();
  await expect(green).toBeFocused();

  // Removing an idea is an edit like any other: undo brings it back, with its dots.
  await idea(page, 'Smaller batches').getByText('Plan: Proposed').click();
  await idea(page, 'Smaller batches').getByRole('button', { name: 'Remove idea: Smaller batches' }).click();
  await expect(idea(page, 'Smaller batches')).toHaveCount(0);
  await expect(board(page).getByText('3 of 3 dots left')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(votes(page, 'Smaller batches')).toHaveText('3 votes');
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
  await expect(room.locator('.present-idea-votes')).toHaveText(['?Votes hidden', '?Votes hidden', '?Votes hidden']);
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
  const hidden = shown.getByText('Votes hidden', { exact: true });
  await expect(hidden).toHaveCount(0);
  await page.keyboard.press('b');
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).click();
  await expect(hidden).toHaveCount(3);
  await board(page).getByRole('button', { name: 'Reveal the votes' }).click();
  await expect(hidden).toHaveCount(0);
  await expect(shown.locator('.present-idea-text').first()).toHaveText('Automate the regression suite in the pipeline');
});

test('the focus stays in the board: a removed idea hands it on, Escape keeps a participant, and hiding gives it back', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await step(page, 'Code review').click();
  await expect(step(page, 'Code review')).toBeFocused();
  await page.keyboard.press('b');
  await expect(board(page).getByRole('textbox', { name: 'New idea' })).toBeFocused();

  // Removed, an idea hands the focus to the next one as shown, else the one before, else the "New idea" field.
  const remove = async (text: string) => {
    await idea(page, text).getByText('Plan: Proposed').click();
    await idea(page, text)
      .getByRole('button', { name: `Remove idea: ${text}` })
      .click();
    await expect(idea(page, text)).toHaveCount(0);
  };
  await remove('Shift security left: scanning in every build');
  await expect(idea(page, 'Replace the change advisory board with peer review and automated checks')).toBeFocused();
  await remove('Replace the change advisory board with peer review and automated checks');
  await expect(idea(page, 'Automate the regression suite in the pipeline')).toBeFocused();
  await remove('Automate the regression suite in the pipeline');
  await expect(board(page).getByRole('textbox', { name: 'New idea' })).toBeFocused();

  // Escape cancels a participant's removal, the focus back on their Remove button; the selection stays.
  await board(page).getByText('Participants (0) · 3 dots each').click();
  for (const name of ['Ana', 'Ben']) {
    await board(page).getByRole('textbox', { name: 'Add a participant' }).fill(name);
    await board(page).getByRole('textbox', { name: 'Add a participant' }).press('Enter');
  }
  await board(page).getByRole('button', { name: 'Remove Ana' }).click();
  const confirm = board(page).getByRole('alertdialog', { name: 'Remove Ana?' });
  await expect(confirm.getByRole('button', { name: 'Remove Ana and their 0 dots' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(board(page).getByRole('button', { name: 'Remove Ana' })).toBeFocused();
  await expect(step(page, 'Code review')).toHaveClass(/selected/);
  await expect(board(page).getByRole('group', { name: 'Participants (2)' })).toBeVisible();
  // Removed, the focus goes on to the next participant's Remove button.
  await page.keyboard.press('Enter');
  await confirm.getByRole('button', { name: 'Remove Ana and their 0 dots' }).click();
  await expect(board(page).getByRole('button', { name: 'Remove Ben' })).toBeFocused();

  // B from inside the board hides it, and the focus goes back to where it was as the board opened.
  await page.keyboard.press('b');
  await expect(board(page)).toHaveCount(0);
  await expect(step(page, 'Code review')).toBeFocused();
  // Opened from the inspector's button (gone with the board in its place): back to the board's button.
  await page.getByRole('region', { name: 'Step' }).getByRole('button', { name: 'Add idea' }).click();
  await expect(board(page).getByRole('combobox', { name: 'On' })).toHaveValue('review');
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).focus();
  await page.keyboard.press('b');
  await expect(board(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Idea board', pressed: false })).toBeFocused();
});

test('votes counted by hand are marked, and the dot that replaces them says so and is undone in one step', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(step(page, 'Code review')).toBeVisible();
  await page.keyboard.press('b');
  const automate = 'Automate the regression suite in the pipeline';
  await expect(votes(page, automate)).toHaveText('5 votes, counted by hand');
  await board(page).getByText('Participants (0) · 3 dots each').click();
  await board(page).getByRole('textbox', { name: 'Add a participant' }).fill('Ana');
  await board(page).getByRole('textbox', { name: 'Add a participant' }).press('Enter');
  await board(page).getByRole('combobox', { name: 'Voting as' }).selectOption({ label: 'Ana' });
  const news = board(page).getByRole('status');
  await expect(news).toHaveText('');

  const give = idea(page, automate).getByRole('button', { name: `Give Ana’s dot to ${automate}` });
  await give.click();
  await expect(news).toHaveText('5 hand-counted votes replaced by Ana’s dot; Ctrl+Z brings them back');
  await expect(votes(page, automate)).toHaveText('1 vote');
  // A second dot replaces nothing: the words go, as they would be about the first.
  await give.click();
  await expect(votes(page, automate)).toHaveText('2 votes');
  await expect(news).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(votes(page, automate)).toHaveText('1 vote');
  // One undo brings the hand count back whole; the words about the dot go with it.
  await give.focus();
  await page.keyboard.press('Control+z');
  await expect(votes(page, automate)).toHaveText('5 votes, counted by hand');
  await expect(board(page).getByText('3 of 3 dots left')).toBeVisible();

  // A hand count is typed on the board (the one place ideas are edited), in the idea's plan.
  const security = 'Shift security left: scanning in every build';
  await idea(page, security).getByText('Plan: Proposed').click();
  const typed = idea(page, security).getByRole('spinbutton', { name: 'Votes counted by hand' });
  await typed.fill('1');
  await typed.press('Enter');
  await expect(votes(page, security)).toHaveText('1 vote, counted by hand');
  // In a hidden round the words do not say the count replaced.
  await board(page).getByRole('button', { name: 'Hide the votes until revealed' }).click();
  await expect(typed).toHaveCount(0);
  await idea(page, security)
    .getByRole('button', { name: `Give Ana’s dot to ${security}` })
    .click();
  await expect(news).toHaveText('The hand-counted votes replaced by Ana’s dot; Ctrl+Z brings them back');
  expect(await seriousProblems(page)).toEqual([]);
});
