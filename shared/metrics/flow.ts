/**
 * Flow metrics of a map (spec sections 2 and 3): lead time on the critical path, process and wait
 * time, flow efficiency, rolled %C&A, rework-adjusted lead time, per-step timing and the walls of
 * confusion. Pure and deterministic; linear in steps + handoffs, plus one bounded pass per rework
 * loop over the steps between its two ends.
 */
import { buildForwardGraph, type ForwardGraph } from '../model/graph';
import type { VsmDocument } from '../model/schema';

export type Severity = 'high' | 'medium' | 'low';

/** A cross-team forward handoff and what it costs (spec section 3). */
export interface Wall {
  from: string;
  to: string;
  fromTeam: string;
  toTeam: string;
  /** Minutes the work sits at the boundary: the handoff's wait plus the receiving step's waiting. */
  delay: number;
  delayShare: number;
  completeAccurate: number;
  severity: Severity;
  critical: boolean;
}

/** All walls from one team to another. */
export interface TeamPair {
  fromTeam: string;
  toTeam: string;
  walls: number;
  delay: number;
}

export interface StepTiming {
  id: string;
  earliestStart: number;
  slack: number;
  critical: boolean;
}

/** Every figure of spec sections 2 and 3; durations in minutes, ratios as fractions. */
export interface FlowMetrics {
  leadTime: number;
  criticalPath: string[];
  processTime: number;
  waitTime: number;
  flowEfficiency: number | null;
  totalWorkTime: number;
  rolledCompleteAccurate: number;
  handoffs: number;
  crossTeamHandoffs: number;
  reworkAdjustedLeadTime: number;
  walls: Wall[];
  teamPairs: TeamPair[];
  steps: StepTiming[];
}

/** Thresholds of spec section 3. */
const HIGH_SHARE = 0.2;
const MEDIUM_SHARE = 0.05;
const HIGH_QUALITY_LOSS = 0.7;
const MEDIUM_QUALITY_LOSS = 0.9;

/** Computes the metrics of a valid document (see `validateDocument`). */
export function computeMetrics(document: VsmDocument): FlowMetrics {
  const { steps } = document;
  const graph = buildForwardGraph(
    steps.map((step) => step.id),
    document.handoffs,
  );
  if (graph.order.length !== steps.length) {
    throw new Error('forward handoffs form a cycle: validate the document before computing metrics');
  }

  const leadTimes = new Float64Array(steps.length);
  for (let i = 0; i < steps.length; i++) leadTimes[i] = steps[i]!.leadTime;
  const paths = longestPaths(graph, leadTimes);
  const leadTime = paths.length;

  const criticalSteps: number[] = [];
  const criticalEdges = new Set<number>();
  let node = paths.exit;
  while (node !== -1) {
    criticalSteps.push(node);
    const edge = paths.bestEdgeInto[node]!;
    if (edge === -1) break;
    criticalEdges.add(graph.edgeHandoff[edge]!);
    node = graph.edgeFrom[edge]!;
  }
  criticalSteps.reverse();

  let processTime = 0;
  for (const node of criticalSteps) processTime += steps[node]!.processTime;
  let totalWorkTime = 0;
  let rolledCompleteAccurate = 1;
  for (const step of steps) {
    totalWorkTime += step.processTime;
    rolledCompleteAccurate *= step.percentCompleteAccurate / 100;
  }

  const walls = wallsOfConfusion(document, graph, leadTime, criticalEdges);
  return {
    leadTime,
    criticalPath: criticalSteps.map((node) => steps[node]!.id),
    processTime,
    waitTime: leadTime - processTime,
    flowEfficiency: leadTime > 0 ? processTime / leadTime : null,
    totalWorkTime,
    rolledCompleteAccurate,
    handoffs: graph.edgeFrom.length,
    crossTeamHandoffs: walls.length,
    reworkAdjustedLeadTime: reworkAdjustedLeadTime(document, graph, leadTimes, leadTime),
    walls,
    teamPairs: teamPairs(walls),
    steps: stepTimings(document, graph, leadTimes, paths.start, leadTime),
  };
}

