import type { Page } from '@playwright/test';
import { expect, startApp, test } from './fixtures';

const metric = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Flow metrics' }).locator(`[data-metric="${name}"]`);

test('a change the library never got is restored after a restart on the same library: same port, same origin, same drafts', async ({
  page,
  context,
  app,
}) => {
  await page.goto(app.url);
  await expect(metric(page, 'leadTime')).toHaveText('11w 4h');
  const mapId = /#\/map\/(\w+)$/.exec(page.url())?.[1] ?? '';

  // The browser mode stops (Ctrl+C, a crash) before the edit can be saved.
  await app.server.close();
  app.library.close();
  await page.locator('.react-flow__node-step').filter({ hasText: 'Code review' }).click();
  const leadTime = page.getByRole('region', { name: 'Step' }).getByRole('textbox', { name: 'Lead time' });
  await leadTime.fill('1w');
  await leadTime.press('Enter');
  await expect(metric(page, 'leadTime')).toHaveText('11w 3d 4h');
  await expect(page.getByRole('status').filter({ hasText: /^Not saved$/ })).toBeVisible();
  await page.close();

  const again = await startApp(app.libraryPath);
  try {
    expect(new URL(again.url).origin).toBe(app.server.origin);
    const reopened = await context.newPage();
    await reopened.goto(again.url);
    await reopened.getByRole('link', { name: 'Open Feature delivery: Current state' }).click();
    await expect(reopened.getByText('Your last changes had not reached the library; they were restored')).toBeVisible();
    await expect(metric(reopened, 'leadTime')).toHaveText('11w 3d 4h');
    // The change came from the draft in the origin's localStorage: the library never got it.
    const inLibrary = again.library.openMap(mapId).document.steps.find((step) => step.name === 'Code review');
    expect(inLibrary?.leadTime).toBe(2 * 8 * 60);
  } finally {
    await again.server.close();
    again.library.close();
  }
});
