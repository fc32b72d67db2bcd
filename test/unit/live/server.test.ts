import { mkdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { addPart, connect, removeParticipant, setDots, updatePart } from '../../../shared/live/edits';
import type { Undone } from '../../../shared/live/repair';
import { FACILITATOR, writeRoom } from '../../../shared/live/room';
import { fromYDoc, liveMap } from '../../../shared/live/ydoc';
import { type LiveMessage, type LiveServer, startLiveServer } from '../../../electron/live/server';
import type { Library } from '../../../electron/store/library';
import { map } from '../helpers';
import { openLibrary, tempFolder, tempLibrary } from '../store/helpers';

const MAP = map({
  name: 'Live workshop',
  steps: [
    { id: 'a', name: 'Plan', processTime: 10 },
    { id: 'b', name: 'Build', processTime: 20 },
    { id: 'c', name: 'Test', processTime: 30 },
  ],
  handoffs: [{ from: 'a', to: 'b' }],
  ideas: [{ id: 'i1', text: 'Automate the tests', votesBy: {} }],
});

interface Peer {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves when the map is synced, or rejects with the reason the server refused. */
  joined: Promise<void>;
  /** Resolves with the reason, once the server refuses this peer's token. */
  refusedWith: Promise<string>;
  told: LiveMessage[];
  /** The participant id (the facilitator's origin for the facilitator). */
  id: string;
}

const open: { providers: HocuspocusProvider[]; servers: LiveServer[] } = { providers: [], servers: [] };
afterEach(async () => {
  for (const provider of open.providers.splice(0)) provider.destroy();
  for (const server of open.servers.splice(0)) await server.close();
});

function connectPeer(url: string, token: string, id: string, name: string): Peer {
  const doc = new Y.Doc();
  const told: LiveMessage[] = [];
  let provider!: HocuspocusProvider;
  let refused!: (reason: string) => void;
  const refusedWith = new Promise<string>((resolve) => (refused = resolve));
  const joined = new Promise<void>((resolve, reject) => {
    provider = new HocuspocusProvider({
      websocketProvider: new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket }),
      name,
      token,
      document: doc,
      onSynced: () => {
        resolve();
      },
      onAuthenticationFailed: ({ reason }) => {
        refused(reason);
        reject(new Error(reason));
      },
      onStateless: ({ payload }) => told.push(JSON.parse(payload) as LiveMessage),
    });
  });
  joined.catch(() => undefined);
  provider.attach();
  open.providers.push(provider);
  return { doc, provider, joined, refusedWith, told, id };
}

/** A person admitted under `name`, connected with their token. */
function participant(server: LiveServer, name: string): Peer {
  const { participantId, token } = server.admit(name);
  return connectPeer(server.url, token, participantId, server.documentName);
}

/** The facilitator's window, connected on 127.0.0.1. */
function facilitator(server: LiveServer): Peer {
  return connectPeer(server.loopbackUrl, server.facilitatorToken, FACILITATOR, server.documentName);
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

/** Time for messages in flight to arrive (what should not happen has had its chance). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

async function session(
  options: {
    wrongCodesAllowed?: number;
    maxMessageBytes?: number;
    onRepair?: (undone: readonly Undone[]) => void;
    staticFolder?: string;
  } = {},
) {
  const library = tempLibrary();
  const mapId = library.createStream('Live workshop', MAP).summary.id;
  const server = await startLiveServer({ library, mapId, saveAfterMs: 20, saveAtLatestMs: 100, ...options });
  open.servers.push(server);
  return { library, mapId, server };
}

/** Opens the session for editing, as the facilitator does. */
const openForEditing = (server: LiveServer) => {
  writeRoom(server.live, { mode: 'edit' });
};

const stepName = (doc: Y.Doc, id: string) => fromYDoc(doc).steps.find((step) => step.id === id)?.name;
const dotsOf = (doc: Y.Doc, idea: string) => fromYDoc(doc).ideas.find((one) => one.id === idea)?.votesBy ?? {};

async function post(server: LiveServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  const origin = new URL(server.joinUrl).origin;
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } },
  };
}

