/** The document as React Flow's nodes and edges: what the canvas draws, derived, never stored. */
import { type Edge, MarkerType, type Node } from '@xyflow/react';
import type { FlowMetrics, Severity } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { wallsWorstFirst } from '../../shared/metrics/headline';
import { type Calendar, formatDuration } from '../../shared/model/duration';
import type { Step, VsmDocument } from '../../shared/model/schema';
import type { Selection } from '../state/editor';
import { type Lane, type Layout, STEP_WIDTH } from '../../shared/picture/layout';
import {
  CRITICAL_COLOUR,
  HANDOFF_COLOUR,
  laneColour,
  REWORK_COLOUR,
  SEVERITY_COLOURS,
  SEVERITY_LETTERS,
} from '../../shared/picture/palette';

/** What a handoff edge draws besides its path: its label's lines, and the wall it crosses, if any. */
export type HandoffEdgeData = {
  lines: string[];
  rework: boolean;
  /**
   * A wall of confusion: a bar across the boundary of the receiving team's lane (canvas y) where the
   * handoff crosses it, marked with its severity's letter and its delay ("H 3w 2d").
   */
  wall?: {
    severity: Severity;
    colour: string;
    boundary: number;
    mark: string;
    /** Walls crossing one boundary on one line: the badge's place in their row (0 on the line, the others to its left). */
    slot: number;
  };
};
export type HandoffFlowEdge = Edge<HandoffEdgeData, 'handoff'>;
export type StepNodeData = { step: Step; colour: string; critical: boolean; calendar: Calendar; ideas: number };
export type LaneNodeData = { lane: Lane; width: number; colour: string; lastTeam: boolean };
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type LaneFlowNode = Node<LaneNodeData, 'lane'>;

