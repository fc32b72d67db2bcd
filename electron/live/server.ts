/**
 * The live session's server: Hocuspocus (Yjs over WebSocket) inside the back end, serving one map
 * to the participants' browsers. What it lets in, and how:
 * - One document, the session's map (named after it): a request for any other name is refused.
 * - A long random join code (256 bits) is the provider's token; a wrong one gets nothing, and an
 *   address that sends too many wrong ones is refused for a while, right code or not.
 * - WebSocket messages are size-limited; larger ones close the connection (the `ws` server's limit).
 * - Each merged change is repaired ({@link ../../shared/live/repair}) here, by the one peer that sees
 *   every update, and what the repair undid goes to everyone as a stateless message.
 * - The map is saved to the library as a revision (debounced), when it is valid; the Y.Doc's own
 *   state is kept too, so that the document reloaded after every participant left is the same
 *   Y.Doc (its parts keep their Yjs identity, and a participant's offline edits still merge).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { REPAIR_ORIGIN, repair, type Undone } from '../../shared/live/repair';
import { fromYDoc, toYDoc } from '../../shared/live/ydoc';
import { describeIssues } from '../../shared/model/issues';
import { validateDocument } from '../../shared/model/validate';
import type { Library } from '../store/library';

export interface LiveServerOptions {
  library: Library;
  /** The library's map the session serves. */
  mapId: string;
  /** The interface to listen on; the session's start passes the local network's address. */
  host?: string;
  /** The port; 0 (the default) picks a free one. */
  port?: number;
  /** Largest WebSocket message a peer may send. */
  maxMessageBytes?: number;
  /** Wrong join codes an address may send within {@link WRONG_CODE_WINDOW_MS} before it is refused. */
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
  /** The one document name the server answers to. */
  documentName: string;
  /** The join code: the token a participant's provider sends. */
  joinCode: string;
  /** The library's revision the session last saved (or opened). */
  revision(): number;
  /** Saves what is not saved yet, closes every connection and stops listening. */
  close(): Promise<void>;
}

/** The stateless message that tells everyone what a repair undid. */
export interface RepairedMessage {
  type: 'repaired';
  undone: readonly Undone[];
}

export const DEFAULT_HOST = '127.0.0.1';
/** A participant's edits, even many made offline, are a few kilobytes; a whole 1,000-step map is under 1 MB. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
export const WRONG_CODE_WINDOW_MS = 60_000;
const WRONG_CODES_ALLOWED = 10;

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

/** A hook for Hocuspocus, which awaits its hooks: ours are synchronous (the library's SQLite is), and a throw refuses. */
function synchronous<T>(hook: (payload: T) => void): (payload: T) => Promise<void> {
  return (payload) =>
    Promise.resolve().then(() => {
      hook(payload);
    });
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Starts the session's server on the map's current revision. */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const { library, mapId } = options;
  let revision = library.openMap(mapId).revision;
  /** The Y.Doc's state as last loaded or saved: what a reload after everyone left starts from. */
  let state: Uint8Array | undefined;
  const documentName = `map:${mapId}`;
  const joinCode = randomBytes(32).toString('base64url');
  const joinDigest = digest(joinCode);
  const wrongCodes = new WrongCodes(options.wrongCodesAllowed ?? WRONG_CODES_ALLOWED, options.now ?? Date.now);

  const server = new Server(
    {
      name: 'flowmap-live',
      quiet: true,
      stopOnSignals: false,
      debounce: options.saveAfterMs ?? 2_000,
      maxDebounce: options.saveAtLatestMs ?? 10_000,
      onAuthenticate: synchronous(({ token, documentName: asked, request }) => {
        const address = request.socket.remoteAddress ?? 'unknown';
        if (wrongCodes.refused(address)) throw new Error('too many wrong join codes from this address');
        // The digests have one length whatever was sent, as timingSafeEqual needs.
        if (!timingSafeEqual(digest(token), joinDigest) || asked !== documentName) {
          wrongCodes.add(address);
          throw new Error('wrong join code');
        }
      }),
      onLoadDocument: synchronous(({ document }) => {
        if (state) Y.applyUpdate(document, state);
        else {
          toYDoc(library.openMap(mapId).document, document);
          state = Y.encodeStateAsUpdate(document);
        }
      }),
      onChange: synchronous(({ document, transactionOrigin }) => {
        if (transactionOrigin === REPAIR_ORIGIN) return;
        const undone = repair(document);
        if (undone.length === 0) return;
        options.onRepair?.(undone);
        document.broadcastStateless(JSON.stringify({ type: 'repaired', undone } satisfies RepairedMessage));
      }),
      onStoreDocument: synchronous(({ document }) => {
        state = Y.encodeStateAsUpdate(document);
        const checked = validateDocument(fromYDoc(document));
        if (!checked.ok) throw new Error(`the live map is not valid, not saved: ${describeIssues(checked).join('; ')}`);
        revision = library.saveMap(mapId, checked.document, revision).revision;
      }),
    },
    { maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES },
  );
  // Not `server.listen()`: Hocuspocus 3.4.4 passes its `address` to Node as `address`, which Node
  // does not read (it reads `host`), so it listens on every interface whatever it was told.
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? 0 }, resolve);
  });
  const { address, port } = server.httpServer.address() as AddressInfo;
  return {
    url: `ws://${address}:${port}`,
    documentName,
    joinCode,
    revision: () => revision,
    close: () => server.destroy(),
  };
}
