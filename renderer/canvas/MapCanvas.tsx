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
  type Edge,
  type EdgeProps,
  getSmoothStepPath,
  type Connection,
  Controls,
  Handle,
  type Node,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, type MouseEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { formatDuration } from '../../shared/model/duration';
import type { Position as StepPosition, VsmDocument } from '../../shared/model/schema';
import type { Selection } from '../state/editor';
import { dropTarget, layoutMap, STEP_HEIGHT, STEP_WIDTH } from './layout';
import { type HandoffFlowEdge, type LaneFlowNode, type StepFlowNode, type StepNodeData, toFlow } from './to-flow';

const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { step, calendar } = data;
  const processTime = formatDuration(step.processTime, calendar);
  const leadTime = formatDuration(step.leadTime, calendar);
  const people = step.people === undefined ? '' : ` · ${step.people} people`;
  // Each line one text node: the canvas draws hundreds of these.
  return (
    <div
      className={`step-node${data.critical ? ' critical' : ''}${selected ? ' selected' : ''}`}
      style={{ borderLeftColor: data.colour, width: STEP_WIDTH, height: STEP_HEIGHT }}
      aria-label={`Step ${step.name}: process time ${processTime}, lead time ${leadTime}, ${step.percentCompleteAccurate}% complete and accurate`}
    >
      <Handle type="target" position={Position.Left} />
      {data.ideas > 0 && (
        <span className="step-ideas" title={`${data.ideas} improvement idea${data.ideas === 1 ? '' : 's'}`}>
          ✸ {data.ideas}
        </span>
      )}
      <div className="step-name">{step.name}</div>
      <div className="step-figures">{`PT ${processTime} · LT ${leadTime}`}</div>
      <div className="step-figures">{`%C&A ${step.percentCompleteAccurate}%${people}`}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  return (
    <div className="lane" style={{ width: data.width, height: data.lane.height, background: `${data.colour}22` }}>
      <span className="lane-label" style={{ borderLeftColor: data.colour }}>
        {data.lane.name}
      </span>
    </div>
  );
});

/**
 * A handoff: its path with the wait and queue written on it in SVG (no HTML label to measure), a
 * wall marker where it enters the receiving team's lane, and, for a rework loop, a dashed path that
 * goes back below the steps, from the bottom of the later step to the bottom of the earlier one.
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
  const wall = data?.wall;
  // The label stands clear of the wall marker.
  const textY = wall && Math.abs(labelY - wall.boundary) < 36 ? wall.boundary - 36 : labelY;
  const lines = data?.lines ?? [];
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} />
      <text className="edge-label" x={labelX} y={textY - ((lines.length - 1) * LABEL_LINE_HEIGHT) / 2}>
        {lines.map((line, i) => (
          <tspan key={line} x={labelX} dy={i === 0 ? 0 : LABEL_LINE_HEIGHT}>
            {line}
          </tspan>
        ))}
      </text>
      {wall && (
        // Severity by letter as well as colour.
        <g className={`wall-marker wall-${wall.severity}`}>
          <title>{`Wall of confusion (${wall.severity})`}</title>
          <rect x={labelX - 15} y={wall.boundary - 9} width={30} height={18} rx={4} fill={wall.colour} />
          <text x={labelX} y={wall.boundary}>
            {SEVERITY_LETTER[wall.severity]}
          </text>
        </g>
      )}
    </>
  );
});

const LABEL_LINE_HEIGHT = 17;
const SEVERITY_LETTER = { high: 'H', medium: 'M', low: 'L' } as const;

/** The zoom below which steps show their names only. */
const ZOOMED_OUT = 0.5;

/** Steps from which the canvas draws only what is in view: below it, drawing all is cheaper. */
const CULLING_THRESHOLD = 200;

const nodeTypes = { step: StepNode, lane: LaneNode };
const edgeTypes = { handoff: HandoffEdge };

export type Focus = { ids?: string[]; padding?: number };

