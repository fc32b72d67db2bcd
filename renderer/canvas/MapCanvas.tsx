/**
 * The map on a React Flow canvas, read-only for now: teams as lanes, steps as nodes, handoffs as
 * edges labelled with their wait and queue, rework loops dashed underneath, walls of confusion
 * coloured by severity, the critical path in bold. Only this folder knows React Flow.
 */
import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useMemo } from 'react';
import type { FlowMetrics, Severity } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { type Calendar, formatDuration } from '../../shared/model/duration';
import type { Step, VsmDocument } from '../../shared/model/schema';
import { type Lane, layoutMap, STEP_HEIGHT, STEP_WIDTH } from './layout';

/** Team colours: distinct, readable with dark text, in lane order. */
const TEAM_COLOURS = ['#8ecae6', '#ffd166', '#95d5b2', '#f4a261', '#cdb4db', '#a3c4f3', '#e9c46a', '#b5e48c'];
const SEVERITY_COLOURS: Record<Severity, string> = { high: '#c0392b', medium: '#d35400', low: '#7f8c1f' };

type StepNodeData = { step: Step; colour: string; critical: boolean; calendar: Calendar };
type LaneNodeData = { lane: Lane; width: number; colour: string };
type StepFlowNode = Node<StepNodeData, 'step'>;
type LaneFlowNode = Node<LaneNodeData, 'lane'>;

const StepNode = memo(function StepNode({ data }: NodeProps<StepFlowNode>) {
  const { step, calendar } = data;
  return (
    <div
      className={`step-node${data.critical ? ' critical' : ''}`}
      style={{ borderLeftColor: data.colour, width: STEP_WIDTH, height: STEP_HEIGHT }}
      aria-label={`${step.name}: process time ${formatDuration(step.processTime, calendar)}, lead time ${formatDuration(step.leadTime, calendar)}, ${step.percentCompleteAccurate}% complete and accurate`}
    >
      <Handle type="target" position={Position.Left} />
      <Handle id="rework-in" type="target" position={Position.Bottom} style={{ left: '30%' }} />
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
      <Handle id="rework-out" type="source" position={Position.Bottom} style={{ left: '70%' }} />
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

export function MapCanvas({ document, metrics }: { document: VsmDocument; metrics: FlowMetrics }) {
  const { nodes, edges } = useMemo(() => toFlow(document, metrics), [document, metrics]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      fitView
      fitViewOptions={{ padding: 0.05 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
      aria-label="Value stream map"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** The document as React Flow nodes and edges. */
export function toFlow(document: VsmDocument, metrics: FlowMetrics): { nodes: Node[]; edges: Edge[] } {
  const { calendar } = document;
  const layout = layoutMap(document);
  const critical = new Set(metrics.criticalPath);
  const criticalPairs = new Set(metrics.criticalPath.slice(1).map((id, i) => `${metrics.criticalPath[i]}>${id}`));
  const walls = new Map(metrics.walls.map((wall) => [`${wall.from}>${wall.to}`, wall]));
  const colourOfLane = (index: number) => TEAM_COLOURS[index % TEAM_COLOURS.length]!;
  const laneIndex = new Map(layout.lanes.map((lane) => [lane.team, lane.index]));

  const laneNodes: LaneFlowNode[] = layout.lanes.map((lane) => ({
    id: `lane:${lane.index}`,
    type: 'lane',
    position: { x: 0, y: lane.y },
    data: { lane, width: layout.width, colour: colourOfLane(lane.index) },
    selectable: false,
    draggable: false,
    zIndex: -1,
  }));
  const stepNodes: StepFlowNode[] = document.steps.map((step) => ({
    id: step.id,
    type: 'step',
    position: layout.positions.get(step.id)!,
    data: {
      step,
      calendar,
      critical: critical.has(step.id),
      colour: colourOfLane(
        laneIndex.get(document.teams.some((team) => team.id === step.team) ? step.team : undefined) ?? 0,
      ),
    },
  }));

  const edges: Edge[] = document.handoffs.map((handoff) => {
    const key = `${handoff.from}>${handoff.to}`;
    if (handoff.rework !== undefined) {
      const wait = handoff.waitTime > 0 ? ` · ${formatDuration(handoff.waitTime, calendar)}` : '';
      return {
        id: `rework:${key}`,
        source: handoff.from,
        target: handoff.to,
        sourceHandle: 'rework-out',
        targetHandle: 'rework-in',
        type: 'smoothstep',
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
      label: wall ? `${parts.join(' · ')} · wall (${wall.severity})` : parts.join(' · '),
      className: `${wall ? `wall-edge wall-${wall.severity}` : ''}${onPath ? ' critical-edge' : ''}`,
      style: { stroke: colour, strokeWidth: onPath ? 3 : 1.5 },
      markerEnd: { type: MarkerType.ArrowClosed, color: colour },
    };
  });
  return { nodes: [...laneNodes, ...stepNodes], edges };
}
