/**
 * The first screen: every value stream with its current and future states, search, create,
 * rename, duplicate, derive a future state, trash and restore, import and export.
 */
import { type DragEvent, type SyntheticEvent, useEffect, useRef, useState } from 'react';
import type { MapSummary, StreamSummary, Trash } from '../../shared/api/types';
import { formatPercent } from '../../shared/metrics/format';
import { formatDuration } from '../../shared/model/duration';
import { call } from '../api/client';
import { compareHref, compareOrder } from '../compare/sides';
import { formatWhen, saveExportedFile } from '../format';
import { errorText, type Message, useLibrary } from './useLibrary';
import { GoingSelect } from '../GoingSelect';
import { NewStreamButton } from './NewStream';
import { VisibleName } from '../VisibleName';
import { defaultAgenda, writeAgenda } from '../workshop/agenda-state';
import { visibleText } from '../../shared/model/visible-text';

export function LibraryScreen({ startCreating = false }: { startCreating?: boolean }) {
  const { listing, message, setMessage, act } = useLibrary();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MapSummary[] | undefined>();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (query.trim() === '') {
      setFound(undefined);
      return;
    }
    let current = true;
    call('search', { query })
      .then((maps) => {
        if (current) setFound(maps);
      })
      .catch((error: unknown) => {
        setMessage({ kind: 'error', text: errorText(error) });
      });
    return () => {
      current = false;
    };
  }, [query, listing, setMessage]);

  const importFiles = (files: File[]) =>
    act(async () => {
      if (files.length === 0) return undefined;
      const read = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
      const maps = await call('importFiles', { files: read });
      return {
        kind: 'status',
        text: `Imported ${maps.length} map${maps.length === 1 ? '' : 's'}: ${maps.map((map) => `${map.name} (${map.label})`).join(', ')}.`,
      };
    });

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importFiles([...event.dataTransfer.files]);
  };

  const shownStreams = found ? streamsOf(found, listing?.streams ?? []) : (listing?.streams ?? []);

  return (
    <div
      className={`library${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="topbar">
        <h1>Flowmap</h1>
        <input
          type="search"
          aria-label="Search maps and steps"
          placeholder="Search maps and steps"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
        <NewStreamButton
          startOpen={startCreating}
          onCreate={async (name, template) => {
            const opened = await call('createStream', { name, ...(template && { template }) });
            // The guided workshop is the agenda's map: it opens with the agenda shown.
            if (template === 'guided')
              writeAgenda(localStorage, opened.summary.id, { ...defaultAgenda(), shown: true });
            window.location.hash = `#/map/${opened.summary.id}`;
          }}
        />
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import maps…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.yaml,.yml"
          multiple
          hidden
          aria-label="Map files to import"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void importFiles(files);
          }}
        />
      </header>

      <StartupNotices />
      <MessageBar
        message={message}
        onDismiss={() => {
          setMessage(undefined);
        }}
      />

      <main aria-label="Value streams">
        {listing === undefined && <p role="status">Loading the library…</p>}
        {listing !== undefined && shownStreams.length === 0 && (
          <p className="empty">
            {found
              ? `No map or step matches “${query}”.`
              : 'No value streams yet: create one, or import vsm/1 files (drop them here).'}
          </p>
        )}
        {shownStreams.map((stream) => (
          <StreamCard
            key={stream.id}
            stream={stream}
            currentId={currentStateId(listing?.streams ?? [], stream.id)}
            allMaps={listing?.streams.flatMap((each) => each.maps) ?? []}
            act={act}
          />
        ))}
        {listing && <TrashSection trash={listing.trash} act={act} />}
      </main>
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop vsm/1 files to import them
        </div>
      )}
    </div>
  );
}

type Act = ReturnType<typeof useLibrary>['act'];

/**
 * The current state of a stream in the whole library: a search may leave it out of the stream's
 * shown maps, and a future state is still compared with it.
 */
function currentStateId(streams: StreamSummary[], streamId: string): string | undefined {
  return streams.find((stream) => stream.id === streamId)?.maps.find((map) => map.state === 'current')?.id;
}

