import { expect, test } from './fixtures';

test('the window has no Node, and a Content-Security-Policy that blocks inline script and other origins', async ({
  page,
  app,
}) => {
  const response = await page.goto(app.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
  expect(
    await page.evaluate(() => [
      typeof (window as { require?: unknown }).require,
      typeof (window as { process?: unknown }).process,
    ]),
  ).toEqual(['undefined', 'undefined']);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
    "object-src 'none'",
  );

  const injected = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return (window as { injected?: boolean }).injected ?? false;
  });
  expect(injected).toBe(false);
  // A failed fetch alone proves nothing (nothing listens there): the policy must be what stopped it.
  const blocked = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    await fetch('http://127.0.0.2:9/').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return violations;
  });
  expect(blocked).toContain('connect-src');
});

test('without the token there is nothing to see', async ({ page, app }) => {
  const response = await page.goto(app.server.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByText('Open Flowmap with the URL it printed')).toBeVisible();
});
