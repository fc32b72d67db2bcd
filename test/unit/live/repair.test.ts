import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  claimClient,
  connect,
  removePart,
  removeParticipant,
  removeStep,
  removeTeam,
  setDots,
  updatePart,
} from '../../../shared/live/edits';
import { repair, type Undone } from '../../../shared/live/repair';
import { fromYDoc, handoffKey, liveMap, type LiveMap, toYDoc } from '../../../shared/live/ydoc';
import type { VsmDocument } from '../../../shared/model/schema';
import { validateDocument } from '../../../shared/model/validate';
import { map } from '../helpers';

const BASE = map({
  teams: [{ id: 'dev', name: 'Development' }],
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
  ideas: [{ id: 'i1', text: 'Automate the tests', step: 'a', votesBy: { ana: 1 } }],
});

/** The facilitator's map and two people's copies of it, each claimed by its person. */
function session(document: VsmDocument = BASE) {
  const ana = toYDoc(document);
  const ben = new Y.Doc();
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
  claimClient(liveMap(ana), 'ana');
  claimClient(liveMap(ben), 'ben');
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
  Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
  return { ana, ben };
}

/**
 * Each person's edits made apart, then merged both ways (each side gets the other's updates) and
 * repaired on both sides: answers both sides' reports and maps.
 */
function editApartThenMerge(
  anaEdits: (live: LiveMap) => void,
  benEdits: (live: LiveMap) => void,
  document: VsmDocument = BASE,
) {
  const { ana, ben } = session(document);
  const [anaBefore, benBefore] = [Y.encodeStateVector(ana), Y.encodeStateVector(ben)];
  anaEdits(liveMap(ana));
  vi.setSystemTime(Date.now() + 1_000); // Ben's edits are the later ones
  benEdits(liveMap(ben));
  for (const doc of [ana, ben]) expect(validateDocument(fromYDoc(doc)).ok, 'each side alone is valid').toBe(true);
  const anaChanges = Y.encodeStateAsUpdate(ana, benBefore);
  const benChanges = Y.encodeStateAsUpdate(ben, anaBefore);
  Y.applyUpdate(ana, benChanges, 'remote');
  Y.applyUpdate(ben, anaChanges, 'remote');
  const reports = [repair(ana), repair(ben)];
  return { ana, ben, reports };
}

function expectSameAndValid({ ana, ben, reports }: ReturnType<typeof editApartThenMerge>): Undone[] {
  expect(reports[1]).toEqual(reports[0]);
  expect(fromYDoc(ben)).toStrictEqual(fromYDoc(ana));
  const checked = validateDocument(fromYDoc(ana));
  expect(checked.ok ? [] : checked.issues).toEqual([]);
  // The two repairs, sent to each other, agree too: nothing more to repair on either side.
  Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
  expect(fromYDoc(ben)).toStrictEqual(fromYDoc(ana));
  expect([repair(ana), repair(ben)]).toEqual([[], []]);
  return reports[0]!;
}

const clientOf = (live: LiveMap) => live.doc.clientID;

