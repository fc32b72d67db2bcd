/**
 * Never lose work: every change of the document is written at once to a local draft, and saved to
 * the library shortly after (debounced, well under a second). A save carries the revision it is
 * based on; when the map changed elsewhere, the conflict is shown and nothing is overwritten. A
 * draft left by a window closed before its save is applied when the map is opened again, once it
 * has passed the same validation as a file.
 */
import * as z from 'zod';
import type { SavedMap } from '../../shared/api/types';
import { describeIssue } from '../../shared/model/issues';
import { operationSchema } from '../../shared/model/operations';
import type { VsmDocument } from '../../shared/model/schema';
import { validateDocument } from '../../shared/model/validate';
import { type EditorState, type EditorStore, pendingOperations, type StartingDraft } from './editor';

/** Saves a document; the answer's revision is the one the next save is based on. */
export type SaveMap = (id: string, document: VsmDocument, baseRevision: number) => Promise<SavedMap>;

/** The part of the Web Storage API (localStorage) drafts need. */
export interface DraftStorage {
  getItem: (key: string) => string | null;
  setItem: (key: string, value: string) => void;
  removeItem: (key: string) => void;
}

export const SAVE_DELAY_MS = 300;
const RETRY_MS = 5000;

/**
 * A draft: the revision it is based on, the window's document, and the operations that made it from
 * that revision (null when undo had gone back past a save; drafts written before operations had none).
 */
const draftSchema = z.object({
  base: z.number().int().min(1),
  document: z.unknown(),
  pending: z.array(operationSchema).nullable().default(null),
});

type Draft = z.input<typeof draftSchema>;

const draftKey = (mapId: string) => `flowmap:draft:${mapId}`;
/** Where a draft that could not be restored is set aside, never deleted. */
export const refusedDraftKey = (mapId: string) => `flowmap:draft-refused:${mapId}`;

/** What was found of a map's draft. */
export type FoundDraft =
  | { kind: 'none' }
  | { kind: 'restored'; draft: StartingDraft }
  /** A valid draft based on an older revision: the map was saved elsewhere since. */
  | { kind: 'outdated'; base: number; draft: StartingDraft }
  /** The draft was unreadable or not a valid map (damaged, or written by a newer Flowmap). */
  | { kind: 'refused'; message: string };

/**
 * The draft of a map that was never saved: restored when it is based on the revision now in the
 * library, outdated when on another. Its document is validated as a file is; a bad one is refused
 * with a message naming what is wrong, and set aside under {@link refusedDraftKey} rather than
 * deleted. A draft that can be used stays where it is until its work is kept: the editor's autosave
 * writes it anew, or the caller discards it once it saved it some other way.
 */
export function readDraft(storage: DraftStorage, mapId: string, revision: number): FoundDraft {
  const text = storage.getItem(draftKey(mapId));
  if (text === null) return { kind: 'none' };
  const refused = (problem: string): FoundDraft => {
    storage.setItem(refusedDraftKey(mapId), text);
    storage.removeItem(draftKey(mapId));
    return {
      kind: 'refused',
      message: `Unsaved changes were kept for this map, but they could not be restored: ${problem}. They were set aside in this browser's storage (${refusedDraftKey(mapId)}); the map is shown as last saved.`,
    };
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refused('they are not readable JSON');
  }
  const draft = draftSchema.safeParse(raw);
  if (!draft.success) return refused('they are not a Flowmap draft');
  const valid = validateDocument(draft.data.document);
  if (!valid.ok) {
    const problems = valid.issues.map(describeIssue);
    const left = problems.length - 3 + valid.more;
    return refused(`${problems.slice(0, 3).join('; ')}${left > 0 ? ` (and ${left} more)` : ''}`);
  }
  const found = { document: valid.document, operations: draft.data.pending ?? undefined };
  return draft.data.base === revision
    ? { kind: 'restored', draft: found }
    : { kind: 'outdated', base: draft.data.base, draft: found };
}

/** Forgets a map's draft: the window's work was kept some other way, or given up on purpose. */
export function discardDraft(storage: DraftStorage, mapId: string): void {
  storage.removeItem(draftKey(mapId));
}

export function startAutosave(store: EditorStore, saveMap: SaveMap, storage: DraftStorage) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  // The windows of one browser share their storage, and a map has one draft there: this window
  // forgets only the draft it wrote itself, never the one another window on the map keeps (the
  // work of a window in a conflict, which comes back when the map is opened again).
  let written: string | undefined;
  const writeDraft = (mapId: string, draft: Draft) => {
    written = JSON.stringify(draft);
    storage.setItem(draftKey(mapId), written);
  };
  const forgetOwnDraft = (mapId: string) => {
    if (written !== undefined && storage.getItem(draftKey(mapId)) === written) storage.removeItem(draftKey(mapId));
    written = undefined;
  };

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void saveNow(), delay);
  };

  async function saveNow(): Promise<void> {
    clearTimeout(timer);
    if (running) {
      await running;
      return saveNow();
    }
    const { mapId, document, revision, savedDocument, save } = store.getState();
    if (save.status === 'conflict') return;
    if (document === savedDocument) {
      // Undo and redo can come back to what is saved.
      if (save.status !== 'saved') store.setState({ save: { status: 'saved' } });
      return;
    }
    store.setState({ save: { status: 'saving' } });
    running = (async () => {
      try {
        const { revision: saved } = await saveMap(mapId, document, revision);
        store.getState().saved(document, saved);
        if (store.getState().document === document) forgetOwnDraft(mapId);
      } catch (error) {
        const conflict = (error as { code?: unknown }).code === 'conflict';
        store.getState().saveFailed(conflict ? 'conflict' : 'failed', (error as Error).message);
        if (!conflict) schedule(RETRY_MS);
      }
    })();
    await running;
    running = undefined;
    // Edits made while the save was on its way go out too.
    const after = store.getState();
    if (after.document !== after.savedDocument && after.save.status === 'unsaved') schedule(SAVE_DELAY_MS);
  }

  const keepDraft = (state: EditorState) => {
    // Back at what is saved (undo, redo): nothing is left to keep, and an older draft must not come back.
    if (state.document === state.savedDocument) {
      forgetOwnDraft(state.mapId);
      return;
    }
    writeDraft(state.mapId, {
      base: state.revision,
      document: state.document,
      pending: pendingOperations(state) ?? null,
    });
  };

  const unsubscribe = store.subscribe((state, previous) => {
    const edited = state.document !== previous.document;
    // A save that returned while edits went on moves the draft's base.
    if (!edited && state.revision === previous.revision) return;
    keepDraft(state);
    if (edited && state.save.status !== 'conflict') schedule(SAVE_DELAY_MS);
  });
  // A store that starts from a draft has work to save, and to keep until it is saved.
  if (store.getState().document !== store.getState().savedDocument) {
    keepDraft(store.getState());
    schedule(SAVE_DELAY_MS);
  }

  return {
    /** Saves now what is not saved yet (closing the window, leaving the map). */
    flush: saveNow,
    stop(): void {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
