/** The colours of a map, the same on the canvas and in the reports. */
import type { Severity } from '../metrics/flow';

/** Team colours: distinct, readable with dark text, in lane order. */
const TEAM_COLOURS = ['#8ecae6', '#ffd166', '#95d5b2', '#f4a261', '#cdb4db', '#a3c4f3', '#e9c46a', '#b5e48c'];

/** The colour of the lane at this index (they repeat after eight). */
export function laneColour(index: number): string {
  return TEAM_COLOURS[index % TEAM_COLOURS.length]!;
}

/** Walls of confusion by severity; also told apart by letter, not by colour alone. */
export const SEVERITY_COLOURS: Record<Severity, string> = { high: '#c0392b', medium: '#d35400', low: '#7f8c1f' };
export const SEVERITY_LETTERS: Record<Severity, string> = { high: 'H', medium: 'M', low: 'L' };

export const REWORK_COLOUR = '#6c3483';
/** Handoffs on the critical path, and the others. */
export const CRITICAL_COLOUR = '#222222';
export const HANDOFF_COLOUR = '#777777';
