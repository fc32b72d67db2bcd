/**
 * Presentation mode (`#/map/ID/present`): the map for the room, read-only, in full screen. It is
 * drawn in screen pixels from {@link presentLayout}, not by the editor's zoomable canvas, so that
 * names and walls keep their size on a projector; a map too large for one screen goes by sections.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { computeMetrics, type Wall } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { headlineFigures, wallsWorstFirst } from '../../shared/metrics/headline';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import { laneColour, SEVERITY_COLOURS } from '../../shared/picture/palette';
import { type PresentLayout, presentLayout, wallLabel } from '../../shared/picture/present-layout';
import { presentFigures } from '../../shared/picture/map-picture';
import { visibleText } from '../../shared/model/visible-text';
import { call } from '../api/client';
import { errorText } from '../library/useLibrary';
import { ActionButton, type BoundActions, MAC, useActions } from '../actions';
import { ACTION_BY_ID, ariaKey } from '../../shared/actions';
import { VisibleName } from '../VisibleName';

export function PresentScreen({ id }: { id: string }) {
  const [opened, setOpened] = useState<{ document: VsmDocument; label: string }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    call('openMap', { id })
      .then(({ document, summary }) => {
        setOpened({ document, label: summary.label });
      })
      .catch((failure: unknown) => {
        setError(errorText(failure));
      });
  }, [id]);

  // Full screen when the browser allows it (it may refuse without a click or key just before).
  useEffect(() => {
    window.document.documentElement.requestFullscreen().catch(() => undefined);
    return () => {
      if (window.document.fullscreenElement) window.document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  if (!opened) {
    return (
      <main className="present present-waiting">
        {error ? (
          <div role="alert">
            <p>{error}</p>
            <a href={`#/map/${id}`}>Back to the editor</a>
          </div>
        ) : (
          <p role="status">Opening the map…</p>
        )}
      </main>
    );
  }
  return <Presentation id={id} document={opened.document} label={opened.label} />;
}

/** The window's size, followed as it changes. */
function useViewport(): { width: number; height: number } {
  const size = useSyncExternalStore(
    (onChange) => {
      window.addEventListener('resize', onChange);
      return () => {
        window.removeEventListener('resize', onChange);
      };
    },
    () => `${window.innerWidth}x${window.innerHeight}`,
  );
  return useMemo(() => {
    const [width, height] = size.split('x').map(Number);
    return { width: width!, height: height! };
  }, [size]);
}

