/**
 * A comparison for the room (`#/compare/BEFORE/AFTER/present`, each side a map id or `ID@N`, a
 * revision of it): full screen, the deltas first (before → after, and the change as `vsm compare`
 * prints it), then one map at a time, before or after, at presentation mode's sizes and with the
 * comparison's marks on it. Escape goes back to the comparison view.
 */
import { useEffect, useMemo, useState } from 'react';
import { changeMarks, handoffKey } from '../../shared/metrics/change-marks';
import { compareMaps } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import { comparisonTitle, deltaFigures } from '../../shared/metrics/tables';
import { wallsWorstFirst } from '../../shared/metrics/headline';
import { ACTION_BY_ID, ariaKey } from '../../shared/actions';
import { visibleText } from '../../shared/model/visible-text';
import { presentLayout } from '../../shared/picture/present-layout';
import { ActionButton, type BoundActions, MAC, useActions } from '../actions';
import { errorText } from '../library/useLibrary';
import { VisibleName } from '../VisibleName';
import { compareHref, type LoadedSide, loadSide, parseSide } from '../compare/sides';
import { PresentMap } from './PresentMap';
import { useFullScreen, useViewport } from './PresentScreen';

export function PresentCompareScreen({ before, after }: { before: string; after: string }) {
  const [sides, setSides] = useState<{ before: LoadedSide; after: LoadedSide }>();
  const [error, setError] = useState<string>();
  const back = compareHref(before, after);

  useEffect(() => {
    Promise.all([loadSide(parseSide(before)), loadSide(parseSide(after))])
      .then(([one, other]) => {
        setSides({ before: one, after: other });
      })
      .catch((failure: unknown) => {
        setError(errorText(failure));
      });
  }, [before, after]);
  useFullScreen();

  if (!sides) {
    return (
      <main className="present present-waiting">
        {error ? (
          <div role="alert">
            <p>{error}</p>
            <a href={back}>Back to the comparison</a>
          </div>
        ) : (
          <p role="status">Opening the maps…</p>
        )}
      </main>
    );
  }
  return <ComparisonForTheRoom before={sides.before} after={sides.after} back={back} />;
}

