/**
 * The map on a React Flow canvas: teams as lanes, steps as nodes, handoffs as edges labelled with
 * their wait and queue, rework loops dashed underneath, walls of confusion coloured by severity, the
 * critical path in bold. Steps are dragged (to another lane: another team), connected by dragging
 * from one to another, selected by click; double-click on the empty canvas adds a step there. Only
 * this folder knows React Flow: edits leave it as plain callbacks.
 */
import {
  applyNodeChanges,
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  getSmoothStepPath,
  type Connection,
  ControlButton,
  Controls,
  Handle,
  MiniMap,
  type Node,
  type NodeChange,
  type EdgeChange,
  type FinalConnectionState,
  type NodeProps,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  type CSSProperties,
  createContext,
  memo,
  type MouseEvent,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { SideMarks } from '../../shared/metrics/change-marks';
import type { FlowMetrics } from '../../shared/metrics/flow';
import type { Position as StepPosition, VsmDocument } from '../../shared/model/schema';
import { type Selection, stepsSelection } from '../state/editor';
import {
  dropTarget,
  type Lane,
  LANE_LABEL_WIDTH,
  type Layout,
  layoutMap,
  STEP_HEIGHT,
  STEP_WIDTH,
} from '../../shared/picture/layout';
import { laneColour } from '../../shared/picture/palette';
import { visibleText } from '../../shared/model/visible-text';
import {
  type HandoffFlowEdge,
  type LaneFlowNode,
  type LaneNodeData,
  type StepFlowNode,
  type StepNodeData,
  type HandoffEdgeData,
  type Highlight,
  toFlow,
} from './to-flow';
import { VisibleName } from '../VisibleName';
import type { ViewportLink } from './viewport-link';

/** What a step on the canvas can do to itself: rename (double-click its name), when the canvas is editable. */
const StepActionsContext = createContext<((step: string, name: string) => void) | undefined>(undefined);

const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { step } = data;
  const rename = useContext(StepActionsContext);
  const [renaming, setRenaming] = useState(false);
  // Enter and Escape end the renaming before the field's blur does.
  const ended = useRef(false);
  const endRenaming = (name: string | undefined) => {
    if (ended.current) return;
    ended.current = true;
    setRenaming(false);
    if (name !== undefined && name.trim() !== '' && name.trim() !== step.name) rename?.(step.id, name.trim());
  };
  // Each line one text node: the canvas draws hundreds of these.
  return (
    <div
      className={`step-node${data.critical ? ' critical' : ''}${selected ? ' selected' : ''}${data.mark ? ` change-${data.mark.kind}` : ''}`}
      style={{
        borderLeftColor: data.colour,
        width: STEP_WIDTH,
        height: STEP_HEIGHT,
        ...(data.mark && { boxShadow: `0 0 0 4px ${data.mark.colour}` }),
      }}
      aria-label={data.accessibleName}
      onDoubleClick={
        rename &&
        (() => {
          ended.current = false;
          setRenaming(true);
        })
      }
    >
      <Handle type="target" position={Position.Left} />
      {data.mark && (
        <span className="step-change" style={{ background: data.mark.colour }} aria-hidden="true">
          {data.mark.badge}
        </span>
      )}
      {data.ideaBadge && (
        <span className="step-ideas" title={data.ideaBadge.label}>
          {data.ideaBadge.text}
        </span>
      )}
      {renaming ? (
        <input
          className="step-rename nodrag nopan"
          aria-label={`Name of the step ${step.name}`}
          defaultValue={step.name}
          // The field takes the place of the name just double-clicked, its text ready to be typed over.
          autoFocus
          onFocus={(event) => {
            event.currentTarget.select();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') endRenaming(event.currentTarget.value);
            if (event.key === 'Escape') endRenaming(undefined);
          }}
          onBlur={(event) => {
            endRenaming(event.currentTarget.value);
          }}
        />
      ) : (
        <div className={`step-name${data.nameLines === 1 ? ' one-line' : ''}`} title={visibleText(step.name)}>
          <VisibleName text={step.name} />
        </div>
      )}
      {data.figures.map((line) => (
        <div key={line} className="step-figures">
          {line}
        </div>
      ))}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

/** What a lane's label can do to its team: the canvas's editing callbacks, when it is editable. */
interface LaneActions {
  rename: (team: string, name: string) => void;
  move: (team: string, index: number) => void;
}
const LaneActionsContext = createContext<LaneActions | undefined>(undefined);

/** A team's lane; its label renames the team (click, type, Enter) and moves the lane up and down. */
const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  const actions = useContext(LaneActionsContext);
  const [renaming, setRenaming] = useState(false);
  const { lane } = data;
  const team = actions ? lane.team : undefined;
  // Enter and Escape end the renaming before the field's blur does.
  const ended = useRef(false);
  const startRenaming = () => {
    ended.current = false;
    setRenaming(true);
  };
  const endRenaming = (name: string | undefined) => {
    if (ended.current) return;
    ended.current = true;
    setRenaming(false);
    if (team !== undefined && name !== undefined && name.trim() !== lane.name) actions?.rename(team, name.trim());
  };
  return (
    <div className="lane" style={{ width: data.width, height: lane.height, background: `${lane.colour}22` }}>
      <div className="lane-label nodrag nopan" style={{ borderLeftColor: lane.colour }} title={visibleText(lane.name)}>
        {team === undefined ? (
          lane.name
        ) : renaming ? (
          <input
            aria-label={`Name of the lane ${lane.name}`}
            defaultValue={lane.name}
            // The field takes the place of the button just pressed.
            autoFocus
            onKeyDown={(event) => {
              if (event.key === 'Enter') endRenaming(event.currentTarget.value);
              if (event.key === 'Escape') endRenaming(undefined);
            }}
            onBlur={(event) => {
              endRenaming(event.currentTarget.value);
            }}
          />
        ) : (
          <>
            <button
              type="button"
              className="lane-name"
              aria-label={`Rename the lane ${lane.name}`}
              onClick={startRenaming}
            >
              <VisibleName text={lane.name} />
            </button>
            <span className="lane-move">
              <button
                type="button"
                aria-label={`Move the lane ${lane.name} up`}
                disabled={lane.index === 0}
                onClick={() => actions?.move(team, lane.index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move the lane ${lane.name} down`}
                disabled={lane.lastTeam}
                onClick={() => actions?.move(team, lane.index + 1)}
              >
                ↓
              </button>
            </span>
          </>
        )}
      </div>
    </div>
  );
});

/**
 * A handoff: its path with the wait and queue written on it in SVG (no HTML label to measure), a
 * wall bar where it enters the receiving team's lane, and, for a rework loop, a dashed path that
 * goes back below the steps, from the bottom of the later step to the bottom of the earlier one.
 * A selected handoff keeps its colour (a wall's is its severity) and shows a halo around it.
 */
const HandoffEdge = memo(function HandoffEdge(props: EdgeProps<HandoffFlowEdge>) {
  const { data } = props;
  const [path, labelX, labelY] = data?.rework
    ? getSmoothStepPath({
        sourceX: props.sourceX - STEP_WIDTH * 0.3,
        sourceY: props.sourceY + STEP_HEIGHT / 2,
        sourcePosition: Position.Bottom,
        targetX: props.targetX + STEP_WIDTH * 0.3,
        targetY: props.targetY + STEP_HEIGHT / 2,
        targetPosition: Position.Bottom,
        offset: 28,
      })
    : getSmoothStepPath(props);
  const lines = data?.lines ?? [];
  const colour = data?.labelColour;
  if (data?.wall) {
    return (
      <WallHandoff
        {...{ id: props.id, path, labelX, labelY, lines, colour, wall: data.wall, selected: Boolean(props.selected) }}
        sourceY={props.sourceY}
        markerEnd={props.markerEnd}
        style={props.style}
      />
    );
  }
  return (
    <>
      {props.selected && <path className="edge-halo" d={path} style={{ strokeWidth: EDGE_HALO }} />}
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} />
      <EdgeLabel x={labelX} y={labelY} lines={lines} colour={colour} />
    </>
  );
});

/** The wait and queue on a handoff: white-haloed text, so lines behind it do not run through it; a mark's colour when marked. */
function EdgeLabel({ x, y, lines, colour }: { x: number; y: number; lines: string[]; colour: string | undefined }) {
  return (
    <text
      className="edge-label"
      x={x}
      y={y - ((lines.length - 1) * LABEL_LINE_HEIGHT) / 2}
      style={colour === undefined ? undefined : { fill: colour }}
    >
      {lines.map((line, i) => (
        <tspan key={line} x={x} dy={i === 0 ? 0 : LABEL_LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Canvas units per screen pixel at a zoom, in steps of 2^¼ (so that the walls' sizes change only
 * when the zoom passes one) and at most WALL_MAX_PIXEL.
 */
function canvasPixel(zoom: number): number {
  return Math.min(WALL_MAX_PIXEL, 2 ** (Math.ceil(Math.log2(1 / zoom) * 4) / 4));
}

/**
 * A handoff across a wall of confusion: its line, a bar across the lane boundary, and a badge with
 * the severity's letter and the delay ("H 3w 2d"), sized in screen pixels so that they stay legible
 * when the whole map is in view; the wait's label stands clear of the badge, on the sender's side.
 */
function WallHandoff({
  id,
  path,
  labelX,
  labelY,
  sourceY,
  lines,
  colour,
  wall,
  selected,
  markerEnd,
  style,
}: {
  id: string;
  path: string;
  labelX: number;
  labelY: number;
  sourceY: number;
  lines: string[];
  colour: string | undefined;
  wall: NonNullable<HandoffEdgeData['wall']>;
  selected: boolean;
  markerEnd: string | undefined;
  style: CSSProperties | undefined;
}) {
  const lineWidth = `max(${Number(style?.strokeWidth ?? 1.5)}px, calc(${WALL_LINE_PX}px * ${WALL_PIXEL}))`;
  // Letters and digits of the bold sans-serif are about 0.65 em wide: the bar reaches past the badge.
  const barHalf = (wall.text.length * WALL_FONT * 0.65) / 2 + 1.5 * WALL_FONT;
  // A second wall on the same line has its badge and its part of the bar to the left of the first,
  // a bar's length for the longest mark away, so that neither covers the other.
  const x = `calc(${labelX}px - ${wall.slot * (LONGEST_MARK * 0.65 + 3)} * ${WALL_FONT_CSS})`;
  // The bar, and a gone wall's strike, are drawn at WALL_FONT and scaled with the badge.
  const scaled = (width: string): CSSProperties => ({
    transform: `translate(${x}, ${wall.boundary}px) scale(${WALL_SCALE_CSS})`,
    strokeWidth: `calc(${width} / ${WALL_SCALE_CSS})`,
  });
  return (
    <g className="wall-handoff">
      {selected && (
        <path className="edge-halo" d={path} style={{ strokeWidth: `calc(${lineWidth} + ${EDGE_HALO}px)` }} />
      )}
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ ...style, strokeWidth: lineWidth }} />
      <WallWaitLabel
        labelX={labelX}
        labelY={labelY}
        sourceY={sourceY}
        lines={lines}
        colour={colour}
        boundary={wall.boundary}
      />
      {/* Severity by letter as well as colour. */}
      <g
        className={`wall-marker wall-${wall.severity}${selected ? ' selected' : ''}${wall.mark ? ` wall-${wall.mark}` : ''}`}
      >
        <title>{wall.accessibleName}</title>
        <line
          className="wall-bar"
          x1={-barHalf}
          x2={barHalf}
          y1={0}
          y2={0}
          stroke={wall.colour}
          style={scaled(`max(${WALL_BAR}px, calc(${WALL_BAR_PX}px * ${WALL_PIXEL}))`)}
        />
        {/* A wall gone in a comparison: struck through, across its bar and its badge. */}
        {wall.mark === 'removed' && (
          <line
            className="wall-strike"
            x1={-barHalf}
            x2={barHalf}
            y1={WALL_FONT * 1.5}
            y2={-WALL_FONT * 1.5}
            style={scaled(`max(${WALL_LINE_PX}px, calc(${WALL_LINE_PX}px * ${WALL_PIXEL}))`)}
          />
        )}
      </g>
      {/* Above every handoff's line (React Flow's label layer lies between the lines and the steps). */}
      <EdgeLabelRenderer>
        <div
          className={`wall-badge${selected ? ' selected' : ''}${wall.mark === 'removed' ? ' struck' : ''}`}
          style={{
            transform: `translate(-50%, -50%) translate(${x}, ${wall.boundary}px)`,
            fontSize: WALL_FONT_CSS,
            background: wall.colour,
            borderWidth: `max(2px, calc(1.5px * ${WALL_PIXEL}))`,
          }}
        >
          {wall.text}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
}

/**
 * The wait's label of a wall's handoff, moved off the badge towards the step the handoff comes from
 * when it would cover it: the one part of a wall drawn again as the zoom passes a step of
 * {@link canvasPixel}, since where it goes depends on the badge's size.
 */
function WallWaitLabel({
  labelX,
  labelY,
  sourceY,
  lines,
  colour,
  boundary,
}: {
  labelX: number;
  labelY: number;
  sourceY: number;
  lines: string[];
  colour: string | undefined;
  boundary: number;
}) {
  const pixel = useStore((state) => canvasPixel(state.transform[2]));
  const fontSize = Math.max(WALL_FONT, WALL_TEXT_PX * pixel);
  const border = Math.max(2, 1.5 * pixel);
  const clearance = (fontSize * 1.5) / 2 + border + (lines.length * LABEL_LINE_HEIGHT) / 2 + 6;
  const side = sourceY < boundary ? -1 : 1;
  const textY = Math.abs(labelY - boundary) < clearance ? boundary + side * clearance : labelY;
  return <EdgeLabel x={labelX} y={textY} lines={lines} colour={colour} />;
}

/** The selection's halo around a handoff, wider than its line (canvas units). */
const EDGE_HALO = 10;
/** A wall's badge text and line at least this many screen pixels, down to the zoom where a canvas unit is WALL_MAX_PIXEL of them. */
const WALL_TEXT_PX = 12;
const WALL_LINE_PX = 2.5;
const WALL_BAR_PX = 4;
const WALL_MAX_PIXEL = 5;
/** The longest mark a wall has room for beside another on its line ("H 10w 4d 7h"). */
const LONGEST_MARK = 11;
/** Their size in canvas units when zoomed in. */
const WALL_FONT = 13;
const WALL_BAR = 6;
const LABEL_LINE_HEIGHT = 17;

/**
 * A wall's sizes in canvas units, as CSS of `--wall-pixel` (canvas units per screen pixel, which
 * the canvas sets on its walls as it zooms, see MapCanvas): a zoom restyles the walls, without
 * drawing them again.
 */
const WALL_PIXEL = 'var(--wall-pixel, 1)';
const WALL_FONT_CSS = `max(${WALL_FONT}px, calc(${WALL_TEXT_PX}px * ${WALL_PIXEL}))`;
/** How much larger than at WALL_FONT the badge's part of the bar is (the bar is drawn at WALL_FONT, scaled). */
const WALL_SCALE_CSS = `max(1, calc(${WALL_TEXT_PX} * ${WALL_PIXEL} / ${WALL_FONT}))`;

/** The whole map in view, with a little room around it: at first, and again when the canvas's room changes. */
const WHOLE_MAP = { padding: 0.05 };

/** The zoom below which steps show their names only. */
const ZOOMED_OUT = 0.5;

/** The zoom down to which the names of a whole map shown at once are still read (zoomed out, they are large). */
const READABLE_ZOOM = 0.4;

/** Steps from which the canvas draws only what is in view: below it, drawing all is cheaper. */
const CULLING_THRESHOLD = 200;

/** Held while clicking steps, these add to the selection (Shift also draws a selection box). */
const MULTI_SELECTION_KEYS = ['Shift', 'Control', 'Meta'];

/** Lanes and steps in the overview in their team's colour. */
function minimapColour(node: Node): string {
  return node.type === 'lane' ? `${(node.data as LaneNodeData).lane.colour}55` : (node.data as StepNodeData).colour;
}

/**
 * The lanes' names at the canvas's left edge, over the steps, once the lanes' own labels have
 * scrolled out of view to the left: panned along a long map, one still sees whose lane is whose.
 */
const LaneNames = memo(function LaneNames({ lanes }: { lanes: Lane[] }) {
  // Undefined while the lanes' labels are in view: then panning draws nothing here.
  const view = useStore(
    (state) =>
      state.transform[0] + LANE_LABEL_MIDDLE * state.transform[2] < 0
        ? { y: state.transform[1], zoom: state.transform[2], height: state.height }
        : undefined,
    (a, b) =>
      a === b || (a !== undefined && b !== undefined && a.y === b.y && a.zoom === b.zoom && a.height === b.height),
  );
  if (!view) return null;
  return (
    // The lanes' labels name them for assistive technology; these repeat them for the eye.
    <div className="lane-names" aria-hidden="true">
      {lanes.map((lane) => {
        const top = Math.max(0, view.y + lane.y * view.zoom);
        const bottom = Math.min(view.height, view.y + (lane.y + lane.height) * view.zoom);
        if (bottom - top < MIN_LANE_NAME_HEIGHT) return null;
        return (
          <div key={lane.index} className="lane-names-row" style={{ top, height: bottom - top }}>
            <span style={{ borderLeftColor: laneColour(lane.index) }}>{visibleText(lane.name)}</span>
          </div>
        );
      })}
    </div>
  );
});

/** The middle of a lane's label (canvas x): left of the view's edge, the label is out of sight. */
const LANE_LABEL_MIDDLE = LANE_LABEL_WIDTH / 2;
/** A lane showing less than this (screen pixels) has no room for its name. */
const MIN_LANE_NAME_HEIGHT = 18;

/**
 * How far out one can zoom: for a map of up to CULLING_THRESHOLD steps, far enough for the whole
 * map on a canvas of FIT_ANYWHERE pixels (200 steps in one row are 64,000 units wide); never less
 * far than 0.1. A larger map stops at 0.1, so that only part of it is drawn (the overview shows it all).
 */
function minimumZoom(layout: Layout, steps: number): number {
  if (steps > CULLING_THRESHOLD) return 0.1;
  return Math.min(0.1, FIT_ANYWHERE / Math.max(layout.width, layout.height));
}
const FIT_ANYWHERE = 400;

const nodeTypes = { step: StepNode, lane: LaneNode };
const edgeTypes = { handoff: HandoffEdge };

export type Focus = { ids?: string[]; padding?: number };

export interface MapCanvasProps {
  document: VsmDocument;
  metrics: FlowMetrics;
  selection?: Selection;
  /** A comparison's marks for this map's side (changeMarks): steps, handoffs and walls added, removed, changed. */
  marks?: SideMarks;
  /** Steps and handoffs to stand out (the agenda's current stage's concerns). */
  highlight?: Highlight;
  /** Steps to bring into view, or the whole map without ids (with room around, 0.4 by default); a new object each time it is asked. */
  focus?: Focus;
  /** A voting round hides the counts: the steps' badges show "?". */
  votesHidden?: boolean;
  /** Canvases on one link pan and zoom together (the comparison's two maps): bring into view on one of them only. */
  viewportLink?: ViewportLink;
  /** Without these the canvas is read-only. */
  editing?: {
    onSelect: (selection: Selection) => void;
    /** Steps dropped (dragged, or moved with the arrow keys): each one's place in a lane, and that lane's team (undefined: no team). */
    onMove: (moves: { id: string; position: StepPosition; team: string | undefined }[]) => void;
    onConnect: (from: string, to: string) => void;
    onRenameStep: (step: string, name: string) => void;
    onAddAt: (position: StepPosition, team: string | undefined) => void;
    onRenameTeam: (team: string, name: string) => void;
    onMoveTeam: (team: string, index: number) => void;
  };
}

export function MapCanvas({ children, ...props }: MapCanvasProps & { children?: ReactNode }) {
  // Children share the canvas's React Flow instance (the benchmark drives the viewport through it).
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
      {children}
    </ReactFlowProvider>
  );
}

/** The node drawn before when nothing of it changed (a lane's data may be a new object with the same content). */
function keepIfUnchanged(old: Node | undefined, node: Node): Node {
  const same =
    old !== undefined &&
    old.selected === node.selected &&
    old.className === node.className &&
    old.position.x === node.position.x &&
    old.position.y === node.position.y &&
    (old.data === node.data || (node.type === 'lane' && JSON.stringify(old.data) === JSON.stringify(node.data)));
  return same ? old : node;
}

function Canvas({
  document,
  metrics,
  selection,
  marks,
  highlight,
  focus,
  votesHidden = false,
  viewportLink,
  editing,
}: MapCanvasProps) {
  const layout = useMemo(() => layoutMap(document), [document]);
  // What did not change keeps its identity, so React Flow and the memoized nodes skip it on an edit.
  const previous = useRef<{
    data: ReadonlyMap<string, StepNodeData>;
    nodes: Map<string, Node>;
    edges: Map<string, HandoffFlowEdge>;
  }>(undefined);
  const flow = useMemo(() => {
    const next = toFlow(document, metrics, {
      layout,
      selection,
      previous: previous.current?.data,
      marks,
      highlight,
      votesHidden,
    });
    const before = previous.current;
    const nodes = next.nodes.map((node) => keepIfUnchanged(before?.nodes.get(node.id), node));
    const edges = next.edges.map((edge) => {
      const old = before?.edges.get(edge.id);
      return old !== undefined && JSON.stringify(old) === JSON.stringify(edge) ? old : edge;
    });
    previous.current = {
      data: next.stepData,
      nodes: new Map(nodes.map((node) => [node.id, node])),
      edges: new Map(edges.map((edge) => [edge.id, edge])),
    };
    return { nodes, edges };
  }, [document, metrics, layout, selection, marks, highlight, votesHidden]);
  // Positions move under the pointer while a step is dragged; the document changes once, on drop.
  // What React Flow shows are copies with their measured size: unchanged nodes keep those copies,
  // or every node would be measured and drawn again after each edit.
  const [nodes, setNodes] = useState<Node[]>(flow.nodes);
  useEffect(() => {
    setNodes((shown) => {
      const shownById = new Map(shown.map((node) => [node.id, node]));
      // A changed node keeps the size measured of it: without one, React Flow hides it until it is
      // measured again, and a double-click on a step just selected would reach the lane under it.
      const next = flow.nodes.map((node) => {
        const old = shownById.get(node.id);
        const kept = keepIfUnchanged(old, node);
        return kept === node && old?.measured ? { ...node, measured: old.measured } : kept;
      });
      return next.length === shown.length && next.every((node, i) => node === shown[i]) ? shown : next;
    });
  }, [flow.nodes]);
  const { screenToFlowPosition, fitView, getViewport, setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  // The minimap, for finding one's way on a large map; it hides part of the canvas, so it is asked for.
  const [overview, setOverview] = useState(false);
  // Below this zoom the steps' figures are too small to read: names only, larger (styles.css).
  const zoomedOut = useStore((state) => state.transform[2] < ZOOMED_OUT);
  // Whether the view is the whole map as last fitted (at first, by a focus on it, by the controls'
  // button), not moved since by the user or to show some steps: then, when the room for the canvas
  // changes (a panel opened or closed beside or above it, the window resized), the map is fitted to
  // it again. A view the user chose is left alone.
  const fitted = useRef(true);
  useEffect(() => {
    // Linked canvases are fitted by their screen: a fit of one moves the others.
    if (viewportLink) return undefined;
    let room = { width: flowStore.getState().width, height: flowStore.getState().height };
    return flowStore.subscribe(({ width, height }) => {
      if (width === room.width && height === room.height) return;
      room = { width, height };
      if (fitted.current) void fitView({ ...WHOLE_MAP, duration: 250 });
    });
  }, [viewportLink, flowStore, fitView]);
  const movedByHand = () => {
    fitted.current = false;
  };
  useEffect(() => {
    if (!focus) return undefined;
    fitted.current = focus.ids === undefined;
    // After the selection it comes with has been drawn.
    const frame = requestAnimationFrame(() => {
      void fitView({
        ...(focus.ids && { nodes: focus.ids.map((id) => ({ id })) }),
        padding: focus.padding ?? 0.4,
        duration: 250,
        maxZoom: 1.2,
      });
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [focus, fitView]);

  // A step just added and selected is shown when it is not all in view: the whole map, when it fits
  // without zooming in and with the steps' names still readable; else the canvas pans to it, at the same zoom.
  const knownSteps = useRef<ReadonlyMap<string, unknown>>(layout.positions);
  useEffect(() => {
    const known = knownSteps.current;
    knownSteps.current = layout.positions;
    const added = selection?.kind === 'steps' && selection.ids.length === 1 ? selection.ids[0]! : undefined;
    if (added === undefined || known.has(added)) return undefined;
    const frame = requestAnimationFrame(() => {
      const place = layout.positions.get(added);
      if (!place) return;
      const { width, height } = flowStore.getState();
      const { x, y, zoom } = getViewport();
      const moved = {
        x: panToShow(x, place.x * zoom, STEP_WIDTH * zoom, width),
        y: panToShow(y, place.y * zoom, STEP_HEIGHT * zoom, height),
      };
      if (moved.x === x && moved.y === y) return;
      fitted.current = false;
      const wholeMap = Math.min(zoom, (width * 0.95) / layout.width, (height * 0.95) / layout.height);
      if (wholeMap >= READABLE_ZOOM) void fitView({ padding: 0.025, maxZoom: zoom, duration: 200 });
      else void setViewport({ ...moved, zoom }, { duration: 200 });
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [selection, layout, flowStore, getViewport, setViewport, fitView]);
  // Moved (by the user, a fit, a focus), the canvas moves the others on its link; moved by another, it follows.
  const canvasId = useId();
  const following = useRef(false);
  useEffect(
    () =>
      viewportLink?.follow(canvasId, (viewport) => {
        // React Flow reports the move at once, inside this call: it is not passed back.
        following.current = true;
        fitted.current = false;
        void setViewport(viewport);
        following.current = false;
      }),
    [viewportLink, canvasId, setViewport],
  );
  // Handles and walls keep their sizes on screen at any zoom (styles.css and WallHandoff read it), without
  // drawing the map again: the zoom is written in rules of their own for this canvas's shown handles and
  // its walls. (Set on the canvas, a property is inherited by every element of the map, all of them styled
  // again on each frame of a zoom.)
  const wrapper = useRef<HTMLDivElement>(null);
  const zoomScope = useId();
  useEffect(() => {
    const scope = `[data-zoom-scope="${CSS.escape(zoomScope)}"]`;
    wrapper.current?.setAttribute('data-zoom-scope', zoomScope);
    const rules = {
      handles: `${scope} :is(.react-flow__node-step:is(:hover, :focus-visible, .selected) .react-flow__handle, .react-flow__handle.connectingfrom)`,
      walls: `${scope} :is(.wall-handoff, .wall-badge)`,
    };
    const sheets = { handles: window.document.createElement('style'), walls: window.document.createElement('style') };
    window.document.head.append(sheets.handles, sheets.walls);
    const shown: { handles?: number; walls?: number } = {};
    const write = (part: 'handles' | 'walls', property: string, value: number) => {
      if (shown[part] === value) return;
      shown[part] = value;
      sheets[part].textContent = `${rules[part]} { ${property}: ${value}; }`;
    };
    const show = (zoom: number) => {
      // In steps of 2^¼ too, rounded down: handles a little larger on screen rather than smaller.
      write('handles', '--flow-zoom', 2 ** (Math.floor(Math.log2(zoom) * 4) / 4));
      write('walls', '--wall-pixel', canvasPixel(zoom));
    };
    show(flowStore.getState().transform[2]);
    const unsubscribe = flowStore.subscribe((state) => {
      show(state.transform[2]);
    });
    return () => {
      unsubscribe();
      sheets.handles.remove();
      sheets.walls.remove();
    };
  }, [flowStore, zoomScope]);

  // The selection as last asked for: several changes can come before the next render.
  const selected = useRef(selection);
  selected.current = selection;
  const select = (next: Selection) => {
    selected.current = next;
    editing?.onSelect(next);
  };

  // React Flow reports what the pointer and the keyboard do as changes. Selecting (click, Ctrl or
  // Shift+click, Shift+drag a box, Enter on a focused step) and moving (a drop, an arrow key) reach
  // the document; positions during a drag stay on the canvas until the drop.
  const onNodesChange = (changes: NodeChange[]) => {
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((change) => change.type === 'position' || change.type === 'dimensions'),
        current,
      ),
    );
    if (!editing) return;
    const selections = changes.filter((change) => change.type === 'select');
    if (selections.length > 0) {
      const now = selected.current;
      const ids = new Set(now?.kind === 'steps' ? now.ids : []);
      for (const change of selections) {
        if (change.selected) ids.add(change.id);
        else ids.delete(change.id);
      }
      if (ids.size > 0 || now?.kind === 'steps') select(stepsSelection([...ids]));
    }
    const moves = changes.flatMap((change) => {
      if (change.type !== 'position' || change.dragging !== false || !change.position) return [];
      const target = dropTarget(layout, change.position.x, change.position.y);
      return target ? [{ id: change.id, position: target.position, team: target.lane.team }] : [];
    });
    if (moves.length > 0) editing.onMove(moves);
  };
  // A selection box selects steps; React Flow would select the handoffs between them too.
  const drawingBox = useRef(false);
  const onEdgesChange = (changes: EdgeChange<HandoffFlowEdge>[]) => {
    if (drawingBox.current) return;
    for (const change of changes) {
      if (change.type !== 'select' || !change.selected) continue;
      const edge = flow.edges.find((candidate) => candidate.id === change.id);
      if (edge) select({ kind: 'handoff', from: edge.source, to: edge.target });
    }
  };
  // Stable for the lanes' sake; calls the latest callbacks.
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const renameStep = useMemo(() => (step: string, name: string) => editingRef.current?.onRenameStep(step, name), []);
  const laneActions = useMemo<LaneActions>(
    () => ({
      rename: (team, name) => editingRef.current?.onRenameTeam(team, name),
      move: (team, index) => editingRef.current?.onMoveTeam(team, index),
    }),
    [],
  );

  const onDoubleClick = (event: MouseEvent) => {
    const clicked = event.target as HTMLElement;
    // A double-click on a step renames it (StepNode); on a lane's label, nothing.
    if (
      !editing ||
      !clicked.closest('.react-flow__pane, .lane') ||
      clicked.closest('.lane-label, .react-flow__node-step')
    )
      return;
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const target = dropTarget(layout, point.x - STEP_WIDTH / 2, point.y - STEP_HEIGHT / 2);
    if (target) editing.onAddAt(target.position, target.lane.team);
  };

  // A connection dropped anywhere on a step connects to it, not only on its handle.
  const onConnectEnd = (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (!editing || state.isValid || !state.fromNode) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    const under = window.document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node-step');
    const other = under?.getAttribute('data-id');
    if (!other || other === state.fromNode.id) return;
    if (state.fromHandle.type === 'source') editing.onConnect(state.fromNode.id, other);
    else editing.onConnect(other, state.fromNode.id);
  };

  return (
    <LaneActionsContext.Provider value={editing ? laneActions : undefined}>
      <StepActionsContext.Provider value={editing ? renameStep : undefined}>
        <ReactFlow
          ref={wrapper}
          nodes={nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          nodesDraggable={Boolean(editing)}
          nodesConnectable={Boolean(editing)}
          elementsSelectable={Boolean(editing)}
          zoomOnDoubleClick={false}
          onDoubleClick={onDoubleClick}
          onEdgesChange={onEdgesChange}
          onMoveStart={(event) => {
            // A move with an event is the user's (a drag, the wheel, a pinch); the canvas's own have none.
            if (event) movedByHand();
          }}
          onPointerDownCapture={(event) => {
            // The overview moves the canvas without an event of its own.
            if ((event.target as Element).closest('.react-flow__minimap')) movedByHand();
          }}
          onWheelCapture={(event) => {
            if ((event.target as Element).closest('.react-flow__minimap')) movedByHand();
          }}
          onMove={(_event, viewport) => {
            if (!following.current) viewportLink?.moved(canvasId, viewport);
          }}
          onNodeClick={(event, node) => {
            // A plain click on one of several selected steps selects it alone (React Flow keeps them all, for dragging).
            const now = selected.current;
            const adding = event.shiftKey || event.ctrlKey || event.metaKey;
            if (!adding && node.type === 'step' && now?.kind === 'steps' && now.ids.length > 1)
              select(stepsSelection([node.id]));
          }}
          onSelectionStart={() => {
            drawingBox.current = true;
          }}
          onSelectionEnd={() => {
            drawingBox.current = false;
          }}
          onPaneClick={() => {
            select(undefined);
          }}
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          onConnect={(connection: Connection) => {
            editing?.onConnect(connection.source, connection.target);
          }}
          onConnectEnd={onConnectEnd}
          fitView
          fitViewOptions={WHOLE_MAP}
          minZoom={minimumZoom(layout, document.steps.length)}
          // A large map is not all on screen: what is off it is not drawn.
          onlyRenderVisibleElements={document.steps.length > CULLING_THRESHOLD}
          deleteKeyCode={null}
          proOptions={{ hideAttribution: true }}
          aria-label="Value stream map"
          className={zoomedOut ? 'zoomed-out' : undefined}
        >
          {/* On the right: the lanes' names and buttons are on the left. */}
          <Controls
            showInteractive={false}
            position="bottom-right"
            fitViewOptions={WHOLE_MAP}
            onZoomIn={movedByHand}
            onZoomOut={movedByHand}
            onFitView={() => {
              fitted.current = true;
            }}
          >
            <ControlButton
              onClick={() => {
                setOverview(!overview);
              }}
              aria-pressed={overview}
              aria-label="Overview"
              title="Overview of the whole map"
            >
              ▣
            </ControlButton>
          </Controls>
          <LaneNames lanes={layout.lanes} />
          {overview && (
            <MiniMap
              pannable
              zoomable
              position="top-right"
              ariaLabel="Overview of the map"
              nodeColor={minimapColour}
              nodeStrokeWidth={0}
            />
          )}
        </ReactFlow>
      </StepActionsContext.Provider>
    </LaneActionsContext.Provider>
  );
}

/**
 * The viewport's offset along one axis that shows a box (from `start`, `size` long, at the zoom):
 * unchanged when the box is in view, else the box in the middle (the steps before it around it,
 * room for the next one), or at the start when it is larger than the view.
 */
function panToShow(offset: number, start: number, size: number, visible: number): number {
  const margin = 16;
  const shown = offset + start >= 0 && offset + start + size <= visible;
  if (shown) return offset;
  return size + 2 * margin > visible ? margin - start : (visible - size) / 2 - start;
}