describe('the live session server', () => {
  it('listens on 127.0.0.1 and shows one participant a rename made by another', async () => {
    const { server } = await session();
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(server.loopbackUrl).toBe(server.url);
    openForEditing(server);
    const [ana, ben] = [participant(server, 'Ana'), participant(server, 'Ben')];
    await Promise.all([ana.joined, ben.joined]);
    expect(fromYDoc(ben.doc).participants.map((person) => person.name)).toEqual(['Ana', 'Ben']);
    expect(fromYDoc(ben.doc).steps).toStrictEqual(MAP.steps);
    updatePart(liveMap(ana.doc), 'steps', 'b', { name: 'Build and review' }, ana.id);
    const ms = await until(() => stepName(ben.doc, 'b') === 'Build and review', 'Ben sees the rename');
    console.info(`rename visible to another participant after ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1_000);
  });

  it('refuses a wrong token, the join code as a token, and another document name even with a right token', async () => {
    const { server } = await session();
    const stranger = connectPeer(server.url, 'not-a-token', 'x', server.documentName);
    await expect(stranger.joined).rejects.toThrow(/wrong join code/);
    expect(fromYDoc(stranger.doc).steps).toEqual([]);
    const codeAsToken = connectPeer(server.url, server.joinCode, 'x', server.documentName);
    await expect(codeAsToken.joined).rejects.toThrow(/wrong join code/);
    const { token } = server.admit('Ana');
    const prying = connectPeer(server.url, token, 'x', 'map:another-map');
    await expect(prying.joined).rejects.toThrow(/wrong join code/);
    expect(fromYDoc(prying.doc).steps).toEqual([]);
  });

  it('refuses an address that sent too many wrong codes, even with the right one', async () => {
    const { server } = await session({ wrongCodesAllowed: 3 });
    for (let i = 0; i < 2; i++)
      await expect(connectPeer(server.url, `guess-${i}`, 'x', server.documentName).joined).rejects.toThrow();
    expect((await post(server, '/join', { code: 'guess', name: 'Eve' })).status).toBe(401);
    expect((await post(server, '/join', { code: server.joinCode, name: 'Ana' })).status).toBe(429);
    const { token } = server.admit('Ana');
    await expect(connectPeer(server.url, token, 'x', server.documentName).joined).rejects.toThrow(/too many/);
  });

  it('admits a person with the join code and a name, and names what is wrong with a request', async () => {
    const { server } = await session();
    const admitted = await post(server, '/join', { code: server.joinCode, name: '  Ana <b>  ' });
    expect(admitted.status).toBe(200);
    const { participantId, token } = admitted.body.value as { participantId: string; token: string };
    expect(fromYDoc(server.live.doc).participants).toContainEqual({ id: participantId, name: 'Ana <b>' });
    await connectPeer(server.url, token, participantId, server.documentName).joined;
    const noName = await post(server, '/join', { code: server.joinCode, name: '   ' });
    expect(noName).toMatchObject({ status: 400, body: { error: { message: 'name: write your name' } } });
    const longName = await post(server, '/join', { code: server.joinCode, name: 'x'.repeat(61) });
    expect(longName.body.error?.message).toBe('name: at most 60 characters');
    expect((await post(server, '/join', '{"code":')).status).toBe(400);
    expect((await post(server, '/join', { code: server.joinCode, name: 'x'.repeat(10_000) })).status).toBe(413);
    expect((await post(server, '/join', { code: 'wrong', name: 'Eve' })).body.error?.message).toMatch(
      /not the session/,
    );
    expect(fromYDoc(server.live.doc).participants).toHaveLength(1);
  });

  it('serves the participant page and its files, and nothing else: no library, no API, no file outside', async () => {
    const folder = tempFolder();
    mkdirSync(joinPath(folder, 'assets'));
    writeFileSync(joinPath(folder, 'join.html'), '<title>Join</title>');
    writeFileSync(joinPath(folder, 'index.html'), '<title>The editor</title>');
    writeFileSync(joinPath(folder, 'assets', 'join.js'), 'export {}');
    const { server } = await session({ staticFolder: folder });
    const origin = new URL(server.joinUrl).origin;
    expect(server.joinUrl).toBe(`${origin}/join#code=${server.joinCode}`);
    const page = await fetch(`${origin}/join`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<title>Join</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${origin}/assets/join.js`)).headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/', '/index.html', '/assets/../index.html', '/assets/%2e%2e/index.html', '/api/listLibrary'])
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    const api = await post(server, '/api/listLibrary', {}, { Authorization: `Bearer ${server.facilitatorToken}` });
    expect(api.status).toBe(404);
    expect(JSON.stringify(api.body)).not.toContain('Live workshop');
  });

  it('closes the connection of a participant who sends an oversized message, and keeps it out of the map', async () => {
    const { server } = await session({ maxMessageBytes: 16 * 1024 });
    openForEditing(server);
    const [ana, ben] = [participant(server, 'Ana'), participant(server, 'Ben')];
    await Promise.all([ana.joined, ben.joined]);
    const closed = new Promise<number>((resolve) =>
      ben.provider.on('close', ({ event }: { event: { code: number } }) => {
        resolve(event.code);
      }),
    );
    updatePart(liveMap(ben.doc), 'steps', 'a', { notes: 'x'.repeat(20_000) }, ben.id);
    expect(await closed).toBe(1009); // "message too big"
    updatePart(liveMap(ana.doc), 'steps', 'b', { name: 'Build and review' }, ana.id);
    await until(() => stepName(server.live.doc, 'b') === 'Build and review', 'Ana edits on');
    await settle();
    expect(fromYDoc(server.live.doc).steps[0]).not.toHaveProperty('notes');
    ben.provider.destroy(); // it would reconnect and send the same message again
  });

  it('saves the map into the library as a revision, and on close what is left', async () => {
    const { library, mapId, server } = await session();
    openForEditing(server);
    const ana = participant(server, 'Ana');
    await ana.joined;
    updatePart(liveMap(ana.doc), 'steps', 'a', { name: 'Plan the sprint' }, ana.id);
    setDots(liveMap(ana.doc), 'i1', ana.id, 2, ana.id);
    await until(() => library.openMap(mapId).document.steps[0]!.name === 'Plan the sprint', 'the rename is saved');
    updatePart(liveMap(ana.doc), 'steps', 'c', { name: 'Test it all' }, ana.id);
    await until(() => stepName(server.live.doc, 'c') === 'Test it all', 'the edit arrives');
    await server.close();
    open.servers.splice(0);
    const reopened: Library = openLibrary(library.path);
    const saved = reopened.openMap(mapId);
    expect(saved.document.steps.map((step) => step.name)).toEqual(['Plan the sprint', 'Build', 'Test it all']);
    expect(saved.document.ideas[0]).toMatchObject({ votes: 2, votesBy: { [ana.id]: 2 } });
    expect(saved.document.participants.map((person) => person.name)).toEqual(['Ana']);
  });

  it('repairs a cycle two participants make at once, and tells everyone', async () => {
    const told: (readonly Undone[])[] = [];
    const { server } = await session({ onRepair: (undone) => told.push(undone) });
    openForEditing(server);
    const [ana, ben] = [participant(server, 'Ana'), participant(server, 'Ben')];
    await Promise.all([ana.joined, ben.joined]);
    // At once: each makes an edit before the other's has arrived (both are sent in this tick).
    connect(liveMap(ana.doc), { from: 'b', to: 'c' }, ana.id);
    connect(liveMap(ben.doc), { from: 'c', to: 'a' }, ben.id);
    const repaired = (peer: Peer) => peer.told.filter((message) => message.type === 'repaired');
    await until(() => repaired(ana).length > 0 && repaired(ben).length > 0, 'both are told');
    expect(told).toHaveLength(1);
    expect(repaired(ana)).toEqual([{ type: 'repaired', undone: told[0] }]);
    expect(repaired(ben)).toEqual(repaired(ana));
    expect(told[0]!.map(({ rule }) => rule)).toEqual(['cycle']);
    await until(
      () => fromYDoc(ana.doc).handoffs.some((handoff) => handoff.rework !== undefined),
      'the repair reaches Ana',
    );
  });
});

describe('what participants may change', () => {
  it('in a vote-only session: their ideas and their own dots, up to the room’s dots; nothing else', async () => {
    const { server } = await session();
    writeRoom(server.live, { mode: 'vote', dotsPerPerson: 3 });
    const [ana, ben] = [participant(server, 'Ana'), participant(server, 'Ben')];
    await Promise.all([ana.joined, ben.joined]);
    const idea = addPart(liveMap(ana.doc), 'ideas', { text: 'Pair on reviews', step: 'b' }, ana.id);
    setDots(liveMap(ana.doc), 'i1', ana.id, 2, ana.id);
    await until(() => liveMap(ben.doc).parts.ideas.has(idea), 'Ben sees the idea');
    setDots(liveMap(ben.doc), idea, ben.id, 1, ben.id);
    await until(
      () => dotsOf(server.live.doc, idea)[ben.id] === 1 && dotsOf(server.live.doc, 'i1')[ana.id] === 2,
      'the dots arrive',
    );

    updatePart(liveMap(ana.doc), 'steps', 'b', { name: 'Ana was here' }, ana.id);
    setDots(liveMap(ana.doc), idea, ben.id, 3, ana.id); // Ben's dots, set by Ana
    setDots(liveMap(ben.doc), 'i1', ben.id, 3, ben.id); // a fourth dot
    writeRoom(liveMap(ana.doc), { mode: 'edit' }, ana.id);
    await until(() => ana.told.length === 3 && ben.told.length === 1, 'both are told what was refused');
    expect(ana.told.map((message) => message.type === 'refused' && message.reason)).toEqual([
      'participants cannot change the steps: the session is vote-only',
      "only the facilitator changes another person's dots",
      'participants cannot change the room: the session is vote-only',
    ]);
    expect(ben.told).toEqual([{ type: 'refused', reason: 'each person has 3 dots, and these changes would spend 4' }]);
    for (const doc of [server.live.doc, ana.doc, ben.doc]) {
      await until(
        () => stepName(doc, 'b') === 'Build' && dotsOf(doc, idea)[ben.id] === 1,
        'the refusals are undone everywhere',
      );
      await until(() => dotsOf(doc, 'i1')[ben.id] === undefined, 'the fourth dot is taken back');
      expect(fromYDoc(doc).ideas.map((one) => one.text)).toEqual(['Automate the tests', 'Pair on reviews']);
    }
  });

  it('in a view-only session: nothing reaches the map; opened again, their changes do', async () => {
    const { server } = await session();
    writeRoom(server.live, { mode: 'view' });
    const ana = participant(server, 'Ana');
    await ana.joined;
    setDots(liveMap(ana.doc), 'i1', ana.id, 1, ana.id);
    await settle();
    expect(dotsOf(server.live.doc, 'i1')).toEqual({});
    writeRoom(server.live, { mode: 'vote' });
    setDots(liveMap(ana.doc), 'i1', ana.id, 2, ana.id);
    await until(() => dotsOf(server.live.doc, 'i1')[ana.id] === 2, 'the dots count once the room votes');
  });

  it('lets the facilitator change anything, over 127.0.0.1', async () => {
    const { server } = await session();
    const lead = facilitator(server);
    await lead.joined;
    writeRoom(liveMap(lead.doc), { mode: 'edit', votesHidden: true });
    updatePart(liveMap(lead.doc), 'steps', 'a', { name: 'Plan together' }, FACILITATOR);
    await until(() => stepName(server.live.doc, 'a') === 'Plan together', 'the rename arrives');
    expect(lead.told).toEqual([]);
  });
});

describe('people in and out', () => {
  it('closes a removed participant’s connection, refuses them as removed, and takes their dots back', async () => {
    const { server } = await session();
    const [ana, ben] = [participant(server, 'Ana'), participant(server, 'Ben')];
    await Promise.all([ana.joined, ben.joined]);
    setDots(liveMap(ben.doc), 'i1', ben.id, 2, ben.id);
    await until(() => dotsOf(ana.doc, 'i1')[ben.id] === 2, 'Ana sees Ben’s dots');
    const lead = facilitator(server);
    await lead.joined;
    removeParticipant(liveMap(lead.doc), ben.id, FACILITATOR);
    expect(await ben.refusedWith).toBe('removed');
    await until(() => dotsOf(ana.doc, 'i1')[ben.id] === undefined, 'Ben’s dots are gone for Ana');
    expect(fromYDoc(server.live.doc).participants.map((person) => person.name)).toEqual(['Ana']);
  });

  it('brings a participant’s dots and ideas made offline in when they reconnect', async () => {
    const { server } = await session();
    const ana = participant(server, 'Ana');
    await ana.joined;
    ana.provider.configuration.websocketProvider.disconnect();
    await settle();
    setDots(liveMap(ana.doc), 'i1', ana.id, 1, ana.id);
    const idea = addPart(liveMap(ana.doc), 'ideas', { text: 'Written on the train' }, ana.id);
    await settle();
    expect(dotsOf(server.live.doc, 'i1')).toEqual({});
    await ana.provider.configuration.websocketProvider.connect();
    await until(
      () =>
        dotsOf(server.live.doc, 'i1')[ana.id] === 1 && fromYDoc(server.live.doc).ideas.some((one) => one.id === idea),
      'the offline dot and idea arrive',
    );
  });
});
