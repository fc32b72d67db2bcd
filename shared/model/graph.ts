/**
 * The forward graph of a map: steps as nodes, forward handoffs (those without `rework`) as edges,
 * in compact arrays so that the metrics stay linear and allocation-light on 10,000-step maps.
 */

export interface HandoffLike {
  from: string;
  to: string;
  waitTime?: number;
  /** Present (any value) on a rework handoff. */
  rework?: unknown;
}

export interface ForwardGraph {
  stepCount: number;
  indexOf: ReadonlyMap<string, number>;
  /** Per edge: source and target step indices, wait in minutes, index in the document's handoffs. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeWait: Float64Array;
  edgeHandoff: Int32Array;
  /** Outgoing edges of step i: `succEdges[succStart[i] .. succStart[i + 1])`, in document order. */
  succStart: Int32Array;
  succEdges: Int32Array;
  /** Incoming edges of step i, likewise. */
  predStart: Int32Array;
  predEdges: Int32Array;
  /** Step indices in a topological order; shorter than stepCount when forward handoffs form a cycle. */
  order: Int32Array;
  /** Each step's place in `order`, or -1 for a step on or after a cycle. */
  orderPosition: Int32Array;
}

/**
 * Builds the forward graph. Handoffs that name unknown steps are left out (validation reports
 * them); so are rework handoffs.
 */
export function buildForwardGraph(
  stepIds: readonly string[],
  handoffs: readonly (HandoffLike | undefined)[],
): ForwardGraph {
  const stepCount = stepIds.length;
  const indexOf = new Map<string, number>();
  stepIds.forEach((id, index) => {
    if (!indexOf.has(id)) indexOf.set(id, index);
  });

  const from: number[] = [];
  const to: number[] = [];
  const wait: number[] = [];
  const handoffIndex: number[] = [];
  handoffs.forEach((handoff, index) => {
    if (!handoff || handoff.rework !== undefined) return;
    const source = indexOf.get(handoff.from);
    const target = indexOf.get(handoff.to);
    if (source === undefined || target === undefined) return;
    from.push(source);
    to.push(target);
    wait.push(handoff.waitTime ?? 0);
    handoffIndex.push(index);
  });

  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  const [succStart, succEdges] = adjacency(stepCount, edgeFrom);
  const [predStart, predEdges] = adjacency(stepCount, edgeTo);
  const [order, orderPosition] = topologicalOrder(stepCount, edgeTo, succStart, succEdges, predStart);
  return {
    stepCount,
    indexOf,
    edgeFrom,
    edgeTo,
    edgeWait: Float64Array.from(wait),
    edgeHandoff: Int32Array.from(handoffIndex),
    succStart,
    succEdges,
    predStart,
    predEdges,
    order,
    orderPosition,
  };
}

/** Compressed adjacency lists (CSR): edges grouped by `endpoint`, in edge order within a group. */
function adjacency(nodeCount: number, endpoint: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(nodeCount + 1);
  for (const node of endpoint) start[node + 1]!++;
  for (let i = 0; i < nodeCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, nodeCount);
  const edges = new Int32Array(endpoint.length);
  endpoint.forEach((node, edge) => {
    edges[fill[node]!++] = edge;
  });
  return [start, edges];
}

/** Kahn's algorithm, starting from the entry steps in document order. */
function topologicalOrder(
  nodeCount: number,
  edgeTo: Int32Array,
  succStart: Int32Array,
  succEdges: Int32Array,
  predStart: Int32Array,
): [Int32Array, Int32Array] {
  const remaining = new Int32Array(nodeCount);
  const order = new Int32Array(nodeCount);
  let tail = 0;
  for (let node = 0; node < nodeCount; node++) {
    remaining[node] = predStart[node + 1]! - predStart[node]!;
    if (remaining[node] === 0) order[tail++] = node;
  }
  for (let head = 0; head < tail; head++) {
    const node = order[head]!;
    for (let k = succStart[node]!; k < succStart[node + 1]!; k++) {
      const next = edgeTo[succEdges[k]!]!;
      if (--remaining[next]! === 0) order[tail++] = next;
    }
  }
  const position = new Int32Array(nodeCount).fill(-1);
  for (let i = 0; i < tail; i++) position[order[i]!] = i;
  return [order.slice(0, tail), position];
}

/**
 * One cycle per group of steps that reach each other through forward handoffs (Tarjan's strongly
 * connected components). Each cycle is a list of edge indices, starting at the group's first step in
 * document order and returning to it.
 */
export function findCycles(graph: ForwardGraph): number[][] {
  const { stepCount, edgeTo, succStart, succEdges, orderPosition } = graph;
  const index = new Int32Array(stepCount).fill(-1);
  const low = new Int32Array(stepCount);
  const onStack = new Uint8Array(stepCount);
  const component = new Int32Array(stepCount).fill(-1);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  let components = 0;

  for (let root = 0; root < stepCount; root++) {
    if (index[root] !== -1 || orderPosition[root] !== -1) continue;
    // Iterative depth-first search: each frame is a node and the next outgoing edge to try.
    const frames: [number, number][] = [[root, succStart[root]!]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [node, k] = frame;
      if (k < succStart[node + 1]!) {
        frame[1]++;
        const next = edgeTo[succEdges[k]!]!;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          frames.push([next, succStart[next]!]);
        } else if (onStack[next]) {
          low[node] = Math.min(low[node]!, index[next]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] !== index[node]) continue;
      // The component's first step in the document, found without spreading a list of any size.
      let first = node;
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component[member] = components;
        first = Math.min(first, member);
      } while (member !== node);
      const cycle = cycleWithin(graph, component, components, first);
      if (cycle) cycles.push(cycle);
      components++;
    }
  }
  return cycles;
}

/** The shortest cycle through `start` inside one strongly connected component, as edge indices. */
function cycleWithin(graph: ForwardGraph, component: Int32Array, id: number, start: number): number[] | undefined {
  const { edgeTo, succStart, succEdges } = graph;
  const via = new Map<number, number>(); // node -> edge it was reached by
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let k = succStart[node]!; k < succStart[node + 1]!; k++) {
      const edge = succEdges[k]!;
      const next = edgeTo[edge]!;
      if (component[next] !== id) continue;
      if (next === start) {
        const edges = [edge];
        for (let at = node; at !== start; at = graph.edgeFrom[via.get(at)!]!) edges.push(via.get(at)!);
        return edges.reverse();
      }
      if (!via.has(next)) {
        via.set(next, edge);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Whether a forward path leads from step `source` to step `target` (a step reaches itself). */
export function reaches(graph: ForwardGraph, source: number, target: number): boolean {
  if (source === target) return true;
  const { edgeTo, succStart, succEdges, orderPosition } = graph;
  const limit = orderPosition[target]!;
  // In an acyclic graph nothing after the target in topological order can lead to it.
  if (limit !== -1 && orderPosition[source]! > limit) return false;
  const seen = new Uint8Array(graph.stepCount);
  const pending = [source];
  seen[source] = 1;
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (let k = succStart[node]!; k < succStart[node + 1]!; k++) {
      const next = edgeTo[succEdges[k]!]!;
      if (next === target) return true;
      if (seen[next] || (limit !== -1 && orderPosition[next]! > limit)) continue;
      seen[next] = 1;
      pending.push(next);
    }
  }
  return false;
}
