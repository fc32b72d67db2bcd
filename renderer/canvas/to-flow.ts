/** The map's picture (shared/picture/map-picture) as React Flow's nodes and edges: what the canvas draws, derived, never stored. */
import { type Edge, MarkerType, type Node, type NodeHandle, Position } from '@xyflow/react';
import { handoffKey, type SideMarks } from '../../shared/metrics/change-marks';
import type { FlowMetrics } from '../../shared/metrics/flow';
import type { VsmDocument } from '../../shared/model/schema';
import type { Selection } from '../state/editor';
import { type Layout, STEP_HEIGHT, STEP_WIDTH } from '../../shared/picture/layout';
import {
  mapPicture,
  type PictureHandoff,
  type PictureLane,
  type PictureStep,
  type PictureWall,
} from '../../shared/picture/map-picture';

/** What a handoff edge draws besides its path: its label's lines, and the wall it crosses, if any. */
export type HandoffEdgeData = Pick<PictureHandoff, 'lines' | 'labelColour' | 'dashed' | 'mark'> & {
  rework: boolean;
  /** A wall of confusion: a bar across the boundary of the receiving team's lane where the handoff crosses it, with its badge ("H 3w 2d"). */
  wall?: PictureWall;
};
export type HandoffFlowEdge = Edge<HandoffEdgeData, 'handoff'>;
/** A step's box as the picture has it. */
export type StepNodeData = Pick<PictureStep, keyof PictureStep>;
export type LaneNodeData = { lane: PictureLane; width: number };
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type LaneFlowNode = Node<LaneNodeData, 'lane'>;

/** Steps and handoffs to stand out on the canvas (what the agenda's current stage concerns). */
export interface Highlight {
  steps: readonly string[];
  handoffs: readonly { from: string; to: string }[];
}

/** The class of a highlighted node or edge (styles.css). */
const HIGHLIGHTED = 'highlighted';

/** What the canvas shows of a map besides the map itself: where it is laid out, and what it marks. */
export interface FlowOptions {
  layout: Layout;
  selection?: Selection;
  /** The step nodes' data of the previous call: what did not change is reused, so it is not drawn again. */
  previous?: ReadonlyMap<string, StepNodeData>;
  /** A comparison's marks for this map's side: what was added, removed and changed. */
  marks?: SideMarks;
  /** Steps and handoffs to stand out: the agenda's current stage's concerns. */
  highlight?: Highlight;
  /** A voting round hides the counts: the steps' badges show "?". */
  votesHidden?: boolean;
}

/** The document as React Flow nodes and edges. */
export function toFlow(
  document: VsmDocument,
  metrics: FlowMetrics,
  { layout, selection, previous, marks, highlight, votesHidden = false }: FlowOptions,
): { nodes: Node[]; edges: HandoffFlowEdge[]; stepData: Map<string, StepNodeData> } {
  const highlightedSteps = new Set(highlight?.steps);
  const highlightedHandoffs = new Set(highlight?.handoffs.map(({ from, to }) => handoffKey(from, to)));
  const picture = mapPicture(document, metrics, layout, marks, previous, votesHidden);
  const laneNodes: LaneFlowNode[] = picture.lanes.map((lane) => ({
    id: `lane:${lane.index}`,
    type: 'lane',
    position: { x: 0, y: lane.y },
    data: { lane, width: layout.width },
    selectable: false,
    draggable: false,
    connectable: false,
    zIndex: -1,
    ...drawnSize(layout.width, lane.height, []),
  }));
  const selectedSteps = new Set(selection?.kind === 'steps' ? selection.ids : []);
  const stepData = new Map<string, StepNodeData>();
  const stepNodes: StepFlowNode[] = picture.steps.map((data) => {
    stepData.set(data.id, data);
    const position = layout.positions.get(data.id)!;
    const node: StepFlowNode = {
      id: data.id,
      type: 'step',
      position,
      selected: selectedSteps.has(data.id),
      data,
      ...drawnSize(STEP_WIDTH, STEP_HEIGHT, STEP_HANDLES),
    };
    if (highlightedSteps.has(data.id)) node.className = HIGHLIGHTED;
    return node;
  });

  const edges: HandoffFlowEdge[] = picture.handoffs.map((handoff) => {
    const selected = selection?.kind === 'handoff' && selection.from === handoff.from && selection.to === handoff.to;
    const data: HandoffEdgeData = {
      lines: handoff.lines,
      labelColour: handoff.labelColour,
      dashed: handoff.dashed,
      rework: handoff.rework,
    };
    if (handoff.mark) data.mark = handoff.mark;
    if (handoff.wall) data.wall = handoff.wall;
    // A comparison's mark and the agenda's highlight.
    const markClasses = [
      handoff.mark && `change-${handoff.mark.kind}`,
      highlightedHandoffs.has(handoffKey(handoff.from, handoff.to)) && HIGHLIGHTED,
    ]
      .filter(Boolean)
      .join(' ');
    if (handoff.rework) {
      return {
        id: `rework:${handoff.key}`,
        source: handoff.from,
        target: handoff.to,
        type: 'handoff',
        selected,
        className: ['rework-edge', markClasses].filter(Boolean).join(' '),
        ariaLabel: handoff.accessibleName,
        data,
        markerEnd: { type: MarkerType.ArrowClosed, color: handoff.colour },
      };
    }
    const { wall, colour } = handoff;
    return {
      id: handoff.key,
      source: handoff.from,
      target: handoff.to,
      type: 'handoff',
      ariaLabel: handoff.accessibleName,
      data,
      selected,
      className: [wall && `wall-edge wall-${wall.severity}`, handoff.critical && 'critical-edge', markClasses]
        .filter(Boolean)
        .join(' '),
      style: handoff.dashed
        ? { stroke: colour, strokeWidth: handoff.critical ? 3 : 1.5, strokeDasharray: '8 6' }
        : { stroke: colour, strokeWidth: handoff.critical ? 3 : 1.5 },
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

/**
 * A node's size and handles as the canvas draws them (styles.css), given up front: React Flow
 * otherwise draws every node once to measure it, and on a large map, which draws only what is in
 * view, the nodes out of view are drawn for nothing (two canvases of 500 steps in a comparison
 * drew 1000). A node drawn is measured still; these are what it measures.
 */
function drawnSize(width: number, height: number, handles: NodeHandle[]) {
  return { measured: { width, height }, handles };
}

/** A step's handles (6 px, in the middle of its height): where the handoffs come in on the left and go out on the right. */
const HANDLE_SIZE = 6;
export const STEP_HANDLES: NodeHandle[] = [
  {
    type: 'target',
    position: Position.Left,
    x: 5,
    y: (STEP_HEIGHT - HANDLE_SIZE) / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
  {
    type: 'source',
    position: Position.Right,
    x: STEP_WIDTH - 4,
    y: (STEP_HEIGHT - HANDLE_SIZE) / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
];