interface LongestPaths {
  /** Longest path to each step, ending with the handoff into it. */
  start: Float64Array;
  /** The edge that path arrives by, or -1 at an entry step. */
  bestEdgeInto: Int32Array;
  /** The exit step where the longest path ends, or -1 when there are no steps. */
  exit: number;
  length: number;
}

/** Longest paths in topological order; ties go to the step that comes first in the document. */
function longestPaths(graph: ForwardGraph, leadTimes: Float64Array): LongestPaths {
  const { stepCount, order, edgeFrom, edgeWait, predStart, predEdges, succStart } = graph;
  const start = new Float64Array(stepCount);
  const finish = new Float64Array(stepCount);
  const bestEdgeInto = new Int32Array(stepCount).fill(-1);
  for (const node of order) {
    let best = 0;
    let bestEdge = -1;
    for (let k = predStart[node]!; k < predStart[node + 1]!; k++) {
      const edge = predEdges[k]!;
      const arrival = finish[edgeFrom[edge]!]! + edgeWait[edge]!;
      if (bestEdge === -1 || arrival > best || (arrival === best && edgeFrom[edge]! < edgeFrom[bestEdge]!)) {
        best = arrival;
        bestEdge = edge;
      }
    }
    start[node] = best;
    finish[node] = best + leadTimes[node]!;
    bestEdgeInto[node] = bestEdge;
  }
  let exit = -1;
  for (let node = 0; node < stepCount; node++) {
    const isExit = succStart[node] === succStart[node + 1];
    if (isExit && (exit === -1 || finish[node]! > finish[exit]!)) exit = node;
  }
  return { start, bestEdgeInto, exit, length: exit === -1 ? 0 : finish[exit]! };
}

/** Earliest start, slack and criticality of each step, in document order. */
function stepTimings(
  document: VsmDocument,
  graph: ForwardGraph,
  leadTimes: Float64Array,
  start: Float64Array,
  leadTime: number,
): StepTiming[] {
  const { order, edgeTo, edgeWait, succStart, succEdges } = graph;
  // Longest path from each step (its own lead time included) to an exit.
  const tail = new Float64Array(graph.stepCount);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    let longest = 0;
    for (let k = succStart[node]!; k < succStart[node + 1]!; k++) {
      const edge = succEdges[k]!;
      longest = Math.max(longest, edgeWait[edge]! + tail[edgeTo[edge]!]!);
    }
    tail[node] = leadTimes[node]! + longest;
  }
  // Sums taken in different orders can differ in the last bit; that is not slack.
  const tolerance = 1e-9 * Math.max(1, leadTime);
  return document.steps.map((step, node) => {
    const rawSlack = leadTime - (start[node]! + tail[node]!);
    const slack = rawSlack <= tolerance ? 0 : rawSlack;
    return { id: step.id, earliestStart: start[node]!, slack, critical: slack === 0 };
  });
}

/**
 * Each rework loop B -> A with probability p and wait w adds p / (1 - p) times its length (the
 * longest forward path from A to B, plus w) to B's lead time, in the forward order of B, then
 * document order; the result is the longest path with those lead times.
 */
function reworkAdjustedLeadTime(
  document: VsmDocument,
  graph: ForwardGraph,
  leadTimes: Float64Array,
  leadTime: number,
): number {
  const loops = document.handoffs
    .flatMap((handoff, index) => {
      if (handoff.rework === undefined) return [];
      const back = graph.indexOf.get(handoff.from)!;
      const target = graph.indexOf.get(handoff.to)!;
      return [{ back, target, probability: handoff.rework, wait: handoff.waitTime, index }];
    })
    .sort((a, b) => graph.orderPosition[a.back]! - graph.orderPosition[b.back]! || a.index - b.index);
  if (loops.length === 0) return leadTime;

  const adjusted = leadTimes.slice();
  const scratch = new Float64Array(graph.stepCount).fill(-Infinity);
  for (const loop of loops) {
    const length = longestBetween(graph, adjusted, loop.target, loop.back, scratch) + loop.wait;
    adjusted[loop.back]! += (loop.probability / (1 - loop.probability)) * length;
  }
  return longestPaths(graph, adjusted).length;
}

