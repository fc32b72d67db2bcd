/**
 * Where steps stand on the canvas and in the reports. Teams are horizontal lanes, in the teams' order, then a lane for
 * steps without a team. A step's `position.x` is its place along the flow, and `position.y` its
 * distance from the top of its team's lane, so steps stay in their lane when lanes are reordered or
 * a step changes team. Steps without a position are placed by the flow: each after the steps it
 * follows, one row per lane.
 */
import { buildForwardGraph } from '../model/graph';
import type { Position, VsmDocument } from '../model/schema';

export const STEP_WIDTH = 220;
export const STEP_HEIGHT = 112;
export const COLUMN_GAP = 100;
export const LANE_PADDING = 24;
export const LANE_LABEL_WIDTH = 230;
const MIN_LANE_HEIGHT = STEP_HEIGHT + 2 * LANE_PADDING;

export interface Lane {
  /** A team id, or undefined for the lane of steps without a team. */
  team: string | undefined;
  name: string;
  index: number;
  y: number;
  height: number;
}

export interface Layout {
  lanes: Lane[];
  /** Each step's top-left corner on the canvas. */
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

/** The lane a step belongs in: its team's, or the lane without a team. */
function laneIndexOf(teamIds: readonly string[], team: string | undefined): number {
  const index = team === undefined ? -1 : teamIds.indexOf(team);
  return index === -1 ? teamIds.length : index;
}

/**
 * Positions for steps that have none: by the flow, without two steps on one spot of a lane. Steps
 * without any handoff yet follow the steps before them in the map's order, so that a flow typed
 * in before it is connected keeps its left-to-right order.
 */
function placeByFlow(document: VsmDocument, lanes: number[]): (Position | undefined)[] {
  const graph = buildForwardGraph(
    document.steps.map((step) => step.id),
    document.handoffs,
  );
  const column = new Int32Array(document.steps.length);
  const nextFree = new Map<number, number>();
  const place = (node: number, earliest: number) => {
    column[node] = Math.max(earliest, nextFree.get(lanes[node]!) ?? 0);
    nextFree.set(lanes[node]!, column[node] + 1);
  };
  const connected = new Set(document.handoffs.flatMap((handoff) => [handoff.from, handoff.to]));
  for (const node of graph.order) {
    if (!connected.has(document.steps[node]!.id)) continue;
    let earliest = 0;
    for (let k = graph.predStart[node]!; k < graph.predStart[node + 1]!; k++) {
      earliest = Math.max(earliest, column[graph.edgeFrom[graph.predEdges[k]!]!]! + 1);
    }
    place(node, earliest);
  }
  document.steps.forEach((step, node) => {
    if (!connected.has(step.id)) place(node, node === 0 ? 0 : column[node - 1]! + 1);
  });
  return document.steps.map((step, i) =>
    step.position ? undefined : { x: LANE_LABEL_WIDTH + column[i]! * (STEP_WIDTH + COLUMN_GAP), y: LANE_PADDING },
  );
}

export function layoutMap(document: VsmDocument): Layout {
  const teamIds = document.teams.map((team) => team.id);
  const laneOfStep = document.steps.map((step) => laneIndexOf(teamIds, step.team));
  const placed = placeByFlow(document, laneOfStep);
  const inLane = document.steps.map((step, i) => step.position ?? placed[i]!);

  const laneCount = teamIds.length + (laneOfStep.some((lane) => lane === teamIds.length) ? 1 : 0);
  const heights = Array.from({ length: laneCount }, () => MIN_LANE_HEIGHT);
  inLane.forEach((position, i) => {
    const lane = laneOfStep[i]!;
    heights[lane] = Math.max(heights[lane]!, Math.max(0, position.y) + STEP_HEIGHT + LANE_PADDING);
  });

  let top = 0;
  const lanes: Lane[] = heights.map((height, index) => {
    const team = document.teams[index];
    const lane: Lane = { team: team?.id, name: team?.name ?? 'No team', index, y: top, height };
    top += height;
    return lane;
  });

  const positions = new Map<string, { x: number; y: number }>();
  let width = 0;
  document.steps.forEach((step, i) => {
    const position = inLane[i]!;
    positions.set(step.id, { x: position.x, y: lanes[laneOfStep[i]!]!.y + Math.max(0, position.y) });
    width = Math.max(width, position.x + STEP_WIDTH);
  });
  return { lanes, positions, width: Math.max(width + COLUMN_GAP, 1200), height: top };
}

/** Where a step dropped at canvas point (x, y) goes: the lane under it, and its place in that lane. */
export function dropTarget(layout: Layout, x: number, y: number): { lane: Lane; position: Position } | undefined {
  const centre = y + STEP_HEIGHT / 2;
  const lane =
    layout.lanes.find((candidate) => centre >= candidate.y && centre < candidate.y + candidate.height) ??
    (centre < 0 ? layout.lanes[0] : layout.lanes[layout.lanes.length - 1]);
  if (!lane) return undefined;
  return { lane, position: { x: Math.round(x), y: Math.round(Math.max(LANE_PADDING / 2, y - lane.y)) } };
}

/**
 * Where a new step in `team`'s lane goes: right of the step `after` (at its height when that step
 * is in the same lane), else right of the lane's last step; then, when that would cover a step,
 * further right, to the first free place.
 */
export function nextStepPlace(
  layout: Layout,
  document: VsmDocument,
  team: string | undefined,
  after?: string,
): Position {
  const lane = laneOf(layout, team);
  const previous = after === undefined ? undefined : layout.positions.get(after);
  const sameLane = document.steps.find((step) => step.id === after)?.team === team;
  if (previous) {
    const y = sameLane ? previous.y - lane.y : LANE_PADDING;
    return freePlace(layout, team, { x: previous.x + STEP_WIDTH + COLUMN_GAP, y });
  }
  const inLane = document.steps.filter((step) => step.team === team);
  const rightmost = Math.max(
    LANE_LABEL_WIDTH - STEP_WIDTH - COLUMN_GAP,
    ...inLane.map((step) => layout.positions.get(step.id)!.x),
  );
  return freePlace(layout, team, { x: rightmost + STEP_WIDTH + COLUMN_GAP, y: LANE_PADDING });
}

/** The place in `team`'s lane (lane-relative, as a step's position) nearest to the right of `wanted` where a step covers none. */
export function freePlace(layout: Layout, team: string | undefined, wanted: Position): Position {
  let x = wanted.x;
  for (;;) {
    const covered = coveredBy(layout, team, { x, y: wanted.y });
    if (covered.length === 0) return { x, y: wanted.y };
    x = Math.max(...covered.map((box) => box.x)) + STEP_WIDTH + COLUMN_GAP;
  }
}

/**
 * Where a step put into a handoff goes: where it was asked for when that is free, else the row
 * below it in its lane (the flow's order stays as it reads), else the first free place right of it.
 */
export function insertPlace(layout: Layout, team: string | undefined, wanted: Position): Position {
  const below = { x: wanted.x, y: wanted.y + STEP_HEIGHT + LANE_PADDING };
  if (coveredBy(layout, team, wanted).length === 0) return wanted;
  if (coveredBy(layout, team, below).length === 0) return below;
  return freePlace(layout, team, wanted);
}

/**
 * How far from the steps they copy copies go so that none covers a step: `wanted` (the usual
 * nudge), else that many columns further right. Copies without a position are placed by the flow.
 */
export function freeOffset(
  layout: Layout,
  document: VsmDocument,
  copied: readonly { team?: string | undefined; position?: Position | undefined }[],
  wanted: Position,
): Position {
  const teams = new Set(document.teams.map((team) => team.id));
  const placed = copied.flatMap(({ team, position }) =>
    position ? [{ team: team !== undefined && teams.has(team) ? team : undefined, position }] : [],
  );
  let offset = wanted;
  while (
    placed.some(
      ({ team, position }) =>
        coveredBy(layout, team, { x: position.x + offset.x, y: position.y + offset.y }).length > 0,
    )
  ) {
    offset = { x: offset.x + STEP_WIDTH + COLUMN_GAP, y: offset.y };
  }
  return offset;
}

/** The steps a step at this place in `team`'s lane would cover (their top-left corners). */
function coveredBy(layout: Layout, team: string | undefined, place: Position): { x: number; y: number }[] {
  const top = laneOf(layout, team).y + place.y;
  return [...layout.positions.values()].filter(
    (box) => Math.abs(box.x - place.x) < STEP_WIDTH && Math.abs(box.y - top) < STEP_HEIGHT,
  );
}

/** The lane of a team (a team not in the layout: the last lane, where steps without a team go). */
function laneOf(layout: Layout, team: string | undefined): Lane {
  return (
    layout.lanes.find((lane) => lane.team === team) ??
    layout.lanes.find((lane) => lane.team === undefined) ?? {
      team,
      name: '',
      index: layout.lanes.length,
      y: layout.height,
      height: MIN_LANE_HEIGHT,
    }
  );
}
