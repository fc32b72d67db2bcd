import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

test('without the token the window shows nothing of the library', async ({ page, app }) => {
  await page.goto(app.server.origin);
  await expect(page.getByText('Open Flowmap with the URL it printed in the terminal')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Open Feature delivery/ })).toHaveCount(0);
});

test('the token leaves the address bar at once, and a reload of the tab keeps the session', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
  expect(page.url()).toMatch(new RegExp(`^${app.server.origin}/#/map/\\w+$`));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
});

test('a launch URL, as the browser is opened with, works once and holds no token', async ({ page, app, browser }) => {
  const launchUrl = app.server.launchUrl();
  expect(launchUrl).not.toContain(app.server.token);
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
  expect(page.url()).toMatch(new RegExp(`^${app.server.origin}/#/map/\\w+$`));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');

  const elsewhere = await browser.newContext();
  try {
    const second = await elsewhere.newPage();
    await second.goto(launchUrl);
    await expect(second.getByRole('alert')).toContainText('This launch link was used already or has expired');
  } finally {
    await elsewhere.close();
  }
});

test('a page of another program on 127.0.0.1 gets neither the token nor any data, even knowing the token', async ({
  page,
  app,
}) => {
  const cookies: (string | undefined)[] = [];
  const other = createServer((request, response) => {
    cookies.push(request.headers.cookie);
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Another program</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Feature delivery');
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const seen = await page.evaluate(
      async ({ origin, token }) => {
        const attempt = async (init: RequestInit) => {
          try {
            const response = await fetch(`${origin}/api/createStream`, { ...init, method: 'POST' });
            return `${response.type} ${response.status} ${await response.text()}`;
          } catch {
            return 'refused';
          }
        };
        const body = JSON.stringify({ name: 'From another program' });
        return {
          cookie: document.cookie,
          withToken: await attempt({
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body,
          }),
          simple: await attempt({
            mode: 'no-cors',
            credentials: 'include',
            headers: { 'Content-Type': 'text/plain' },
            body,
          }),
        };
      },
      { origin: app.server.origin, token: app.server.token },
    );
    expect(seen).toEqual({ cookie: '', withToken: 'refused', simple: 'refused' });
    expect(cookies).toEqual([undefined]);
    expect(app.library.listStreams().map((stream) => stream.name)).toEqual(['Feature delivery']);
  } finally {
    other.close();
  }
});
