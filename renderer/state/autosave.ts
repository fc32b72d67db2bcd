/**
 * Never lose work: every change of the document is written at once to a local draft, and saved to
 * the library shortly after (debounced, well under a second). A save carries the revision it is
 * based on; when the map changed elsewhere, the conflict is shown and nothing is overwritten. A
 * draft left by a window closed before its save is applied when the map is opened again.
 */
import type { SavedMap } from '../../shared/api/types';
import type { VsmDocument } from '../../shared/model/schema';
import type { EditorStore } from './editor';

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

interface Draft {
  base: number;
  document: VsmDocument;
}

const draftKey = (mapId: string) => `flowmap:draft:${mapId}`;

/** The draft of a map that was never saved, when it is based on the revision now in the library. */
export function takeDraft(storage: DraftStorage, mapId: string, revision: number): VsmDocument | undefined {
  const text = storage.getItem(draftKey(mapId));
  if (text === null) return undefined;
  storage.removeItem(draftKey(mapId));
  try {
    const draft = JSON.parse(text) as Draft;
    return draft.base === revision ? draft.document : undefined;
  } catch {
    return undefined;
  }
}

export function startAutosave(store: EditorStore, saveMap: SaveMap, storage: DraftStorage) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

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
        if (store.getState().document === document) storage.removeItem(draftKey(mapId));
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

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document) return;
    storage.setItem(
      draftKey(state.mapId),
      JSON.stringify({ base: state.revision, document: state.document } satisfies Draft),
    );
    if (state.save.status !== 'conflict') schedule(SAVE_DELAY_MS);
  });

  return {
    /** Saves now what is not saved yet (closing the window, leaving the map). */
    flush: saveNow,
    stop(): void {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
