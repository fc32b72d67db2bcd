import { expect, test } from './fixtures';

// Issue #10: a bidi override makes "evil<RLO>gnp.exe" read as "evilexe.png"; the window shows such
// characters as escapes, and each name in its own <bdi>.
test('a name with a bidi override and control characters shows them, isolated', async ({ page, app }) => {
  await page.goto(app.url);
  await page.locator('.react-flow__node-step').filter({ hasText: 'Code review' }).click();
  const name = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Name' });
  await name.fill('evil\u202egnp.exe\u001b[2J');
  await name.press('Tab');

  const shown = 'evil\\u202egnp.exe\\u001b[2J';
  const node = page.locator('.react-flow__node-step .step-name bdi').filter({ hasText: 'evil' });
  await expect(node).toHaveText(shown);
  await expect(page.locator('.rung-name bdi').filter({ hasText: 'evil' })).toHaveText(shown);
  // The field itself keeps the name as it is, so that editing it changes nothing else.
  await expect(name).toHaveValue('evil\u202egnp.exe\u001b[2J');
});
