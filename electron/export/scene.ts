/**
 * A map as a picture, in map units (the canvas's: a step is 220 × 112): lanes, steps with their
 * figures, handoffs routed between them with their labels, rework loops below, walls of confusion
 * where handoffs enter the receiving lane. The SVG and the PDF both draw this one scene, so they show
 * the same map; text is wrapped with the report fonts' own metrics.
 */
import { type FlowMetrics, type Severity } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import { LANE_LABEL_WIDTH, layoutMap, STEP_HEIGHT, STEP_WIDTH } from '../../shared/picture/layout';
import {
  CRITICAL_COLOUR,
  HANDOFF_COLOUR,
  laneColour,
  REWORK_COLOUR,
  SEVERITY_COLOURS,
  SEVERITY_LETTERS,
} from '../../shared/picture/palette';
import type { ReportFonts } from './fonts';

/**
 * Type sizes in map units. Nothing is smaller than the figures: at the smallest scale a report
 * prints a map, they are 5.5 pt.
 */
export const TEXT = { laneName: 20, stepName: 19, figures: 16, label: 16, marker: 16, badge: 16 } as const;
/** The strip at the left of the lanes where their names stand, turned upright. */
const LANE_STRIP = 40;
const STEP_PADDING = 10;

export type Point = [number, number];

export interface SceneLane {
  name: string;
  /** The name as drawn, upright along the strip: smaller when long, then wrapped, shortened with … */
  nameLines: string[];
  nameSize: number;
  colour: string;
  y: number;
  height: number;
}

export interface SceneStep {
  id: string;
  name: string;
  nameLines: string[];
  figures: string[];
  colour: string;
  critical: boolean;
  ideas: number;
  x: number;
  y: number;
}

export interface SceneHandoff {
  points: Point[];
  colour: string;
  width: number;
  rework: boolean;
  label: string[];
  labelAt: Point;
  wall?: { at: Point; severity: Severity; colour: string; letter: string };
}

export interface Scene {
  width: number;
  height: number;
  lanes: SceneLane[];
  steps: SceneStep[];
  handoffs: SceneHandoff[];
}

export const SCENE_STEP = { width: STEP_WIDTH, height: STEP_HEIGHT } as const;

