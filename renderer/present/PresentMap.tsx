/**
 * A map as the room sees it, drawn in screen pixels from {@link presentLayout}: its lanes, handoffs,
 * steps and walls of confusion, one section of it at a time. Presentation mode draws it with a
 * spotlight on one wall; the comparison's presentation draws each side with its change marks
 * (added, removed, changed: in colour and in symbol and word, never colour alone).
 */
import { useLayoutEffect, useRef } from 'react';
import { handoffKey, type SideMarks } from '../../shared/metrics/change-marks';
import type { FlowMetrics, Wall } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { describeHandoffChange, describeStepChange } from '../../shared/metrics/change-rows';
import type { VsmDocument } from '../../shared/model/schema';
import { visibleText } from '../../shared/model/visible-text';
import { CHANGE_COLOURS, CHANGE_SYMBOLS, laneColour, SEVERITY_COLOURS } from '../../shared/picture/palette';
import { changeBadge, presentFigures, WALL_MARKS } from '../../shared/picture/map-picture';
import { type PresentLayout, wallLabel } from '../../shared/picture/present-layout';
import { VisibleName } from '../VisibleName';

/** Whether two records name the same handoff. */
export function isWall(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from === b.from && a.to === b.to;
}

export function PresentMap({
  layout,
  document,
  metrics,
  walls,
  section,
  spotlight,
  onWallPress,
  marks,
}: {
  layout: PresentLayout;
  document: VsmDocument;
  metrics: FlowMetrics;
  /** The map's walls, worst first: the order the room walks them in. */
  walls: readonly Wall[];
  /** The section on screen. */
  section: number;
  /** The spotlit wall, an index into `walls`. */
  spotlight?: number;
  /** Pressing a wall's label (presentation mode spotlights it); without it, the labels are text. */
  onWallPress?: (index: number) => void;
  /** This side's change marks, in a comparison. */
  marks?: SideMarks;
}) {
  const lit = spotlight === undefined ? undefined : walls[spotlight];
  const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
  const teamName = new Map(document.teams.map((team) => [team.id, team.name]));
  const step = new Map(document.steps.map((one) => [one.id, one]));
  const inSection = <T extends { section: number }>(items: readonly T[]) =>
    items.filter((item) => item.section === section);
  const { width, height } = layout.viewport;

  return (
    <>
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

      <svg className="present-lines" width={width} height={height} aria-hidden="true">
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
        {inSection(layout.lines).map((line) => {
          const mark = marks?.handoffs.get(handoffKey(line.from, line.to))?.mark;
          return (
            <polyline
              key={handoffKey(line.from, line.to)}
              className={`present-line${line.rework ? ' rework' : ''}${lit && isWall(lit, line) ? ' lit' : ''}${mark ? ` mark-${mark}` : ''}`}
              points={line.points.map((point) => `${point.x},${point.y}`).join(' ')}
              markerEnd="url(#present-arrow)"
              style={mark ? { stroke: CHANGE_COLOURS[mark] } : undefined}
            />
          );
        })}
      </svg>

      {inSection(layout.boxes).map((box) => {
        const shown = step.get(box.id)!;
        const onWall = lit !== undefined && (lit.from === box.id || lit.to === box.id);
        const marked = marks?.steps.get(box.id);
        // An id is the file's, not the room's: a step whose id alone changed shows as changed, without it.
        const changes = marked?.changes
          .filter((change) => change.field !== 'id')
          .map((change) => describeStepChange(change, document.calendar));
        return (
          <div
            key={box.id}
            className={`present-step${metrics.criticalPath.includes(box.id) ? ' critical' : ''}${onWall ? ' lit' : ''}${marked ? ` mark-${marked.mark}` : ''}`}
            title={[visibleText(shown.name), ...(changes ?? [])].join('\n')}
            data-mark={marked?.mark}
            style={{
              left: box.x,
              top: box.y,
              width: box.width,
              height: box.height,
              paddingBlock: layout.boxPadding,
              borderLeftColor: laneColour(layout.lanes[box.lane]!.index),
              ...(marked && { outlineColor: CHANGE_COLOURS[marked.mark] }),
            }}
          >
            <WordClamp
              text={visibleText(shown.name)}
              fontSize={layout.fonts.name}
              lineHeight={layout.lineHeight}
              lines={layout.nameLines}
              width={box.width}
            />
            {marked ? (
              <span
                className="present-step-mark"
                style={{ fontSize: layout.fonts.figures, background: CHANGE_COLOURS[marked.mark] }}
              >
                {changeBadge(marked.mark)}
                {changes && changes.length > 0 && `: ${changes.join(', ')}`}
              </span>
            ) : (
              layout.showFigures && (
                <span className="present-step-figures" style={{ fontSize: layout.fonts.figures }}>
                  {presentFigures(shown, document.calendar)}
                </span>
              )
            )}
          </div>
        );
      })}

      {/* The walls' bars over the boxes' edges, so that a spotlit step never hides its wall. */}
      <svg className="present-lines" width={width} height={height} aria-hidden="true">
        {inSection(layout.walls).map((wall) => (
          <rect
            key={handoffKey(wall.from, wall.to)}
            className={`present-wall-bar${lit && isWall(lit, wall) ? ' lit' : ''}`}
            x={wall.bar.x}
            y={wall.bar.y}
            width={wall.bar.width}
            height={wall.bar.height}
            rx={wall.bar.height / 2}
            fill={SEVERITY_COLOURS[wall.severity]}
          />
        ))}
        {/* A handoff's mark in symbol too, at the middle of its line. */}
        {marks &&
          inSection(layout.lines).map((line) => {
            const mark = marks.handoffs.get(handoffKey(line.from, line.to))?.mark;
            if (!mark) return null;
            const middle = line.points[Math.floor((line.points.length - 1) / 2)]!;
            const next = line.points[Math.floor((line.points.length - 1) / 2) + 1] ?? middle;
            const [x, y] = [(middle.x + next.x) / 2, (middle.y + next.y) / 2];
            const radius = layout.fonts.figures * 0.8;
            return (
              <g key={handoffKey(line.from, line.to)} className="present-handoff-mark">
                <circle cx={x} cy={y} r={radius} fill={CHANGE_COLOURS[mark]} />
                <text x={x} y={y} fontSize={layout.fonts.figures * 1.2} textAnchor="middle" dominantBaseline="central">
                  {CHANGE_SYMBOLS[mark]}
                </text>
              </g>
            );
          })}
      </svg>

      {inSection(layout.walls).map((wall) => {
        const index = walls.findIndex((one) => isWall(one, wall));
        const figures = walls[index]!;
        const text = wallLabel(figures, document.calendar, wall.short);
        const long = wallLabel(figures, document.calendar);
        const wallMark = marks?.walls.get(handoffKey(wall.from, wall.to));
        const wallMarked = wallMark && WALL_MARKS[wallMark];
        const className = `present-wall severity-${wall.severity}${index === spotlight ? ' lit' : ''}${wallMark ? ` wall-${wallMark}` : ''}`;
        const style = {
          left: wall.label.x,
          top: wall.label.y,
          minWidth: wall.label.width,
          height: wall.label.height,
          fontSize: layout.fonts.wall,
          lineHeight: layout.lineHeight,
          borderColor: SEVERITY_COLOURS[wall.severity],
        };
        // A short label ("H 3w 2d") keeps the rest at hand: the severity's word and the share.
        const title = wall.short ? `${long.severity} ${long.figures}` : undefined;
        const content = (
          <>
            {wallMarked && <span className="present-wall-mark">{wallMarked.symbol}</span>}
            <strong>{text.severity}</strong> <span className="present-wall-delay">{text.figures}</span>
            <span className="visually-hidden">
              {wall.short ? ` (${figures.severity}, ${formatPercent(figures.delayShare)} of the lead time)` : ''}
              {`, wall ${index + 1} of ${walls.length}: ${visibleText(teamName.get(figures.fromTeam) ?? '')} → ${visibleText(teamName.get(figures.toTeam) ?? '')}, ${visibleText(stepName.get(figures.from) ?? '')} → ${visibleText(stepName.get(figures.to) ?? '')}`}
              {wallMarked ? `, ${wallMarked.word}` : ''}
            </span>
          </>
        );
        return onWallPress ? (
          <button
            key={handoffKey(wall.from, wall.to)}
            type="button"
            className={className}
            aria-pressed={index === spotlight}
            title={title}
            style={style}
            onClick={() => {
              onWallPress(index);
            }}
          >
            {content}
          </button>
        ) : (
          <span key={handoffKey(wall.from, wall.to)} className={className} title={title} style={style}>
            {content}
          </span>
        );
      })}
      {marks && <HandoffChanges document={document} marks={marks} />}
    </>
  );
}

