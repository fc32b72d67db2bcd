import { describe, expect, it } from 'vitest';
import { clearPositions, PASTE_OFFSET } from '../../shared/model/commands';
import { applyOperation, duplicateStepsOperation } from '../../shared/model/operations';
import type { VsmDocument } from '../../shared/model/schema';
import {
  freeOffset,
  insertPlace,
  layoutMap,
  nextStepPlace,
  STEP_HEIGHT,
  STEP_WIDTH,
} from '../../shared/picture/layout';
import { randomMap } from '../fixtures/random-map';
import { map } from './helpers';

const teams = [
  { id: 'product', name: 'Product' },
  { id: 'dev', name: 'Development' },
  { id: 'ops', name: 'Operations' },
];

/** Whether two steps' boxes (top-left corners) overlap. */
const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < STEP_WIDTH && Math.abs(a.y - b.y) < STEP_HEIGHT;

describe('auto layout', () => {
  it('keeps the left-to-right order of steps that have no handoffs yet, across lanes', () => {
    const document = map({
      name: 'Typed in',
      teams,
      steps: [
        { id: 'idea', name: 'Idea', team: 'product', processTime: 60, position: { x: 300, y: 24 } },
        { id: 'spec', name: 'Spec', team: 'product', processTime: 60, position: { x: 600, y: 24 } },
        { id: 'build', name: 'Build', team: 'dev', processTime: 60, position: { x: 900, y: 24 } },
        { id: 'deploy', name: 'Deploy', team: 'ops', processTime: 60, position: { x: 1200, y: 24 } },
      ],
      handoffs: [],
    });
    const cleared = clearPositions(document);
    if (!cleared.ok) throw new Error(cleared.error);
    const { positions } = layoutMap(cleared.document);
    const xs = ['idea', 'spec', 'build', 'deploy'].map((id) => positions.get(id)!.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(4);
  });

  it('still places connected steps after the steps they follow', () => {
    const document = map({
      name: 'Connected',
      teams,
      steps: [
        { id: 'deploy', name: 'Deploy', team: 'ops', processTime: 60 },
        { id: 'build', name: 'Build', team: 'dev', processTime: 60 },
        { id: 'note', name: 'Unconnected', team: 'dev', processTime: 60 },
      ],
      handoffs: [{ from: 'build', to: 'deploy' }],
    });
    const { positions } = layoutMap(document);
    expect(positions.get('deploy')!.x).toBeGreaterThan(positions.get('build')!.x);
    expect(overlap(positions.get('note')!, positions.get('build')!)).toBe(false);
  });
});

describe('the place of a new step', () => {
  const document: VsmDocument = map({
    name: 'Places',
    teams,
    steps: [
      { id: 'idea', name: 'Idea', team: 'product', processTime: 60, position: { x: 230, y: 24 } },
      // Where a step after "Idea" would go: the new one goes past it.
      { id: 'spec', name: 'Spec', team: 'product', processTime: 60, position: { x: 600, y: 60 } },
      { id: 'build', name: 'Build', team: 'dev', processTime: 60, position: { x: 550, y: 24 } },
    ],
    handoffs: [],
  });
  const layout = layoutMap(document);
  const product = layout.lanes.find((lane) => lane.team === 'product')!;

  it('goes right of the step it follows, at its height in the same lane, past a step that stands there', () => {
    const place = nextStepPlace(layout, document, 'product', 'idea');
    expect(place.y).toBe(24);
    expect(place.x).toBeGreaterThanOrEqual(600 + STEP_WIDTH);
    const ops = nextStepPlace(layout, document, 'ops', 'build');
    expect(ops.x).toBe(550 + STEP_WIDTH + 100);
  });

  it('goes right of the last step of its lane when it follows none', () => {
    const place = nextStepPlace(layout, document, 'product');
    expect(place.x).toBeGreaterThanOrEqual(600 + STEP_WIDTH);
    expect(product.y + place.y).toBeLessThan(product.y + product.height);
  });

  it('goes into a handoff where asked, else the row below, else right of it', () => {
    expect(insertPlace(layout, 'ops', { x: 230, y: 24 })).toEqual({ x: 230, y: 24 });
    // Where Build stands: the row below is free.
    expect(insertPlace(layout, 'dev', { x: 500, y: 24 })).toEqual({ x: 500, y: 24 + STEP_HEIGHT + 24 });
    const crowded = map({
      name: 'Crowded',
      teams,
      steps: [
        { id: 'a', name: 'A', team: 'dev', processTime: 60, position: { x: 230, y: 24 } },
        { id: 'b', name: 'B', team: 'dev', processTime: 60, position: { x: 230, y: 160 } },
      ],
      handoffs: [],
    });
    expect(insertPlace(layoutMap(crowded), 'dev', { x: 230, y: 24 })).toEqual({ x: 230 + STEP_WIDTH + 100, y: 24 });
  });

  it('never covers a step, on random maps', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = randomMap({ seed, size: 30, teams: 3 });
      const randomLayout = layoutMap(random);
      for (const after of random.steps.slice(0, 10)) {
        for (const team of random.teams.map((one) => one.id)) {
          const place = nextStepPlace(randomLayout, random, team, after.id);
          const lane = randomLayout.lanes.find((one) => one.team === team)!;
          const box = { x: place.x, y: lane.y + place.y };
          for (const other of randomLayout.positions.values()) expect(overlap(box, other)).toBe(false);
        }
      }
    }
  });
});

describe('copies of steps (paste, duplicate)', () => {
  const document: VsmDocument = map({
    name: 'Copies',
    teams,
    steps: [
      { id: 'idea', name: 'Idea', team: 'product', processTime: 60, position: { x: 230, y: 24 } },
      { id: 'spec', name: 'Spec', team: 'product', processTime: 60, position: { x: 550, y: 24 } },
      { id: 'build', name: 'Build', team: 'dev', processTime: 60, position: { x: 230, y: 24 } },
    ],
    handoffs: [],
  });

  /** The steps of the document after duplicating these, each covering no other. */
  const duplicated = (ids: string[]) => {
    const offset = freeOffset(
      layoutMap(document),
      document,
      document.steps.filter((step) => ids.includes(step.id)),
      PASTE_OFFSET,
    );
    const result = applyOperation(document, duplicateStepsOperation(document, ids, offset));
    if (!result.ok) throw new Error(result.error);
    return result.document;
  };

  it('stand where they cover no step, and keep their places relative to each other', () => {
    for (const ids of [['idea'], ['idea', 'build'], ['idea', 'spec', 'build']]) {
      const after = duplicated(ids);
      const boxes = [...layoutMap(after).positions.values()];
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          expect(Math.abs(a.x - b.x) < STEP_WIDTH && Math.abs(a.y - b.y) < STEP_HEIGHT, ids.join(',')).toBe(false);
        }
      }
      const copies = after.steps.slice(document.steps.length);
      const dx = copies[0]!.position!.x - document.steps.find((step) => step.id === ids[0])!.position!.x;
      copies.forEach((copy, i) => {
        expect(copy.position!.x - document.steps.find((step) => step.id === ids[i])!.position!.x).toBe(dx);
      });
    }
  });

  it('go where they are copied from, nudged, when that covers nothing', () => {
    const empty = map({ name: 'Empty', teams, steps: [], handoffs: [] });
    const copied = [{ team: 'product', position: { x: 230, y: 24 } }];
    expect(freeOffset(layoutMap(empty), empty, copied, PASTE_OFFSET)).toEqual(PASTE_OFFSET);
  });
});
