/**
 * A map's history: its revisions, named versions first, each with its time and a one-line summary
 * of its change from the revision kept before it. A revision can be previewed read-only (its map
 * and figures), compared with another or with now (links to the comparison view), named, and
 * restored (a new revision: the editor asks for that, as it must save its own edits first).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RevisionInfo } from '../../shared/api/types';
import { revisionChangeText } from '../../shared/metrics/change-marks';
import { COMPARED_METRICS } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import { formatMetric, METRIC_INFO } from '../../shared/metrics/format';
import type { VsmDocument } from '../../shared/model/schema';
import { call } from '../api/client';
import { MapCanvas } from '../canvas/MapCanvas';
import { formatWhen } from '../format';
import { compareHref, sideText } from '../compare/sides';
import { errorText } from '../library/useLibrary';
import { useAct } from '../useAct';

/** The comparison of two revisions of a map, or of a revision with the map now (`to` left out). */
function revisionsHref(mapId: string, from: number, to?: number): string {
  return compareHref(sideText({ id: mapId, revision: from }), sideText({ id: mapId, revision: to }));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday", in the user's locale. */
function formatAgo(ms: number, now: number): string {
  const seconds = Math.round((ms - now) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  return relative.format(Math.round(seconds / size), unit);
}

function revisionTitle(revision: RevisionInfo): string {
  return revision.name ?? `Revision ${revision.number}`;
}

function changeText(revision: RevisionInfo): string {
  return revision.measured ? revisionChangeText(revision) : 'Measuring the change…';
}

/** Summaries measured by one request: a comparison of two large maps takes a while, and the list fills in between. */
const SUMMARIES_AT_ONCE = 2;

interface Preview {
  number: number;
  document: VsmDocument;
}

/** Shown while it is mounted (a modal dialog); closing it (Escape, Close) calls `onClose`. */
export function HistoryPanel({
  mapId,
  headRevision,
  onClose,
  onRestore,
}: {
  mapId: string;
  /** The revision the editor shows (saved): "now". */
  headRevision: number;
  onClose: () => void;
  /** Restores a revision; resolves once the editor shows it, rejects with a message. */
  onRestore: (number: number) => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [revisions, setRevisions] = useState<RevisionInfo[]>();
  const { busy, problem, setProblem, act } = useAct();
  const [preview, setPreview] = useState<Preview>();
  const [naming, setNaming] = useState<{ number: number; text: string }>();
  const [compare, setCompare] = useState<{ from: number; to: number }>();
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  // The list opens at once, with the summaries stored; those not measured yet come a few at a time.
  const reload = () =>
    call('history', { id: mapId, measure: 0 }).then((list) => {
      setRevisions(list);
      setNow(Date.now());
      setCompare((chosen) => chosen ?? { from: list[1]?.number ?? list[0]!.number, to: list[0]!.number });
    });
  const measuring = revisions?.some((revision) => !revision.measured) ?? false;
  useEffect(() => {
    if (!measuring) return undefined;
    let current = true;
    call('history', { id: mapId, measure: SUMMARIES_AT_ONCE })
      .then((list) => {
        if (current) setRevisions(list);
      })
      .catch((failure: unknown) => {
        if (current) setProblem(errorText(failure));
      });
    return () => {
      current = false;
    };
  }, [mapId, measuring, revisions]);

  useEffect(() => {
    setProblem(undefined);
    reload().catch((failure: unknown) => {
      setProblem(errorText(failure));
    });
    // The map saved since: the list is read again.
  }, [mapId, headRevision]);

  const ordered = useMemo(() => {
    const list = revisions ?? [];
    return [...list.filter((revision) => revision.name !== null), ...list.filter((revision) => revision.name === null)];
  }, [revisions]);

  const item = (revision: RevisionInfo) => {
    const current = revision.number === headRevision;
    const title = revisionTitle(revision);
    return (
      <li key={revision.number} className={preview?.number === revision.number ? 'revision previewed' : 'revision'}>
        <p className="revision-title">
          <strong>{title}</strong>
          {revision.name !== null && <span className="revision-number"> · revision {revision.number}</span>}
          {current && <span className="revision-now"> · now</span>}
        </p>
        <p className="revision-when">
          <time dateTime={new Date(revision.createdAt).toISOString()}>{formatAgo(revision.createdAt, now)}</time>,{' '}
          {formatWhen(revision.createdAt)}
        </p>
        <p className="revision-summary">
          {changeText(revision)}
          {revision.restoredFrom !== null && ` (restored revision ${revision.restoredFrom})`}
        </p>
        {naming?.number === revision.number ? (
          <form
            className="revision-naming"
            onSubmit={(event) => {
              event.preventDefault();
              act(async () => {
                await call('nameRevision', { id: mapId, number: revision.number, name: naming.text });
                setNaming(undefined);
                await reload();
              });
            }}
          >
            <label>
              Name of revision {revision.number}
              <input
                autoFocus
                value={naming.text}
                maxLength={200}
                placeholder="agreed future state"
                onChange={(event) => {
                  setNaming({ number: revision.number, text: event.target.value });
                }}
              />
            </label>
            <button type="submit" className="primary" disabled={busy}>
              Save name
            </button>
            <button
              type="button"
              onClick={() => {
                setNaming(undefined);
              }}
            >
              Cancel
            </button>
          </form>
        ) : (
          <div className="revision-actions">
            <button
              type="button"
              aria-label={`Preview revision ${revision.number}`}
              aria-pressed={preview?.number === revision.number}
              disabled={busy}
              onClick={() => {
                act(async () => {
                  const document = await call('openRevision', { id: mapId, number: revision.number });
                  setPreview({ number: revision.number, document });
                });
              }}
            >
              Preview
            </button>
            <button
              type="button"
              aria-label={`${revision.name === null ? 'Name' : 'Rename'} revision ${revision.number}`}
              disabled={busy}
              onClick={() => {
                setNaming({ number: revision.number, text: revision.name ?? '' });
              }}
            >
              {revision.name === null ? 'Name…' : 'Rename…'}
            </button>
            {revision.name !== null && (
              <button
                type="button"
                aria-label={`Unname revision ${revision.number}`}
                disabled={busy}
                onClick={() => {
                  act(async () => {
                    await call('nameRevision', { id: mapId, number: revision.number, name: null });
                    await reload();
                  });
                }}
              >
                Unname
              </button>
            )}
            {!current && (
              <>
                <a href={revisionsHref(mapId, revision.number)}>
                  Compare <span className="visually-hidden">revision {revision.number} </span>with now
                </a>
                <button
                  type="button"
                  aria-label={`Restore revision ${revision.number}`}
                  disabled={busy}
                  onClick={() => {
                    act(async () => {
                      await onRestore(revision.number);
                      setPreview(undefined);
                    });
                  }}
                >
                  Restore
                </button>
              </>
            )}
          </div>
        )}
      </li>
    );
  };

  const previewed = revisions?.find((revision) => revision.number === preview?.number);
  const previewTitle = previewed && revisionTitle(previewed);
  return (
    <dialog ref={dialog} className="history" aria-labelledby="history-title" onClose={onClose}>
      <div className="history-head">
        <h2 id="history-title">History</h2>
        {revisions && compare && revisions.length > 1 && (
          <div className="history-compare">
            <label>
              Compare revision{' '}
              <RevisionSelect
                revisions={revisions}
                value={compare.from}
                onChange={(from) => {
                  setCompare({ ...compare, from });
                }}
              />
            </label>{' '}
            <label>
              with revision{' '}
              <RevisionSelect
                revisions={revisions}
                value={compare.to}
                onChange={(to) => {
                  setCompare({ ...compare, to });
                }}
              />
            </label>{' '}
            <a href={revisionsHref(mapId, compare.from, compare.to)}>Compare</a>
          </div>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="history-body">
        {revisions ? (
          <ol className="revisions" aria-label="Revisions, named versions first">
            {ordered.map(item)}
          </ol>
        ) : (
          <p role="status">Reading the history…</p>
        )}
        <section className="history-preview" aria-label="Preview">
          {preview ? (
            <RevisionPreview preview={preview} title={previewTitle ?? `Revision ${preview.number}`} />
          ) : (
            <p className="history-hint">Preview a revision to see its map and figures here (read-only).</p>
          )}
        </section>
      </div>
    </dialog>
  );
}

function RevisionPreview({ preview, title }: { preview: Preview; title: string }) {
  const metrics = useMemo(() => computeMetrics(preview.document), [preview.document]);
  return (
    <>
      <h3>
        {title} <span className="revision-number">(read-only)</span>
      </h3>
      <dl className="metrics history-metrics">
        {COMPARED_METRICS.map((name) => (
          <div key={name} className="metric">
            <dt>{METRIC_INFO[name].label}</dt>
            <dd data-metric={name}>{formatMetric(name, metrics[name], preview.document.calendar)}</dd>
          </div>
        ))}
      </dl>
      <div className="history-canvas">
        <MapCanvas key={preview.number} document={preview.document} metrics={metrics} />
      </div>
    </>
  );
}

/** One of the map's revisions, by number and name. */
function RevisionSelect({
  revisions,
  value,
  onChange,
}: {
  revisions: readonly RevisionInfo[];
  value: number;
  onChange: (number: number) => void;
}) {
  return (
    <select
      value={value}
      onChange={(event) => {
        onChange(Number(event.target.value));
      }}
    >
      {revisions.map((revision) => (
        <option key={revision.number} value={revision.number}>
          {revision.number}
          {revision.name !== null && `: ${revision.name}`}
        </option>
      ))}
    </select>
  );
}
