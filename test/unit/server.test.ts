import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { ReportPool } from '../../electron/export/report-pool';
import { type RunningServer, startServer } from '../../electron/server/server';
import type { Library } from '../../electron/store/library';
import { randomMap } from '../fixtures/random-map';
import { exampleFile, tempFolder, tempLibrary } from './store/helpers';

let server: RunningServer;
let library: Library;
let staticFolder: string;

beforeEach(async () => {
  library = tempLibrary();
  staticFolder = join(tempFolder(), 'renderer');
  mkdirSync(join(staticFolder, 'assets'), { recursive: true });
  writeFileSync(join(staticFolder, 'index.html'), '<!doctype html><title>Flowmap</title>');
  writeFileSync(join(staticFolder, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ library, staticFolder, maxBodyBytes: 100_000 });
});

afterEach(async () => {
  await server.close();
});

/** A raw request, so that tests choose every header (fetch would not let them set Host). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path,
          method: options.method ?? 'GET',
          headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
          });
        },
      );
      request.on('error', reject);
      request.end(options.body);
    },
  );
}

const bearer = () => ({ authorization: `Bearer ${server.token}` });
const api = (name: string, input: unknown, headers: Record<string, string> = bearer()) =>
  raw(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

describe('the HTTP server', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('turns the token of the printed URL into a cookie and leaves the address bar clean', async () => {
    const first = await raw(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toContain('SameSite=Strict');
    const page = await raw('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Flowmap</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('/assets/app.js', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
    expect((await raw('/', { headers: { cookie: 'flowmap_token=wrong' } })).status).toBe(401);
    expect((await api('listLibrary', {}, {})).status).toBe(401);
    expect((await api('listLibrary', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await api('listLibrary', {}, { authorization: `Bearer ${server.token}x` })).status).toBe(401);
  });

  it('refuses a foreign Host header with 403, token or not (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const response = await raw('/api/listLibrary', {
        method: 'POST',
        headers: { host, 'content-type': 'application/json', ...bearer() },
        body: '{}',
      });
      expect(response.status, host).toBe(403);
    }
    expect((await raw('/', { headers: { host: `localhost:${server.port}`, ...bearer() } })).status).toBe(200);
  });

  it('refuses oversized bodies with 413', async () => {
    const big = JSON.stringify({ files: [{ name: 'big.json', text: 'x'.repeat(200_000) }] });
    const response = await raw('/api/importFiles', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer() },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(library.listMaps()).toEqual([]);
  });

  it('answers requests with the library, and refuses inputs that fail the contract', async () => {
    const imported = await api('importFiles', { files: [exampleFile('feature-delivery-current')] });
    expect(imported.status).toBe(200);
    const listing = JSON.parse((await api('listLibrary', {})).body) as {
      ok: true;
      value: { streams: { name: string }[] };
    };
    expect(listing.value.streams.map((stream) => stream.name)).toEqual(['Feature delivery']);

    const cases: [string, unknown, number, string][] = [
      ['createStream', { name: '' }, 400, 'name: must not be empty'],
      ['createStream', { name: 'x', extra: 1 }, 400, 'extra: is not a field here'],
      ['openMap', { id: 42 }, 400, 'id: must be text, not 42'],
      ['openMap', { id: 'nope' }, 404, 'There is no map with the id "nope".'],
      ['exportMap', { id: 'x', format: 'docx' }, 400, 'format: "docx" is not one of: pdf, svg, png, json, yaml'],
      ['exportMap', { id: 'x', format: 'pdf', page: 'A3' }, 400, 'page: "A3" is not one of: A4, Letter'],
      ['dropTables', {}, 404, 'There is no request "dropTables".'],
    ];
    for (const [name, input, status, message] of cases) {
      const response = await api(name, input);
      expect(response.status, name).toBe(status);
      expect((JSON.parse(response.body) as { error: { message: string } }).error.message, name).toContain(message);
    }
  });

  it('refuses an invalid document and a stale save, changing nothing', async () => {
    const created = JSON.parse((await api('createStream', { name: 'Release' })).body) as {
      value: { summary: { id: string }; document: unknown };
    };
    const id = created.value.summary.id;
    const bad = await api('saveMap', {
      id,
      baseRevision: 1,
      document: { format: 'vsm/1', name: 'Release', steps: [{ id: 'a', name: 'A', processTime: '3x' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('steps[0].processTime: \\"3x\\" has an unknown unit');
    const good = { format: 'vsm/1', name: 'Release 2' };
    expect((await api('saveMap', { id, baseRevision: 1, document: good })).status).toBe(200);
    const stale = await api('saveMap', { id, baseRevision: 1, document: { format: 'vsm/1', name: 'Other window' } });
    expect(stale.status).toBe(409);
    expect(library.openMap(id).document.name).toBe('Release 2');
  });

  it('refuses other methods, non-JSON bodies and paths outside the window', async () => {
    expect((await raw('/api/listLibrary', { headers: bearer() })).status).toBe(405);
    expect(
      (
        await raw('/api/listLibrary', {
          method: 'POST',
          headers: { ...bearer(), 'content-type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await raw('/api/listLibrary', {
          method: 'POST',
          headers: { ...bearer(), 'content-type': 'application/json' },
          body: '{',
        })
      ).status,
    ).toBe(400);
    expect((await raw('/../../../etc/passwd', { headers: bearer() })).status).toBe(404);
    expect((await raw('/%2e%2e/%2e%2e/etc/passwd', { headers: bearer() })).status).toBe(404);
    expect((await raw('/', { method: 'DELETE', headers: bearer() })).status).toBe(405);
  });

  it('answers other requests while a report is drawn, and a report whose worker crashes with an error', async () => {
    // A worker with little memory: the large map's report runs a while, then runs out of memory.
    await server.close();
    server = await startServer({ library, staticFolder, reports: new ReportPool({ workers: 1, memoryMb: 64 }) });
    const big = library.createStream('Big', randomMap({ seed: 3, size: 3000 })).summary.id;
    const small = library.createStream('Small', randomMap({ seed: 4, size: 5 })).summary.id;

    const started = performance.now();
    let exportTook: number | undefined;
    const exporting = api('exportMap', { id: big, format: 'pdf' }).then((response) => {
      exportTook = performance.now() - started;
      return response;
    });
    // The library is listed again and again while the report is drawn: each answer comes quickly.
    const listTimes: number[] = [];
    while (exportTook === undefined) {
      const listStarted = performance.now();
      expect((await api('listLibrary', {})).status).toBe(200);
      listTimes.push(performance.now() - listStarted);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const failed = await exporting;
    expect(listTimes.length).toBeGreaterThan(5);
    expect(Math.max(...listTimes) / exportTook).toBeLessThan(0.25);
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toEqual({
      ok: false,
      error: {
        code: 'report-failed',
        message:
          'The report needed more than the 64 MB of memory a report may use and was stopped: the map is too large to export this way.',
      },
    });
    // A new worker serves the next export.
    const next = await api('exportMap', { id: small, format: 'svg' });
    expect(next.status).toBe(200);
    expect(
      Buffer.from((JSON.parse(next.body) as { value: { base64: string } }).value.base64, 'base64').toString(),
    ).toMatch(/^<svg /);
  }, 180_000);
});
