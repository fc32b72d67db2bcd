/**
 * Two maps compared (`#/compare/BEFORE/AFTER`, each side a map's id or `ID@N` for a revision):
 * both maps with their changes, beside them the delta tiles and the list of changes; the maps
 * apart (one above the other, or side by side, whichever shows them larger) with pan and zoom
 * together or overlaid (the before faded under the after), the timelines on one time axis and the
 * list of changes. Sides swap and change, the PDF exports, either map opens in the editor.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapSummary } from '../../shared/api/types';
import { changeMarks } from '../../shared/metrics/change-marks';
import { compareMaps } from '../../shared/metrics/compare';
import { layoutMap } from '../../shared/picture/layout';
import { visibleText } from '../../shared/model/visible-text';
import { call } from '../api/client';
import { type Focus, MapCanvas } from '../canvas/MapCanvas';
import { createViewportLink } from '../canvas/viewport-link';
import { saveExportedFile } from '../format';
import { errorText } from '../library/useLibrary';
import { ExportDialog } from '../panels/ExportDialog';
import { TimelineLadder } from '../panels/TimelineLadder';
import { comparisonTitle } from '../../shared/metrics/tables';
import { VisibleName } from '../VisibleName';
import { GoingSelect } from '../GoingSelect';
import { type Choice, ChangesList, type Shown } from './ChangesList';
import { DeltaTiles } from './DeltaTiles';
import { arrangement } from './arrangement';
import { compareHref, type LoadedSide, loadSide, parseSide, sideText } from './sides';

type Loaded = { before: LoadedSide; after: LoadedSide } | { problem: string } | undefined;

export function CompareScreen({ before, after }: { before: string; after: string }) {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    let current = true;
    Promise.all([loadSide(parseSide(before)), loadSide(parseSide(after))])
      .then(([b, a]) => {
        if (current) setLoaded({ before: b, after: a });
      })
      .catch((failure: unknown) => {
        if (current) setLoaded({ problem: errorText(failure) });
      });
    return () => {
      current = false;
    };
  }, [before, after]);

  if (!loaded || 'problem' in loaded) {
    return (
      <div className="compare-screen">
        <header className="topbar">
          <a href="#/" className="back">
            ← Library
          </a>
          <h1>Compare</h1>
        </header>
        <main>
          {loaded ? (
            <p className="message error" role="alert">
              These maps could not be compared: {loaded.problem}
            </p>
          ) : (
            <p role="status">Opening the maps…</p>
          )}
        </main>
      </div>
    );
  }
  return <ComparisonView before={loaded.before} after={loaded.after} />;
}

type Layout = 'separate' | 'overlaid';

/** The comparison of two loaded sides (the benchmark draws it without the library). */
export function ComparisonView({ before, after }: { before: LoadedSide; after: LoadedSide }) {
  const comparison = useMemo(() => compareMaps(before.document, after.document), [before, after]);
  const marks = useMemo(() => changeMarks(before.document, after.document, comparison), [before, after, comparison]);
  const [layout, setLayout] = useState<Layout>('separate');
  const [chosen, setChosen] = useState<Choice>();
  const [showExport, setShowExport] = useState(false);
  const [showLadders, setShowLadders] = useState(
    Math.max(before.document.steps.length, after.document.steps.length) <= LARGE_MAP,
  );
  const link = useMemo(createViewportLink, []);
  const [beforeText, afterText] = [sideText(before.side), sideText(after.side)];
  // Maps of one stream are called by their labels; maps of two streams by their names too.
  const title = visibleText(
    comparisonTitle(
      { name: before.summary.streamName, label: before.label },
      { name: after.summary.streamName, label: after.label },
    ),
  );
  useEffect(() => {
    window.document.title = `${title} — Compare — Flowmap`;
    return () => {
      window.document.title = 'Flowmap';
    };
  }, [title]);
  const scale = Math.max(comparison.before.metrics.leadTime, comparison.after.metrics.leadTime);
  // The maps pan together: the entry is brought into view on the map after when it is there, and
  // the map before follows. Each choice is a new focus, so choosing an entry again shows it again.
  // At first and on each change of layout, the larger map is shown whole; the other follows.
  const largerLayout = useMemo(() => {
    const [b, a] = [layoutMap(before.document), layoutMap(after.document)];
    return b.width * b.height >= a.width * a.height
      ? { side: 'before' as const, box: b }
      : { side: 'after' as const, box: a };
  }, [before, after]);
  const larger = largerLayout.side;
  const [arranged, setArranged] = useState<'stacked' | 'beside'>('stacked');
  const mapsArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const area = mapsArea.current;
    if (!area) return;
    const observer = new ResizeObserver(() => {
      setArranged(arrangement(largerLayout.box, { width: area.clientWidth, height: area.clientHeight }));
    });
    observer.observe(area);
    return () => {
      observer.disconnect();
    };
  }, [largerLayout]);
  const whole = (side: 'before' | 'after') => {
    const fit: Focus = { padding: 0.05 };
    return side === 'before' ? { before: fit, after: undefined } : { before: undefined, after: fit };
  };
  const [focus, setFocus] = useState<{ before: Focus | undefined; after: Focus | undefined }>(() => whole(larger));
  const changeLayout = (next: Layout) => {
    setLayout(next);
    setFocus(whole(larger));
  };
  const choose = (choice: Choice) => {
    setChosen(choice);
    setFocus(
      choice.after
        ? { before: undefined, after: { ids: choice.after.ids } }
        : { before: choice.before && { ids: choice.before.ids }, after: undefined },
    );
  };
  const chooseStep = (side: 'before' | 'after', id: string) => {
    const shown: Shown = { selection: { kind: 'steps', ids: [id] }, ids: [id] };
    choose(side === 'before' ? { before: shown, after: undefined } : { before: undefined, after: shown });
  };
  const sides = [
    { key: 'before', side: before, metrics: comparison.before.metrics },
    { key: 'after', side: after, metrics: comparison.after.metrics },
  ] as const;

  const opened = (key: 'before' | 'after') =>
    sides.filter(
      (shown) =>
        (layout === 'overlaid' ? key === 'after' : shown.key === key) &&
        (shown.key === 'before' || shown.side.side.id !== before.side.id),
    );

  return (
    <div className={`compare-screen ${layout}`}>
      <header className="topbar">
        <a href="#/" className="back">
          ← Library
        </a>
        <h1 title={title}>{title}</h1>
        <a className="button" href={`${compareHref(beforeText, afterText)}/present`}>
          Present
        </a>
        <button
          type="button"
          onClick={() => {
            setShowExport(true);
          }}
        >
          Export…
        </button>
      </header>
      <div className="compare-controls">
        <SidePickers before={before} after={after} />
        <div className="compare-layout" role="radiogroup" aria-label="Show the maps">
          {(['separate', 'overlaid'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name="compare-layout"
                checked={layout === choice}
                onChange={() => {
                  changeLayout(choice);
                }}
              />
              {choice === 'separate' ? 'Separate' : 'Overlaid'}
            </label>
          ))}
        </div>
      </div>
      <main className="compare-main">
        <div className="compare-body">
          <div ref={mapsArea} className={`compare-maps ${layout === 'separate' ? arranged : layout}`}>
            {sides.map(({ key, side, metrics }) => {
              const under = layout === 'overlaid' && key === 'before';
              return (
                <section
                  key={key}
                  className={`compare-map ${key}`}
                  aria-label={`${key === 'before' ? 'Before' : 'After'}: ${visibleText(side.label)}`}
                >
                  {/* Overlaid, the heading before keeps its room (the maps stand level) and is not seen: the one
                      above links to both maps. A revision opens as the map it is of: one link for each map. */}
                  <div className="compare-map-head">
                    <h2>
                      {key === 'before' ? 'Before' : 'After'}: <VisibleName text={side.label} />
                      {layout === 'overlaid' && key === 'after' && (
                        <span className="overlaid-under">
                          {' '}
                          over before: <VisibleName text={before.label} /> (faded)
                        </span>
                      )}
                    </h2>
                    {opened(key).map((shown) => (
                      <a key={shown.key} href={`#/map/${shown.side.side.id}`}>
                        Open {visibleText(shown.side.summary.label)} in the editor
                      </a>
                    ))}
                  </div>
                  {/* Overlaid, the map before is only seen: the one above takes the pointer and the keys. */}
                  <div className="canvas" inert={under}>
                    <MapCanvas
                      document={side.document}
                      metrics={metrics}
                      marks={marks[key]}
                      selection={chosen?.[key]?.selection}
                      focus={focus[key]}
                      viewportLink={link}
                    />
                  </div>
                </section>
              );
            })}
          </div>
          {/* Beside the maps, so that at 1280×720 they have the view's whole height and the deltas stay in sight. */}
          <div className="compare-side">
            <DeltaTiles comparison={comparison} calendar={after.document.calendar} />
            <ChangesList before={before.document} after={after.document} comparison={comparison} onChoose={choose} />
          </div>
        </div>
        {/* Hundreds of rungs slow every pan of the maps: on large maps the timelines are drawn when opened. */}
        <details
          className="compare-ladders"
          open={showLadders}
          onToggle={(event) => {
            setShowLadders(event.currentTarget.open);
          }}
        >
          <summary>Timelines along the critical paths, on one time axis</summary>
          {showLadders &&
            sides.map(({ key, side, metrics }) => (
              <TimelineLadder
                key={key}
                heading={`Timeline: ${visibleText(side.label)}`}
                document={side.document}
                metrics={metrics}
                scale={scale}
                onSelect={(id) => {
                  chooseStep(key, id);
                }}
              />
            ))}
        </details>
      </main>
      <ExportDialog
        open={showExport}
        title="Export the comparison"
        choices={COMPARISON_EXPORTS}
        onClose={() => {
          setShowExport(false);
        }}
        onExport={async ({ format, page, landscape }) => {
          if (format !== 'pdf' && format !== 'svg' && format !== 'png') return;
          saveExportedFile(
            await call('exportComparison', {
              beforeId: before.side.id,
              afterId: after.side.id,
              beforeRevision: before.side.revision,
              afterRevision: after.side.revision,
              format,
              page,
              landscape,
            }),
          );
        }}
      />
    </div>
  );
}

