import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../../shared/live/ids';
import { fromYDoc, handoffKey, liveMap, toYDoc } from '../../../shared/live/ydoc';
import type { VsmDocument } from '../../../shared/model/schema';
import { formatFromFileName, parseDocumentText } from '../../../shared/model/text';
import { validateDocument } from '../../../shared/model/validate';
import { EXAMPLES_DIR } from '../../fixtures/examples';
import { randomMap } from '../../fixtures/random-map';
import { map, valid } from '../helpers';

/** The maps the app offers as examples (`assets/examples`). */
const ASSET_EXAMPLES_DIR = fileURLToPath(new URL('../../../assets/examples', import.meta.url));

/** Every map file of a folder (`*.expected.json` are figures, not maps). */
function mapFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => /\.(json|ya?ml)$/.test(name) && !name.endsWith('.expected.json'))
    .map((name) => join(folder, name));
}

function parsed(path: string): VsmDocument {
  const result = parseDocumentText(readFileSync(path, 'utf8'), formatFromFileName(path));
  if (!result.ok) throw new Error(`${path} is invalid`);
  return result.document;
}

/** The map through a Y.Doc, through a sync to a second Y.Doc (as a participant gets it), and back. */
function roundTrip(document: VsmDocument): VsmDocument {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(toYDoc(document)));
  return fromYDoc(peer);
}

/** Every optional field of every part, ideas with dots, with an empty votesBy and with typed votes. */
const EVERYTHING = map({
  name: 'Everything',
  state: 'future',
  calendar: { hoursPerDay: 7.5, daysPerWeek: 4 },
  notes: 'Parking lot: who owns the test environments?',
  teams: [
    { id: 'ops', name: 'Operations' },
    { id: 'dev', name: 'Development' },
  ],
  steps: [
    { id: 'b', name: 'Build', team: 'dev', processTime: '2h', leadTime: '1d', percentCompleteAccurate: 80 },
    { id: 'a', name: 'Plan', processTime: 30, people: 3, notes: 'weekly', position: { x: -10.5, y: 20 } },
    { id: 'c', name: 'Deploy', team: 'ops', processTime: '1h' },
  ],
  handoffs: [
    { from: 'b', to: 'c', waitTime: '3d', queue: 7 },
    { from: 'a', to: 'b' },
    { from: 'c', to: 'b', rework: 0.25, waitTime: 60 },
  ],
  participants: [
    { id: 'ana', name: 'Ana Keller' },
    { id: 'ben', name: 'Ben Osei' },
  ],
  ideas: [
    {
      id: 'i2',
      text: 'Automate the change approval',
      step: 'c',
      capability: 'streamlining-change-approval',
      votesBy: { ana: 2, ben: 0 },
      status: 'planned',
      owner: 'ana',
      due: '2027-03-31',
      effect: '-1w lead time',
    },
    { id: 'i1', text: 'Typed votes', votes: 4 },
    { id: 'i3', text: 'Dots field, no dots yet', votesBy: {} },
  ],
});

describe('a map in a Y.Doc', () => {
  const files = [...mapFiles(ASSET_EXAMPLES_DIR), ...mapFiles(EXAMPLES_DIR)];

  it.each(files)('gives back the same document: %s', (path) => {
    const document = parsed(path);
    const back = roundTrip(document);
    expect(back).toStrictEqual(document);
    expect(valid(back)).toStrictEqual(document);
  });

  it('finds the example maps it should', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it('gives back every field of every part, the order of every list and the votes as they were given', () => {
    const back = roundTrip(EVERYTHING);
    expect(back).toStrictEqual(EVERYTHING);
    expect(back.ideas.map((idea) => [idea.id, idea.votes, idea.votesBy])).toEqual([
      ['i2', 2, { ana: 2, ben: 0 }],
      ['i1', 4, undefined],
      ['i3', 0, {}],
    ]);
  });

  it('gives back a 500-step map, in well under a second', () => {
    const document = valid(randomMap({ seed: 14, size: 500 }));
    roundTrip(document); // once to warm up: the figure is a session's, not a cold start's
    const started = performance.now();
    const update = Y.encodeStateAsUpdate(toYDoc(document));
    const peer = new Y.Doc();
    Y.applyUpdate(peer, update);
    const back = fromYDoc(peer);
    const elapsed = performance.now() - started;
    expect(back).toStrictEqual(document);
    console.info(
      `500 steps, ${document.handoffs.length} handoffs: ${elapsed.toFixed(0)} ms, update ${update.length} bytes`,
    );
    expect(elapsed).toBeLessThan(1_000);
  });

  it('keeps both of two changes to different fields of one step made at once', () => {
    const ana = toYDoc(EVERYTHING);
    const ben = new Y.Doc();
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    liveMap(ana).parts.steps.get('b')!.set('name', 'Build and test');
    liveMap(ben).parts.steps.get('b')!.set('processTime', 180);
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    for (const doc of [ana, ben]) {
      expect(fromYDoc(doc).steps[0]).toMatchObject({ id: 'b', name: 'Build and test', processTime: 180 });
    }
  });

  it('keys a handoff by its pair of steps, whatever the ids hold', () => {
    expect(handoffKey('a","b', 'c')).not.toBe(handoffKey('a', 'b","c'));
    expect([...liveMap(toYDoc(EVERYTHING)).parts.handoffs.keys()]).toContain(handoffKey('c', 'b'));
  });

  it('gives back a copy: changing the document read does not change the Y.Doc', () => {
    const doc = toYDoc(EVERYTHING);
    const read = fromYDoc(doc);
    read.steps[1]!.position!.x = 999;
    expect(fromYDoc(doc).steps[1]!.position).toEqual({ x: -10.5, y: 20 });
  });
});

describe('live ids', () => {
  it('are random, 128 bits after a prefix, and valid ids of a map', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('step'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^step-[0-9a-hjkmnp-tv-z]{26}$/);
    expect(newId('participant')).toMatch(/^person-/);
    const document = map({ steps: ids.slice(0, 3).map((id) => ({ id, name: id, processTime: 1 })) });
    expect(validateDocument(document).ok).toBe(true);
  });
});
