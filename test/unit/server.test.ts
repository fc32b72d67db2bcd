import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportPool } from '../../electron/export/report-pool';
import {
  LAUNCH_CODE_MS,
  libraryPorts,
  type RunningServer,
  type ServerOptions,
  startServer,
} from '../../electron/server/server';
import type { Library } from '../../electron/store/library';
import { randomMap } from '../fixtures/random-map';
import { exampleFile, tempFolder, tempLibrary } from './store/helpers';

let server: RunningServer;
let library: Library;
let staticFolder: string;
const started: RunningServer[] = [];

/** Starts a server on the test's library; closed after the test. */
async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const running = await startServer({ library, staticFolder, maxBodyBytes: 100_000, ...options });
  started.push(running);
  return running;
}

beforeEach(async () => {
  library = tempLibrary();
  staticFolder = join(tempFolder(), 'renderer');
  mkdirSync(join(staticFolder, 'assets'), { recursive: true });
  writeFileSync(join(staticFolder, 'index.html'), '<!doctype html><title>Flowmap</title>');
  writeFileSync(join(staticFolder, 'assets', 'app.js'), 'console.log(1)');
  server = await start();
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await Promise.all(started.splice(0).map((running) => running.close()));
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request through node:http, so that tests choose every header (fetch would not let them set Host). */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; port?: number } = {},
) {
  const port = options.port ?? server.port;
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
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
  });
}

/**
 * Bytes on a bare socket, as any local program may send them (node:http would refuse to send a
 * malformed target): the answer's status and body, or a status of 0 when the connection was reset
 * or closed without one.
 */
function onSocket(head: string, chunks: string[] = []) {
  return new Promise<{ status: number; body: string; error?: string }>((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    const finish = (error?: string) => {
      socket.destroy();
      const [, status = '0'] = /^HTTP\/1\.1 (\d{3})/.exec(received) ?? [];
      resolve({ status: Number(status), body: received.slice(received.indexOf('\r\n\r\n') + 4), error });
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      const end = received.indexOf('\r\n\r\n');
      const length = end < 0 ? undefined : /content-length: (\d+)/i.exec(received.slice(0, end))?.[1];
      if (length !== undefined && received.length - end - 4 >= Number(length)) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(error.code);
    });
    socket.on('close', () => {
      finish();
    });
    socket.write(head);
    for (const chunk of chunks) socket.write(chunk);
  });
}