/** Steps from which the timelines start closed. */
const LARGE_MAP = 200;

const COMPARISON_EXPORTS = [
  { format: 'pdf', label: 'PDF report: the deltas, both maps with their changes, the list of changes' },
  { format: 'svg', label: 'SVG picture of the report' },
  { format: 'png', label: 'PNG picture of the report' },
] as const;

/** Swap the sides, or pick another map of the library for either. */
function SidePickers({ before, after }: { before: LoadedSide; after: LoadedSide }) {
  const [maps, setMaps] = useState<MapSummary[]>([]);
  useEffect(() => {
    let current = true;
    call('listLibrary', {})
      .then(({ streams }) => {
        if (current) setMaps(streams.flatMap((stream) => stream.maps.filter((map) => map.trashedAt === null)));
      })
      // Without the listing the sides still swap; there is just no other map to pick.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  const [beforeText, afterText] = [sideText(before.side), sideText(after.side)];
  const picker = (which: 'Before' | 'After', side: LoadedSide) => {
    const value = sideText(side.side);
    const listed = maps.some((map) => map.id === value);
    return (
      <label className="side-picker">
        {which}{' '}
        <GoingSelect
          value={value}
          onGo={(chosen) => {
            window.location.hash =
              which === 'Before' ? compareHref(chosen, afterText) : compareHref(beforeText, chosen);
          }}
        >
          {!listed && <option value={value}>{visibleText(`${side.summary.streamName}: ${side.label}`)}</option>}
          {maps.map((map) => (
            <option key={map.id} value={map.id}>
              {visibleText(`${map.streamName}: ${map.label}`)}
            </option>
          ))}
        </GoingSelect>
      </label>
    );
  };
  return (
    <div className="side-pickers">
      {picker('Before', before)}
      <button
        type="button"
        onClick={() => {
          window.location.hash = compareHref(afterText, beforeText);
        }}
      >
        ⇄ Swap
      </button>
      {picker('After', after)}
    </div>
  );
}
