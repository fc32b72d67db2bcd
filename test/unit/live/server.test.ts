import { createRequire } from 'node:module';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, setDots, updatePart } from '../../../shared/live/edits';
import type { Undone } from '../../../shared/live/repair';
import { fromYDoc, liveMap } from '../../../shared/live/ydoc';
import { type LiveServer, type RepairedMessage, startLiveServer } from '../../../electron/live/server';
import type { Library } from '../../../electron/store/library';
import { map } from '../helpers';
import { openLibrary, tempLibrary } from '../store/helpers';

// Node 20 has no WebSocket of its own; the provider takes the `ws` package's (Hocuspocus's own), which ships no types.
const { WebSocket } = createRequire(import.meta.url)('ws') as { WebSocket: unknown };

const MAP = map({
  name: 'Live workshop',
  steps: [
    { id: 'a', name: 'Plan', processTime: 10 },
    { id: 'b', name: 'Build', processTime: 20 },
    { id: 'c', name: 'Test', processTime: 30 },
  ],
  handoffs: [{ from: 'a', to: 'b' }],
  participants: [
    { id: 'ana', name: 'Ana' },
    { id: 'ben', name: 'Ben' },
  ],
  ideas: [{ id: 'i1', text: 'Automate the tests', votesBy: {} }],
});

interface Participant {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves when the map is synced, or rejects with the reason the server refused. */
  joined: Promise<void>;
  repaired: RepairedMessage[];
}

const open: { providers: HocuspocusProvider[]; servers: LiveServer[] } = { providers: [], servers: [] };
afterEach(async () => {
  for (const provider of open.providers.splice(0)) provider.destroy();
  for (const server of open.servers.splice(0)) await server.close();
});

function join(server: LiveServer, token: string, name = server.documentName): Participant {
  const doc = new Y.Doc();
  const repaired: RepairedMessage[] = [];
  let provider!: HocuspocusProvider;
  const joined = new Promise<void>((resolve, reject) => {
    provider = new HocuspocusProvider({
      websocketProvider: new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket }),
      name,
      token,
      document: doc,
      onSynced: () => {
        resolve();
      },
      onAuthenticationFailed: ({ reason }) => {
        reject(new Error(reason));
      },
      onStateless: ({ payload }) => repaired.push(JSON.parse(payload) as RepairedMessage),
    });
  });
  provider.attach();
  open.providers.push(provider);
  return { doc, provider, joined, repaired };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

async function session(
  options: {
    wrongCodesAllowed?: number;
    maxMessageBytes?: number;
    onRepair?: (undone: readonly Undone[]) => void;
  } = {},
) {
  const library = tempLibrary();
  const mapId = library.createStream('Live workshop', MAP).summary.id;
  const server = await startLiveServer({ library, mapId, saveAfterMs: 20, saveAtLatestMs: 100, ...options });
  open.servers.push(server);
  return { library, mapId, server };
}

const stepName = (doc: Y.Doc, id: string) => fromYDoc(doc).steps.find((step) => step.id === id)?.name;