export interface MapCanvasProps {
  document: VsmDocument;
  metrics: FlowMetrics;
  selection?: Selection;
  /** Steps to bring into view, or the whole map without ids (with room around, 0.4 by default); a new object each time it is asked. */
  focus?: Focus;
  /** Without these the canvas is read-only. */
  editing?: {
    onSelect: (selection: Selection) => void;
    /** A step dropped: its place in a lane, and that lane's team (undefined: no team). */
    onMove: (id: string, position: StepPosition, team: string | undefined) => void;
    onConnect: (from: string, to: string) => void;
    onAddAt: (position: StepPosition, team: string | undefined) => void;
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

function Canvas({ document, metrics, selection, focus, editing }: MapCanvasProps) {
  const layout = useMemo(() => layoutMap(document), [document]);
  // What did not change keeps its identity, so React Flow and the memoized nodes skip it on an edit.
  const previous = useRef<{
    data: ReadonlyMap<string, StepNodeData>;
    nodes: Map<string, Node>;
    edges: Map<string, Edge>;
  }>(undefined);
  const flow = useMemo(() => {
    const next = toFlow(document, metrics, layout, selection, previous.current?.data);
    const before = previous.current;
    const nodes = next.nodes.map((node) => {
      const old = before?.nodes.get(node.id);
      const same =
        old !== undefined &&
        old.selected === node.selected &&
        old.position.x === node.position.x &&
        old.position.y === node.position.y &&
        (old.data === node.data || (node.type === 'lane' && JSON.stringify(old.data) === JSON.stringify(node.data)));
      return same ? old : node;
    });
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
  }, [document, metrics, layout, selection]);
  // Positions move under the pointer while a step is dragged; the document changes once, on drop.
  const [nodes, setNodes] = useState<Node[]>(flow.nodes);
  useEffect(() => {
    setNodes(flow.nodes);
  }, [flow.nodes]);
  const { screenToFlowPosition, fitView } = useReactFlow();
  // Below this zoom the steps' figures are too small to read: names only, larger (styles.css).
  const zoomedOut = useStore((state) => state.transform[2] < ZOOMED_OUT);
  useEffect(() => {
    if (!focus) return undefined;
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

  const onNodesChange = (changes: NodeChange[]) => {
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((change) => change.type === 'position' || change.type === 'dimensions'),
        current,
      ),
    );
  };
  const onDoubleClick = (event: MouseEvent) => {
    if (!editing || !(event.target as HTMLElement).closest('.react-flow__pane, .lane')) return;
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const target = dropTarget(layout, point.x - STEP_WIDTH / 2, point.y - STEP_HEIGHT / 2);
    if (target) editing.onAddAt(target.position, target.lane.team);
  };

  return (
    <ReactFlow
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
      onNodeClick={(_event, node) => {
        if (node.type === 'step') editing?.onSelect({ kind: 'step', id: node.id });
      }}
      onEdgeClick={(_event, edge) => {
        editing?.onSelect({ kind: 'handoff', from: edge.source, to: edge.target });
      }}
      onPaneClick={() => {
        editing?.onSelect(undefined);
      }}
      onNodeDragStop={(_event, node) => {
        if (node.type !== 'step' || !editing) return;
        const target = dropTarget(layout, node.position.x, node.position.y);
        if (target) editing.onMove(node.id, target.position, target.lane.team);
      }}
      onConnect={(connection: Connection) => {
        editing?.onConnect(connection.source, connection.target);
      }}
      fitView
      fitViewOptions={{ padding: 0.05 }}
      minZoom={0.1}
      // A large map is not all on screen: what is off it is not drawn.
      onlyRenderVisibleElements={document.steps.length > CULLING_THRESHOLD}
      deleteKeyCode={null}
      proOptions={{ hideAttribution: true }}
      aria-label="Value stream map"
      className={zoomedOut ? 'zoomed-out' : undefined}
    >
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
