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
  type Connection,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, type MouseEvent, useEffect, useMemo, useState } from 'react';
import type { FlowMetrics, Severity } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { type Calendar, formatDuration } from '../../shared/model/duration';
import type { Position as StepPosition, Step, VsmDocument } from '../../shared/model/schema';
import type { Selection } from '../state/editor';
import { dropTarget, type Lane, type Layout, layoutMap, STEP_HEIGHT, STEP_WIDTH } from './layout';

/** Team colours: distinct, readable with dark text, in lane order. */
const TEAM_COLOURS = ['#8ecae6', '#ffd166', '#95d5b2', '#f4a261', '#cdb4db', '#a3c4f3', '#e9c46a', '#b5e48c'];
const SEVERITY_COLOURS: Record<Severity, string> = { high: '#c0392b', medium: '#d35400', low: '#7f8c1f' };

type StepNodeData = { step: Step; colour: string; critical: boolean; calendar: Calendar };
type LaneNodeData = { lane: Lane; width: number; colour: string };
type StepFlowNode = Node<StepNodeData, 'step'>;
type LaneFlowNode = Node<LaneNodeData, 'lane'>;

const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { step, calendar } = data;
  return (
    <div
      className={`step-node${data.critical ? ' critical' : ''}${selected ? ' selected' : ''}`}
      style={{ borderLeftColor: data.colour, width: STEP_WIDTH, height: STEP_HEIGHT }}
      aria-label={`Step ${step.name}: process time ${formatDuration(step.processTime, calendar)}, lead time ${formatDuration(step.leadTime, calendar)}, ${step.percentCompleteAccurate}% complete and accurate`}
    >
      <Handle type="target" position={Position.Left} />
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

const nodeTypes = { step: StepNode, lane: LaneNode };

export interface MapCanvasProps {
  document: VsmDocument;
  metrics: FlowMetrics;
  selection?: Selection;
  /** Without these the canvas is read-only. */
  editing?: {
    onSelect: (selection: Selection) => void;
    /** A step dropped: its place in a lane, and that lane's team (undefined: no team). */
    onMove: (id: string, position: StepPosition, team: string | undefined) => void;
    onConnect: (from: string, to: string) => void;
    onAddAt: (position: StepPosition, team: string | undefined) => void;
  };
}

export function MapCanvas(props: MapCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ document, metrics, selection, editing }: MapCanvasProps) {
  const layout = useMemo(() => layoutMap(document), [document]);
  const flow = useMemo(() => toFlow(document, metrics, layout, selection), [document, metrics, layout, selection]);
  // Positions move under the pointer while a step is dragged; the document changes once, on drop.
  const [nodes, setNodes] = useState<Node[]>(flow.nodes);
  useEffect(() => {
    setNodes(flow.nodes);
  }, [flow.nodes]);
  const { screenToFlowPosition } = useReactFlow();

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

/** The document as React Flow nodes and edges. */
export function toFlow(
  document: VsmDocument,
  metrics: FlowMetrics,
  layout: Layout,
  selection?: Selection,
): { nodes: Node[]; edges: Edge[] } {
  const { calendar } = document;
  const critical = new Set(metrics.criticalPath);
  const criticalPairs = new Set(metrics.criticalPath.slice(1).map((id, i) => `${metrics.criticalPath[i]}>${id}`));
  const walls = new Map(metrics.walls.map((wall) => [`${wall.from}>${wall.to}`, wall]));
  const colourOfLane = (index: number) => TEAM_COLOURS[index % TEAM_COLOURS.length]!;
  const laneOfTeam = new Map(layout.lanes.map((lane) => [lane.team, lane.index]));
  const noTeamLane = layout.lanes.find((lane) => lane.team === undefined)?.index ?? 0;

  const laneNodes: LaneFlowNode[] = layout.lanes.map((lane) => ({
    id: `lane:${lane.index}`,
    type: 'lane',
    position: { x: 0, y: lane.y },
    data: { lane, width: layout.width, colour: colourOfLane(lane.index) },
    selectable: false,
    draggable: false,
    connectable: false,
    zIndex: -1,
  }));
  const stepNodes: StepFlowNode[] = document.steps.map((step) => ({
    id: step.id,
    type: 'step',
    position: layout.positions.get(step.id)!,
    selected: selection?.kind === 'step' && selection.id === step.id,
    data: {
      step,
      calendar,
      critical: critical.has(step.id),
      colour: colourOfLane(laneOfTeam.get(step.team) ?? noTeamLane),
    },
  }));

  const edges: Edge[] = document.handoffs.map((handoff) => {
    const key = `${handoff.from}>${handoff.to}`;
    const selected = selection?.kind === 'handoff' && selection.from === handoff.from && selection.to === handoff.to;
    if (handoff.rework !== undefined) {
      const wait = handoff.waitTime > 0 ? ` · ${formatDuration(handoff.waitTime, calendar)}` : '';
      return {
        id: `rework:${key}`,
        source: handoff.from,
        target: handoff.to,
        sourceHandle: 'rework-out',
        targetHandle: 'rework-in',
        type: 'smoothstep',
        selected,
        className: 'rework-edge',
        label: `↺ rework ${formatPercent(handoff.rework)}${wait}`,
        markerEnd: { type: MarkerType.ArrowClosed },
      };
    }
    const wall = walls.get(key);
    const onPath = criticalPairs.has(key);
    const parts = [
      formatDuration(handoff.waitTime, calendar),
      ...(handoff.queue !== undefined ? [`queue ${handoff.queue}`] : []),
    ];
    const colour = wall ? SEVERITY_COLOURS[wall.severity] : onPath ? '#222' : '#777';
    return {
      id: key,
      source: handoff.from,
      target: handoff.to,
      type: 'smoothstep',
      selected,
      label: wall ? `${parts.join(' · ')} · wall (${wall.severity})` : parts.join(' · '),
      className: `${wall ? `wall-edge wall-${wall.severity}` : ''}${onPath ? ' critical-edge' : ''}`,
      style: { stroke: colour, strokeWidth: onPath ? 3 : 1.5 },
      markerEnd: { type: MarkerType.ArrowClosed, color: colour },
    };
  });
  return { nodes: [...laneNodes, ...stepNodes], edges };
}
