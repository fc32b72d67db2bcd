/**
 * Presentation mode (`#/map/ID/present`): the map for the room, read-only, in full screen. It is
 * drawn in screen pixels from {@link presentLayout}, not by the editor's zoomable canvas, so that
 * names and walls keep their size on a projector; a map too large for one screen goes by sections.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { computeMetrics, type Wall } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { headlineFigures, wallsWorstFirst } from '../../shared/metrics/headline';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import { SEVERITY_COLOURS } from '../../shared/picture/palette';
import { type PresentLayout, presentLayout, wallLabel } from '../../shared/picture/present-layout';
import { visibleText } from '../../shared/model/visible-text';
import { call } from '../api/client';
import { errorText } from '../library/useLibrary';
import { ActionButton, type BoundActions, MAC, useActions } from '../actions';
import { ACTION_BY_ID, ariaKey } from '../../shared/actions';
import { VisibleName } from '../VisibleName';
import { isWall, PresentMap } from './PresentMap';
import { agendaActions } from '../workshop/agenda-actions';
import { useAgenda } from '../workshop/useAgenda';
import { PRESENT_AGENDA_HEIGHT, PresentAgenda } from '../workshop/PresentAgenda';
import { PresentIdeaBoard } from '../ideas/PresentIdeaBoard';
import { useVoting } from '../ideas/useVoting';

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

  useFullScreen();

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

/** Full screen while the screen is shown, when the browser allows it (it may refuse without a click or key just before). */
export function useFullScreen(): void {
  useEffect(() => {
    window.document.documentElement.requestFullscreen().catch(() => undefined);
    return () => {
      if (window.document.fullscreenElement) window.document.exitFullscreen().catch(() => undefined);
    };
  }, []);
}

/** The window's size, followed as it changes. */
export function useViewport(): { width: number; height: number } {
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
  const [agenda, updateAgenda] = useAgenda(id);
  const agendaBound = agendaActions(agenda, updateAgenda);
  // The agenda, when it is in use, stands in a strip below the map.
  const mapViewport = useMemo(
    () => (agenda.shown ? { ...viewport, height: viewport.height - PRESENT_AGENDA_HEIGHT } : viewport),
    [agenda.shown, viewport],
  );
  const metrics = useMemo(() => computeMetrics(document), [document]);
  // The order the room walks them in.
  const walls = useMemo(() => wallsWorstFirst(metrics.walls), [metrics]);
  const layout = useMemo(() => presentLayout(document, walls, mapViewport), [document, walls, mapViewport]);
  const [section, setSection] = useState(0);
  /** The spotlit wall: an index into the walls, worst first. */
  const [spotlight, setSpotlight] = useState<number>();
  // The idea board in place of the map (the ideas action's key), with the voting round set in the editor.
  const [board, setBoard] = useState(false);
  const [voting] = useVoting(id);
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
      disabled: noWalls || board,
    },
    previousWall: {
      run: () => {
        spotlightWall(spotlight === undefined ? walls.length - 1 : Math.max(spotlight - 1, 0));
      },
      disabled: noWalls || board,
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
        if (board) setBoard(false);
        else if (spotlight === undefined) window.location.hash = `#/map/${id}`;
        else spotlightWall(undefined);
      },
    },
    ...agendaBound,
    ideaBoard: {
      run: () => {
        setBoard(!board);
      },
      pressed: board,
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

      {agenda.shown && <PresentAgenda agenda={agenda} bound={agendaBound} top={mapViewport.height} />}

      {board ? (
        <PresentIdeaBoard
          document={document}
          voting={voting}
          top={layout.header.height}
          bottom={viewport.height - mapViewport.height}
        />
      ) : (
        <PresentMap
          layout={layout}
          document={document}
          metrics={metrics}
          walls={walls}
          section={shownSection}
          spotlight={spotlight}
          onWallPress={(index) => {
            spotlightWall(index === spotlight ? undefined : index);
          }}
        />
      )}
    </main>
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
