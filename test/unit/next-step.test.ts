import { describe, expect, it } from 'vitest';
import { addStepAfter, createEditorStore, flowEnd, undo } from '../../renderer/state/editor';
import type { OpenedMap } from '../../shared/api/types';
import { layoutMap, STEP_HEIGHT, STEP_WIDTH } from '../../shared/picture/layout';
import { map } from './helpers';

const document = map({
  name: 'Next steps',
  teams: [
    { id: 'dev', name: 'Development' },
    { id: 'ops', name: 'Operations' },
  ],
  steps: [
    { id: 'build', name: 'Build', team: 'dev', processTime: 60, position: { x: 230, y: 24 } },
    // Where the step after Build would go.
    { id: 'test', name: 'Test', team: 'dev', processTime: 60, position: { x: 560, y: 30 } },
  ],
  handoffs: [],
});
const open = () =>
  createEditorStore({
    summary: { id: 'map' },
    document,
    revision: 1,
  } as unknown as OpenedMap);

describe('adding the next step', () => {
  it('adds it after a step, connected with its wait, in the lane, covering no step, selected; a rename goes into the same undo step', () => {
    const store = open();
    const refusal = addStepAfter(
      store,
      { team: 'dev', after: 'build', name: 'Review', processTime: 30, leadTime: 120, waitTime: 240 },
      [{ op: 'updateStep', id: 'build', fields: { name: 'Write code' } }],
    );
    expect(refusal).toBeUndefined();
    const now = store.getState().document;
    const added = now.steps.at(-1)!;
    expect(added).toMatchObject({ id: 'review', name: 'Review', team: 'dev', processTime: 30, leadTime: 120 });
    expect(now.handoffs).toEqual([{ from: 'build', to: 'review', waitTime: 240 }]);
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['review'] });
    const { positions } = layoutMap(now);
    const box = positions.get('review')!;
    for (const [id, other] of positions) {
      if (id === 'review') continue;
      expect(Math.abs(box.x - other.x) >= STEP_WIDTH || Math.abs(box.y - other.y) >= STEP_HEIGHT).toBe(true);
    }
    expect(box.x).toBeGreaterThan(positions.get('build')!.x);

    undo(store);
    expect(store.getState().document).toBe(document);
  });

  it('is refused as a whole, naming the field, when a part of it breaks a rule', () => {
    const store = open();
    expect(addStepAfter(store, { team: 'dev', after: 'build', percentCompleteAccurate: 120 })).toBe(
      'New step: %C&A must be at most 100, not 120 (a percentage from 0 to 100)',
    );
    expect(store.getState().document).toBe(document);
  });

  it('continues a flow from its last step that hands off to none', () => {
    expect(flowEnd(document)).toBe('test');
    expect(flowEnd({ ...document, handoffs: [{ from: 'test', to: 'build', waitTime: 0 }] })).toBe('build');
    expect(flowEnd({ ...document, steps: [] })).toBeUndefined();
  });
});
