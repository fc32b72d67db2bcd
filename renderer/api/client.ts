/**
 * The window's side of the API contract. The transport is picked once, at start: the desktop app's
 * preload bridge when it is there, else HTTP to the server that sent this page. Nothing else in the
 * window knows which one it uses.
 */
import type { ApiResult, RequestInput, RequestOutput } from '../../shared/api/contract';
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

const http: Transport = async (name, input) => {
  // Same origin: the session cookie carries the token; the JSON content type keeps other sites out.
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as ApiResult;
};

const bridge = window.flowmap;
const transport: Transport = bridge ? (name, input) => bridge[name](input) : http;

/** Sends a request; resolves with its output or rejects with an {@link ApiError}. */
export async function call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const result = await transport(name, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as RequestOutput<K>;
}
