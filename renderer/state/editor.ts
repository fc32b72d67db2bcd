/**
 * The editor's state: the map's document and its undo history (zundo), the selection, and where
 * saving stands. Every change to the document goes through a pure command of shared/model/commands;
 * the history holds the document only, never the selection or the save status.
 */
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { OpenedMap } from '../../shared/api/types';
import { type CommandResult, disconnect, inSequence, removeStep } from '../../shared/model/commands';
import type { VsmDocument } from '../../shared/model/schema';

/** What the inspector shows and the keyboard acts on: one or more steps, a handoff, or the map. */
export type Selection =
  { kind: 'steps'; ids: string[] } | { kind: 'handoff'; from: string; to: string } | { kind: 'map' } | undefined;

/** The selection of these steps (none: nothing selected). */
export function stepsSelection(ids: readonly string[]): Selection {
  return ids.length === 0 ? undefined : { kind: 'steps', ids: [...ids] };
}

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

export interface EditorState {
  mapId: string;
  document: VsmDocument;
  /** The library revision the last save made (or the map was opened at): the next save's base. */
  revision: number;
  /** The document as last saved: autosave compares with it. */
  savedDocument: VsmDocument;
  selection: Selection;
  save: { status: SaveStatus; message?: string };
  /** Applies a command; returns why it was refused, or undefined when the document changed. */
  edit: (command: (document: VsmDocument) => CommandResult) => string | undefined;
  select: (selection: Selection) => void;
  saved: (document: VsmDocument, revision: number) => void;
  saveFailed: (status: 'conflict' | 'failed', message: string) => void;
}

/** How many edits undo can go back. */
const HISTORY_LIMIT = 300;

export type EditorStore = ReturnType<typeof createEditorStore>;

export function createEditorStore(opened: OpenedMap) {
  return createStore<EditorState>()(
    temporal(
      (set, get) => ({
        mapId: opened.summary.id,
        document: opened.document,
        revision: opened.revision,
        savedDocument: opened.document,
        selection: undefined,
        save: { status: 'saved' },
        edit: (command) => {
          const result = command(get().document);
          if (!result.ok) return result.error;
          if (result.document !== get().document) {
            set({ document: result.document, save: { status: 'unsaved' } });
          }
          return undefined;
        },
        select: (selection) => {
          set({ selection });
        },
        saved: (document, revision) => {
          const { document: current } = get();
          set({ revision, savedDocument: document, save: { status: current === document ? 'saved' : 'unsaved' } });
        },
        saveFailed: (status, message) => {
          set({ save: { status, message } });
        },
      }),
      {
        partialize: (state) => ({ document: state.document }),
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
 * Applies a command that adds steps (add, duplicate, insert, paste) and selects the new steps, so
 * the inspector shows them. Returns why the command was refused, or undefined.
 */
export function editAndSelectNewSteps(
  store: EditorStore,
  command: (document: VsmDocument) => CommandResult,
): string | undefined {
  const before = store.getState().document.steps.length;
  const refusal = store.getState().edit(command);
  const { steps } = store.getState().document;
  if (refusal === undefined && steps.length > before) {
    store.getState().select(stepsSelection(steps.slice(before).map((step) => step.id)));
  }
  return refusal;
}

/** Deletes the selected steps or handoff, as one edit (a handoff's rework loops that relied on it go too). */
export function deleteSelection(store: EditorStore): void {
  const { selection, edit, select } = store.getState();
  if (selection?.kind === 'steps') {
    edit((document) =>
      inSequence(
        document,
        selection.ids.map((id) => (current) => removeStep(current, id)),
      ),
    );
  } else if (selection?.kind === 'handoff') edit((document) => disconnect(document, selection.from, selection.to));
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
