/**
 * The picture of a map, the one the canvas and the reports both draw: its lanes, each step's box
 * (name, figures, colour, critical marking, ideas badge), each handoff's label, and the walls of
 * confusion with their badges and slots. The canvas (renderer/canvas/to-flow.ts) and the reports
 * (electron/export/scene.ts) only turn it into their medium, so what the room sees and what the PDF
 * prints always agree. Text is measured through {@link TextMeasure}: no DOM, no font library.
 */
import type { FlowMetrics, Severity } from '../metrics/flow';
import { formatPercent } from '../metrics/format';
import { wallsWorstFirst } from '../metrics/headline';
import { type Calendar, formatDuration } from '../model/duration';
import type { Step, VsmDocument } from '../model/schema';
import { type Lane, type Layout, STEP_WIDTH } from './layout';
import {
  CRITICAL_COLOUR,
  HANDOFF_COLOUR,
  laneColour,
  REWORK_COLOUR,
  SEVERITY_COLOURS,
  SEVERITY_LETTERS,
} from './palette';
import { estimateTextWidth } from './present-layout';

/** How wide a text is at a font size (in the size's units); the reports pass their fonts' metrics. */
export interface TextMeasure {
  width(text: string, size: number, bold?: boolean): number;
}

/** A measure that needs no font: DejaVu Sans Bold's widths, a little over rather than under. */
export const ESTIMATED_TEXT: TextMeasure = { width: (text, size) => estimateTextWidth(text, size) };

/** The step box's type sizes and the width its text has, in map units (the canvas's CSS pixels). */
export const STEP_TEXT = { name: 19, figures: 16, width: STEP_WIDTH - 8 - 2 * 10 } as const;
/** Lines of text a step box holds: its name's and its figures' together. */
const STEP_TEXT_LINES = 4;
const MAX_NAME_LINES = 2;

export interface PictureLane extends Lane {
  colour: string;
  /** The last team's lane (the lane without a team comes after it). */
  lastTeam: boolean;
}

export interface PictureStep {
  id: string;
  step: Step;
  /** The figures' lines: "PT 2h · LT 2d", "%C&A 85% · 3 people". */
  figures: string[];
  /** How many lines the name may take in the box (the figures take the rest). */
  nameLines: number;
  colour: string;
  critical: boolean;
  ideas: number;
  /** "2 improvement ideas", for the ideas badge's tooltip. */
  ideasLabel: string;
  accessibleName: string;
  /** Top-left corner (layout units). */
  x: number;
  y: number;
}

export interface PictureWall {
  severity: Severity;
  colour: string;
  letter: string;
  /** The delay at the boundary, in the map's calendar. */
  delay: string;
  /** The badge's text: letter and delay ("H 3w 2d"). */
  text: string;
  /** Where the handoff enters the receiving team's lane: that lane's top or bottom (layout y). */
  boundary: number;
  /** Walls crossing one boundary on one line: the badge's place in their row (0 on the line, the others to its left). */
  slot: number;
  accessibleName: string;
}

export interface PictureHandoff {
  /** `${from}>${to}`. */
  key: string;
  from: string;
  to: string;
  rework: boolean;
  critical: boolean;
  colour: string;
  /** The label's lines: the wait and the queue, or a rework loop's "↺ rework 30.0% · 1d". */
  lines: string[];
  accessibleName: string;
  wall?: PictureWall;
}

export interface MapPicture {
  lanes: PictureLane[];
  steps: PictureStep[];
  handoffs: PictureHandoff[];
}

/** The key of a handoff, from and to by step id. */
const keyOf = (from: string, to: string) => `${from}>${to}`;

/** A step's figures as the room's presentation prints them on one line: "PT 2h · LT 2d · 85%". */
export function presentFigures(step: Step, calendar: Calendar): string {
  return `PT ${formatDuration(step.processTime, calendar)} · LT ${formatDuration(step.leadTime, calendar)} · ${step.percentCompleteAccurate}%`;
}

