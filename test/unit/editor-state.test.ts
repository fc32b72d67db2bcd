import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/handlers';
import {
  type DraftStorage,
  readDraft,
  refusedDraftKey,
  SAVE_DELAY_MS,
  startAutosave,
} from '../../renderer/state/autosave';
import {
  applyPendingOn,
  createEditorStore,
  deleteSelection,
  editAndSelectNewSteps,
  pendingOperations,
  redo,
  undo,
} from '../../renderer/state/editor';
import { dropTarget, layoutMap } from '../../shared/picture/layout';
import { duplicateStepsOperation, type Operation } from '../../shared/model/operations';
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

const addA: Operation = { op: 'addStep', step: { id: 'a', name: 'A', processTime: 60 } };

describe('the editor store', () => {
  it('applies commands, refuses bad ones with their reason, and undoes and redoes edits only', () => {
    const { store } = openWithLibrary();
    expect(store.getState().edit(addA)).toBeUndefined();
    store.getState().select({ kind: 'steps', ids: ['a'] });
    expect(store.getState().edit({ op: 'updateStep', id: 'a', fields: { leadTime: 30 } })).toMatch(
      /shorter than the process time/,
    );
    store.getState().edit({ op: 'updateStep', id: 'a', fields: { leadTime: 120 } });
    expect(
      store.getState().edit({ op: 'updateStep', id: 'a', fields: { leadTime: Number.POSITIVE_INFINITY } }),
    ).toMatch(/^Not a valid edit: \[0\]\.fields\.leadTime: /);
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

describe('the room’s dots', () => {
  it('brings back the votes counted by hand that the first dot replaced, in one undo', () => {
    const { store } = openWithLibrary();
    const { edit } = store.getState();
    edit({ op: 'addParticipant', id: 'ana', name: 'Ana' });
    edit({ op: 'addIdea', idea: { id: 'i1', text: 'Deploy on green', votes: 5 } });
    expect(edit({ op: 'moveDot', idea: 'i1', participant: 'ana', by: 1, budget: 3 })).toBeUndefined();
    expect(store.getState().document.ideas[0]).toMatchObject({ votes: 1, votesBy: { ana: 1 } });
    undo(store);
    expect(store.getState().document.ideas[0]).toEqual({ id: 'i1', text: 'Deploy on green', votes: 5 });
  });
});

describe('edits that add or delete', () => {
  it("edits the map's notes as one undoable edit; an empty text removes them", () => {
    const { store } = openWithLibrary();
    const { edit } = store.getState();
    expect(edit({ op: 'updateMap', fields: { notes: 'Parking lot: who owns staging?' } })).toBeUndefined();
    expect(store.getState().document.notes).toBe('Parking lot: who owns staging?');
    expect(edit({ op: 'updateMap', fields: { notes: null } })).toBeUndefined();
    expect('notes' in store.getState().document).toBe(false);
    undo(store);
    expect(store.getState().document.notes).toBe('Parking lot: who owns staging?');
    undo(store);
    expect(store.getState().document.notes).toBeUndefined();
    redo(store);
    expect(store.getState().document.notes).toBe('Parking lot: who owns staging?');
  });

  it('select the step an edit adds, and delete what is selected', () => {
    const { store } = openWithLibrary();
    expect(
      editAndSelectNewSteps(store, { op: 'addStep', step: { id: 'a', name: 'A', processTime: 5 } }),
    ).toBeUndefined();
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a'] });
    expect(editAndSelectNewSteps(store, duplicateStepsOperation(store.getState().document, ['a']))).toBeUndefined();
    expect(store.getState().selection).toEqual({ kind: 'steps', ids: ['a-copy'] });
    store.getState().edit({ op: 'connect', handoff: { from: 'a', to: 'a-copy' } });
    expect(editAndSelectNewSteps(store, { op: 'duplicateSteps', ids: ['nope'], newIds: [] })).toBe(
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
    edit({ op: 'addStep', step: { id: 'a', name: 'A', processTime: 5 } });
    edit({ op: 'addStep', step: { id: 'b', name: 'B', processTime: 5 } });
    edit({ op: 'connect', handoff: { from: 'a', to: 'b' } });
    expect(
      editAndSelectNewSteps(store, duplicateStepsOperation(store.getState().document, ['a', 'b'])),
    ).toBeUndefined();
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
    store.getState().edit(addA);
    expect(store.getState().save.status).toBe('unsaved');
    expect(storage.items.size).toBe(1);
    await wait(SAVE_DELAY_MS + 100);
    expect(store.getState().save.status).toBe('saved');
    expect(store.getState().revision).toBe(2);
    expect(library.openMap(opened.summary.id).document.steps.map((step) => step.id)).toEqual(['a']);
    expect(storage.items.size).toBe(0);

    undo(store);
    expect(storage.items.size).toBe(1);
    // Redo before the undo was saved: back at what is saved, so no draft of the undone state stays.
    redo(store);
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
    store.getState().edit({ op: 'addStep', step: { id: 'mine', name: 'Mine', processTime: 5 } });
    await autosave.flush();
    expect(store.getState().save.status).toBe('conflict');
    expect(store.getState().save.message).toMatch(/changed since revision 1/);
    expect(library.openMap(opened.summary.id).document.name).toBe('Changed in another window');
    autosave.stop();
  });

  it('never forgets the draft of another window on the map: a save forgets only its own window’s', async () => {
    const { opened, save } = openWithLibrary();
    // Two windows of one browser: one storage, one draft for the map.
    const storage = memoryStorage();
    const [first, second] = [createEditorStore(opened), createEditorStore(opened)];
    const firstSave = startAutosave(first, save, storage);
    const secondSave = startAutosave(second, save, storage);
    first.getState().edit(addA);
    // The second window edits while the first one's save is on its way; the first saves, the second is in conflict.
    second.getState().edit({ op: 'addStep', step: { id: 'mine', name: 'Mine', processTime: 5 } });
    await firstSave.flush();
    await secondSave.flush();
    expect(second.getState().save.status).toBe('conflict');
    secondSave.stop(); // the second window is closed
    const found = readDraft(storage, opened.summary.id, first.getState().revision);
    if (found.kind !== 'outdated') throw new Error(`expected the second window's draft, got ${found.kind}`);
    expect(found.draft.document.steps.map((step) => step.id)).toEqual(['mine']);
    firstSave.stop();
  });

  it('gives back the draft of a window closed before its save, and saves it', async () => {
    const storage = memoryStorage();
    const { library, opened, store, save } = openWithLibrary();
    const autosave = startAutosave(store, save, storage);
    store.getState().edit({ op: 'addStep', step: { id: 'late', name: 'Late', processTime: 5 } });
    autosave.stop(); // the window closed before the save
    const found = readDraft(storage, opened.summary.id, opened.revision);
    if (found.kind !== 'restored') throw new Error(`expected the draft back, got ${found.kind}`);
    expect(found.draft.document.steps.map((step) => step.id)).toEqual(['late']);
    expect(found.draft.operations).toEqual([{ op: 'addStep', step: { id: 'late', name: 'Late', processTime: 5 } }]);
    // Reading a draft does not use it up: it stays until its work is saved or kept some other way.
    expect(readDraft(storage, opened.summary.id, opened.revision)).toEqual(found);
    // Based on another revision (saved elsewhere since), and from before drafts kept their edits.
    storage.setItem(`flowmap:draft:${opened.summary.id}`, JSON.stringify({ base: 7, document: found.draft.document }));
    expect(readDraft(storage, opened.summary.id, opened.revision)).toEqual({
      kind: 'outdated',
      base: 7,
      draft: { document: found.draft.document, operations: undefined },
    });

    // Opened again with the draft: the work is there, unsaved, with the edits that made it.
    const again = createEditorStore(opened, found.draft);
    expect(again.getState().document).toBe(found.draft.document);
    expect(again.getState().save.status).toBe('unsaved');
    expect(pendingOperations(again.getState())).toEqual(found.draft.operations);
    const restarted = startAutosave(again, save, storage);
    expect(storage.items.size).toBe(1);
    await restarted.flush();
    expect(library.openMap(opened.summary.id).document.steps.map((step) => step.id)).toEqual(['late']);
    expect(storage.items.size).toBe(0);
    restarted.stop();
  });
});

describe('the pending list: the operations since the last save', () => {
  const rename = (name: string): Operation => ({ op: 'updateStep', id: 'a', fields: { name } });

  it('grows with each edit, keeps what a save did not carry, and follows undo and redo', async () => {
    const { store, save } = openWithLibrary();
    const storage = memoryStorage();
    const autosave = startAutosave(store, save, storage);
    store.getState().edit(addA);
    const saving = autosave.flush();
    store.getState().edit(rename('While saving'));
    await saving;
    // The save carried the step; the rename made during it is still to be saved.
    expect(store.getState().revision).toBe(2);
    expect(pendingOperations(store.getState())).toEqual([rename('While saving')]);
    expect(JSON.parse(storage.items.values().next().value!)).toMatchObject({
      base: 2,
      pending: [rename('While saving')],
    });
    await autosave.flush();
    expect(pendingOperations(store.getState())).toEqual([]);

    store.getState().edit(rename('Unsaved'));
    undo(store);
    expect(pendingOperations(store.getState())).toEqual([]);
    redo(store);
    expect(pendingOperations(store.getState())).toEqual([rename('Unsaved')]);
    undo(store);
    // Back past a save: no list of edits since the save can say what undo did.
    undo(store);
    expect(pendingOperations(store.getState())).toBeUndefined();
    redo(store);
    expect(pendingOperations(store.getState())).toEqual([]);
    autosave.stop();
  });
});

describe('a draft is checked as a file is', () => {
  const cases = [
    [
      'a duration that cannot be read',
      (document: object) => ({ ...document, steps: [{ id: 'a', name: 'A', processTime: '3x' }] }),
      'steps[0].processTime: "3x" has an unknown unit "x"',
    ],
    ['a newer format', (document: object) => ({ ...document, format: 'vsm/2' }), 'format:'],
  ] as const;

  for (const [what, damage, named] of cases) {
    it(`refuses a draft with ${what}, naming the field, and leaves the map as saved`, () => {
      const { opened } = openWithLibrary();
      const storage = memoryStorage();
      const key = `flowmap:draft:${opened.summary.id}`;
      storage.setItem(key, JSON.stringify({ base: opened.revision, document: damage(opened.document), pending: [] }));
      const found = readDraft(storage, opened.summary.id, opened.revision);
      if (found.kind !== 'refused') throw new Error(`expected a refusal, got ${found.kind}`);
      expect(found.message).toContain(named);
      expect(found.message).toMatch(/could not be restored.*set aside.*the map is shown as last saved\.$/);
      // Set aside, not deleted: a newer Flowmap can still read it.
      expect(storage.items.has(key)).toBe(false);
      expect(JSON.parse(storage.items.get(refusedDraftKey(opened.summary.id))!)).toMatchObject({
        base: opened.revision,
      });
    });
  }

  it('refuses what is not a draft at all', () => {
    const { opened } = openWithLibrary();
    const storage = memoryStorage();
    const key = `flowmap:draft:${opened.summary.id}`;
    storage.setItem(key, '{"base": 1, "document": ');
    expect(readDraft(storage, opened.summary.id, opened.revision)).toMatchObject({ message: /not readable JSON/ });
    storage.setItem(key, JSON.stringify({ base: 1, document: opened.document, pending: [{ op: 'explode' }] }));
    expect(readDraft(storage, opened.summary.id, opened.revision)).toMatchObject({ message: /not a Flowmap draft/ });
  });
});

describe('after a save conflict', () => {
  it("applies this window's edits on the newest revision, names those that no longer apply, and saves", async () => {
    const library = tempLibrary();
    const opened = library.createStream('Two windows');
    const id = opened.summary.id;
    library.saveMap(
      id,
      valid({
        format: 'vsm/1',
        name: 'Two windows',
        steps: [
          { id: 'build', name: 'Build', processTime: 60 },
          { id: 'deploy', name: 'Deploy', processTime: 30 },
        ],
      }),
      1,
    );
    const withSteps = library.openMap(id);
    const save = (mapId: string, document: VsmDocument, base: number) =>
      Promise.resolve().then(() => library.saveMap(mapId, valid(document), base));
    const first = createEditorStore(withSteps);
    const second = createEditorStore(withSteps);
    const firstSave = startAutosave(first, save, memoryStorage());
    const secondSave = startAutosave(second, save, memoryStorage());

    first.getState().edit({ op: 'updateStep', id: 'build', fields: { name: 'Build and test' } });
    first.getState().edit({ op: 'removeStep', id: 'deploy' });
    await firstSave.flush();
    second.getState().edit({ op: 'updateStep', id: 'build', fields: { leadTime: 120 } });
    second.getState().edit({ op: 'updateStep', id: 'deploy', fields: { name: 'Ship' } });
    second.getState().edit({ op: 'addStep', step: { id: 'monitor', name: 'Monitor', processTime: 15 } });
    await secondSave.flush();
    expect(second.getState().save.status).toBe('conflict');

    const { notApplied } = applyPendingOn(second, library.openMap(id));
    expect(notApplied).toEqual(['Rename step "Deploy" to "Ship": the step was deleted in the other window']);
    await secondSave.flush();
    expect(second.getState().save.status).toBe('saved');
    const saved = library.openMap(id).document;
    expect(saved.steps.map((step) => [step.name, step.leadTime])).toEqual([
      ['Build and test', 120],
      ['Monitor', 15],
    ]);
    firstSave.stop();
    secondSave.stop();
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
