/**
 * The API over HTTP on 127.0.0.1, for the browser mode and the end-to-end tests: the same handlers
 * as the desktop app's IPC, and the built window. Guarded as Jupyter is: a per-launch secret token,
 * required on every API request as `Authorization: Bearer TOKEN`, and a Host check against DNS
 * rebinding. The token never travels in a cookie (cookies are not port-scoped: every local program
 * serving a page on 127.0.0.1 could read it); the page gets it from the printed URL's fragment, or
 * by exchanging a one-time launch code, and keeps it in its tab's sessionStorage. No CORS headers
 * and no answer to preflights: other origins cannot send the header at all.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ApiErrorBody } from '../../shared/api/contract';
import { formatMegabytes } from '../../shared/model/text';
import { dispatch, ERROR_STATUS } from '../api/handlers';
import type { ReportPool } from '../export/report-pool';
import { SECURITY_HEADERS } from '../security';
import type { Library } from '../store/library';
import type { LiveSessions } from '../live/sessions';

export interface ServerOptions {
  library: Library;
  /** The report fonts (default: assets/fonts of the source tree). */
  fontsFolder?: string;
  /** The workers that draw the reports (default: the app's one pool). */
  reports?: ReportPool;
  /** The built window (`dist/renderer`). */
  staticFolder: string;
  /**
   * The port; 0 picks any free one. Default: the library's own ({@link libraryPorts}), so that the
   * origin, and the drafts the window keeps in its localStorage, are the same after a restart.
   */
  port?: number;
  /** Largest request body; larger ones get 413. Room for an import of several 20 MB maps. */
  maxBodyBytes?: number;
  /** The route the URLs open, e.g. `/map/ID` on a first start (the window's `#/map/ID`). */
  startRoute?: string;
  /** What the start of the app had to tell; the window shows it. */
  notices?: readonly string[];
  /** The live sessions the window may start (default: none). */
  live?: LiveSessions;
}

export interface RunningServer {
  /** The URL to print (for people and scripts): the origin, the token and the start route in its fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /**
   * A URL for another program to open (the browser, through `xdg-open`): it holds no token, only a
   * one-time code that the page exchanges for the token, once, within {@link LAUNCH_CODE_MS}.
   */
  launchUrl(): string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Stable ports are taken from this range, which no common server uses. */
const PORT_RANGE = { first: 41_000, size: 8_000 };
/** How many ports after the library's own are tried when it is taken. */
const PORT_TRIES = 10;
/** How long a launch code can be exchanged. */
export const LAUNCH_CODE_MS = 60_000;
/** A launch exchange is a code in JSON: a few dozen bytes. */
const MAX_LAUNCH_BODY_BYTES = 1024;

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

const UNAUTHORIZED: ApiErrorBody = {
  code: 'unauthorized',
  message: 'Open Flowmap with the URL it printed in the terminal (it holds the token of this session).',
};

/**
 * The ports a library's server tries, in order: one derived from the library file's real path, then
 * the next few. The same library gets the same origin at every start, so the window finds its drafts.
 */
export function libraryPorts(libraryPath: string): number[] {
  let path = resolve(libraryPath);
  try {
    path = realpathSync(path);
  } catch {
    // Not there (yet): the resolved path names it.
  }
  const hash = createHash('sha256').update(path).digest().readUInt32BE(0);
  return Array.from({ length: PORT_TRIES }, (_, i) => PORT_RANGE.first + ((hash + i) % PORT_RANGE.size));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const backend = {
    library: options.library,
    fontsFolder: options.fontsFolder,
    notices: options.notices,
    reports: options.reports,
    live: options.live,
  };
  const token = randomBytes(24).toString('base64url');
  /** Launch codes not exchanged yet, with the time they expire. */
  const launchCodes = new Map<string, number>();
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const route = options.startRoute ? `&route=${options.startRoute}` : '';
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
    const path = requestPath(request.url ?? '');
    if (path === undefined) {
      send(response, 400, {
        ok: false,
        error: { code: 'invalid', message: 'The request target is not a path of this server.' },
      });
      return;
    }
    if (path === '/launch') {
      await exchangeLaunchCode(request, response);
      return;
    }
    if (path.startsWith('/api/')) {
      if (!authorized(request, token)) {
        send(response, 401, { ok: false, error: UNAUTHORIZED });
        return;
      }
      if (request.method !== 'POST') {
        send(response, 405, { ok: false, error: { code: 'method', message: 'API requests are POST.' } });
        return;
      }
      await answerApi(request, response, path.slice('/api/'.length));
      return;
    }
    if (request.method !== 'GET') {
      send(response, 405, { ok: false, error: { code: 'method', message: 'Only GET here.' } });
      return;
    }
    // The window's files hold no secret: they load without the token, which only the API wants.
    serveFile(response, options.staticFolder, path);
  }

