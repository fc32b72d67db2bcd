/**
 * The map on a React Flow canvas: teams as lanes, steps as nodes, handoffs as edges labelled with
 * their wait and queue, rework loops dashed underneath, walls of confusion coloured by severity, the
 * critical path in bold. Steps are dragged (to another lane: another team), connected by dragging
 * from one to another, selected by click; double-click on the empty canvas adds a step there. Only
 * this folder knows React Flow: edits leave it as plain callbacks.
 */
import {
  applyNodeChanges,
  Background,
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
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, type MouseEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { formatDuration } from '../../shared/model/duration';
import type { Position as StepPosition, VsmDocument } from '../../shared/model/schema';
import type { Selection } from '../state/editor';
import { dropTarget, layoutMap, STEP_HEIGHT, STEP_WIDTH } from './layout';
import { type LaneFlowNode, type StepFlowNode, type StepNodeData, toFlow, type WallEdgeData } from './to-flow';

const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { step, calendar } = data;
  return (
    <div
      className={`step-node${data.critical ? ' critical' : ''}${selected ? ' selected' : ''}`}
      style={{ borderLeftColor: data.colour, width: STEP_WIDTH, height: STEP_HEIGHT }}
      aria-label={`Step ${step.name}: process time ${formatDuration(step.processTime, calendar)}, lead time ${formatDuration(step.leadTime, calendar)}, ${step.percentCompleteAccurate}% complete and accurate`}
    >
      <Handle type="target" position={Position.Left} />
      {data.ideas > 0 && (
        <span className="step-ideas" title={`${data.ideas} improvement idea${data.ideas === 1 ? '' : 's'}`}>
          ✸ {data.ideas}
        </span>
      )}
      <div className="step-name">{step.name}</div>
      <div className="step-figures">
        <span>PT {formatDuration(step.processTime, calendar)}</span>
        <span>LT {formatDuration(step.leadTime, calendar)}</span>
      </div>
      <div className="step-figures">
        <span>%C&amp;A {step.percentCompleteAccurate}%</span>
        {step.people !== undefined && <span>{step.people} people</span>}
      </div>
      <Handle type="source" position={Position.Right} />
      <Handle id="rework-in" type="target" position={Position.Bottom} style={{ left: '30%' }} isConnectable={false} />
      <Handle id="rework-out" type="source" position={Position.Bottom} style={{ left: '70%' }} isConnectable={false} />
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

/** A handoff between teams: the usual path, and a wall marker where it enters the receiving lane. */
const WallEdge = memo(function WallEdge(props: EdgeProps<Edge<WallEdgeData, 'wall'>>) {
  const [path, labelX, labelY] = getSmoothStepPath(props);
  const { data } = props;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={props.style}
        label={props.label}
        labelX={labelX}
        // The label stands clear of the wall marker.
        labelY={data && Math.abs(labelY - data.boundary) < 24 ? data.boundary - 24 : labelY}
      />
      {data && (
        // Drawn in the edge's own SVG: cheaper to pan than an HTML overlay per wall.
        <rect
          className={`wall-marker wall-${data.severity}`}
          x={labelX - 13}
          y={data.boundary - 6}
          width={26}
          height={12}
          rx={3}
          fill={data.colour}
        >
          <title>{`Wall of confusion (${data.severity})`}</title>
        </rect>
      )}
    </>
  );
});

const nodeTypes = { step: StepNode, lane: LaneNode };
const edgeTypes = { wall: WallEdge };

export interface MapCanvasProps {
  document: VsmDocument;
  metrics: FlowMetrics;
  selection?: Selection;
  /** Steps to bring into view (with room around them, 0.4 by default); a new object each time it is asked. */
  focus?: { ids: string[]; padding?: number };
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
  useEffect(() => {
    if (!focus) return undefined;
    // After the selection it comes with has been drawn.
    const frame = requestAnimationFrame(() => {
      void fitView({
        nodes: focus.ids.map((id) => ({ id })),
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
      deleteKeyCode={null}
      proOptions={{ hideAttribution: true }}
      aria-label="Value stream map"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
