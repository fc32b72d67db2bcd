/**
 * A map as a picture, in map units (the canvas's: a step is 220 × 112): lanes, steps with their
 * figures, handoffs routed between them with their labels, rework loops below, walls of confusion
 * where handoffs enter the receiving lane. What each shows comes from the map's picture
 * (shared/picture/map-picture), the one the canvas draws too; this adds the reports' routing and
 * text wrapped with the report fonts' own metrics. The SVG and the PDF both draw this one scene.
 */
import { type FlowMetrics, type Severity } from '../../shared/metrics/flow';
import type { SideMarks } from '../../shared/metrics/change-marks';
import type { VsmDocument } from '../../shared/model/schema';
import { LANE_LABEL_WIDTH, layoutMap, STEP_HEIGHT, STEP_WIDTH } from '../../shared/picture/layout';
import { type IdeaBadge, mapPicture, STEP_TEXT } from '../../shared/picture/map-picture';
import type { ReportFonts } from './fonts';

/**
 * Type sizes in map units. Nothing is smaller than the figures: at the smallest scale a report
 * prints a map, they are 5.5 pt.
 */
export const TEXT = {
  laneName: 20,
  stepName: STEP_TEXT.name,
  figures: STEP_TEXT.figures,
  label: 16,
  marker: 16,
  badge: 16,
} as const;
/** The strip at the left of the lanes where their names stand, turned upright. */
const LANE_STRIP = 40;
const STEP_PADDING = 10;
/** A wall's badge is at least this wide: its letter and room around it. */
const WALL_BADGE_WIDTH = 34;

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

/** A comparison's mark on a step or a handoff: its colour, and its badge ("+ added"). */
export interface SceneMark {
  colour: string;
  badge: string;
  /** The badge's width, its text at TEXT.badge in bold and room around it. */
  badgeWidth: number;
}

export interface SceneStep {
  id: string;
  name: string;
  nameLines: string[];
  figures: string[];
  colour: string;
  critical: boolean;
  /** The badge of the step's ideas: their votes. */
  ideaBadge?: IdeaBadge;
  mark?: SceneMark;
  x: number;
  y: number;
}

export interface SceneHandoff {
  /** `handoffKey(from, to)`, as the picture keys it. */
  key: string;
  points: Point[];
  colour: string;
  width: number;
  rework: boolean;
  dashed: boolean;
  label: string[];
  labelColour: string;
  labelAt: Point;
  /** The badge says the severity's letter, and "gone" or "new" in a comparison; a wall gone is struck through. */
  wall?: { at: Point; severity: Severity; colour: string; text: string; width: number; struck: boolean };
}

export interface Scene {
  width: number;
  height: number;
  lanes: SceneLane[];
  steps: SceneStep[];
  handoffs: SceneHandoff[];
}

export const SCENE_STEP = { width: STEP_WIDTH, height: STEP_HEIGHT } as const;