  /** The body of a JSON POST, or undefined when the request was refused (and answered). */
  async function readJson(request: IncomingMessage, response: ServerResponse, limit: number): Promise<unknown> {
    if (request.method !== 'POST') {
      send(response, 405, { ok: false, error: { code: 'method', message: 'Only POST here.' } });
      return undefined;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      send(response, 415, { ok: false, error: { code: 'invalid', message: 'The request body must be JSON.' } });
      return undefined;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    const body = declared > limit ? undefined : await readBody(request, limit);
    if (body === undefined) {
      const size = declared > limit ? `this one is ${formatMegabytes(declared)}` : 'this one is larger';
      send(response, 413, {
        ok: false,
        error: { code: 'too-large', message: `Requests are limited to ${formatMegabytes(limit)}; ${size}.` },
      });
      // The rest of the body is read and dropped: the client gets the answer instead of a reset.
      request.resume();
      return undefined;
    }
    try {
      return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      send(response, 400, { ok: false, error: { code: 'invalid', message: 'The request body is not valid JSON.' } });
      return undefined;
    }
  }

  async function answerApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    const input = await readJson(request, response, maxBodyBytes);
    if (input === undefined) return;
    const result = await dispatch(backend, name, input);
    send(response, result.ok ? 200 : (ERROR_STATUS[result.error.code] ?? 500), result);
  }

  /** `POST /launch {"code": CODE}`: a launch code, once and in time, for the token. */
  async function exchangeLaunchCode(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const input = await readJson(request, response, MAX_LAUNCH_BODY_BYTES);
    if (input === undefined) return;
    const code = typeof input === 'object' && input !== null ? (input as { code?: unknown }).code : undefined;
    const expires = typeof code === 'string' ? launchCodes.get(code) : undefined;
    if (typeof code === 'string') launchCodes.delete(code);
    if (expires === undefined || Date.now() > expires) {
      send(response, 401, {
        ok: false,
        error: {
          code: 'unauthorized',
          message:
            'This launch link was used already or has expired. Open the URL Flowmap printed in the terminal (it holds the token of this session).',
        },
      });
      return;
    }
    send(response, 200, { ok: true, value: { token } });
  }

  port = await listen(server, options.port === undefined ? libraryPorts(options.library.path) : [options.port]);
  const origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}/#token=${token}${route}`,
    origin,
    port,
    token,
    launchUrl() {
      const code = randomBytes(24).toString('base64url');
      launchCodes.set(code, Date.now() + LAUNCH_CODE_MS);
      return `${origin}/#launch=${code}${route}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Listens on the first free port of `ports` (0: any free port); returns the port. */
async function listen(server: Server, ports: readonly number[]): Promise<number> {
  for (const port of ports) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HOST, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const [first, last] = [ports[0], ports.at(-1)];
  throw new Error(
    first === last
      ? `Port ${String(first)} is taken by another program.`
      : `Ports ${String(first)} to ${String(last)} are all taken by other programs.`,
  );
}

/**
 * The decoded path of a request's target, or undefined when the target is not a plain path: the
 * absolute form (`http://host/`), `//host`, `*`, or a broken %-escape.
 */
function requestPath(target: string): string | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  const pathname = target.split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

function same(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

function authorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') === true && same(header.slice('Bearer '.length), token);
}

/** The body, or undefined as soon as it grows past `limit` (the caller answers, and drops the rest). */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

export function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    })
    .end(text);
}

/** A file of `folder` (`index.html` for the root); a path that leaves the folder, or names no file, is not found. */
export function serveFile(response: ServerResponse, folder: string, pathname: string): void {
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
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
