/**
 * The live session's server: Hocuspocus (Yjs over WebSocket) inside the back end, serving one map
 * to the participants' browsers, and their page. What it lets in, and how:
 * - HTTP: the participant page (`GET /join` and its `/assets/`), and `POST /join`, which admits a
 *   person who sends the session's join code and a name: they are added to the map's participants
 *   and get a token of their own. Nothing else: no library, no other map, no request of the app's API.
 * - WebSocket: one document, the session's map (named after it); a provider's token is the
 *   facilitator's or an admitted person's. A wrong token gets nothing, and an address that sends
 *   too many wrong codes or tokens is refused for a while, right code or not. A person no longer in
 *   the map's participants (the facilitator removed them) is refused and their connections closed.
 * - Each participant's transaction is checked against the room's mode ({@link ./permissions}) and
 *   undone whole when it is not theirs to make; in view-only mode their connections are read-only.
 * - WebSocket messages and request bodies are size-limited; larger ones close the connection.
 * - Each merged change is repaired ({@link ../../shared/live/repair}) here, by the one peer that sees
 *   every update, and what the repair undid goes to everyone as a stateless message.
 * - The map is saved to the library as a revision (debounced), when it is valid.
 * The session listens on the interface it is given (the local network's, for the room) and, for the
 * facilitator's own window, on 127.0.0.1 too.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection, Hocuspocus, OutgoingMessage } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import * as z from 'zod';
import { addPart } from '../../shared/live/edits';
import { readRoom, roomMap } from '../../shared/live/room';
import { REPAIR_ORIGIN, repair, type Undone } from '../../shared/live/repair';
import { fromYDoc, type LiveMap, liveMap, toYDoc } from '../../shared/live/ydoc';
import { describeIssues } from '../../shared/model/issues';
import { validateDocument } from '../../shared/model/validate';
import { SECURITY_HEADERS } from '../security';
import { readBody, send, serveFile } from '../server/server';
import type { Library } from '../store/library';
import { refusal } from './permissions';

export interface LiveServerOptions {
  library: Library;
  /** The library's map the session serves. */
  mapId: string;
  /** The interface to listen on; the session's start passes the local network's address. */
  host?: string;
  /** The port; 0 (the default) picks a free one. */
  port?: number;
  /** The built window's folder (`dist/renderer`), which holds the participant page `join.html`. */
  staticFolder?: string;
  /** Largest WebSocket message a peer may send. */
  maxMessageBytes?: number;
  /** Wrong join codes or tokens an address may send within {@link WRONG_CODE_WINDOW_MS} before it is refused. */
  wrongCodesAllowed?: number;
  /** How long after a change the map is saved as a revision, and at the latest (milliseconds). */
  saveAfterMs?: number;
  saveAtLatestMs?: number;
  /** The clock, in milliseconds since 1970; tests move it. */
  now?: () => number;
  /** Told what each repair undid, as everyone in the session is. */
  onRepair?: (undone: readonly Undone[]) => void;
}

export interface LiveServer {
  /** The WebSocket URL participants' providers connect to. */
  url: string;
  /** The WebSocket URL on 127.0.0.1, for the facilitator's own window. */
  loopbackUrl: string;
  /** The link participants open: the participant page, with the join code in its fragment. */
  joinUrl: string;
  /** The one document name the server answers to. */
  documentName: string;
  /** The join code, which admits a person with a name. */
  joinCode: string;
  /** The facilitator's provider token. */
  facilitatorToken: string;
  /** The session's map as the server holds it (the facilitator's back end reads and writes it directly). */
  live: LiveMap;
  /** Admits a person: adds them to the map's participants and answers their id and provider token. */
  admit(name: string): Admitted;
  /** The library's revision the session last saved (or opened). */
  revision(): number;
  /** Saves what is not saved yet, closes every connection and stops listening. */
  close(): Promise<void>;
}

