/**
 * The map editor: the canvas, the inspector, live flow metrics and walls of confusion. Edits go
 * through the editor store's commands; autosave keeps the library in step.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { computeMetrics, type Wall } from '../../shared/metrics/flow';
import { copySteps, PASTE_OFFSET } from '../../shared/model/commands';
import {
  addStepOperation,
  type Operation,
  pasteStepsOperation,
  type Replayed,
  replayOperations,
} from '../../shared/model/operations';
import { call } from '../api/client';
import { type Focus, MapCanvas } from '../canvas/MapCanvas';
import { freeOffset, freePlace, layoutMap } from '../../shared/picture/layout';
import { saveExportedFile } from '../format';
import { errorText } from '../library/useLibrary';
import { useAct } from '../useAct';
import { ExportDialog } from '../panels/ExportDialog';
import { HistoryPanel } from '../panels/HistoryPanel';
import { Inspector } from '../panels/Inspector';
import { MetricsPanel } from '../panels/MetricsPanel';
import { ShortcutsDialog } from '../panels/ShortcutsDialog';
import { TimelineLadder } from '../panels/TimelineLadder';
import { WallsPanel, WallsStrip } from '../panels/WallsPanel';
import { discardDraft, readDraft, startAutosave } from '../state/autosave';
import { readClipboard, writeClipboard } from '../state/clipboard';
import {
  addStepAfter,
  applyPendingOn,
  connectAndAskWait,
  createEditorStore,
  deleteSelection,
  editAndSelectNewSteps,
  type EditorStore,
  pendingOperations,
  redo,
  stepsSelection,
  undo,
  whenSaved,
} from '../state/editor';
import { VisibleName } from '../VisibleName';
import { QUICK_ENTRY_ID, QuickEntry } from './QuickEntry';
import { ACTION_BY_ID } from '../../shared/actions';
import { ActionButton, ActionToolbar, type BoundActions, SkipLink, useActions } from '../actions';
import type { MapSummary, OpenedMap } from '../../shared/api/types';
import { visibleText } from '../../shared/model/visible-text';
import { MapStateSwitcher } from './MapStateSwitcher';
import { useEditorAgenda } from '../workshop/agenda-actions';
import { AgendaBar } from '../workshop/AgendaBar';
import { IdeaBoard } from '../ideas/IdeaBoard';
import { tryInFutureState } from '../ideas/try-in-future';
import { useVoting } from '../ideas/useVoting';

export function MapScreen({
  id,
  selectStep,
}: {
  id: string;
  /** A step to select once the map is open. */ selectStep?: string;
}) {
  const [store, setStore] = useState<EditorStore>();
  const [summary, setSummary] = useState<MapSummary>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  // A restored revision starts a new editor: its own undo history, nothing of the old one's state.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    openWithDraft(id)
      .then(({ editor, notice: news, summary: opened }) => {
        setNotice(news);
        setSummary(opened);
        if (selectStep !== undefined && editor.getState().document.steps.some((step) => step.id === selectStep))
          editor.getState().select(stepsSelection([selectStep]));
        setStore(editor);
      })
      .catch((failure: unknown) => {
        setError(errorText(failure));
      });
  }, [id, selectStep]);

  useEffect(() => {
    if (!store) return undefined;
    const autosave = startAutosave(
      store,
      (mapId, document, baseRevision) => call('saveMap', { id: mapId, document, baseRevision }),
      window.localStorage,
    );
    const flush = () => void autosave.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
      autosave.stop();
    };
  }, [store]);

  if (error) {
    return (
      <ScreenFrame title="Map">
        <p role="alert">{error}</p>
      </ScreenFrame>
    );
  }
  if (!store || !summary) {
    return (
      <ScreenFrame title="Map">
        <p role="status">Opening the map…</p>
      </ScreenFrame>
    );
  }
  return (
    <Editor
      key={generation}
      store={store}
      summary={summary}
      notice={notice}
      onReopen={(opened, news) => {
        setNotice(news);
        setSummary(opened.summary);
        setStore(createEditorStore(opened));
        setGeneration(generation + 1);
      }}
    />
  );
}

/** A message above the editor: news (a restored draft), or a problem, with lines that name what. */
interface Notice {
  text: string;
  problem: boolean;
  lines?: string[];
}

/** What became of a window's edits applied again on the newest revision; `whose` starts the sentence. */
function replayNotice({ applied, notApplied }: Pick<Replayed, 'applied' | 'notApplied'>, whose: string): Notice {
  if (notApplied.length === 0) {
    return { text: `${whose} were applied on the newest version and are being saved.`, problem: false };
  }
  if (applied.length === 0) {
    return { text: `${whose} could not be applied on the newest version:`, problem: true, lines: notApplied };
  }
  const which = notApplied.length === 1 ? 'this one' : `these ${notApplied.length}`;
  const text = `${whose} were applied on the newest version and are being saved, except ${which}:`;
  return { text, problem: true, lines: notApplied };
}