export function buildScene(document: VsmDocument, metrics: FlowMetrics, fonts: ReportFonts): Scene {
  const layout = layoutMap(document);
  const { calendar } = document;
  // The lane names move from the canvas's label column into a narrow strip: the steps move left with them.
  const leftmost = Math.min(LANE_LABEL_WIDTH, ...[...layout.positions.values()].map((position) => position.x));
  const shift = Math.max(0, leftmost - LANE_STRIP - 14);
  const laneOfTeam = new Map(layout.lanes.map((lane) => [lane.team, lane]));
  const noTeamLane = layout.lanes.find((lane) => lane.team === undefined);

  const positions = new Map([...layout.positions].map(([id, { x, y }]) => [id, { x: x - shift, y }]));
  const right = Math.max(LANE_STRIP + 200, ...[...positions.values()].map((position) => position.x + STEP_WIDTH + 10));

  const lanes: SceneLane[] = layout.lanes.map((lane) => {
    const room = lane.height - 16;
    const nameSize = Math.max(
      14,
      Math.min(TEXT.laneName, (TEXT.laneName * room) / fonts.width(lane.name, TEXT.laneName, true)),
    );
    return {
      name: lane.name,
      nameLines: fonts.wrap(lane.name, room, nameSize, true, 2).lines,
      nameSize,
      colour: laneColour(lane.index),
      y: lane.y,
      height: lane.height,
    };
  });

  const critical = new Set(metrics.criticalPath);
  const ideas = new Map<string, number>();
  for (const idea of document.ideas) if (idea.step !== undefined) ideas.set(idea.step, (ideas.get(idea.step) ?? 0) + 1);
  const textWidth = STEP_WIDTH - 8 - 2 * STEP_PADDING;
  const steps: SceneStep[] = document.steps.map((step) => {
    const lane = (step.team === undefined ? undefined : laneOfTeam.get(step.team)) ?? noTeamLane!;
    const people = step.people === undefined ? '' : ` · ${step.people} people`;
    const figures = [
      `PT ${formatDuration(step.processTime, calendar)} · LT ${formatDuration(step.leadTime, calendar)}`,
      `%C&A ${step.percentCompleteAccurate}%${people}`,
    ];
    return {
      id: step.id,
      name: step.name,
      nameLines: fonts.wrap(step.name, textWidth, TEXT.stepName, true, 2).lines,
      figures: figures.map((line) => fonts.wrap(line, textWidth, TEXT.figures, false, 1).lines[0] ?? ''),
      colour: laneColour(lane.index),
      critical: critical.has(step.id),
      ideas: ideas.get(step.id) ?? 0,
      ...positions.get(step.id)!,
    };
  });

  const stepById = new Map(steps.map((step) => [step.id, step]));
  const laneOfStep = new Map(
    document.steps.map((step) => [
      step.id,
      (step.team === undefined ? undefined : laneOfTeam.get(step.team)) ?? noTeamLane!,
    ]),
  );
  const walls = new Map(metrics.walls.map((wall) => [`${wall.from}>${wall.to}`, wall]));
  const onPath = new Set(metrics.criticalPath.slice(1).map((id, i) => `${metrics.criticalPath[i]}>${id}`));
  const handoffs: SceneHandoff[] = document.handoffs.map((handoff) => {
    const from = stepById.get(handoff.from)!;
    const to = stepById.get(handoff.to)!;
    const key = `${handoff.from}>${handoff.to}`;
    const wait = formatDuration(handoff.waitTime, calendar);
    if (handoff.rework !== undefined) {
      // Back below the steps: from the bottom of the later step to the bottom of the earlier one.
      const low = Math.max(from.y, to.y) + STEP_HEIGHT + 28;
      const start: Point = [from.x + STEP_WIDTH * 0.7, from.y + STEP_HEIGHT];
      const end: Point = [to.x + STEP_WIDTH * 0.3, to.y + STEP_HEIGHT];
      return {
        points: [start, [start[0], low], [end[0], low], end],
        colour: REWORK_COLOUR,
        width: 1.5,
        rework: true,
        label: [`↺ rework ${formatPercent(handoff.rework)}${handoff.waitTime > 0 ? ` · ${wait}` : ''}`],
        labelAt: [(start[0] + end[0]) / 2, low],
      };
    }
    const wall = walls.get(key);
    const isCritical = onPath.has(key);
    const colour = wall ? SEVERITY_COLOURS[wall.severity] : isCritical ? CRITICAL_COLOUR : HANDOFF_COLOUR;
    const start: Point = [from.x + STEP_WIDTH, from.y + STEP_HEIGHT / 2];
    const end: Point = [to.x, to.y + STEP_HEIGHT / 2];
    const middle = end[0] > start[0] + 24 ? (start[0] + end[0]) / 2 : start[0] + 24;
    const points: Point[] =
      start[1] === end[1] && end[0] > start[0] ? [start, end] : [start, [middle, start[1]], [middle, end[1]], end];
    const fromLane = laneOfStep.get(handoff.from)!;
    const toLane = laneOfStep.get(handoff.to)!;
    const boundary = toLane.y > fromLane.y ? toLane.y : toLane.y + toLane.height;
    const label = [wait, ...(handoff.queue !== undefined ? [`queue ${handoff.queue}`] : [])];
    const labelY = (start[1] + end[1]) / 2;
    return {
      points,
      colour,
      width: isCritical ? 3 : 1.5,
      rework: false,
      label,
      // Clear of the wall marker, as on the canvas.
      labelAt: [middle, wall && Math.abs(labelY - boundary) < 36 ? boundary - 36 : labelY],
      ...(wall && {
        wall: { at: [middle, boundary], severity: wall.severity, colour, letter: SEVERITY_LETTERS[wall.severity] },
      }),
    };
  });

  // Rework loops below the last lane stand below the lanes, with their labels.
  const loops = handoffs.filter((handoff) => handoff.rework).map((handoff) => handoff.labelAt[1] + TEXT.label);
  return { width: right, height: Math.max(layout.height, ...loops), lanes, steps, handoffs };
}

export const SCENE_LAYOUT = { laneStrip: LANE_STRIP, stepPadding: STEP_PADDING } as const;