/** Search results grouped back into their streams, in the streams' order. */
function streamsOf(maps: MapSummary[], streams: StreamSummary[]): StreamSummary[] {
  const ids = new Set(maps.map((map) => map.id));
  return streams
    .map((stream) => ({ ...stream, maps: stream.maps.filter((map) => ids.has(map.id)) }))
    .filter((stream) => stream.maps.length > 0);
}

/** Notices the start of the app left, dismissed until the window is reloaded. */
const dismissedNotices = new Set<string>();

/**
 * What the start of the app has to tell, e.g. that a damaged library was set aside and where it was
 * kept: shown on the library screen until dismissed.
 */
function StartupNotices() {
  const [notices, setNotices] = useState<readonly string[]>([]);
  useEffect(() => {
    let current = true;
    call('startupNotices', {})
      .then((all) => {
        if (current) setNotices(all.filter((notice) => !dismissedNotices.has(notice)));
      })
      .catch(() => {
        // The back end could not be reached: the library's own listing says so, once.
      });
    return () => {
      current = false;
    };
  }, []);
  // Rendered only with notices: an alert appearing with its text is read out, and the screen keeps
  // one alert region otherwise (the action messages').
  if (notices.length === 0) return null;
  return (
    <div className="messages" role="alert">
      {notices.map((notice) => (
        <MessageText
          key={notice}
          message={{ kind: 'error', text: notice }}
          onDismiss={() => {
            dismissedNotices.add(notice);
            setNotices((shown) => shown.filter((other) => other !== notice));
          }}
        />
      ))}
    </div>
  );
}

function MessageBar({ message, onDismiss }: { message: Message | undefined; onDismiss: () => void }) {
  return (
    <div className="messages">
      <div role="status" aria-live="polite">
        {message?.kind === 'status' && <MessageText message={message} onDismiss={onDismiss} />}
      </div>
      <div role="alert">{message?.kind === 'error' && <MessageText message={message} onDismiss={onDismiss} />}</div>
    </div>
  );
}

