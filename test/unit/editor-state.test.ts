import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/handlers';
import { SAVE_DELAY_MS, startAutosave, takeDraft, type DraftStorage } from '../../renderer/state/autosave';
import { createEditorStore, deleteSelection, editAndSelectNewSteps, redo, undo } from '../../renderer/state/editor';
import { dropTarget, layoutMap } from '../../shared/picture/layout';
import { addStep, connect, duplicateSteps, updateStep } from '../../shared/model/commands';
import { tempLibrary } from './store/helpers';
import type { SavedMap } from '../../shared/api/types';
import type { VsmDocument } from '../../shared/model/schema';
import { map, valid } from './helpers';

/** Web Storage as the browser gives it, in memory. */
function memoryStorage(): DraftStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openWithLibrary() {
  const library = tempLibrary();
  const opened = library.createStream('Editing');
  const store = createEditorStore(opened);
  // As the window saves: through the API, which validates the document and answers with the revision.
  const save = async (id: string, document: VsmDocument, baseRevision: number) => {
    const answer = await dispatch({ library }, 'saveMap', { id, document, baseRevision });
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    return answer.value as SavedMap;
  };
  return { library, opened, store, save };
}

describe('the editor store', () => {
  it('applies commands, refuses bad ones with their reason, and undoes and redoes edits only', () => {
    const { store } = openWithLibrary();
    expect(
      store.getState().edit((document) => addStep(document, { id: 'a', name: 'A', processTime: 60 })),
    ).toBeUndefined();
    store.getState().select({ kind: 'steps', ids: ['a'] });
    expect(store.getState().edit((document) => updateStep(document, 'a', { leadTime: 30 }))).toMatch(
      /shorter than the process time/,
    );
    store.getState().edit((document) => updateStep(document, 'a', { leadTime: 120 }));
    expect(store.getState().document.steps[0]?.leadTime).toBe(120);
    expect(store.temporal.getState().pastStates).toHaveLength(2);

    undo(store);
    expect(store.getState().document.steps[0]?.leadTime).toBe(60);
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a'] });
    undo(store);
    expect(store.getState().document.steps).toEqual([]);
    redo(store);
    redo(store);
    expect(store.getState().document.steps[0]?.leadTime).toBe(120);
  });
});

describe('edits that add or delete', () => {
  it('select the step an edit adds, and delete what is selected', () => {
    const { store } = openWithLibrary();
    expect(
      editAndSelectNewSteps(store, (document) => addStep(document, { id: 'a', name: 'A', processTime: 5 })),
    ).toBeUndefined();
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a'] });
    expect(editAndSelectNewSteps(store, (document) => duplicateSteps(document, ['a']))).toBeUndefined();
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a-copy'] });
    store.getState().edit((document) => connect(document, { from: 'a', to: 'a-copy' }));
    expect(editAndSelectNewSteps(store, (document) => duplicateSteps(document, ['nope']))).toBe(
      'There is no step "nope".',
    );
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a-copy'] });

    store.getState().select({ kind: 'handoff', from: 'a', to: 'a-copy' });
    deleteSelection(store);
    expect(store.getState().document.handoffs).toEqual([]);
    expect(store.getState().selection).toBeUndefined();
    store.getState().select({ kind: 'steps', ids: ['a'] });
    deleteSelection(store);
    expect(store.getState().document.steps.map((step) => step.id)).toEqual(['a-copy']);
  });

  it('duplicate several steps with the handoff between them, and delete several in one undo step', () => {
    const { store } = openWithLibrary();
    const { edit } = store.getState();
    edit((document) => addStep(document, { id: 'a', name: 'A', processTime: 5 }));
    edit((document) => addStep(document, { id: 'b', name: 'B', processTime: 5 }));
    edit((document) => connect(document, { from: 'a', to: 'b' }));
    expect(editAndSelectNewSteps(store, (document) => duplicateSteps(document, ['a', 'b']))).toBeUndefined();
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a-copy', 'b-copy'] });
    expect(store.getState().document.handoffs.map((handoff) => `${handoff.from}>${handoff.to}`)).toEqual([
      'a>b',
      'a-copy>b-copy',
    ]);
    deleteSelection(store);
    expect(store.getState().document.steps.map((step) => step.id)).toEqual(['a', 'b']);
    undo(store);
    expect(store.getState().document.steps.map((step) => step.id)).toEqual(['a', 'b', 'a-copy', 'b-copy']);
  });
});