const bearer = () => ({ authorization: `Bearer ${server.token}` });
const api = (name: string, input: unknown, headers: Record<string, string> = bearer()) =>
  raw(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

describe('the HTTP server', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in its fragment, which no request carries', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the window without the token, and never sets a cookie', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Flowmap</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('/assets/app.js')).status).toBe(200);
    const withToken = await raw(`/?token=${server.token}`);
    expect(withToken.status).toBe(200);
    const answers = [page, withToken, await api('listLibrary', {})];
    expect(answers.map((answer) => answer.headers['set-cookie'])).toEqual([undefined, undefined, undefined]);
  });

  it('answers the API only with the token as a Bearer header: without, wrong or in a cookie, 401', async () => {
    expect((await api('listLibrary', {})).status).toBe(200);
    const refused = [
      await api('listLibrary', {}, {}),
      await api('listLibrary', {}, { authorization: 'Bearer nope' }),
      await api('listLibrary', {}, { authorization: `Bearer ${server.token}x` }),
      await api('listLibrary', {}, { authorization: server.token }),
      await api('listLibrary', {}, { cookie: `flowmap_token=${server.token}` }),
      await raw(`/api/listLibrary?token=${server.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      await api('createStream', { name: 'Sneaked in' }, { cookie: `flowmap_token=${server.token}` }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(refused[0]?.body).toContain('Open Flowmap with the URL it printed');
    expect(library.listStreams()).toEqual([]);
    // Nothing answers a preflight: pages of other origins cannot send the header at all.
    const preflight = await raw('/api/listLibrary', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:8080',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(401);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('exchanges a launch code for the token once, within a minute; the launch URL holds no token', async () => {
    const exchange = (code: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      raw('/launch', { method: 'POST', headers, body: JSON.stringify({ code }) });
    const launchUrl = server.launchUrl();
    expect(launchUrl).not.toContain(server.token);
    const code = /^http:\/\/127\.0\.0\.1:\d+\/#launch=([\w-]{32,})$/.exec(launchUrl)?.[1];
    expect(code).toBeDefined();

    expect((await exchange(code, { 'content-type': 'text/plain' })).status).toBe(415);
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true, value: { token: server.token } });
    const again = await exchange(code);
    expect(again.status).toBe(401);
    expect(again.body).toContain('This launch link was used already or has expired');

    expect((await exchange('made-up')).status).toBe(401);
    expect((await exchange(42)).status).toBe(401);
    const bare = await raw('/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'null',
    });
    expect(bare.status).toBe(401);
    expect((await raw('/launch')).status).toBe(405);

    vi.useFakeTimers({ toFake: ['Date'] });
    const late = /#launch=(.*)$/.exec(server.launchUrl())?.[1];
    vi.setSystemTime(Date.now() + LAUNCH_CODE_MS + 1);
    expect((await exchange(late)).status).toBe(401);
  });

  it('opens the start route after the token or the launch code', async () => {
    const opened = await start({ port: 0, startRoute: '/map/abc123' });
    expect(opened.url).toBe(`${opened.origin}/#token=${opened.token}&route=/map/abc123`);
    expect(opened.launchUrl()).toMatch(/#launch=[\w-]+&route=\/map\/abc123$/);
  });

  it("starts on the library's own port every time, and on the next one when that is taken", async () => {
    const ports = libraryPorts(library.path);
    expect(ports).toHaveLength(10);
    for (const [i, port] of ports.entries()) {
      expect(port).toBeGreaterThanOrEqual(41_000);
      expect(port).toBeLessThan(49_000);
      if (i > 0) expect(port === ports[i - 1]! + 1 || (port === 41_000 && ports[i - 1] === 48_999)).toBe(true);
    }
    expect(libraryPorts(relative(process.cwd(), library.path))).toEqual(ports);
    expect(ports).toContain(server.port);

    await server.close();
    const restarted = await start();
    expect(restarted.origin).toBe(server.origin);
    // The same library twice at once: the second takes the next port.
    const beside = await start();
    expect(ports.indexOf(beside.port)).toBeGreaterThan(ports.indexOf(restarted.port));
    await expect(start({ port: restarted.port })).rejects.toThrow(
      `Port ${restarted.port} is taken by another program.`,
    );
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

  it('refuses oversized bodies with 413 and a size in MB, declared or chunked, and answers before closing', async () => {
    const big = JSON.stringify({ files: [{ name: 'big.json', text: 'x'.repeat(200_000) }] });
    const response = await api('importFiles', JSON.parse(big));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'Requests are limited to 0.1 MB; this one is 0.2 MB.' },
    });

    const head = [
      'POST /api/importFiles HTTP/1.1',
      `Host: 127.0.0.1:${server.port}`,
      `Authorization: Bearer ${server.token}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      '',
      '',
    ].join('\r\n');
    const chunk = 'x'.repeat(16_384);
    const chunks = [...Array<string>(20).fill(`${chunk.length.toString(16)}\r\n${chunk}\r\n`), '0\r\n\r\n'];
    const chunked = await onSocket(head, chunks);
    expect(chunked).toEqual({
      status: 413,
      body: JSON.stringify({
        ok: false,
        error: { code: 'too-large', message: 'Requests are limited to 0.1 MB; this one is larger.' },
      }),
      error: undefined,
    });
    expect(library.listMaps()).toEqual([]);
  });

  it('answers a malformed request target with 400, token or not, and logs nothing', async () => {
    const logged = vi.spyOn(console, 'error');
    for (const target of ['/%', '/%E0%A4%A', '/api/%E0%A4%A', 'http://evil.example/', '//evil.example/', '*']) {
      for (const authorization of ['', `Authorization: Bearer ${server.token}\r\n`]) {
        const answer = await onSocket(
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${authorization}Connection: close\r\n\r\n`,
        );
        expect(answer.status, target).toBe(400);
        expect(JSON.parse(answer.body), target).toEqual({
          ok: false,
          error: { code: 'invalid', message: 'The request target is not a path of this server.' },
        });
      }
    }
    expect(logged).not.toHaveBeenCalled();
  });

  it('names a map file too large to import, and its size in MB', async () => {
    const roomy = await start({ port: 0, maxBodyBytes: undefined });
    const text = `{"format": "vsm/1", "name": "Big", "notes": "${'x'.repeat(25 * 1024 * 1024)}"}`;
    const answer = await raw('/api/importFiles', {
      port: roomy.port,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${roomy.token}` },
      body: JSON.stringify({ files: [exampleFile('feature-delivery-current'), { name: 'big.json', text }] }),
    });
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body) as { error: { message: string } }).error.message).toBe(
      'Nothing was imported:\n"big.json" is 25.0 MB; maps are limited to 20 MB.',
    );
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
    server = await startServer({ library, staticFolder, reports: new ReportPool({ workers: 1, memoryMb: 32 }) });
    const big = library.createStream('Big', randomMap({ seed: 3, size: 1000 })).summary.id;
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
          'The report needed more than the 32 MB of memory a report may use and was stopped: the map is too large to export this way.',
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
