/**
 * The editor's state: the map's document and its undo history (zundo), the selection, and where
 * saving stands. Every change to the document is an operation (shared/model/operations), applied by
 * the pure commands of shared/model/commands. The editor keeps the operations applied since the
 * last save, the pending list, which a window that lost a save conflict applies again on the
 * newest revision. The history holds the document and the pending list, never the selection or
 * the save status: undo takes an unsaved edit off the list and redo puts it back. Undo past a save
 * changes what was saved, which no list of edits since that save can say; the list is then
 * unknown (see {@link pendingOperations}) until the next save.
 */
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { OpenedMap } from '../../shared/api/types';
import {
  addStepAfterOperations,
  applyOperations,
  checkOperations,
  type Operation,
  type Replayed,
  replayOperations,
} from '../../shared/model/operations';
import type { VsmDocument } from '../../shared/model/schema';
import { layoutMap, nextStepPlace } from '../../shared/picture/layout';

/** What the inspector shows and the keyboard acts on: one or more steps, a handoff, or the map. */
export type Selection =
  { kind: 'steps'; ids: string[] } | { kind: 'handoff'; from: string; to: string } | { kind: 'map' } | undefined;

/** The selection of these steps (none: nothing selected). */
export function stepsSelection(ids: readonly string[]): Selection {
  return ids.length === 0 ? undefined : { kind: 'steps', ids: [...ids] };
}

/** An inspector field that takes the focus once it is shown: what is needed next after an edit. */
export type FocusField = 'name' | 'waitTime' | `team:${string}`;

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

/** An operation applied since the last save, with the document it made. */
export interface PendingEdit {
  operation: Operation;
  document: VsmDocument;
}

export interface EditorState {
  mapId: string;
  document: VsmDocument;
  /** The library revision the last save made (or the map was opened at): the next save's base. */
  revision: number;
  /** The document as last saved: autosave compares with it. */
  savedDocument: VsmDocument;
  /** The operations that made `document` from `pendingBase`, in order. */
  pending: PendingEdit[];
  /** The document the pending list starts from: the saved one, unless undo went back past a save. */
  pendingBase: VsmDocument;
  selection: Selection;
  /** The field the inspector focuses next (then forgets), with its text selected. */
  focusField: FocusField | undefined;
  save: { status: SaveStatus; message?: string };
  /**
   * Applies operations as one edit (one undo step; the first refusal refuses them all); returns why
   * they were refused, or undefined when they applied.
   */
  edit: (...operations: Operation[]) => string | undefined;
  select: (selection: Selection) => void;
  focusOn: (field: FocusField | undefined) => void;
  saved: (document: VsmDocument, revision: number) => void;
  saveFailed: (status: 'conflict' | 'failed', message: string) => void;
}

/** How many edits undo can go back. */
const HISTORY_LIMIT = 300;

export type EditorStore = ReturnType<typeof createEditorStore>;

/** Unsaved work to start from: a draft's document and the operations that made it from the opened one. */
export interface StartingDraft {
  document: VsmDocument;
  /** Undefined when the draft could not say them (undo had gone back past a save). */
  operations: Operation[] | undefined;
}

export function createEditorStore(opened: OpenedMap, draft?: StartingDraft) {
  const pending = (draft?.operations ?? []).map((operation) => ({ operation, document: draft!.document }));
  return createStore<EditorState>()(
    temporal(
      (set, get) => ({
        mapId: opened.summary.id,
        document: draft?.document ?? opened.document,
        revision: opened.revision,
        savedDocument: opened.document,
        pending,
        pendingBase: draft && !draft.operations ? draft.document : opened.document,
        selection: undefined,
        focusField: undefined,
        save: { status: draft ? 'unsaved' : 'saved' },
        edit: (...operations) => {
          const { document, pending: before } = get();
          // What is applied is what a draft keeps and a peer receives: plain JSON, checked here.
          const checked = checkOperations(operations);
          if (!checked.ok) return checked.error;
          const result = applyOperations(document, checked.operations);
          if (!result.ok) return result.error;
          if (result.document !== document) {
            const added = checked.operations.map((operation) => ({ operation, document: result.document }));
            set({ document: result.document, pending: [...before, ...added], save: { status: 'unsaved' } });
          }
          return undefined;
        },
        select: (selection) => {
          set({ selection });
        },
        focusOn: (focusField) => {
          set({ focusField });
        },
        saved: (document, revision) => {
          const { document: current, pending: edits, pendingBase } = get();
          const status = current === document ? 'saved' : 'unsaved';
          const reached = edits.findLastIndex((edit) => edit.document === document);
          // The pending list now starts from what was saved: the edits made while the save was on its way.
          const rest =
            current === document
              ? { pending: [], pendingBase: document }
              : pendingBase === document
                ? {}
                : reached >= 0
                  ? { pending: edits.slice(reached + 1), pendingBase: document }
                  : {};
          set({ revision, savedDocument: document, save: { status }, ...rest });
        },
        saveFailed: (status, message) => {
          set({ save: { status, message } });
        },
      }),
      {
        partialize: (state) => ({ document: state.document, pending: state.pending, pendingBase: state.pendingBase }),
        // Only a new document is a step in the history; selection and saving are not.
        equality: (past, current) => past.document === current.document,
        limit: HISTORY_LIMIT,
      },
    ),
  );
}