/**
 * Opens a map with the draft a window left of it: as it was when the map did not move on since,
 * else its edits applied on the newest revision (or, when undo had gone back past a save so that
 * no list of edits can say them, kept as a copy).
 */
async function openWithDraft(
  id: string,
): Promise<{ editor: EditorStore; notice: Notice | undefined; summary: MapSummary }> {
  const opened = await call('openMap', { id });
  return { ...(await restoreDraft(id, opened)), summary: opened.summary };
}

async function restoreDraft(
  id: string,
  opened: OpenedMap,
): Promise<{ editor: EditorStore; notice: Notice | undefined }> {
  const found = readDraft(window.localStorage, id, opened.revision);
  const lost = 'Your last changes had not reached the library';
  switch (found.kind) {
    case 'none':
      return { editor: createEditorStore(opened), notice: undefined };
    case 'refused':
      return { editor: createEditorStore(opened), notice: { text: found.message, problem: true } };
    case 'restored':
      return {
        editor: createEditorStore(opened, found.draft),
        notice: { text: `${lost}; they were restored and are being saved.`, problem: false },
      };
    case 'outdated': {
      const { document, operations } = found.draft;
      if (!operations) {
        const copy = await call('saveAsCopy', { id, document });
        // Only once the copy is in the library: a copy that failed leaves the draft for the next try.
        discardDraft(window.localStorage, id);
        const text = `${lost}, and the map changed since; they were kept as a copy in this stream: "${copy.label}".`;
        return { editor: createEditorStore(opened), notice: { text, problem: true } };
      }
      // The names in the message are those the edits were made with; a pruned revision gives the newest ones.
      const base = await call('openRevision', { id, number: found.base }).catch(() => opened.document);
      const replayed = replayOperations(base, opened.document, operations);
      const draft = { document: replayed.document, operations: replayed.applied };
      // Nothing of it applies any more: nothing is left to keep (else the editor's autosave keeps it).
      if (replayed.document === opened.document) discardDraft(window.localStorage, id);
      return {
        editor: createEditorStore(opened, replayed.document === opened.document ? undefined : draft),
        notice: replayNotice(replayed, `${lost}, and the map changed since. They`),
      };
    }
  }
}

function ScreenFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="map-screen">
      <header className="topbar">
        <a href="#/" className="back">
          ← Library
        </a>
        <h1>{title}</h1>
      </header>
      <main>{children}</main>
    </div>
  );
}

const SAVE_TEXT = {
  saved: 'Saved',
  unsaved: 'Not saved yet',
  saving: 'Saving…',
  conflict: 'Not saved: conflict',
  failed: 'Not saved',
} as const;