export interface Admitted {
  participantId: string;
  token: string;
  documentName: string;
}

/** The stateless messages of a session: what a repair undid (to everyone), a change refused (to its author). */
export type LiveMessage = { type: 'repaired'; undone: readonly Undone[] } | { type: 'refused'; reason: string };

/** Who a connection is, as its token said. */
type Identity = { role: 'facilitator' } | { role: 'participant'; participantId: string };

export const DEFAULT_HOST = '127.0.0.1';
/** A participant's edits, even many made offline, are a few kilobytes; a whole 1,000-step map is under 1 MB. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
export const WRONG_CODE_WINDOW_MS = 60_000;
const WRONG_CODES_ALLOWED = 10;
/** A join request is a code and a name: a few hundred bytes. */
const MAX_JOIN_BODY_BYTES = 4 * 1024;
/** More people than any workshop room holds; a limit against a join code that leaked. */
export const MAX_ADMITTED = 100;
/** The reason a removed person's provider is told. */
export const REMOVED_REASON = 'removed';

const joinRequest = z.strictObject({
  code: z.string().max(200),
  name: z.string().trim().min(1, { error: 'write your name' }).max(60, { error: 'at most 60 characters' }),
});

/** Wrong join codes per address, forgotten a window after the first. */
class WrongCodes {
  private readonly counts = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly allowed: number,
    private readonly now: () => number,
  ) {}

  refused(address: string): boolean {
    const record = this.counts.get(address);
    if (record && this.now() - record.since >= WRONG_CODE_WINDOW_MS) this.counts.delete(address);
    return (this.counts.get(address)?.count ?? 0) >= this.allowed;
  }

  add(address: string): void {
    const record = this.counts.get(address) ?? { count: 0, since: this.now() };
    this.counts.set(address, { ...record, count: record.count + 1 });
  }
}

