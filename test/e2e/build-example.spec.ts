/**
 * The example feature-delivery-current.json (see test/fixtures/examples.ts) built from an empty map
 * through the editor (lanes, steps, handoffs with waits and queues, rework loops), step by step from
 * the example's own data; the flow metrics panel must then show the example's expected figures, as
 * Flowmap prints them.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { COMPARED_METRICS } from '../../shared/metrics/compare';
import { formatMetric } from '../../shared/metrics/format';
import { examplePath } from '../fixtures/examples';
import { expect, test } from './fixtures';

interface ExampleStep {
  id: string;
  name: string;
  team: string;
  processTime: string;
  leadTime?: string;
  percentCompleteAccurate?: number;
  people?: number;
}
interface ExampleHandoff {
  from: string;
  to: string;
  waitTime?: string;
  queue?: number;
  rework?: number;
}
const example = JSON.parse(readFileSync(examplePath('feature-delivery-current'), 'utf8')) as {
  name: string;
  calendar: { hoursPerDay: number; daysPerWeek: number };
  teams: { id: string; name: string }[];
  steps: ExampleStep[];
  handoffs: ExampleHandoff[];
};
const expected = JSON.parse(readFileSync(examplePath('feature-delivery-current', '.expected.json'), 'utf8')) as Record<
  string,
  number
> & { walls: unknown[] };

const nameOf = (id: string) => example.steps.find((step) => step.id === id)!.name;
const stepNode = (page: Page, name: string) =>
  page
    .locator('.react-flow__node-step')
    .filter({ has: page.locator('.step-name', { hasText: new RegExp(`^${name}$`) }) });

/** Types into a field and applies it with Enter, as a facilitator does (a step's name with Tab: Enter there adds the next step). */
async function type(scope: ReturnType<Page['getByRole']>, label: string, value: string) {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press(label === 'Name' ? 'Tab' : 'Enter');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

test('the example map built from empty through the editor shows the expected figures', async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.goto(app.url);
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('button', { name: 'New value stream' }).click();
  await page.getByRole('textbox', { name: 'Name of the new value stream' }).fill(example.name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(example.name);

  const map = page.getByRole('region', { name: 'Map', exact: true });
  await expect(map.getByLabel('Hours per day')).toHaveValue(String(example.calendar.hoursPerDay));
  await expect(map.getByLabel('Days per week')).toHaveValue(String(example.calendar.daysPerWeek));
  for (const [index, team] of example.teams.entries()) {
    await map.getByRole('button', { name: 'Add team' }).click();
    await type(map, `Team ${index + 1}`, team.name);
  }
  await expect(page.locator('.lane')).toHaveCount(example.teams.length);

  const inspector = page.getByRole('region', { name: 'Step' });
  for (const step of example.steps) {
    await page.getByRole('button', { name: 'Add step' }).click();
    await type(inspector, 'Name', step.name);
    await inspector
      .getByRole('combobox', { name: 'Team' })
      .selectOption({ label: example.teams.find((team) => team.id === step.team)!.name });
    await type(inspector, 'Process time', step.processTime);
    if (step.leadTime !== undefined) await type(inspector, 'Lead time', step.leadTime);
    await type(inspector, '%C&A', String(step.percentCompleteAccurate ?? 100));
    if (step.people !== undefined) await type(inspector, 'People', String(step.people));
    await expect(stepNode(page, step.name)).toHaveCount(1);
  }

  // Each handoff from its step's inspector (a step is selected from the keyboard: focus, Enter).
  for (const handoff of example.handoffs) {
    await stepNode(page, nameOf(handoff.from)).focus();
    await page.keyboard.press('Enter');
    await expect(inspector.getByRole('textbox', { name: 'Name' })).toHaveValue(nameOf(handoff.from));
    await inspector.getByRole('combobox', { name: 'Add a handoff to' }).selectOption({ label: nameOf(handoff.to) });
    // The new handoff opens in the inspector, its wait (the field needed next) focused.
    const details = page.getByRole('region', { name: handoff.rework === undefined ? 'Handoff' : 'Rework loop' });
    await expect(details).toContainText(`${nameOf(handoff.from)} → ${nameOf(handoff.to)}`);
    await expect(details.getByLabel('Wait time', { exact: true })).toBeFocused();
    if (handoff.waitTime !== undefined) await type(details, 'Wait time', handoff.waitTime);
    if (handoff.queue !== undefined) await type(details, 'Queue (items)', String(handoff.queue));
    if (handoff.rework !== undefined) await type(details, 'Rework probability (%)', String(handoff.rework * 100));
  }

  const metrics = page.getByRole('region', { name: 'Flow metrics' });
  for (const name of COMPARED_METRICS) {
    await expect(metrics.locator(`[data-metric="${name}"]`)).toHaveText(
      formatMetric(name, expected[name]!, example.calendar),
    );
  }
  await expect(page.getByRole('region', { name: 'Walls of confusion' }).getByRole('row')).toHaveCount(
    expected.walls.length + 1,
  );
  await expect(page.locator('.react-flow__edge.rework-edge')).toHaveCount(
    example.handoffs.filter((handoff) => handoff.rework !== undefined).length,
  );

  // All of it reached the library.
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(metrics.locator('[data-metric="reworkAdjustedLeadTime"]')).toHaveText(
    formatMetric('reworkAdjustedLeadTime', expected.reworkAdjustedLeadTime!, example.calendar),
  );
});