/** The map for the room; `label` says which state of it ("Current state", "In 3 months"). */
function Presentation({ id, document, label }: { id: string; document: VsmDocument; label: string }) {
  const viewport = useViewport();
  const metrics = useMemo(() => computeMetrics(document), [document]);
  // The order the room walks them in.
  const walls = useMemo(() => wallsWorstFirst(metrics.walls), [metrics]);
  const layout = useMemo(() => presentLayout(document, walls, viewport), [document, walls, viewport]);
  const [section, setSection] = useState(0);
  /** The spotlit wall: an index into the walls, worst first. */
  const [spotlight, setSpotlight] = useState<number>();
  const shownSection = Math.min(section, layout.sections - 1);
  const wallSection = (index: number) => layout.walls.find((wall) => isWall(wall, walls[index]!))?.section;

  const spotlightWall = (index: number | undefined) => {
    setSpotlight(index);
    const inSection = index === undefined ? undefined : wallSection(index);
    if (inSection !== undefined) setSection(inSection);
  };
  const goToSection = (next: number) => {
    setSection(Math.max(0, Math.min(layout.sections - 1, next)));
    setSpotlight(undefined);
  };

  // The room's keys, from the table of actions (shared/actions.ts, mode `presenting`).
  const noWalls = walls.length === 0;
  const bound: BoundActions<'presenting'> = {
    nextWall: {
      run: () => {
        spotlightWall(spotlight === undefined ? 0 : Math.min(spotlight + 1, walls.length - 1));
      },
      disabled: noWalls,
    },
    previousWall: {
      run: () => {
        spotlightWall(spotlight === undefined ? walls.length - 1 : Math.max(spotlight - 1, 0));
      },
      disabled: noWalls,
    },
    nextSection: {
      run: () => {
        goToSection(shownSection + 1);
      },
    },
    previousSection: {
      run: () => {
        goToSection(shownSection - 1);
      },
    },
    leavePresentation: {
      run: () => {
        if (spotlight === undefined) window.location.hash = `#/map/${id}`;
        else spotlightWall(undefined);
      },
    },
  };
  useActions('presenting', bound, () => ({ selection: 'none' }));

  // The tab and the window say which map, and which state of it, as in the editor.
  useEffect(() => {
    window.document.title = `${visibleText(document.name)} — ${visibleText(label)} — Presenting — Flowmap`;
    return () => {
      window.document.title = 'Flowmap';
    };
  }, [document.name, label]);

  const lit = spotlight === undefined ? undefined : walls[spotlight];
  const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
  const teamName = new Map(document.teams.map((team) => [team.id, team.name]));
  const step = new Map(document.steps.map((one) => [one.id, one]));
  const inSection = <T extends { section: number }>(items: readonly T[]) =>
    items.filter((item) => item.section === shownSection);

  return (
    <main
      className={`present${lit ? ' spotlit' : ''}`}
      aria-label={`Presentation of ${visibleText(document.name)}, ${visibleText(label)}`}
      style={{ width: viewport.width, height: viewport.height }}
    >
      <header className="present-header" style={{ height: layout.header.height }}>
        <div className="present-title">
          <h1 style={{ fontSize: layout.fonts.title }}>
            <VisibleName text={document.name} />
          </h1>
          <p className="present-state" style={{ fontSize: layout.fonts.tileLabel }}>
            <VisibleName text={label} />
          </p>
        </div>
        {lit ? (
          <WallCaption
            wall={lit}
            rank={spotlight! + 1}
            count={walls.length}
            document={document}
            stepName={stepName}
            teamName={teamName}
            layout={layout}
          />
        ) : (
          <dl className="present-tiles">
            {headlineFigures(metrics, document.calendar).map(({ label, value }) => (
              <Tile key={label} label={label} layout={layout}>
                {value}
              </Tile>
            ))}
          </dl>
        )}
        <a
          className="present-exit"
          href={`#/map/${id}`}
          aria-keyshortcuts={ariaKey(ACTION_BY_ID.leavePresentation.keys[0], MAC)}
          style={{ fontSize: layout.fonts.controls }}
        >
          Exit
        </a>
      </header>
      {layout.footer && (
        <nav
          className="present-sections"
          aria-label="Sections"
          style={{ top: layout.footer.y, height: layout.footer.height, fontSize: layout.fonts.controls }}
        >
          <ActionButton
            action={ACTION_BY_ID.previousSection}
            bound={{ ...bound.previousSection, disabled: shownSection === 0 }}
          />
          <span className="present-section" aria-live="polite">
            Section {shownSection + 1} of {layout.sections}
          </span>
          <ActionButton
            action={ACTION_BY_ID.nextSection}
            bound={{ ...bound.nextSection, disabled: shownSection === layout.sections - 1 }}
          />
        </nav>
      )}

      {document.steps.length === 0 && (
        <p className="present-empty" style={{ top: layout.map.y, fontSize: layout.fonts.name }}>
          This map has no steps yet.
        </p>
      )}
      {layout.lanes.map((lane) => (
        <div
          key={lane.index}
          className="present-lane"
          style={{
            left: layout.map.x,
            top: lane.y,
            width: layout.map.width,
            height: lane.height,
            borderLeftColor: laneColour(lane.index),
          }}
        >
          <span className="present-lane-name" style={{ fontSize: layout.fonts.lane, maxWidth: layout.map.width * 0.3 }}>
            <VisibleName text={lane.name} />
          </span>
        </div>
      ))}

      <svg className="present-lines" width={viewport.width} height={viewport.height} aria-hidden="true">
        <defs>
          <marker
            id="present-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="5"
            markerHeight="5"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" />
          </marker>
        </defs>
        {inSection(layout.lines).map((line) => (
          <polyline
            key={`${line.from}>${line.to}`}
            className={`present-line${line.rework ? ' rework' : ''}${lit && isWall(lit, line) ? ' lit' : ''}`}
            points={line.points.map((point) => `${point.x},${point.y}`).join(' ')}
            markerEnd="url(#present-arrow)"
          />
        ))}
      </svg>

      {inSection(layout.boxes).map((box) => {
        const shown = step.get(box.id)!;
        const onWall = lit !== undefined && (lit.from === box.id || lit.to === box.id);
        return (
          <div
            key={box.id}
            className={`present-step${metrics.criticalPath.includes(box.id) ? ' critical' : ''}${onWall ? ' lit' : ''}`}
            title={visibleText(shown.name)}
            style={{
              left: box.x,
              top: box.y,
              width: box.width,
              height: box.height,
              borderLeftColor: laneColour(layout.lanes[box.lane]!.index),
            }}
          >
            <WordClamp
              text={visibleText(shown.name)}
              fontSize={layout.fonts.name}
              lines={layout.nameLines}
              width={box.width}
            />
            {layout.showFigures && (
              <span className="present-step-figures" style={{ fontSize: layout.fonts.figures }}>
                {presentFigures(shown, document.calendar)}
              </span>
            )}
          </div>
        );
      })}

      {/* The walls' bars over the boxes' edges, so that a spotlit step never hides its wall. */}
      <svg className="present-lines" width={viewport.width} height={viewport.height} aria-hidden="true">
        {inSection(layout.walls).map((wall) => (
          <rect
            key={`${wall.from}>${wall.to}`}
            className={`present-wall-bar${lit && isWall(lit, wall) ? ' lit' : ''}`}
            x={wall.bar.x}
            y={wall.bar.y}
            width={wall.bar.width}
            height={wall.bar.height}
            rx={wall.bar.height / 2}
            fill={SEVERITY_COLOURS[wall.severity]}
          />
        ))}
      </svg>

      {inSection(layout.walls).map((wall) => {
        const index = walls.findIndex((one) => isWall(one, wall));
        const figures = walls[index]!;
        const text = wallLabel(figures, document.calendar);
        return (
          <button
            key={`${wall.from}>${wall.to}`}
            type="button"
            className={`present-wall severity-${wall.severity}${index === spotlight ? ' lit' : ''}`}
            aria-pressed={index === spotlight}
            style={{
              left: wall.label.x,
              top: wall.label.y,
              minWidth: wall.label.width,
              height: wall.label.height,
              fontSize: layout.fonts.wall,
              borderColor: SEVERITY_COLOURS[wall.severity],
            }}
            onClick={() => {
              spotlightWall(index === spotlight ? undefined : index);
            }}
          >
            <strong>{text.severity}</strong> <span className="present-wall-delay">{text.figures}</span>
            <span className="visually-hidden">
              {`, wall ${index + 1} of ${walls.length}: ${visibleText(teamName.get(figures.fromTeam) ?? '')} → ${visibleText(teamName.get(figures.toTeam) ?? '')}, ${visibleText(stepName.get(figures.from) ?? '')} → ${visibleText(stepName.get(figures.to) ?? '')}`}
            </span>
          </button>
        );
      })}
    </main>
  );
}

