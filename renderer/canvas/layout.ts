/**
 * Where steps go on the canvas when the map does not say: one horizontal lane per team (in the
 * teams' order, then a lane for steps without a team), columns by how far along the forward flow a
 * step is. Steps with a `position` keep it.
 */
import { buildForwardGraph } from '../../shared/model/graph';
import type { VsmDocument } from '../../shared/model/schema';

export const STEP_WIDTH = 220;
export const STEP_HEIGHT = 112;
export const COLUMN_GAP = 70;
export const LANE_PADDING = 24;
export const LANE_LABEL_WIDTH = 130;

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
  positions: Map<string, { x: number; y: number }>;
  width: number;
}

export function layoutMap(document: VsmDocument): Layout {
  const graph = buildForwardGraph(
    document.steps.map((step) => step.id),
    document.handoffs,
  );
  // Column: the number of forward handoffs on the longest chain into the step.
  const column = new Int32Array(document.steps.length);
  for (const node of graph.order) {
    for (let k = graph.succStart[node]!; k < graph.succStart[node + 1]!; k++) {
      const next = graph.edgeTo[graph.succEdges[k]!]!;
      column[next] = Math.max(column[next]!, column[node]! + 1);
    }
  }

  const teamIds = document.teams.map((team) => team.id);
  const hasLoose = document.steps.some((step) => step.team === undefined || !teamIds.includes(step.team));
  const laneKeys: (string | undefined)[] = [...teamIds, ...(hasLoose ? [undefined] : [])];
  const laneOf = (team: string | undefined) =>
    team !== undefined && teamIds.includes(team) ? teamIds.indexOf(team) : teamIds.length;

  // Steps sharing a lane and a column stack inside the lane, which grows to hold them.
  const slot = new Map<string, number>();
  const stack = document.steps.map((step, i) => {
    const key = `${laneOf(step.team)}:${column[i]}`;
    const n = slot.get(key) ?? 0;
    slot.set(key, n + 1);
    return n;
  });
  const rows = laneKeys.map((_, lane) =>
    Math.max(1, ...[...slot].filter(([key]) => key.startsWith(`${lane}:`)).map(([, n]) => n)),
  );

  let y = 0;
  const lanes: Lane[] = laneKeys.map((team, index) => {
    const height = rows[index]! * (STEP_HEIGHT + LANE_PADDING) + LANE_PADDING;
    const lane = {
      team,
      name: team === undefined ? 'No team' : (document.teams[index]?.name ?? team),
      index,
      y,
      height,
    };
    y += height;
    return lane;
  });

  const positions = new Map<string, { x: number; y: number }>();
  let width = 0;
  document.steps.forEach((step, i) => {
    const lane = lanes[laneOf(step.team)]!;
    const position = step.position ?? {
      x: LANE_LABEL_WIDTH + column[i]! * (STEP_WIDTH + COLUMN_GAP),
      y: lane.y + LANE_PADDING + stack[i]! * (STEP_HEIGHT + LANE_PADDING),
    };
    positions.set(step.id, position);
    width = Math.max(width, position.x + STEP_WIDTH);
  });
  return { lanes, positions, width: width + COLUMN_GAP };
}