describe('autosave', () => {
  it('saves shortly after an edit, with a local draft until the save is done', async () => {
    const { library, opened, store, save } = openWithLibrary();
    const storage = memoryStorage();
    const autosave = startAutosave(store, save, storage);
    store.getState().edit((document) => addStep(document, { id: 'a', name: 'A', processTime: 60 }));
    expect(store.getState().save.status).toBe('unsaved');
    expect(storage.items.size).toBe(1);
    await wait(SAVE_DELAY_MS + 100);
    expect(store.getState().save.status).toBe('saved');
    expect(store.getState().revision).toBe(2);
    expect(library.openMap(opened.summary.id).document.steps.map((step) => step.id)).toEqual(['a']);
    expect(storage.items.size).toBe(0);

    undo(store);
    await autosave.flush();
    expect(library.openMap(opened.summary.id).document.steps).toEqual([]);
    autosave.stop();
  });

  it('shows a conflict and overwrites nothing when the map changed elsewhere', async () => {
    const { library, opened, store, save } = openWithLibrary();
    const autosave = startAutosave(store, save, memoryStorage());
    library.saveMap(opened.summary.id, valid({ ...opened.document, name: 'Changed in another window' }), 1);
    store.getState().edit((document) => addStep(document, { id: 'mine', name: 'Mine', processTime: 5 }));
    await autosave.flush();
    expect(store.getState().save.status).toBe('conflict');
    expect(store.getState().save.message).toMatch(/changed since revision 1/);
    expect(library.openMap(opened.summary.id).document.name).toBe('Changed in another window');
    autosave.stop();
  });

  it('gives back the draft of a window closed before its save, when the map did not move on', () => {
    const storage = memoryStorage();
    const { opened, store, save } = openWithLibrary();
    const autosave = startAutosave(store, save, storage);
    store.getState().edit((document) => addStep(document, { id: 'late', name: 'Late', processTime: 5 }));
    autosave.stop(); // the window closed before the save
    const draft = takeDraft(storage, opened.summary.id, opened.revision);
    expect(draft?.steps.map((step) => step.id)).toEqual(['late']);
    expect(takeDraft(storage, opened.summary.id, opened.revision)).toBeUndefined();
    storage.setItem(`flowmap:draft:${opened.summary.id}`, JSON.stringify({ base: 7, document: draft }));
    expect(takeDraft(storage, opened.summary.id, opened.revision)).toBeUndefined();
  });
});

describe('the canvas layout', () => {
  const document = map({
    teams: [
      { id: 'biz', name: 'Business' },
      { id: 'dev', name: 'Development' },
    ],
    steps: [
      { id: 'a', name: 'A', processTime: 1, team: 'biz' },
      { id: 'b', name: 'B', processTime: 1, team: 'dev' },
      { id: 'c', name: 'C', processTime: 1, team: 'dev' },
      { id: 'd', name: 'D', processTime: 1 },
    ],
    handoffs: [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
    ],
  });

  it('puts teams in lanes, steps after those they follow, never two on one spot', () => {
    const layout = layoutMap(document);
    expect(layout.lanes.map((lane) => [lane.name, lane.team])).toEqual([
      ['Business', 'biz'],
      ['Development', 'dev'],
      ['No team', undefined],
    ]);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => layout.positions.get(id)!);
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(c!.x).toBeGreaterThan(b!.x);
    expect(b!.y).toBe(c!.y);
    expect(layout.positions.get('d')!.y).toBeGreaterThanOrEqual(layout.lanes[2]!.y);
  });

  it('keeps a step in its team lane by its offset, and finds the lane a step is dropped in', () => {
    const placed = map({
      ...document,
      steps: document.steps.map((step) => (step.id === 'b' ? { ...step, position: { x: 900, y: 200 } } : step)),
    });
    const layout = layoutMap(placed);
    const dev = layout.lanes[1]!;
    expect(layout.positions.get('b')).toEqual({ x: 900, y: dev.y + 200 });
    expect(dev.height).toBeGreaterThanOrEqual(200 + 112);
    const target = dropTarget(layout, 400, layout.lanes[0]!.y + 10);
    expect(target).toEqual({ lane: layout.lanes[0], position: { x: 400, y: 12 } });
    expect(dropTarget(layout, 400, layout.height + 500)?.lane.team).toBeUndefined();
  });
});