/**
 * The longest forward path from `from` to `to`, both lead times included. Only the steps between
 * the two in topological order can lie on it, so only those are visited. `scratch` is all -Infinity
 * on entry and on return.
 */
function longestBetween(
  graph: ForwardGraph,
  leadTimes: Float64Array,
  from: number,
  to: number,
  scratch: Float64Array,
): number {
  if (from === to) return leadTimes[to]!;
  const { order, orderPosition, edgeFrom, edgeWait, predStart, predEdges } = graph;
  const first = orderPosition[from]!;
  const last = orderPosition[to]!;
  scratch[from] = leadTimes[from]!;
  for (let position = first + 1; position <= last; position++) {
    const node = order[position]!;
    let best = -Infinity;
    for (let k = predStart[node]!; k < predStart[node + 1]!; k++) {
      const edge = predEdges[k]!;
      best = Math.max(best, scratch[edgeFrom[edge]!]! + edgeWait[edge]!);
    }
    if (best !== -Infinity) scratch[node] = best + leadTimes[node]!;
  }
  const length = scratch[to]!;
  for (let position = first; position <= last; position++) scratch[order[position]!] = -Infinity;
  return length;
}

function wallsOfConfusion(
  document: VsmDocument,
  graph: ForwardGraph,
  leadTime: number,
  criticalHandoffs: ReadonlySet<number>,
): Wall[] {
  const walls: Wall[] = [];
  const { steps, handoffs } = document;
  // Forward edges are in document order of their handoffs, with step indices already resolved.
  for (let edge = 0; edge < graph.edgeFrom.length; edge++) {
    const fromTeam = steps[graph.edgeFrom[edge]!]!.team;
    const receiver = steps[graph.edgeTo[edge]!]!;
    const toTeam = receiver.team;
    if (fromTeam === undefined || toTeam === undefined || fromTeam === toTeam) continue;
    const handoffIndex = graph.edgeHandoff[edge]!;
    const handoff = handoffs[handoffIndex]!;
    const delay = handoff.waitTime + (receiver.leadTime - receiver.processTime);
    const delayShare = leadTime > 0 ? delay / leadTime : 0;
    const completeAccurate = receiver.percentCompleteAccurate / 100;
    walls.push({
      from: handoff.from,
      to: handoff.to,
      fromTeam,
      toTeam,
      delay,
      delayShare,
      completeAccurate,
      severity: severityOf(delayShare, completeAccurate),
      critical: criticalHandoffs.has(handoffIndex),
    });
  }
  // Array.prototype.sort is stable: equal delays stay in document order.
  return walls.sort((a, b) => b.delay - a.delay);
}

/** Spec section 3: a wall is as bad as the worse of its delay share and its quality loss. */
export function severityOf(delayShare: number, completeAccurate: number): Severity {
  if (delayShare >= HIGH_SHARE || completeAccurate < HIGH_QUALITY_LOSS) return 'high';
  if (delayShare >= MEDIUM_SHARE || completeAccurate < MEDIUM_QUALITY_LOSS) return 'medium';
  return 'low';
}

/** Walls grouped by team pair (from -> to), the largest summed delay first. */
function teamPairs(walls: readonly Wall[]): TeamPair[] {
  const byFromTeam = new Map<string, Map<string, TeamPair>>();
  const pairs: TeamPair[] = [];
  for (const wall of walls) {
    let byToTeam = byFromTeam.get(wall.fromTeam);
    if (!byToTeam) byFromTeam.set(wall.fromTeam, (byToTeam = new Map<string, TeamPair>()));
    let pair = byToTeam.get(wall.toTeam);
    if (!pair) {
      pair = { fromTeam: wall.fromTeam, toTeam: wall.toTeam, walls: 0, delay: 0 };
      byToTeam.set(wall.toTeam, pair);
      pairs.push(pair);
    }
    pair.walls++;
    pair.delay += wall.delay;
  }
  return pairs.sort((a, b) => b.delay - a.delay);
}