function ComparisonForTheRoom({ before, after, back }: { before: LoadedSide; after: LoadedSide; back: string }) {
  const viewport = useViewport();
  const comparison = useMemo(() => compareMaps(before.document, after.document), [before, after]);
  const marks = useMemo(() => changeMarks(before.document, after.document, comparison), [before, after, comparison]);
  const [shown, setShown] = useState<'before' | 'after'>('before');
  const [section, setSection] = useState(0);
  const side = shown === 'before' ? before : after;
  const sideMarks = marks[shown];
  const metrics = useMemo(() => computeMetrics(side.document), [side]);
  const walls = useMemo(() => wallsWorstFirst(metrics.walls), [metrics]);

  // The map is laid out as presentation mode lays it out, under a header taller by a row of
  // deltas: its layout is for the screen less that row, drawn that much lower.
  const layout = useMemo(() => {
    const markedWall = (wall: { from: string; to: string }) =>
      sideMarks.walls.get(handoffKey(wall.from, wall.to)) !== 'remaining';
    const full = presentLayout(side.document, walls, viewport, markedWall);
    const extra = Math.ceil(full.fonts.title * 1.2 + full.fonts.figures * 1.2 + 12);
    return {
      extra,
      map: presentLayout(side.document, walls, { width: viewport.width, height: viewport.height - extra }, markedWall),
    };
  }, [side, walls, viewport, sideMarks]);
  const { fonts } = layout.map;
  const shownSection = Math.min(section, layout.map.sections - 1);

  const show = (next: 'before' | 'after') => {
    setShown(next);
    setSection(0);
  };
  const bound: BoundActions<'comparing'> = {
    showBefore: {
      run: () => {
        show('before');
      },
      pressed: shown === 'before',
    },
    showAfter: {
      run: () => {
        show('after');
      },
      pressed: shown === 'after',
    },
    nextSection: {
      run: () => {
        setSection(Math.min(layout.map.sections - 1, shownSection + 1));
      },
      disabled: shownSection === layout.map.sections - 1,
    },
    previousSection: {
      run: () => {
        setSection(Math.max(0, shownSection - 1));
      },
      disabled: shownSection === 0,
    },
    leavePresentation: {
      run: () => {
        window.location.hash = back;
      },
    },
  };
  useActions('comparing', bound, () => ({ selection: 'none' }));

  const title = visibleText(
    comparisonTitle(
      { name: before.document.name, label: before.label },
      { name: after.document.name, label: after.label },
    ),
  );
  useEffect(() => {
    window.document.title = `${title} — Presenting the comparison — Flowmap`;
    return () => {
      window.document.title = 'Flowmap';
    };
  }, [title]);

  return (
    <main
      className="present present-compare"
      aria-label={`Comparison of ${title}`}
      style={{ width: viewport.width, height: viewport.height }}
    >
      <header
        className="present-header present-compare-header"
        style={{ height: layout.extra + layout.map.header.height }}
      >
        <div className="present-compare-top">
          <h1 style={{ fontSize: fonts.title }}>{title}</h1>
          <p className="present-compare-side" style={{ fontSize: fonts.lane }}>
            <strong>{shown === 'before' ? 'Before' : 'After'}</strong>: <VisibleName text={side.label} />
            {' · '}
            <MarksLegend shown={shown} />
          </p>
          <div
            className="present-compare-sides"
            role="group"
            aria-label="Map shown"
            style={{ fontSize: fonts.controls }}
          >
            <ActionButton action={ACTION_BY_ID.showBefore} bound={bound.showBefore} />
            <ActionButton action={ACTION_BY_ID.showAfter} bound={bound.showAfter} />
          </div>
          <a
            className="present-exit"
            href={back}
            aria-keyshortcuts={ariaKey(ACTION_BY_ID.leavePresentation.keys[0], MAC)}
            style={{ fontSize: fonts.controls }}
          >
            Exit
          </a>
        </div>
        <dl className="present-tiles present-deltas">
          {deltaFigures(comparison, after.document.calendar).map((figure) => (
            <div
              key={figure.metric}
              className="present-tile"
              data-metric={figure.metric}
              title={`${figure.label}: ${figure.values}, ${figure.change}`}
            >
              <dt style={{ fontSize: fonts.tileLabel }}>{figure.label}</dt>
              <dd className="present-delta-change" style={{ fontSize: Math.round(fonts.tileValue * 0.8) }}>
                {figure.change}
              </dd>
              <dd className="present-delta-values" style={{ fontSize: fonts.figures }}>
                {figure.values}
              </dd>
            </div>
          ))}
        </dl>
      </header>

      <section
        className="present-compare-map"
        aria-label={`The map ${shown}: ${visibleText(side.label)}`}
        style={{ top: layout.extra, height: viewport.height - layout.extra }}
      >
        <PresentMap
          layout={layout.map}
          document={side.document}
          metrics={metrics}
          walls={walls}
          section={shownSection}
          marks={sideMarks}
        />
        {layout.map.footer && (
          <nav
            className="present-sections"
            aria-label="Sections"
            style={{ top: layout.map.footer.y, height: layout.map.footer.height, fontSize: fonts.controls }}
          >
            <ActionButton action={ACTION_BY_ID.previousSection} bound={bound.previousSection} />
            <span className="present-section" aria-live="polite">
              Section {shownSection + 1} of {layout.map.sections}
            </span>
            <ActionButton action={ACTION_BY_ID.nextSection} bound={bound.nextSection} />
          </nav>
        )}
      </section>
    </main>
  );
}

/** What the marks on the side shown mean: before, what went and what changed; after, what came and what changed. */
function MarksLegend({ shown }: { shown: 'before' | 'after' }) {
  return shown === 'before' ? (
    <span>− removed, ~ changed; walls gone struck through</span>
  ) : (
    <span>+ added, ~ changed; + new walls</span>
  );
}