export function mapPicture(
  document: VsmDocument,
  metrics: FlowMetrics,
  layout: Layout,
  measure: TextMeasure = ESTIMATED_TEXT,
): MapPicture {
  const { calendar } = document;
  const critical = new Set(metrics.criticalPath);
  const stepById = new Map(document.steps.map((step) => [step.id, step]));
  const laneOfTeam = new Map(layout.lanes.map((lane) => [lane.team, lane]));
  const noTeamLane = layout.lanes.find((lane) => lane.team === undefined) ?? layout.lanes[0];
  const laneOf = (step: Step | undefined) => laneOfTeam.get(step?.team) ?? noTeamLane!;
  const ideasOf = new Map<string, number>();
  for (const idea of document.ideas)
    if (idea.step !== undefined) ideasOf.set(idea.step, (ideasOf.get(idea.step) ?? 0) + 1);

  const lanes: PictureLane[] = layout.lanes.map((lane) => ({
    ...lane,
    colour: laneColour(lane.index),
    lastTeam: lane.index === document.teams.length - 1,
  }));

  const steps: PictureStep[] = document.steps.map((step) => {
    const processTime = formatDuration(step.processTime, calendar);
    const leadTime = formatDuration(step.leadTime, calendar);
    const people = step.people === undefined ? [] : [`${step.people} people`];
    const figures = fitFigures(
      [
        [`PT ${processTime}`, `LT ${leadTime}`],
        [`%C&A ${step.percentCompleteAccurate}%`, ...people],
      ],
      measure,
    );
    const ideas = ideasOf.get(step.id) ?? 0;
    return {
      id: step.id,
      step,
      figures,
      nameLines: Math.min(MAX_NAME_LINES, STEP_TEXT_LINES - figures.length),
      colour: laneColour(laneOf(step).index),
      critical: critical.has(step.id),
      ideas,
      ideasLabel: `${ideas} improvement idea${ideas === 1 ? '' : 's'}`,
      accessibleName: `Step ${step.name}: process time ${processTime}, lead time ${leadTime}, ${step.percentCompleteAccurate}% complete and accurate`,
      ...layout.positions.get(step.id)!,
    };
  });

  const walls = new Map(metrics.walls.map((wall) => [keyOf(wall.from, wall.to), wall]));
  const onPath = new Set(metrics.criticalPath.slice(1).map((id, i) => keyOf(metrics.criticalPath[i]!, id)));
  const boundaryOf = (handoff: { from: string; to: string }) => {
    const fromLane = laneOf(stepById.get(handoff.from));
    const toLane = laneOf(stepById.get(handoff.to));
    return toLane.y > fromLane.y ? toLane.y : toLane.y + toLane.height;
  };
  const slots = wallSlots(metrics, layout, boundaryOf);

  const handoffs: PictureHandoff[] = document.handoffs.map((handoff) => {
    const key = keyOf(handoff.from, handoff.to);
    const between = `${stepById.get(handoff.from)?.name ?? handoff.from} → ${stepById.get(handoff.to)?.name ?? handoff.to}`;
    const wait = formatDuration(handoff.waitTime, calendar);
    const isCritical = onPath.has(key);
    if (handoff.rework !== undefined) {
      const label = `rework ${formatPercent(handoff.rework)}${handoff.waitTime > 0 ? ` · ${wait}` : ''}`;
      return {
        key,
        from: handoff.from,
        to: handoff.to,
        rework: true,
        critical: false,
        colour: REWORK_COLOUR,
        lines: [`↺ ${label}`],
        accessibleName: `Rework loop ${between}: ${label}`,
      };
    }
    const wall = walls.get(key);
    // Short lines fit between two steps; the wall's severity is on its badge.
    const lines = [wait, ...(handoff.queue !== undefined ? [`queue ${handoff.queue}`] : [])];
    const colour = wall ? SEVERITY_COLOURS[wall.severity] : isCritical ? CRITICAL_COLOUR : HANDOFF_COLOUR;
    const delay = wall && formatDuration(wall.delay, calendar);
    const wallName = wall && `wall of confusion (${wall.severity}, delay ${delay})`;
    return {
      key,
      from: handoff.from,
      to: handoff.to,
      rework: false,
      critical: isCritical,
      colour,
      lines,
      accessibleName: `Handoff ${between}: wait ${lines.join(', ')}${wallName ? `, ${wallName}` : ''}`,
      ...(wall && {
        wall: {
          severity: wall.severity,
          colour,
          letter: SEVERITY_LETTERS[wall.severity],
          delay: delay!,
          text: `${SEVERITY_LETTERS[wall.severity]} ${delay!}`,
          boundary: boundaryOf(handoff),
          slot: slots.get(key) ?? 0,
          accessibleName: `Wall of confusion (${wall.severity}): delay ${delay!}`,
        },
      }),
    };
  });
  return { lanes, steps, handoffs };
}

/**
 * The figures' lines: each group of figures on one line (" · " between them); a group that does
 * not fit the box on one line has a line for each of its figures, as long as the box has room.
 */
function fitFigures(groups: string[][], measure: TextMeasure): string[] {
  const lines: string[] = [];
  groups.forEach((group, i) => {
    const line = group.join(' · ');
    const room = STEP_TEXT_LINES - 1 - lines.length - (groups.length - 1 - i);
    const fits = measure.width(line, STEP_TEXT.figures) <= STEP_TEXT.width;
    if (fits || group.length === 1 || group.length > room) lines.push(line);
    else lines.push(...group);
  });
  return lines;
}

/** Handoffs whose lines cross closer than this (layout units) share one line: their walls' badges stand in a row. */
const SAME_LINE = 40;

/**
 * The place of each wall's badge among the walls that cross one boundary on one line (two handoffs
 * from one step into one lane): the worst on the line, the others in a row to its left.
 */
function wallSlots(
  metrics: FlowMetrics,
  layout: Layout,
  boundaryOf: (handoff: { from: string; to: string }) => number,
): Map<string, number> {
  const slots = new Map<string, number>();
  const placed: { boundary: number; x: number }[] = [];
  // Worst first, so the worst wall keeps its place on the boundary.
  for (const wall of wallsWorstFirst(metrics.walls)) {
    const from = layout.positions.get(wall.from);
    const to = layout.positions.get(wall.to);
    if (!from || !to) continue;
    // Where the handoff's line goes across: halfway between the sender's right side and the receiver's left.
    const x = (from.x + STEP_WIDTH + to.x) / 2;
    const boundary = boundaryOf(wall);
    const slot = placed.filter((other) => other.boundary === boundary && Math.abs(other.x - x) < SAME_LINE).length;
    placed.push({ boundary, x });
    slots.set(keyOf(wall.from, wall.to), slot);
  }
  return slots;
}
