import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const examples = fileURLToPath(new URL('../../assets/examples/', import.meta.url));

test('a first start opens the example map with its figures, and the library holds both states', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
  const metrics = page.getByRole('region', { name: 'Flow metrics' });
  await expect(metrics.getByText('11w 4h')).toBeVisible();
  await expect(metrics.locator('[data-metric="flowEfficiency"]')).toHaveText('12.6%');
  await expect(metrics.locator('[data-metric="reworkAdjustedLeadTime"]')).toHaveText('13w 4d 1h 26m');
  const walls = page.getByRole('region', { name: 'Walls of confusion' });
  await expect(walls.getByRole('row')).toHaveCount(6);
  await expect(walls.getByRole('row').nth(1)).toContainText('Business → Development');
  await expect(walls.getByRole('row').nth(1)).toContainText('high');
  await expect(page.getByRole('application').or(page.locator('.react-flow'))).toBeVisible();
  await expect(page.locator('.react-flow__node-step')).toHaveCount(8);

  await page.getByRole('link', { name: '← Library' }).click();
  const stream = page.getByRole('region', { name: 'Feature delivery' });
  await expect(stream.getByRole('link', { name: 'Open Feature delivery: Current state' })).toBeVisible();
  await expect(stream.getByRole('link', { name: 'Open Feature delivery: Future state' })).toBeVisible();
  await expect(stream.getByRole('row', { name: /Current state/ })).toContainText('12.6%');
  await expect(stream.getByRole('row', { name: /Future state/ })).toContainText('32.0%');
});

test('create, rename, duplicate, derive, delete and restore; a reload keeps everything', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();

  await page.getByRole('button', { name: 'New value stream' }).click();
  await page.getByRole('textbox', { name: 'Name of the new value stream' }).fill('Onboarding');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Onboarding');
  await page.getByRole('link', { name: '← Library' }).click();

  await page.getByRole('button', { name: 'Rename Onboarding' }).click();
  await page.getByRole('textbox', { name: 'New name for Onboarding' }).fill('Customer onboarding');
  await page.getByRole('textbox', { name: 'New name for Onboarding' }).press('Enter');
  const stream = page.getByRole('region', { name: 'Customer onboarding', exact: true });
  await expect(stream).toBeVisible();

  await stream.getByRole('button', { name: 'Duplicate Customer onboarding', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Customer onboarding (copy)' })).toBeVisible();

  await stream.getByRole('button', { name: 'Derive future state from Customer onboarding: Current state' }).click();
  await expect(stream.getByRole('link', { name: 'Open Customer onboarding: Future state' })).toBeVisible();
  await stream.getByRole('button', { name: 'Rename Customer onboarding: Future state' }).click();
  await stream.getByRole('textbox', { name: 'New label for Customer onboarding: Future state' }).fill('6 months');
  await stream.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(stream.getByRole('link', { name: 'Open Customer onboarding: 6 months' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Customer onboarding (copy), to the trash' }).click();
  await expect(page.getByRole('status')).toContainText('Moved Customer onboarding (copy) to the trash.');
  await expect(page.getByRole('region', { name: 'Customer onboarding (copy)' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete Customer onboarding: 6 months, to the trash' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(stream.getByRole('link', { name: 'Open Customer onboarding: 6 months' })).toBeVisible();

  const trash = page.getByRole('region', { name: /Trash/ });
  await trash.getByText('Trash (1)').click();
  await trash.getByRole('button', { name: 'Restore Customer onboarding (copy)' }).click();
  await expect(page.getByRole('region', { name: 'Customer onboarding (copy)' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Customer onboarding (copy), to the trash' }).click();

  await page.reload();
  await expect(
    page
      .getByRole('region', { name: 'Customer onboarding', exact: true })
      .getByRole('link', { name: 'Open Customer onboarding: 6 months' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Customer onboarding (copy)' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Feature delivery' })).toBeVisible();
  await expect(page.getByText('Trash (1)')).toBeVisible();
});

test('importing a good file adds it; a bad one names the problem and changes nothing', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  const input = page.getByLabel('Map files to import');
  await input.setInputFiles(join(examples, 'clinic-visit.json'));
  await expect(page.getByRole('status')).toContainText('Imported 1 map');
  await expect(page.getByRole('region', { name: /^Clinic visit/ })).toBeVisible();

  const bad = join(app.folder, 'bad.yaml');
  writeFileSync(bad, 'format: vsm/1\nname: Bad map\nsteps:\n  - { id: a, name: A, processTime: 3x }\n');
  await input.setInputFiles([join(examples, 'feature-delivery-current.json'), bad]);
  await expect(page.getByRole('alert')).toContainText('Nothing was imported:');
  await expect(page.getByRole('alert')).toContainText('bad.yaml: steps[0].processTime: "3x" has an unknown unit "x"');
  await expect(page.getByRole('region', { name: 'Bad map' })).toHaveCount(0);
  expect(app.library.listMaps()).toHaveLength(3);
});

test('dropping files on the library imports them', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  const text = readFileSync(join(examples, 'clinic-visit.json'), 'utf8');
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'clinic-visit.json', { type: 'application/json' }));
    return data;
  }, text);
  await page.locator('.library').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('region', { name: /^Clinic visit/ })).toBeVisible();
});

test('search finds maps by name and by step name', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  const search = page.getByRole('searchbox', { name: 'Search maps and steps' });
  await search.fill('advisory');
  const stream = page.getByRole('region', { name: 'Feature delivery' });
  // The maps' links (a future state also has its Compare link).
  const maps = stream.getByRole('link', { name: /^Open / });
  await expect(maps).toHaveCount(1);
  await expect(stream.getByRole('link', { name: 'Open Feature delivery: Current state' })).toBeVisible();
  await search.fill('no such thing');
  await expect(page.getByText('No map or step matches “no such thing”.')).toBeVisible();
  await search.fill('');
  await expect(maps).toHaveCount(2);
});

test('exports a map as the same file as the command line writes', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  const [current] = app.library.listMaps().filter((map) => map.state === 'current');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Feature delivery: Current state as YAML' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Feature delivery - Current state.vsm.yaml');
  const saved = readFileSync(await file.path(), 'utf8');
  expect(saved).toBe(app.library.exportMap(current!.id, 'yaml'));
});

test('works from the keyboard alone', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('searchbox', { name: 'Search maps and steps' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New value stream' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Keyboard stream');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Keyboard stream');
});