function MessageText({ message, onDismiss }: { message: Message; onDismiss: () => void }) {
  return (
    <p className={`message ${message.kind}`}>
      <span className="message-text">{message.text}</span>
      {message.action && (
        <button type="button" onClick={() => void message.action?.run()}>
          {message.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss message" onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}

/** A one-field form: Enter submits, Escape cancels. */
function InlineForm(props: {
  label: string;
  initial: string;
  submitLabel: string;
  onSubmit: (value: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(props.initial);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (value.trim() !== '') void props.onSubmit(value.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        aria-label={props.label}
        placeholder={props.label}
        value={value}
        autoFocus
        maxLength={200}
        onChange={(event) => {
          setValue(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
        }}
      />
      <button type="submit">{props.submitLabel}</button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

function StreamCard({
  stream,
  currentId,
  allMaps,
  act,
}: {
  stream: StreamSummary;
  currentId: string | undefined;
  /** Every map of the library, to compare with. */
  allMaps: MapSummary[];
  act: Act;
}) {
  const [renaming, setRenaming] = useState(false);
  const headingId = `stream-${stream.id}`;
  return (
    <section className="stream" aria-labelledby={headingId}>
      <header className="stream-header">
        {renaming ? (
          <InlineForm
            label={`New name for ${stream.name}`}
            initial={stream.name}
            submitLabel="Rename"
            onSubmit={(name) =>
              act(async () => {
                await call('renameStream', { id: stream.id, name });
                setRenaming(false);
                return { kind: 'status', text: `Renamed to ${name}.` };
              })
            }
            onCancel={() => {
              setRenaming(false);
            }}
          />
        ) : (
          <h2 id={headingId}>
            <VisibleName text={stream.name} />
          </h2>
        )}
        <div className="actions" role="group" aria-label={`${stream.name}: value stream actions`}>
          <button
            type="button"
            onClick={() => {
              setRenaming(true);
            }}
            aria-label={`Rename ${stream.name}`}
          >
            Rename
          </button>
          <button
            type="button"
            aria-label={`Duplicate ${stream.name}`}
            onClick={() =>
              void act(async () => {
                const copy = await call('duplicateStream', { id: stream.id });
                return { kind: 'status', text: `Made ${copy.name}.` };
              })
            }
          >
            Duplicate
          </button>
          <button
            type="button"
            aria-label={`Delete ${stream.name}, to the trash`}
            onClick={() =>
              void act(async () => {
                await call('trashStream', { id: stream.id });
                return {
                  kind: 'status',
                  text: `Moved ${stream.name} to the trash.`,
                  action: {
                    label: 'Undo',
                    run: () => act(() => call('restoreStream', { id: stream.id }).then(() => undefined)),
                  },
                };
              })
            }
          >
            Delete
          </button>
        </div>
      </header>
      <table className="maps">
        <caption className="visually-hidden">Maps of {stream.name}</caption>
        <thead>
          <tr>
            <th scope="col">Map</th>
            <th scope="col">Steps</th>
            <th scope="col">Lead time</th>
            <th scope="col">Flow efficiency</th>
            <th scope="col">Last change</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {stream.maps.map((map) => (
            <MapRow key={map.id} map={map} currentId={currentId} allMaps={allMaps} act={act} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function MapRow({
  map,
  currentId,
  allMaps,
  act,
}: {
  map: MapSummary;
  currentId: string | undefined;
  allMaps: MapSummary[];
  act: Act;
}) {
  const [relabeling, setRelabeling] = useState(false);
  const title = `${map.streamName}: ${map.label}`;
  return (
    <tr>
      <th scope="row">
        {relabeling ? (
          <InlineForm
            label={`New label for ${title}`}
            initial={map.label}
            submitLabel="Rename"
            onSubmit={(label) =>
              act(async () => {
                await call('relabelMap', { id: map.id, label });
                setRelabeling(false);
                return { kind: 'status', text: `Renamed to ${label}.` };
              })
            }
            onCancel={() => {
              setRelabeling(false);
            }}
          />
        ) : (
          <a href={`#/map/${map.id}`} aria-label={`Open ${title}`}>
            <span className={`state-badge ${map.state}`}>{map.label}</span>
            {map.name !== map.streamName && (
              <span className="map-name">
                <VisibleName text={map.name} />
              </span>
            )}
          </a>
        )}
      </th>
      <td>{map.stepCount}</td>
      <td>{formatDuration(map.leadTime, map.calendar)}</td>
      <td>{formatPercent(map.flowEfficiency)}</td>
      <td>{formatWhen(map.updatedAt)}</td>
      <td className="actions" role="group" aria-label={`${title}: map actions`}>
        <button
          type="button"
          aria-label={`Derive future state from ${title}`}
          onClick={() =>
            void act(async () => {
              const derived = await call('deriveFutureState', { id: map.id });
              return { kind: 'status', text: `Made the future state “${derived.label}” of ${derived.streamName}.` };
            })
          }
        >
          Derive future state
        </button>
        {map.state === 'future' && (
          <button
            type="button"
            aria-label={`Rename ${title}`}
            onClick={() => {
              setRelabeling(true);
            }}
          >
            Rename
          </button>
        )}
        <button
          type="button"
          aria-label={`Duplicate ${title}`}
          onClick={() =>
            void act(async () => {
              const copy = await call('duplicateMap', { id: map.id });
              return { kind: 'status', text: `Made ${copy.streamName}: ${copy.label}.` };
            })
          }
        >
          Duplicate
        </button>
        <ExportButtons id={map.id} title={title} act={act} />
        {map.state === 'future' && currentId !== undefined && (
          <a
            className="button"
            href={compareHref(currentId, map.id)}
            aria-label={`Compare ${title} with the current state`}
          >
            Compare
          </a>
        )}
        <CompareWith map={map} title={title} allMaps={allMaps} />
        {map.state === 'future' && currentId !== undefined && (
          <button
            type="button"
            aria-label={`Before/after report of ${title} (PDF)`}
            onClick={() =>
              void act(async () => {
                const file = await call('exportComparison', { beforeId: currentId, afterId: map.id });
                saveExportedFile(file);
                return { kind: 'status', text: `Exported ${file.fileName}.` };
              })
            }
          >
            Before/after
          </button>
        )}
        <button
          type="button"
          aria-label={`Delete ${title}, to the trash`}
          onClick={() =>
            void act(async () => {
              await call('trashMap', { id: map.id });
              return {
                kind: 'status',
                text: `Moved ${title} to the trash.`,
                action: {
                  label: 'Undo',
                  run: () => act(() => call('restoreMap', { id: map.id }).then(() => undefined)),
                },
              };
            })
          }
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

/** A choice of any other map of the library to compare this one with (the current state of a stream goes before). */
function CompareWith({ map, title, allMaps }: { map: MapSummary; title: string; allMaps: MapSummary[] }) {
  const others = allMaps.filter((other) => other.id !== map.id && other.trashedAt === null);
  if (others.length === 0) return null;
  return (
    <GoingSelect
      aria-label={`Compare ${title} with another map`}
      value=""
      onGo={(value) => {
        const other = others.find((each) => each.id === value);
        if (other) window.location.hash = compareHref(...compareOrder(map, other));
      }}
    >
      <option value="">Compare with…</option>
      {others.map((other) => (
        <option key={other.id} value={other.id}>
          {visibleText(`${other.streamName}: ${other.label}`)}
        </option>
      ))}
    </GoingSelect>
  );
}

function ExportButtons({ id, title, act }: { id: string; title: string; act: Act }) {
  const save = (format: 'pdf' | 'json' | 'yaml') =>
    act(async () => {
      const file = await call('exportMap', { id, format });
      saveExportedFile(file);
      return { kind: 'status', text: `Exported ${file.fileName}.` };
    });
  return (
    <>
      <button type="button" aria-label={`Export ${title} as a PDF report`} onClick={() => void save('pdf')}>
        PDF
      </button>
      <button type="button" aria-label={`Export ${title} as JSON`} onClick={() => void save('json')}>
        JSON
      </button>
      <button type="button" aria-label={`Export ${title} as YAML`} onClick={() => void save('yaml')}>
        YAML
      </button>
    </>
  );
}

function TrashSection({ trash, act }: { trash: Trash; act: Act }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const count = trash.streams.length + trash.maps.length;
  return (
    <section className="trash" aria-labelledby="trash-heading">
      <details>
        <summary>
          <h2 id="trash-heading">Trash ({count})</h2>
        </summary>
        {count === 0 && <p className="empty">The trash is empty.</p>}
        <ul>
          {trash.streams.map((stream) => (
            <li key={stream.id}>
              <span>
                Value stream{' '}
                <strong>
                  <VisibleName text={stream.name} />
                </strong>{' '}
                ({stream.maps.length} map
                {stream.maps.length === 1 ? '' : 's'})
              </span>
              <button
                type="button"
                aria-label={`Restore ${stream.name}`}
                onClick={() =>
                  void act(async () => {
                    await call('restoreStream', { id: stream.id });
                    return { kind: 'status', text: `Restored ${stream.name}.` };
                  })
                }
              >
                Restore
              </button>
            </li>
          ))}
          {trash.maps.map((map) => (
            <li key={map.id}>
              <span>
                <strong>
                  {map.streamName}: {map.label}
                </strong>
              </span>
              <button
                type="button"
                aria-label={`Restore ${map.streamName}: ${map.label}`}
                onClick={() =>
                  void act(async () => {
                    await call('restoreMap', { id: map.id });
                    return { kind: 'status', text: `Restored ${map.streamName}: ${map.label}.` };
                  })
                }
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
        {count > 0 && (
          <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
            Empty the trash…
          </button>
        )}
      </details>
      <dialog ref={dialog} aria-labelledby="empty-trash-title">
        <h2 id="empty-trash-title">Empty the trash?</h2>
        <p>
          {count} item{count === 1 ? '' : 's'} and all their history will be deleted for good. This cannot be undone.
        </p>
        <div className="dialog-buttons">
          <button type="button" autoFocus onClick={() => dialog.current?.close()}>
            Keep them
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              dialog.current?.close();
              void act(async () => {
                const gone = await call('emptyTrash', {});
                return {
                  kind: 'status',
                  text: `Deleted ${gone.streams} value stream(s) and ${gone.maps} map(s) for good.`,
                };
              });
            }}
          >
            Delete for good
          </button>
        </div>
      </dialog>
    </section>
  );
}
