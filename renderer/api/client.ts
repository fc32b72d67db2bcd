/**
 * The window's side of the API contract. The transport is picked once, at start: the desktop app's
 * preload bridge when it is there, else HTTP to the server that sent this page. Nothing else in the
 * window knows which one it uses.
 */
import type { ApiErrorBody, ApiResult, RequestInput, RequestOutput } from '../../shared/api/contract';
import type { RequestName } from '../../shared/api/names';

/** A request the back end refused: `code` is the library's (`conflict`, `invalid`, `not-found` …). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Bridge = Record<RequestName, (input: unknown) => Promise<ApiResult>>;

declare global {
  interface Window {
    /** Set by the desktop app's preload script: one function per request. */
    flowmap?: Bridge;
  }
}

type Transport = (name: RequestName, input: unknown) => Promise<ApiResult>;

/** The browser mode's session: the token for the API, or why there is none. */
type Session = { token: string } | { error: ApiErrorBody } | undefined;

/** Where this tab keeps the token: a reload keeps it, other tabs and origins never see it. */
const TOKEN_KEY = 'flowmap:token';

/**
 * The token, from the URL that opened the page (`#token=T`, or `#launch=CODE` exchanged once for
 * it), else from this tab's earlier load. The URL loses the secret at once, before anything is
 * shown: only the route stays (`#token=T&route=/map/ID` becomes `#/map/ID`).
 */
function openSession(): Promise<Session> {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const [token, launch] = [fragment.get('token'), fragment.get('launch')];
  if (token === null && launch === null) {
    const kept = window.sessionStorage.getItem(TOKEN_KEY);
    return Promise.resolve(kept === null ? undefined : { token: kept });
  }
  const route = fragment.get('route');
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${window.location.search}${route === null ? '' : `#${route}`}`,
  );
  if (token !== null) {
    window.sessionStorage.setItem(TOKEN_KEY, token);
    return Promise.resolve({ token });
  }
  return (async () => {
    const response = await fetch('/launch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: launch }),
    });
    const result = (await response.json()) as ApiResult<{ token: string }>;
    if (!result.ok) return { error: result.error };
    window.sessionStorage.setItem(TOKEN_KEY, result.value.token);
    return { token: result.value.token };
  })();
}

function http(session: Promise<Session>): Transport {
  return async (name, input) => {
    const current = await session;
    if (current && 'error' in current) return { ok: false, error: current.error };
    // The token goes in a header, never a cookie: only this origin's pages can send it (no CORS).
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(current && { Authorization: `Bearer ${current.token}` }),
      },
      body: JSON.stringify(input),
    });
    return (await response.json()) as ApiResult;
  };
}

const bridge = window.flowmap;
const transport: Transport = bridge ? (name, input) => bridge[name](input) : http(openSession());

/** Sends a request; resolves with its output or rejects with an {@link ApiError}. */
export async function call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const result = await transport(name, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as RequestOutput<K>;
}