/**
 * A step's name in at most `lines` lines, wrapped between words; one that is longer ends with an
 * ellipsis after its last whole word (CSS's line clamp would cut inside a word).
 */
function WordClamp({ text, fontSize, lines, width }: { text: string; fontSize: number; lines: number; width: number }) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const element = ref.current!;
    const box = element.parentElement!;
    const fits = () => box.scrollHeight <= box.clientHeight + 1;
    element.textContent = text;
    if (fits()) return;
    const words = text.split(/\s+/);
    // The most words that fit with the ellipsis, found by halving.
    let low = 1;
    let high = words.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      element.textContent = `${words.slice(0, middle).join(' ')}…`;
      if (fits()) low = middle;
      else high = middle - 1;
    }
    element.textContent = `${words.slice(0, low).join(' ')}…`;
  }, [text, fontSize, lines, width]);
  return (
    <span className="present-step-name" style={{ fontSize, maxHeight: lines * fontSize * 1.2 }}>
      <bdi ref={ref}>{text}</bdi>
    </span>
  );
}

function Tile({ label, layout, children }: { label: string; layout: PresentLayout; children: string }) {
  return (
    <div className="present-tile">
      <dt style={{ fontSize: layout.fonts.tileLabel }}>{label}</dt>
      <dd style={{ fontSize: layout.fonts.tileValue }}>{children}</dd>
    </div>
  );
}

/** The spotlit wall's figures, large, in place of the tiles. */
function WallCaption({
  wall,
  rank,
  count,
  document,
  stepName,
  teamName,
  layout,
}: {
  wall: Wall;
  rank: number;
  count: number;
  document: VsmDocument;
  stepName: ReadonlyMap<string, string>;
  teamName: ReadonlyMap<string, string>;
  layout: PresentLayout;
}) {
  const text = wallLabel(wall, document.calendar);
  return (
    <div className="present-caption" role="status" style={{ borderLeftColor: SEVERITY_COLOURS[wall.severity] }}>
      <p className="present-caption-head" style={{ fontSize: layout.fonts.tileValue * 0.85 }}>
        <strong>{text.severity}</strong> · <VisibleName text={teamName.get(wall.fromTeam)} /> →{' '}
        <VisibleName text={teamName.get(wall.toTeam)} />
        {` · delay ${formatDuration(wall.delay, document.calendar)} · ${formatPercent(wall.delayShare)} of the lead time`}
      </p>
      <p
        className="present-caption-steps"
        style={{ fontSize: layout.fonts.name }}
        title={`${visibleText(stepName.get(wall.from) ?? '')} → ${visibleText(stepName.get(wall.to) ?? '')}`}
      >
        {`Wall ${rank} of ${count}: `}
        <VisibleName text={stepName.get(wall.from)} /> → <VisibleName text={stepName.get(wall.to)} />
        {wall.critical ? ' (critical path)' : ''}
      </p>
    </div>
  );
}

/** Whether two records name the same handoff. */
function isWall(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from === b.from && a.to === b.to;
}
