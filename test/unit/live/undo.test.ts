import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { connect, removeParticipant, setDots, updatePart } from '../../../shared/live/edits';
import { repair } from '../../../shared/live/repair';
import { personalUndo } from '../../../shared/live/undo';
import { fromYDoc, handoffKey, liveMap, toYDoc } from '../../../shared/live/ydoc';
import { map } from '../helpers';

const BASE = map({
  steps: [
    { id: 'a', name: 'Plan', processTime: 10 },
    { id: 'b', name: 'Build', processTime: 20 },
    { id: 'c', name: 'Test', processTime: 30 },
  ],
  handoffs: [{ from: 'a', to: 'b' }],
  participants: [
    { id: 'fay', name: 'Fay (facilitator)' },
    { id: 'ben', name: 'Ben' },
    { id: 'cat', name: 'Cat' },
  ],
  ideas: [{ id: 'i1', text: 'Automate the tests', votesBy: {} }],
});

/** The facilitator's Y.Doc and a participant's, kept in sync both ways as a provider would. */
function connected() {
  const facilitator = toYDoc(BASE);
  const participant = new Y.Doc();
  Y.applyUpdate(participant, Y.encodeStateAsUpdate(facilitator));
  facilitator.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(participant, update, 'remote');
  });
  participant.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(facilitator, update, 'remote');
  });
  return { facilitator: liveMap(facilitator), participant: liveMap(participant) };
}

const dotsOn = (doc: Y.Doc) => fromYDoc(doc).ideas[0]!.votesBy;

describe("each person's own undo", () => {
  it("undoes the facilitator's dots and leaves a participant's dots on the same idea", () => {
    const { facilitator, participant } = connected();
    const undo = personalUndo(facilitator, 'fay', 0);
    setDots(facilitator, 'i1', 'fay', 1, 'fay');
    setDots(participant, 'i1', 'ben', 2, 'ben');
    setDots(facilitator, 'i1', 'fay', 2, 'fay');
    expect(dotsOn(participant.doc)).toEqual({ fay: 2, ben: 2 });
    undo.undo();
    expect(dotsOn(participant.doc)).toEqual({ fay: 1, ben: 2 });
    undo.undo();
    expect(dotsOn(facilitator.doc)).toEqual({ ben: 2 });
    expect(dotsOn(participant.doc)).toEqual({ ben: 2 });
    expect(undo.canUndo()).toBe(false);
    undo.redo();
    expect(dotsOn(participant.doc)).toEqual({ fay: 1, ben: 2 });
  });

  it("gives a participant an undo of their own that does not reach the facilitator's edits", () => {
    const { facilitator, participant } = connected();
    const benUndo = personalUndo(participant, 'ben', 0);
    updatePart(facilitator, 'steps', 'a', { name: 'Plan the work' }, 'fay');
    setDots(participant, 'i1', 'ben', 1, 'ben');
    benUndo.undo();
    expect(fromYDoc(facilitator.doc).steps[0]!.name).toBe('Plan the work');
    expect(dotsOn(facilitator.doc)).toEqual({});
    expect(benUndo.canUndo()).toBe(false);
  });

  it('brings back a participant the facilitator removed, with their dots, and keeps the dots others placed since', () => {
    const { facilitator, participant } = connected();
    const undo = personalUndo(facilitator, 'fay', 0);
    setDots(participant, 'i1', 'ben', 3, 'ben');
    removeParticipant(facilitator, 'ben', 'fay');
    setDots(participant, 'i1', 'cat', 1, 'cat');
    expect(dotsOn(facilitator.doc)).toEqual({ cat: 1 });
    undo.undo();
    expect(fromYDoc(participant.doc).participants.map(({ id }) => id)).toEqual(['fay', 'ben', 'cat']);
    expect(dotsOn(participant.doc)).toEqual({ ben: 3, cat: 1 });
  });

  it('does not track the repair: undo after a repair undoes the person’s own edit, not the repair', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { facilitator, participant } = connected();
    const undo = personalUndo(facilitator, 'fay', 0);
    // Made apart (as if the Wi-Fi dropped): two handoffs that close a cycle once merged; Fay's is the newer.
    const [fays, bens] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(fays, Y.encodeStateAsUpdate(facilitator.doc));
    Y.applyUpdate(bens, Y.encodeStateAsUpdate(participant.doc));
    connect(liveMap(bens), { from: 'c', to: 'a' }, 'ben');
    vi.setSystemTime(Date.now() + 1_000);
    connect(liveMap(fays), { from: 'b', to: 'c' }, 'fay');
    vi.useRealTimers();
    Y.applyUpdate(facilitator.doc, Y.encodeStateAsUpdate(fays), 'fay');
    Y.applyUpdate(participant.doc, Y.encodeStateAsUpdate(bens), 'ben');
    expect(repair(facilitator.doc).map(({ key }) => key)).toEqual([handoffKey('b', 'c')]);
    undo.undo();
    for (const doc of [facilitator.doc, participant.doc]) {
      expect(fromYDoc(doc).handoffs.map(({ from, to }) => handoffKey(from, to))).toEqual([
        handoffKey('a', 'b'),
        handoffKey('c', 'a'),
      ]);
    }
    expect(repair(facilitator.doc)).toEqual([]);
  });
});