/** The scene of a map; with a comparison's marks for its side, what changed is marked. */
export function buildScene(document: VsmDocument, metrics: FlowMetrics, fonts: ReportFonts, marks?: SideMarks): Scene {
  const layout = layoutMap(document);
  const picture = mapPicture(document, metrics, layout, marks);
  // The lane names move from the canvas's label column into a narrow strip: the steps move left with them.
  const leftmost = Math.min(LANE_LABEL_WIDTH, ...[...layout.positions.values()].map((position) => position.x));
  const shift = Math.max(0, leftmost - LANE_STRIP - 14);
  const positions = new Map([...layout.positions].map(([id, { x, y }]) => [id, { x: x - shift, y }]));
  const right = Math.max(LANE_STRIP + 200, ...[...positions.values()].map((position) => position.x + STEP_WIDTH + 10));

  const lanes: SceneLane[] = picture.lanes.map((lane) => {
    const room = lane.height - 16;
    const nameSize = Math.max(
      14,
      Math.min(TEXT.laneName, (TEXT.laneName * room) / fonts.width(lane.name, TEXT.laneName, true)),
    );
    return {
      name: lane.name,
      nameLines: fonts.wrap(lane.name, room, nameSize, true, 2).lines,
      nameSize,
      colour: lane.colour,
      y: lane.y,
      height: lane.height,
    };
  });

  const textWidth = STEP_TEXT.width;
  const steps: SceneStep[] = picture.steps.map((step) => ({
    id: step.id,
    name: step.step.name,
    nameLines: fonts.wrap(step.step.name, textWidth, TEXT.stepName, true, step.nameLines).lines,
    figures: step.figures.map((line) => fonts.wrap(line, textWidth, TEXT.figures, false, 1).lines[0] ?? ''),
    colour: step.colour,
    critical: step.critical,
    ...(step.ideaBadge && { ideaBadge: step.ideaBadge }),
    ...(step.mark && {
      mark: {
        colour: step.mark.colour,
        badge: step.mark.badge,
        badgeWidth: fonts.width(step.mark.badge, TEXT.badge, true) + 16,
      },
    }),
    ...positions.get(step.id)!,
  }));

  const stepById = new Map(steps.map((step) => [step.id, step]));
  const handoffs: SceneHandoff[] = picture.handoffs.map((handoff) => {
    const from = stepById.get(handoff.from)!;
    const to = stepById.get(handoff.to)!;
    if (handoff.rework) {
      // Back below the steps: from the bottom of the later step to the bottom of the earlier one.
      const low = Math.max(from.y, to.y) + STEP_HEIGHT + 28;
      const start: Point = [from.x + STEP_WIDTH * 0.7, from.y + STEP_HEIGHT];
      const end: Point = [to.x + STEP_WIDTH * 0.3, to.y + STEP_HEIGHT];
      return {
        key: handoff.key,
        points: [start, [start[0], low], [end[0], low], end],
        colour: handoff.colour,
        width: 1.5,
        rework: true,
        dashed: handoff.dashed,
        label: handoff.lines,
        labelColour: handoff.labelColour,
        labelAt: [(start[0] + end[0]) / 2, low],
      };
    }
    const { wall } = handoff;
    const start: Point = [from.x + STEP_WIDTH, from.y + STEP_HEIGHT / 2];
    const end: Point = [to.x, to.y + STEP_HEIGHT / 2];
    const middle = end[0] > start[0] + 24 ? (start[0] + end[0]) / 2 : start[0] + 24;
    const points: Point[] =
      start[1] === end[1] && end[0] > start[0] ? [start, end] : [start, [middle, start[1]], [middle, end[1]], end];
    const labelY = (start[1] + end[1]) / 2;
    return {
      key: handoff.key,
      points,
      colour: handoff.colour,
      width: handoff.critical ? 3 : 1.5,
      rework: false,
      dashed: handoff.dashed,
      label: handoff.lines,
      labelColour: handoff.labelColour,
      // Clear of the wall marker, as on the canvas.
      labelAt: [middle, wall && Math.abs(labelY - wall.boundary) < 36 ? wall.boundary - 36 : labelY],
      ...(wall && {
        wall: {
          at: [middle, wall.boundary],
          severity: wall.severity,
          colour: wall.colour,
          text: wall.word ? `${wall.letter} ${wall.word}` : wall.letter,
          width: Math.max(
            WALL_BADGE_WIDTH,
            fonts.width(wall.word ? `${wall.letter} ${wall.word}` : wall.letter, TEXT.marker, true) + 16,
          ),
          struck: wall.mark === 'removed',
        },
      }),
    };
  });

  // Rework loops below the last lane stand below the lanes, with their labels.
  const loops = handoffs.filter((handoff) => handoff.rework).map((handoff) => handoff.labelAt[1] + TEXT.label);
  return { width: right, height: Math.max(layout.height, ...loops), lanes, steps, handoffs };
}

export const SCENE_LAYOUT = { laneStrip: LANE_STRIP, stepPadding: STEP_PADDING } as const;