/** A refusal Hocuspocus passes on to the provider: its `reason` is what `onAuthenticationFailed` gets. */
class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A hook for Hocuspocus, which awaits its hooks: ours are synchronous (the library's SQLite is), and a throw refuses. */
function synchronous<T, R = void>(hook: (payload: T) => R): (payload: T) => Promise<R> {
  return (payload) => Promise.resolve().then(() => hook(payload));
}

const digest = (text: string) => createHash('sha256').update(text).digest();
const same = (a: string, b: Buffer) => timingSafeEqual(digest(a), b);

/** Starts the session's server on the map's current revision. */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const { library, mapId } = options;
  let revision = library.openMap(mapId).revision;
  const documentName = `map:${mapId}`;
  const joinCode = randomBytes(32).toString('base64url');
  const joinDigest = digest(joinCode);
  const facilitatorToken = randomBytes(32).toString('base64url');
  const facilitatorDigest = digest(facilitatorToken);
  /** Admitted people by the digest of their token. */
  const admitted = new Map<string, string>();
  const wrongCodes = new WrongCodes(options.wrongCodesAllowed ?? WRONG_CODES_ALLOWED, options.now ?? Date.now);
  const host = options.host ?? DEFAULT_HOST;

  const identityOf = (connection: unknown): Identity | undefined =>
    connection instanceof Connection ? (connection.context as { identity?: Identity }).identity : undefined;
  const stillIn = (participantId: string) => live.parts.participants.has(participantId);

  const hocuspocus = new Hocuspocus({
    name: 'flowmap-live',
    quiet: true,
    debounce: options.saveAfterMs ?? 2_000,
    maxDebounce: options.saveAtLatestMs ?? 10_000,
    onAuthenticate: synchronous(({ token, documentName: asked, request, connectionConfig }) => {
      const address = request.socket.remoteAddress ?? 'unknown';
      if (wrongCodes.refused(address)) throw new Refused('too many wrong join codes from this address');
      const participantId = admitted.get(digest(token).toString('hex'));
      if (asked !== documentName || (participantId === undefined && !same(token, facilitatorDigest))) {
        wrongCodes.add(address);
        throw new Refused('wrong join code');
      }
      if (participantId === undefined) return { identity: { role: 'facilitator' } satisfies Identity };
      if (!stillIn(participantId)) throw new Refused(REMOVED_REASON);
      connectionConfig.readOnly = mode === 'view';
      return { identity: { role: 'participant', participantId } satisfies Identity };
    }),
    onLoadDocument: synchronous(({ document }) => {
      toYDoc(library.openMap(mapId).document, document);
    }),
    onChange: synchronous(({ document, transactionOrigin }) => {
      if (transactionOrigin === REPAIR_ORIGIN) return;
      const undone = repair(document);
      if (undone.length === 0) return;
      options.onRepair?.(undone);
      document.broadcastStateless(JSON.stringify({ type: 'repaired', undone } satisfies LiveMessage));
    }),
    onStoreDocument: synchronous(({ document }) => {
      const checked = validateDocument(fromYDoc(document));
      if (!checked.ok) throw new Error(`the live map is not valid, not saved: ${describeIssues(checked).join('; ')}`);
      revision = library.saveMap(mapId, checked.document, revision).revision;
    }),
  });

  // The map stays loaded for the whole session: the server's own connection holds it.
  const own = await hocuspocus.openDirectConnection(documentName, {});
  const document = own.document!;
  const live = liveMap(document);

  // A participant's change that is not theirs to make is undone whole, and they are told why.
  let refused: { reason: string; connection: Connection } | undefined;
  const guard = new Y.UndoManager(document, {
    trackedOrigins: new Set([Connection]),
    captureTimeout: 0,
    captureTransaction: (transaction) => {
      const identity = identityOf(transaction.origin);
      if (identity?.role !== 'participant') return false;
      const reason = refusal(transaction, identity.participantId, mode);
      if (reason !== undefined) refused = { reason, connection: transaction.origin as Connection };
      return reason !== undefined;
    },
  });
  guard.on('stack-item-added', () => {
    guard.undo();
    guard.clear();
    if (!refused) return;
    refused.connection.sendStateless(JSON.stringify({ type: 'refused', reason: refused.reason } satisfies LiveMessage));
    refused = undefined;
  });

  const participantConnections = () =>
    document.getConnections().flatMap((connection) => {
      const identity = identityOf(connection);
      return identity?.role === 'participant' ? [{ connection, participantId: identity.participantId }] : [];
    });
  // View-only makes participants' connections read-only at once; other modes open them again.
  // The mode participants' changes are judged by: the room's, as the facilitator (or the guard's
  // undo) last set it. Opened again, the server asks each participant for what it lacks: the
  // changes they made while the room was view-only were not taken, and later ones build on them.
  let mode = readRoom(live).mode;
  roomMap(live).observe((event) => {
    if (identityOf(event.transaction.origin)?.role === 'participant') return;
    mode = readRoom(live).mode;
    const readOnly = mode === 'view';
    for (const { connection } of participantConnections()) {
      if (connection.readOnly && !readOnly)
        connection.send(
          new OutgoingMessage(documentName).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array(),
        );
      connection.readOnly = readOnly;
    }
  });
  // A person taken out of the map is out of the session: their connections close, and their
  // provider, reconnecting, is refused as removed (an undo that brings them back lets them in again).
  live.parts.participants.observe(() => {
    for (const { connection, participantId } of participantConnections())
      if (!stillIn(participantId)) connection.webSocket.close(4403, REMOVED_REASON);
  });

  const admit = (name: string): Admitted => {
    if (admitted.size >= MAX_ADMITTED) throw new Refused(`a session admits at most ${MAX_ADMITTED} people`);
    const participantId = addPart(live, 'participants', { name }, 'server');
    const token = randomBytes(32).toString('base64url');
    admitted.set(digest(token).toString('hex'), participantId);
    return { participantId, token, documentName };
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES });
  const handleUpgrade = (request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (error) => {
        console.error('Flowmap live session: a connection failed:', error.message);
      });
      hocuspocus.handleConnection(ws, request);
    });
  };

  const room = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    answer(request, response).catch((error: unknown) => {
      console.error('Flowmap live session:', error);
      if (!response.headersSent)
        send(response, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } });
      else response.destroy();
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split(/[?#]/, 1)[0];
    if (path === '/join' && request.method === 'POST') {
      await joinByCode(request, response);
      return;
    }
    if (request.method !== 'GET' || options.staticFolder === undefined) {
      send(response, 404, { ok: false, error: { code: 'not-found', message: 'No such page.' } });
      return;
    }
    if (path === '/join') serveFile(response, options.staticFolder, '/join.html');
    else if (path?.startsWith('/assets/')) serveFile(response, options.staticFolder, path);
    else send(response, 404, { ok: false, error: { code: 'not-found', message: 'No such page.' } });
  }

  /** `POST /join {"code", "name"}`: a person with the session's code is admitted under their name. */
  async function joinByCode(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const address = request.socket.remoteAddress ?? 'unknown';
    if (wrongCodes.refused(address)) {
      request.resume();
      send(response, 429, {
        ok: false,
        error: {
          code: 'too-many',
          message: 'Too many wrong join codes from this device: wait a minute, then try again.',
        },
      });
      return;
    }
    const body = await readBody(request, MAX_JOIN_BODY_BYTES);
    if (body === undefined) {
      request.resume();
      send(response, 413, { ok: false, error: { code: 'too-large', message: 'A join request is a code and a name.' } });
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      input = undefined;
    }
    const parsed = joinRequest.safeParse(input);
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
      send(response, 400, { ok: false, error: { code: 'invalid', message: message.join('; ') } });
      return;
    }
    if (!same(parsed.data.code, joinDigest)) {
      wrongCodes.add(address);
      send(response, 401, {
        ok: false,
        error: {
          code: 'unauthorized',
          message: 'This join link is not the session’s: ask the facilitator for it again.',
        },
      });
      return;
    }
    try {
      send(response, 200, { ok: true, value: admit(parsed.data.name) });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      send(response, 403, { ok: false, error: { code: 'full', message: `The session is full: ${error.reason}.` } });
    }
  }

  room.on('upgrade', handleUpgrade);
  await listen(room, host, options.port ?? 0);
  const { address, port } = room.address() as AddressInfo;
  // The facilitator's window connects on 127.0.0.1, which the room's interface is not (but in tests).
  let loopback: Server | undefined;
  let loopbackPort = port;
  if (address !== DEFAULT_HOST) {
    loopback = createServer((_request, response) => {
      send(response, 404, { ok: false, error: { code: 'not-found', message: 'No such page.' } });
    });
    loopback.on('upgrade', handleUpgrade);
    await listen(loopback, DEFAULT_HOST, 0);
    loopbackPort = (loopback.address() as AddressInfo).port;
  }
  const origin = `${address}:${port}`;
  return {
    url: `ws://${origin}`,
    loopbackUrl: `ws://${DEFAULT_HOST}:${loopbackPort}`,
    joinUrl: `http://${origin}/join#code=${joinCode}`,
    documentName,
    joinCode,
    facilitatorToken,
    live,
    admit,
    revision: () => revision,
    close: async () => {
      guard.destroy();
      for (const server of [room, loopback]) server?.closeAllConnections();
      hocuspocus.closeConnections();
      // The HTTP servers no longer track upgraded sockets: they are ended here, or close() waits for them.
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
      // Disconnecting the server's own connection stores the map, now that nobody else is in.
      await own.disconnect();
      await Promise.all(
        [room, loopback].map(
          (server) =>
            new Promise<void>((resolve) => {
              if (server)
                server.close(() => {
                  resolve();
                });
              else resolve();
            }),
        ),
      );
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