/** The handoffs' changes for assistive technology (the eye reads them from the lines' colours and symbols). */
function HandoffChanges({ document, marks }: { document: VsmDocument; marks: SideMarks }) {
  const name = new Map(document.steps.map((step) => [step.id, visibleText(step.name)]));
  const changed = document.handoffs.flatMap((handoff) => {
    const marked = marks.handoffs.get(handoffKey(handoff.from, handoff.to));
    if (!marked) return [];
    const changes = marked.changes.map((change) => describeHandoffChange(change, document.calendar));
    const text = `${name.get(handoff.from) ?? ''} → ${name.get(handoff.to) ?? ''}: ${marked.mark}${changes.length > 0 ? ` (${changes.join(', ')})` : ''}`;
    return [text];
  });
  if (changed.length === 0) return null;
  return (
    <ul className="visually-hidden" aria-label="Handoffs changed">
      {changed.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}

/**
 * A step's name in at most `lines` lines, wrapped between words; one that is longer ends with an
 * ellipsis after its last whole word (CSS's line clamp would cut inside a word).
 */
function WordClamp({
  text,
  fontSize,
  lineHeight,
  lines,
  width,
}: {
  text: string;
  fontSize: number;
  /** In em. */
  lineHeight: number;
  lines: number;
  width: number;
}) {
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
  }, [text, fontSize, lineHeight, lines, width]);
  return (
    <span className="present-step-name" style={{ fontSize, lineHeight, maxHeight: lines * fontSize * lineHeight }}>
      <bdi ref={ref}>{text}</bdi>
    </span>
  );
}