/** The document as React Flow nodes and edges. */
export function toFlow(
  document: VsmDocument,
  metrics: FlowMetrics,
  layout: Layout,
  selection?: Selection,
  /** The step nodes' data of the previous call: what did not change is reused, so it is not drawn again. */
  previous?: ReadonlyMap<string, StepNodeData>,
): { nodes: Node[]; edges: HandoffFlowEdge[]; stepData: Map<string, StepNodeData> } {
  const { calendar } = document;
  const critical = new Set(metrics.criticalPath);
  const stepById = new Map(document.steps.map((step) => [step.id, step]));
  const ideasOf = new Map<string, number>();
  for (const idea of document.ideas)
    if (idea.step !== undefined) ideasOf.set(idea.step, (ideasOf.get(idea.step) ?? 0) + 1);
  const criticalPairs = new Set(metrics.criticalPath.slice(1).map((id, i) => `${metrics.criticalPath[i]}>${id}`));
  const walls = new Map(metrics.walls.map((wall) => [`${wall.from}>${wall.to}`, wall]));
  const laneOfTeam = new Map(layout.lanes.map((lane) => [lane.team, lane.index]));
  const noTeamLane = layout.lanes.find((lane) => lane.team === undefined)?.index ?? 0;
  const slots = wallSlots(metrics, layout, laneOfTeam, noTeamLane, stepById);

  const laneNodes: LaneFlowNode[] = layout.lanes.map((lane) => ({
    id: `lane:${lane.index}`,
    type: 'lane',
    position: { x: 0, y: lane.y },
    data: {
      lane,
      width: layout.width,
      colour: laneColour(lane.index),
      lastTeam: lane.index === document.teams.length - 1,
    },
    selectable: false,
    draggable: false,
    connectable: false,
    zIndex: -1,
  }));
  const selectedSteps = new Set(selection?.kind === 'steps' ? selection.ids : []);
  const stepData = new Map<string, StepNodeData>();
  const stepNodes: StepFlowNode[] = document.steps.map((step) => {
    const fresh: StepNodeData = {
      step,
      calendar,
      critical: critical.has(step.id),
      ideas: ideasOf.get(step.id) ?? 0,
      colour: laneColour(laneOfTeam.get(step.team) ?? noTeamLane),
    };
    const before = previous?.get(step.id);
    const same =
      before !== undefined &&
      before.step === fresh.step &&
      before.calendar === fresh.calendar &&
      before.critical === fresh.critical &&
      before.ideas === fresh.ideas &&
      before.colour === fresh.colour;
    const data = same ? before : fresh;
    stepData.set(step.id, data);
    return {
      id: step.id,
      type: 'step',
      position: layout.positions.get(step.id)!,
      selected: selectedSteps.has(step.id),
      data,
    };
  });

  const edges: HandoffFlowEdge[] = document.handoffs.map((handoff) => {
    const key = `${handoff.from}>${handoff.to}`;
    const selected = selection?.kind === 'handoff' && selection.from === handoff.from && selection.to === handoff.to;
    const between = `${stepById.get(handoff.from)?.name ?? handoff.from} → ${stepById.get(handoff.to)?.name ?? handoff.to}`;
    const wait = formatDuration(handoff.waitTime, calendar);
    if (handoff.rework !== undefined) {
      const label = `↺ rework ${formatPercent(handoff.rework)}${handoff.waitTime > 0 ? ` · ${wait}` : ''}`;
      return {
        id: `rework:${key}`,
        source: handoff.from,
        target: handoff.to,
        type: 'handoff',
        selected,
        className: 'rework-edge',
        ariaLabel: `Rework loop ${between}: ${label.slice(2)}`,
        data: { lines: [label], rework: true },
        markerEnd: { type: MarkerType.ArrowClosed, color: REWORK_COLOUR },
      };
    }
    const wall = walls.get(key);
    const delay = wall && formatDuration(wall.delay, calendar);
    const onPath = criticalPairs.has(key);
    // Short lines fit between two steps; the wall's severity is on its marker.
    const lines = [wait, ...(handoff.queue !== undefined ? [`queue ${handoff.queue}`] : [])];
    const colour = wall ? SEVERITY_COLOURS[wall.severity] : onPath ? CRITICAL_COLOUR : HANDOFF_COLOUR;
    const boundary = wallBoundary(layout, laneOfTeam, noTeamLane, stepById, handoff);
    return {
      id: key,
      source: handoff.from,
      target: handoff.to,
      type: 'handoff',
      ariaLabel: `Handoff ${between}: wait ${lines.join(', ')}${wall ? `, wall of confusion (${wall.severity}, delay ${delay})` : ''}`,
      data: {
        lines,
        rework: false,
        ...(wall && {
          wall: {
            severity: wall.severity,
            colour,
            boundary,
            mark: `${SEVERITY_LETTERS[wall.severity]} ${delay}`,
            slot: slots.get(key) ?? 0,
          },
        }),
      },
      selected,
      className: [wall && `wall-edge wall-${wall.severity}`, onPath && 'critical-edge'].filter(Boolean).join(' '),
      style: { stroke: colour, strokeWidth: onPath ? 3 : 1.5 },
      // A wall's line thickens as the map is zoomed out; its arrow keeps its size.
      markerEnd: wall
        ? { type: MarkerType.ArrowClosed, color: colour, markerUnits: 'userSpaceOnUse', width: 24, height: 24 }
        : { type: MarkerType.ArrowClosed, color: colour },
    };
  });
  // Walls last, so that no other handoff's line runs across their badges.
  const drawn = [...edges.filter((edge) => !edge.data?.wall), ...edges.filter((edge) => edge.data?.wall)];
  return { nodes: [...laneNodes, ...stepNodes], edges: drawn, stepData };
}

type Lanes = ReadonlyMap<string | undefined, number>;

/** A wall stands where the handoff enters the receiving team's lane: that lane's top or bottom (canvas y). */
function wallBoundary(
  layout: Layout,
  laneOfTeam: Lanes,
  noTeamLane: number,
  stepById: ReadonlyMap<string, Step>,
  handoff: { from: string; to: string },
): number {
  const fromLane = layout.lanes[laneOfTeam.get(stepById.get(handoff.from)?.team) ?? noTeamLane]!;
  const toLane = layout.lanes[laneOfTeam.get(stepById.get(handoff.to)?.team) ?? noTeamLane]!;
  return toLane.y > fromLane.y ? toLane.y : toLane.y + toLane.height;
}

/** Handoffs whose lines cross closer than this (canvas units) share one line: their walls' badges stand in a row. */
const SAME_LINE = 40;

/**
 * The place of each wall's badge among the walls that cross one boundary on one line (two handoffs
 * from one step into one lane): the worst on the line, the others in a row to its left.
 */
function wallSlots(
  metrics: FlowMetrics,
  layout: Layout,
  laneOfTeam: Lanes,
  noTeamLane: number,
  stepById: ReadonlyMap<string, Step>,
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
    const boundary = wallBoundary(layout, laneOfTeam, noTeamLane, stepById, wall);
    const slot = placed.filter((other) => other.boundary === boundary && Math.abs(other.x - x) < SAME_LINE).length;
    placed.push({ boundary, x });
    slots.set(`${wall.from}>${wall.to}`, slot);
  }
  return slots;
}