/** Undo and redo; what they bring back is saved like any edit. */
export function undo(store: EditorStore): void {
  store.temporal.getState().undo();
  markUnsaved(store);
}

export function redo(store: EditorStore): void {
  store.temporal.getState().redo();
  markUnsaved(store);
}

function markUnsaved(store: EditorStore): void {
  const { document, savedDocument, save } = store.getState();
  if (document !== savedDocument && save.status === 'saved') store.setState({ save: { status: 'unsaved' } });
}

/**
 * The operations that made the window's document from the last saved one, or undefined when no
 * list can say it (undo went back past a save).
 */
export function pendingOperations(state: EditorState): Operation[] | undefined {
  return state.pendingBase === state.savedDocument ? state.pending.map((edit) => edit.operation) : undefined;
}

/**
 * After a save conflict: the newest revision, with this window's pending operations applied on
 * it again, becomes what is edited and saved next (the undo history starts there). Returns what
 * applied and, one line each, what did not and why.
 */
export function applyPendingOn(store: EditorStore, latest: OpenedMap): Replayed {
  const state = store.getState();
  const operations = pendingOperations(state);
  if (!operations) throw new Error('The changes of this window cannot be applied again one by one.');
  const replayed = replayOperations(state.savedDocument, latest.document, operations);
  const pending = replayed.applied.map((operation) => ({ operation, document: replayed.document }));
  store.setState({
    document: replayed.document,
    revision: latest.revision,
    savedDocument: latest.document,
    pending,
    pendingBase: latest.document,
    selection: undefined,
    save: { status: replayed.document === latest.document ? 'saved' : 'unsaved' },
  });
  store.temporal.getState().clear();
  return replayed;
}

/**
 * Applies operations that add steps (add, duplicate, insert, paste) as one edit and selects the
 * new steps, so the inspector shows them. Returns why it was refused, or undefined.
 */
export function editAndSelectNewSteps(store: EditorStore, ...operations: Operation[]): string | undefined {
  const before = store.getState().document.steps.length;
  const refusal = store.getState().edit(...operations);
  const { steps } = store.getState().document;
  if (refusal === undefined && steps.length > before) {
    store.getState().select(stepsSelection(steps.slice(before).map((step) => step.id)));
  }
  return refusal;
}

/** A step to add after another one (see {@link addStepAfter}). */
export interface NextStep {
  name?: string;
  team: string | undefined;
  processTime?: number;
  leadTime?: number;
  percentCompleteAccurate?: number;
  /** The step it follows: connected from it, placed right of it. */
  after?: string;
  /** The wait of the handoff from `after`. */
  waitTime?: number;
}

/**
 * Adds a step in its team's lane, connected from the step it follows and placed right of it where
 * it covers no step, and selects it; `first` operations (a rename, say) go into the same edit, one
 * undo step. Returns why the edit was refused, or undefined.
 */
export function addStepAfter(
  store: EditorStore,
  { after, waitTime, team, name = 'New step', processTime = 60, ...times }: NextStep,
  first: Operation[] = [],
): string | undefined {
  const { document } = store.getState();
  const position = nextStepPlace(layoutMap(document), document, team, after);
  const fields = { name, processTime, ...times, position, ...(team !== undefined && { team }) };
  const operations = addStepAfterOperations(
    document,
    fields,
    after === undefined ? undefined : { from: after, ...(waitTime !== undefined && { waitTime }) },
  );
  return editAndSelectNewSteps(store, ...first, ...operations);
}

/**
 * Connects two steps (a handoff, or a rework loop back), as the canvas's drag and the inspector's
 * "Add a handoff to" both do, then selects the new handoff and focuses what is asked next about it:
 * how long work waits in it. Returns why it was refused, or undefined.
 */
export function connectAndAskWait(store: EditorStore, from: string, to: string): string | undefined {
  const { edit, select, focusOn } = store.getState();
  const refused = edit({ op: 'connectOrLoop', from, to });
  if (refused !== undefined) return refused;
  select({ kind: 'handoff', from, to });
  focusOn('waitTime');
  return undefined;
}

/** The step a flow typed in continues from when no step is selected: the last one that hands off to none. */
export function flowEnd(document: VsmDocument): string | undefined {
  const senders = new Set(document.handoffs.filter((handoff) => handoff.rework === undefined).map((one) => one.from));
  return document.steps.findLast((step) => !senders.has(step.id))?.id;
}

/** Deletes the selected steps or handoff, as one edit (a handoff's rework loops that relied on it go too). */
export function deleteSelection(store: EditorStore): void {
  const { selection, edit, select } = store.getState();
  if (selection?.kind === 'steps') edit(...selection.ids.map((id): Operation => ({ op: 'removeStep', id })));
  else if (selection?.kind === 'handoff') edit({ op: 'disconnect', from: selection.from, to: selection.to });
  else return;
  select(undefined);
}

/** Resolves once what is shown has reached the library; rejects with the reason when it cannot. */
export function whenSaved(store: EditorStore): Promise<void> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const check = ({ save }: EditorState) => {
      if (save.status === 'saved') resolve();
      else if (save.status === 'conflict' || save.status === 'failed')
        reject(new Error(save.message ?? 'The map could not be saved.'));
      else return;
      unsubscribe();
    };
    unsubscribe = store.subscribe(check);
    check(store.getState());
  });
}