describe('the live session server', () => {
  it('listens on 127.0.0.1 and shows one participant a rename made by another', async () => {
    const { server } = await session();
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const [ana, ben] = [join(server, server.joinCode), join(server, server.joinCode)];
    await Promise.all([ana.joined, ben.joined]);
    expect(fromYDoc(ben.doc)).toStrictEqual(MAP);
    updatePart(liveMap(ana.doc), 'steps', 'b', { name: 'Build and review' }, 'ana');
    const ms = await until(() => stepName(ben.doc, 'b') === 'Build and review', 'Ben sees the rename');
    console.info(`rename visible to another participant after ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1_000);
  });

  it('refuses a wrong join code, and another document name even with the right code', async () => {
    const { server } = await session();
    const stranger = join(server, 'not-the-code');
    await expect(stranger.joined).rejects.toThrow(/permission-denied/);
    expect(fromYDoc(stranger.doc).steps).toEqual([]);
    const prying = join(server, server.joinCode, 'map:another-map');
    await expect(prying.joined).rejects.toThrow(/permission-denied/);
    expect(fromYDoc(prying.doc).steps).toEqual([]);
  });

  it('refuses an address that sent too many wrong codes, even with the right one', async () => {
    const { server } = await session({ wrongCodesAllowed: 3 });
    for (let i = 0; i < 3; i++) await expect(join(server, `guess-${i}`).joined).rejects.toThrow();
    await expect(join(server, server.joinCode).joined).rejects.toThrow(/permission-denied/);
  });

  it('closes the connection of a participant who sends an oversized message, and keeps it out of the map', async () => {
    const { server } = await session({ maxMessageBytes: 16 * 1024 });
    const [ana, ben] = [join(server, server.joinCode), join(server, server.joinCode)];
    await Promise.all([ana.joined, ben.joined]);
    const closed = new Promise<number>((resolve) =>
      ben.provider.on('close', ({ event }: { event: { code: number } }) => {
        resolve(event.code);
      }),
    );
    updatePart(liveMap(ben.doc), 'steps', 'a', { notes: 'x'.repeat(20_000) }, 'ben');
    expect(await closed).toBe(1009); // "message too big"
    updatePart(liveMap(ana.doc), 'steps', 'b', { name: 'Build and review' }, 'ana');
    await until(() => stepName(ana.doc, 'b') === 'Build and review', 'Ana edits on');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = join(server, server.joinCode);
    await third.joined;
    expect(fromYDoc(third.doc).steps[0]).not.toHaveProperty('notes');
    expect(stepName(third.doc, 'b')).toBe('Build and review');
    ben.provider.destroy(); // it would reconnect and send the same message again
  });

  it('saves the map into the library as a revision, and on close what is left', async () => {
    const { library, mapId, server } = await session();
    const ana = join(server, server.joinCode);
    await ana.joined;
    updatePart(liveMap(ana.doc), 'steps', 'a', { name: 'Plan the sprint' }, 'ana');
    setDots(liveMap(ana.doc), 'i1', 'ana', 2, 'ana');
    await until(() => library.openMap(mapId).document.steps[0]!.name === 'Plan the sprint', 'the rename is saved');
    expect(library.openMap(mapId).revision).toBe(2);
    updatePart(liveMap(ana.doc), 'steps', 'c', { name: 'Test it all' }, 'ana');
    await until(() => stepName(ana.doc, 'c') === 'Test it all', 'the edit is made');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the update is on its way, not yet saved
    await server.close();
    open.servers.splice(0);
    const reopened: Library = openLibrary(library.path);
    const saved = reopened.openMap(mapId);
    expect(saved.document.steps.map((step) => step.name)).toEqual(['Plan the sprint', 'Build', 'Test it all']);
    expect(saved.document.ideas[0]).toMatchObject({ votes: 2, votesBy: { ana: 2 } });
  });

  it('repairs a cycle two participants make at once, and tells everyone', async () => {
    const told: (readonly Undone[])[] = [];
    const { server } = await session({ onRepair: (undone) => told.push(undone) });
    const [ana, ben] = [join(server, server.joinCode), join(server, server.joinCode)];
    await Promise.all([ana.joined, ben.joined]);
    // At once: each makes an edit before the other's has arrived (both are sent in this tick).
    connect(liveMap(ana.doc), { from: 'b', to: 'c' }, 'ana');
    connect(liveMap(ben.doc), { from: 'c', to: 'a' }, 'ben');
    await until(() => ana.repaired.length > 0 && ben.repaired.length > 0, 'both are told');
    expect(told).toHaveLength(1);
    expect(ana.repaired).toEqual([{ type: 'repaired', undone: told[0] }]);
    expect(ben.repaired).toEqual(ana.repaired);
    expect(told[0]!.map(({ rule }) => rule)).toEqual(['cycle']);
    await until(
      () => fromYDoc(ana.doc).handoffs.some((handoff) => handoff.rework !== undefined),
      'the repair reaches Ana',
    );
  });
});