function Editor({
  store,
  summary,
  notice: opening,
  onReopen,
}: {
  store: EditorStore;
  /** The map as opened: its state's label names what is being looked at. */
  summary: MapSummary;
  notice: Notice | undefined;
  /** The map is at another revision (a restored one): the editor starts again on it. */
  onReopen: (opened: OpenedMap, notice: Notice) => void;
}) {
  const document = useStore(store, (state) => state.document);
  const selection = useStore(store, (state) => state.selection);
  const save = useStore(store, (state) => state.save);
  const canUndo = useStore(store.temporal, (state) => state.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (state) => state.futureStates.length > 0);
  const metrics = useMemo(() => computeMetrics(document), [document]);
  const [refusal, setRefusal] = useState<string>();
  const [notice, setNotice] = useState(opening);
  const [focus, setFocus] = useState<Focus>();
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [showExport, setShowExport] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const revision = useStore(store, (state) => state.revision);
  // On a projector the canvas may want the whole width.
  const [panels, setPanels] = useState(true);
  // The idea board in the side panel, and the idea it opened on (none: its "New idea" field has the focus).
  const [board, setBoard] = useState<{ openOn: string | undefined }>();
  // Where the focus was as the board opened: hidden from inside, the board gives it back there.
  const beforeBoard = useRef<Element | null>(null);
  const [voting, setVoting] = useVoting(summary.id);
  const { edit, select } = store.getState();
  const agenda = useEditorAgenda(summary, document, metrics);
  // The tab and the window say which map, and which state of it.
  useEffect(() => {
    window.document.title = `${visibleText(document.name)} — ${visibleText(summary.label)} — Flowmap`;
    return () => {
      window.document.title = 'Flowmap';
    };
  }, [document.name, summary.label]);

  /**
   * Restores a past revision as a new one. The editor's own edits reach the library first (or the
   * restore is refused, saying why), so that they are a revision of the history too.
   */
  const restore = async (number: number) => {
    try {
      await whenSaved(store);
    } catch (failure) {
      throw new Error(
        `Revision ${number} was not restored, as your last changes are not saved: ${errorText(failure)} Deal with that first (see the message above the map).`,
        { cause: failure },
      );
    }
    const { mapId, revision: base } = store.getState();
    // This window's draft went with its save; another window's draft stays, for that window.
    const opened = await call('restoreRevision', { id: mapId, number, baseRevision: base });
    onReopen(opened, {
      text: `Revision ${number} was restored: it is revision ${opened.revision} now. Undo starts from here; the history keeps every revision.`,
      problem: false,
    });
  };

  /** Selects a wall's handoff and brings it into view. */
  const focusWall = (wall: Wall) => {
    select({ kind: 'handoff', from: wall.from, to: wall.to });
    setFocus({ ids: [wall.from, wall.to] });
  };

  const apply = (...args: Parameters<typeof edit>) => {
    setRefusal(edit(...args));
  };

  const addStepAt = (position: { x: number; y: number }, team: string | undefined) => {
    const now = store.getState().document;
    const place = freePlace(layoutMap(now), team, position);
    const fields = { name: 'New step', processTime: 60, position: place, ...(team !== undefined && { team }) };
    const refused = editAndSelectNewSteps(store, addStepOperation(now, fields));
    setRefusal(refused);
    if (refused === undefined) store.getState().focusOn('name');
  };

  // A new step goes into the lane of the (first) selected step, or the first lane.
  const selectedTeam =
    selection?.kind === 'steps'
      ? document.steps.find((step) => step.id === selection.ids[0])?.team
      : document.teams[0]?.id;
  const side = useRef<HTMLElement>(null);
  const canvasSection = useRef<HTMLElement>(null);
  const showBoard = (openOn?: string) => {
    beforeBoard.current = window.document.activeElement;
    setBoard({ openOn });
    setPanels(true);
    // The board starts at its top, its button and heading in view, not where the inspector was scrolled to.
    side.current?.scrollTo({ top: 0 });
  };
  const hideBoard = () => {
    const inside = side.current?.querySelector('.idea-board')?.contains(window.document.activeElement) ?? false;
    setBoard(undefined);
    if (!inside) return;
    // The element focused before may be gone (the inspector's button the board replaced): then the board's button.
    requestAnimationFrame(() => {
      const before = beforeBoard.current;
      const back =
        before instanceof HTMLElement && before.isConnected && before !== window.document.body
          ? before
          : side.current?.querySelector<HTMLElement>('.board-toggle');
      back?.focus();
    });
  };
  const bound: BoundActions = {
    addStep: {
      run: () => {
        const refused = addStepAfter(store, { team: selectedTeam });
        setRefusal(refused);
        if (refused === undefined) store.getState().focusOn('name');
      },
    },
    quickEntry: {
      run: () => {
        window.document.getElementById(QUICK_ENTRY_ID)?.focus();
      },
    },
    autoLayout: {
      run: () => {
        apply({ op: 'clearPositions' });
      },
    },
    undo: {
      run: () => {
        undo(store);
      },
      disabled: !canUndo,
    },
    redo: {
      run: () => {
        redo(store);
      },
      disabled: !canRedo,
    },
    selectAll: {
      run: () => {
        store.getState().select(stepsSelection(store.getState().document.steps.map((step) => step.id)));
      },
    },
    copy: {
      run: () => {
        const { selection: current, document: now } = store.getState();
        if (current?.kind === 'steps') writeClipboard(window.localStorage, copySteps(now, current.ids));
      },
    },
    paste: {
      // The steps copied in this map or another one, selected, with the handoffs between them.
      run: () => {
        const copied = readClipboard(window.localStorage);
        if (!copied) return;
        const now = store.getState().document;
        const offset = freeOffset(layoutMap(now), now, copied.steps, PASTE_OFFSET);
        setRefusal(editAndSelectNewSteps(store, pasteStepsOperation(now, copied, offset)));
      },
    },
    deleteSelection: {
      run: () => {
        deleteSelection(store);
      },
    },
    clearSelection: {
      run: () => {
        store.getState().select(undefined);
      },
    },
    focusInspector: {
      run: () => {
        setPanels(true);
        // Once the side panel is shown: the inspector's first field.
        requestAnimationFrame(() => {
          side.current?.querySelector<HTMLElement>('.inspector :is(input, select, textarea, button)')?.focus();
        });
      },
    },
    present: {
      // Presentation mode reads the map from the library: it opens once the last edit is there (or could not be).
      run: () => {
        const { mapId } = store.getState();
        void whenSaved(store)
          .catch(() => undefined)
          .then(() => {
            window.location.hash = `#/map/${mapId}/present`;
          });
      },
    },
    export: {
      run: () => {
        setShowExport(true);
      },
    },
    history: {
      run: () => {
        setShowHistory(true);
      },
    },
    sidePanel: {
      run: () => {
        // The canvas fits the map again to its new width (MapCanvas), unless the user moved it.
        setPanels(!panels);
      },
      pressed: panels,
    },
    focusMap: {
      run: () => {
        const { selection: current } = store.getState();
        const id = current?.kind === 'steps' ? current.ids[0] : current?.kind === 'handoff' ? current.from : undefined;
        const steps = canvasSection.current?.querySelectorAll<HTMLElement>('.react-flow__node-step');
        const chosen = [...(steps ?? [])].find((node) => node.dataset['id'] === id) ?? steps?.[0];
        chosen?.focus();
      },
    },
    shortcuts: {
      run: () => {
        setShowShortcuts(true);
      },
    },
    ...agenda.bound,
    ideaBoard: {
      // Shown, the board's "New idea" field takes the focus; the key again (or the button) hides it.
      run: () => {
        if (board) hideBoard();
        else showBoard();
      },
      pressed: board !== undefined,
    },
  };
  useActions('editing', bound, () => {
    const current = store.getState().selection;
    return { selection: current?.kind === 'steps' || current?.kind === 'handoff' ? current.kind : 'none' };
  });

  return (
    <div className="map-screen">
      <header className="topbar">
        <SkipLink action={ACTION_BY_ID.focusMap} bound={bound.focusMap} />
        <a href="#/" className="back">
          ← Library
        </a>
        <h1 title={visibleText(document.name)}>
          <VisibleName text={document.name} />
        </h1>
        <MapStateSwitcher summary={summary} />
        <ActionToolbar bound={bound} />
        <p className={`save-status ${save.status}`} role="status">
          {SAVE_TEXT[save.status]}
        </p>
      </header>
      {save.status === 'failed' && (
        <p className="message error" role="alert">
          {save.message}
        </p>
      )}
      {save.status === 'conflict' && (
        <ConflictChoices
          store={store}
          message={save.message}
          onReplayed={(replayed) => {
            setNotice(replayNotice(replayed, 'Your changes'));
          }}
        />
      )}
      {refusal && (
        <p className="message error" role="alert">
          {refusal}{' '}
          <button
            type="button"
            aria-label="Dismiss message"
            onClick={() => {
              setRefusal(undefined);
            }}
          >
            ×
          </button>
        </p>
      )}
      {notice && (
        <div className={notice.problem ? 'message error' : 'message'} role={notice.problem ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          {notice.lines && (
            <ul>
              {notice.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            aria-label="Dismiss message"
            onClick={() => {
              setNotice(undefined);
            }}
          >
            ×
          </button>
        </div>
      )}
      <ExportDialog
        open={showExport}
        onClose={() => {
          setShowExport(false);
        }}
        onExport={async (choice) => {
          await whenSaved(store);
          saveExportedFile(await call('exportMap', { id: store.getState().mapId, ...choice }));
        }}
      />
      {showHistory && (
        <HistoryPanel
          mapId={summary.id}
          headRevision={revision}
          onClose={() => {
            setShowHistory(false);
          }}
          onRestore={restore}
        />
      )}
      <ShortcutsDialog
        open={showShortcuts}
        onClose={() => {
          setShowShortcuts(false);
        }}
      />
      {agenda.agenda.shown && (
        <AgendaBar
          agenda={agenda.agenda}
          update={agenda.update}
          document={document}
          metrics={metrics}
          streamStates={agenda.streamStates}
          onShow={({ steps, handoffs }) => {
            const first = handoffs[0];
            select(steps.length > 0 ? stepsSelection(steps) : first && { kind: 'handoff', ...first });
            setFocus({ ids: [...steps, ...handoffs.flatMap(({ from, to }) => [from, to])] });
          }}
        />
      )}
      <main className={`map-layout${panels ? '' : ' canvas-only'}${board ? ' with-board' : ''}`}>
        <div className="canvas-column">
          <QuickEntry store={store} />
          <section ref={canvasSection} className="canvas" aria-label="Map canvas">
            {document.steps.length === 0 && (
              <p className="empty-canvas-hint">
                Press N or double-click to add the first step; or type a step in the quick entry line
              </p>
            )}
            <MapCanvas
              document={document}
              metrics={metrics}
              selection={selection}
              highlight={agenda.highlight}
              focus={focus}
              votesHidden={voting.hidden}
              editing={{
                onSelect: select,
                onMove: (moves) => {
                  // A move within its lane says only the place: applied again after a conflict, it
                  // leaves alone a team the other window gave the step.
                  const teamOf = new Map(document.steps.map((one) => [one.id, one.team]));
                  apply(
                    ...moves.map(({ id: stepId, position, team }): Operation => ({
                      op: 'updateStep',
                      id: stepId,
                      fields: teamOf.get(stepId) === team ? { position } : { position, team: team ?? null },
                    })),
                  );
                },
                onConnect: (from, to) => {
                  setRefusal(connectAndAskWait(store, from, to));
                },
                onRenameStep: (step, name) => {
                  apply({ op: 'updateStep', id: step, fields: { name } });
                },
                onAddAt: (position, team) => {
                  addStepAt(position, team);
                },
                onRenameTeam: (team, name) => {
                  apply({ op: 'renameTeam', id: team, name });
                },
                onMoveTeam: (team, index) => {
                  apply({ op: 'moveTeam', id: team, index });
                },
              }}
            />
            {!panels && <WallsStrip document={document} metrics={metrics} onFocus={focusWall} />}
          </section>
          <TimelineLadder
            document={document}
            metrics={metrics}
            onSelect={(stepId) => {
              select(stepsSelection([stepId]));
              setFocus({ ids: [stepId] });
            }}
          />
        </div>
        <aside ref={side} className="side" aria-label="Inspector and figures" hidden={!panels}>
          <ActionButton action={ACTION_BY_ID.ideaBoard} bound={bound.ideaBoard} className="board-toggle" />
          {board ? (
            <IdeaBoard
              document={document}
              edit={edit}
              selectedStep={selection?.kind === 'steps' ? selection.ids[0] : undefined}
              openOn={board.openOn}
              voting={voting}
              onVoting={setVoting}
              onTry={(idea) => {
                // In a future state already: the idea is tried here, on its step.
                if (summary.state === 'future') {
                  if (idea.step !== undefined) {
                    select(stepsSelection([idea.step]));
                    setFocus({ ids: [idea.step] });
                  }
                  return;
                }
                // A save that fails (a conflict) says so here, and the editor stays on this map.
                void whenSaved(store)
                  .then(() => tryInFutureState(summary, document, idea))
                  .catch((failure: unknown) => {
                    setRefusal(errorText(failure));
                  });
              }}
            />
          ) : (
            <>
              <MetricsPanel document={document} metrics={metrics} />
              <Inspector store={store} votesHidden={voting.hidden} onShowBoard={showBoard} />
              <WallsPanel document={document} metrics={metrics} onFocus={focusWall} />
            </>
          )}
        </aside>
      </main>
    </div>
  );
}

/**
 * Another window saved the map first: this window's work is not lost. Its edits can be applied
 * again on the newest revision (naming any that no longer apply), kept as a new map in the same
 * stream, or given up to reload the map as the other window left it.
 */
function ConflictChoices({
  store,
  message,
  onReplayed,
}: {
  store: EditorStore;
  message: string | undefined;
  onReplayed: (replayed: Replayed) => void;
}) {
  const { busy, problem, act } = useAct();
  const replayable = useStore(store, (state) => pendingOperations(state) !== undefined);
  return (
    <div className="message error conflict" role="alert">
      <p>{message}</p>
      <div className="field-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || !replayable}
          aria-describedby={replayable ? undefined : 'conflict-not-replayable'}
          onClick={() => {
            act(async () => {
              const { mapId } = store.getState();
              const latest = await call('openMap', { id: mapId });
              onReplayed(applyPendingOn(store, latest));
            });
          }}
        >
          Apply my changes on top
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            act(async () => {
              const { mapId, document } = store.getState();
              const copy = await call('saveAsCopy', { id: mapId, document });
              discardDraft(window.localStorage, mapId);
              window.location.hash = `#/map/${copy.id}`;
            });
          }}
        >
          Keep mine as a copy
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            discardDraft(window.localStorage, store.getState().mapId);
            window.location.reload();
          }}
        >
          Reload the map (discard my changes)
        </button>
      </div>
      {!replayable && (
        <p id="conflict-not-replayable">
          Undo went back past a save, so your changes cannot be applied again one by one; keep them as a copy.
        </p>
      )}
      {problem && <p>{problem}</p>}
    </div>
  );
}