describe('the repair after a merge', () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  afterEach(() => vi.setSystemTime(new Date('2026-12-02T10:00:00Z')));

  it('turns the newer of two handoffs that close a cycle into a rework loop back, and says whose it was', () => {
    let benClient = 0;
    const merged = editApartThenMerge(
      (ana) => {
        connect(ana, { from: 'b', to: 'c' }, 'ana');
      },
      (ben) => {
        benClient = clientOf(ben);
        connect(ben, { from: 'c', to: 'a' }, 'ben');
      },
    );
    const report = expectSameAndValid(merged);
    expect(report).toEqual([
      {
        rule: 'cycle',
        part: 'handoffs',
        key: handoffKey('c', 'a'),
        field: 'rework',
        client: benClient,
        participant: 'ben',
        message:
          'The handoff "Test" → "Plan" closed a cycle of forward handoffs with changes made at the same time: it is a rework loop back now.',
      },
    ]);
    // Both handoffs went in at the end at once: their order is the random ends of their keys'.
    const handoffs = fromYDoc(merged.ana).handoffs;
    expect(handoffs[0]).toEqual({ from: 'a', to: 'b', waitTime: 0 });
    expect(handoffs.slice(1)).toHaveLength(2);
    expect(handoffs).toContainEqual({ from: 'b', to: 'c', waitTime: 0 });
    expect(handoffs).toContainEqual({ from: 'c', to: 'a', waitTime: 0, rework: 0.2 });
  });

  it('takes the newer by the clock whichever side it is on', () => {
    const merged = editApartThenMerge(
      (ana) => {
        connect(ana, { from: 'c', to: 'a' }, 'ana');
      },
      (ben) => {
        connect(ben, { from: 'b', to: 'c' }, 'ben');
      },
    );
    expect(expectSameAndValid(merged).map(({ key, participant }) => [key, participant])).toEqual([
      [handoffKey('b', 'c'), 'ben'],
    ]);
  });

  it('turns a rework loop made forward back into a loop when, with a path made at the same time, it closes a cycle', () => {
    const withLoop = map({ ...BASE, handoffs: [...BASE.handoffs, { from: 'b', to: 'a', rework: 0.1 }] });
    const merged = editApartThenMerge(
      (ana) => {
        connect(ana, { from: 'a', to: 'c' }, 'ana');
        connect(ana, { from: 'c', to: 'b' }, 'ana');
      },
      (ben) => {
        removePart(ben, 'handoffs', handoffKey('a', 'b'), 'ben');
        updatePart(ben, 'handoffs', handoffKey('b', 'a'), { rework: null }, 'ben');
      },
      withLoop,
    );
    expect(expectSameAndValid(merged).map(({ rule, key, participant }) => [rule, key, participant])).toEqual([
      ['cycle', handoffKey('b', 'a'), 'ben'],
    ]);
  });

  it('removes a handoff made to a step removed at the same time', () => {
    const merged = editApartThenMerge(
      (ana) => {
        removeStep(ana, 'c', 'ana');
      },
      (ben) => {
        connect(ben, { from: 'b', to: 'c' }, 'ben');
      },
    );
    expect(expectSameAndValid(merged).map(({ rule, key, participant }) => [rule, key, participant])).toEqual([
      ['step-removed', handoffKey('b', 'c'), 'ben'],
    ]);
    expect(fromYDoc(merged.ana).handoffs).toEqual([{ from: 'a', to: 'b', waitTime: 0 }]);
  });

  it('takes an idea off a step removed at the same time, and a step out of a team removed at the same time', () => {
    const merged = editApartThenMerge(
      (ana) => {
        removeStep(ana, 'c', 'ana');
        removeTeam(ana, 'dev', 'ana');
      },
      (ben) => {
        updatePart(ben, 'ideas', 'i1', { step: 'c' }, 'ben');
        updatePart(ben, 'steps', 'b', { team: 'dev' }, 'ben');
      },
    );
    expect(
      expectSameAndValid(merged).map(({ rule, key, field, participant }) => [rule, key, field, participant]),
    ).toEqual([
      ['team-removed', 'b', 'team', 'ben'],
      ['idea-step-removed', 'i1', 'step', 'ben'],
    ]);
    expect(fromYDoc(merged.ana).ideas[0]).not.toHaveProperty('step');
  });

  it('removes the dots and the ownership of a participant removed at the same time, and keeps the others’ dots', () => {
    const merged = editApartThenMerge(
      (ana) => {
        removeParticipant(ana, 'ben', 'ana');
      },
      (ben) => {
        setDots(ben, 'i1', 'ben', 2, 'ben');
        updatePart(ben, 'ideas', 'i1', { owner: 'ben' }, 'ben');
      },
    );
    expect(expectSameAndValid(merged).map(({ rule, field, participant }) => [rule, field, participant])).toEqual([
      ['owner-removed', 'owner', 'ben'],
      ['dots-of-removed', 'ben', 'ben'],
    ]);
    expect(fromYDoc(merged.ana).ideas[0]).toMatchObject({ votes: 1, votesBy: { ana: 1 } });
  });

  it('removes a rework loop whose way back was cut at the same time', () => {
    const chain = map({ ...BASE, handoffs: [...BASE.handoffs, { from: 'b', to: 'c' }] });
    const merged = editApartThenMerge(
      (ana) => {
        removePart(ana, 'handoffs', handoffKey('a', 'b'), 'ana');
      },
      (ben) => {
        connect(ben, { from: 'c', to: 'a', rework: 0.3 }, 'ben');
      },
      chain,
    );
    expect(expectSameAndValid(merged).map(({ rule, key, participant }) => [rule, key, participant])).toEqual([
      ['rework-not-back', handoffKey('c', 'a'), 'ben'],
    ]);
  });

  it('needs no repair for two handoffs of one pair made at once: the pair is one key, one of them stays', () => {
    const merged = editApartThenMerge(
      (ana) => {
        connect(ana, { from: 'b', to: 'c', waitTime: 60 }, 'ana');
      },
      (ben) => {
        connect(ben, { from: 'b', to: 'c', waitTime: 120 }, 'ben');
      },
    );
    expect(expectSameAndValid(merged)).toEqual([]);
    expect(fromYDoc(merged.ana).handoffs.filter((handoff) => handoff.from === 'b')).toHaveLength(1);
  });

  it('repairs many conflicts at once the same way on both sides', () => {
    const merged = editApartThenMerge(
      (ana) => {
        connect(ana, { from: 'b', to: 'c' }, 'ana');
        removeParticipant(ana, 'ben', 'ana');
        removeTeam(ana, 'dev', 'ana');
      },
      (ben) => {
        connect(ben, { from: 'c', to: 'a' }, 'ben');
        setDots(ben, 'i1', 'ben', 3, 'ben');
        updatePart(ben, 'steps', 'a', { team: 'dev' }, 'ben');
      },
    );
    expect(expectSameAndValid(merged).map(({ rule }) => rule)).toEqual(['team-removed', 'dots-of-removed', 'cycle']);
  });

  it('leaves a valid map alone', () => {
    const { ana } = session();
    const before = Y.encodeStateVector(ana);
    expect(repair(ana)).toEqual([]);
    expect(Y.encodeStateVector(ana)).toEqual(before);
  });
});
