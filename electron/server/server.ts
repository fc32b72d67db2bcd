/**
 * The API over HTTP on 127.0.0.1, for the browser mode and the end-to-end tests: the same handlers
 * as the desktop app's IPC, and the built window. Guarded as Jupyter is: a per-launch secret token
 * in the printed URL, required on every request (a cookie after the first page load, or a Bearer
 * header), and a Host check against DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { dispatch, ERROR_STATUS } from '../api/handlers';
import type { ReportPool } from '../export/report-pool';
import { SECURITY_HEADERS } from '../security';
import type { Library } from '../store/library';

export interface ServerOptions {
  library: Library;
  /** The report fonts (default: assets/fonts of the source tree). */
  fontsFolder?: string;
  /** The workers that draw the reports (default: the app's one pool). */
  reports?: ReportPool;
  /** The built window (`dist/renderer`). */
  staticFolder: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest request body; larger ones get 413. Room for an import of several 20 MB maps. */
  maxBodyBytes?: number;
  /** Where the printed URL opens, e.g. `#/map/ID` on a first start. */
  startHash?: string;
}

export interface RunningServer {
  /** The URL to open: the origin with the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'flowmap_token';
const HOST = '127.0.0.1';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const backend = { library: options.library, fontsFolder: options.fontsFolder, reports: options.reports };
  const token = randomBytes(24).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = 0;

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    handle(request, response).catch((error: unknown) => {
      console.error('Flowmap server:', error);
      if (!response.headersSent)
        send(response, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still sends its own Host header.
    const host = request.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
      send(response, 403, {
        ok: false,
        error: { code: 'forbidden', message: `Requests for host "${host}" are refused.` },
      });
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token');
    if (request.method === 'GET' && queryToken !== null && same(queryToken, token)) {
      // The token from the printed URL becomes a cookie, and leaves the address bar.
      url.searchParams.delete('token');
      response.setHeader('Set-Cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
      response.writeHead(303, { Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    if (!authorized(request, token)) {
      send(response, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'Open Flowmap with the URL it printed (it holds the token).' },
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') {
        send(response, 405, { ok: false, error: { code: 'method', message: 'API requests are POST.' } });
        return;
      }
      await answerApi(request, response, url.pathname.slice('/api/'.length));
      return;
    }
    if (request.method !== 'GET') {
      send(response, 405, { ok: false, error: { code: 'method', message: 'Only GET here.' } });
      return;
    }
    serveFile(response, options.staticFolder, url.pathname);
  }

  async function answerApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      send(response, 415, { ok: false, error: { code: 'invalid', message: 'API requests are JSON.' } });
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      send(response, 413, {
        ok: false,
        error: { code: 'too-large', message: `Requests are limited to ${maxBodyBytes} bytes.` },
      });
      request.resume();
      return;
    }
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) {
      send(response, 413, {
        ok: false,
        error: { code: 'too-large', message: `Requests are limited to ${maxBodyBytes} bytes.` },
      });
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      send(response, 400, { ok: false, error: { code: 'invalid', message: 'The request body is not valid JSON.' } });
      return;
    }
    const result = await dispatch(backend, name, input);
    send(response, result.ok ? 200 : (ERROR_STATUS[result.error.code] ?? 500), result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, resolve);
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}/?token=${token}${options.startHash ?? ''}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function same(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

function authorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && same(header.slice('Bearer '.length), token)) return true;
  const cookies = (request.headers.cookie ?? '').split(';').map((part) => part.trim());
  return cookies.some((cookie) => cookie.startsWith(`${COOKIE}=`) && same(cookie.slice(COOKIE.length + 1), token));
}

/** The body, or undefined when it grows past `limit` (then the connection is dropped). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(text);
}

function serveFile(response: ServerResponse, folder: string, pathname: string): void {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const path = join(folder, relative === '' ? 'index.html' : relative);
  // normalize() has resolved any "..": what is left must still be inside the folder.
  const inside = path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
  let size: number | undefined;
  try {
    const info = statSync(path);
    if (info.isFile()) size = info.size;
  } catch {
    size = undefined;
  }
  if (!inside || size === undefined) {
    send(response, 404, { ok: false, error: { code: 'not-found', message: 'No such file.' } });
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': path.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable',
  });
  createReadStream(path).pipe(response);
}
