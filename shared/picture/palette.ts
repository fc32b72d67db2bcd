/** The colours of a map, the same on the canvas and in the reports. */
import type { ChangeMark } from '../metrics/change-marks';
import type { Severity } from '../metrics/flow';

/**
 * Team colours in lane order, readable with dark text (at least 6:1 against the ink). Picked apart
 * by their CIE76 distance in Lab, for normal vision (each pair at least 30 apart) and as people with
 * protanopia, deuteranopia and tritanopia see them (simulated, at least 17 apart); test/unit/palette.
 */
export const TEAM_COLOURS = ['#69a1f6', '#f4d47b', '#7fad5d', '#eb818d', '#b297c1', '#38e3ca', '#ade5fe', '#d7f1b9'];

/** The colour of the lane at this index (they repeat after eight). */
export function laneColour(index: number): string {
  return TEAM_COLOURS[index % TEAM_COLOURS.length]!;
}

/** Walls of confusion by severity; also told apart by letter, not by colour alone. Each carries white text at 4.5:1 or more. */
export const SEVERITY_COLOURS: Record<Severity, string> = { high: '#c0392b', medium: '#a65c00', low: '#66731a' };
export const SEVERITY_LETTERS: Record<Severity, string> = { high: 'H', medium: 'M', low: 'L' };

export const REWORK_COLOUR = '#6c3483';
/** Handoffs on the critical path, and the others. */
export const CRITICAL_COLOUR = '#222222';
export const HANDOFF_COLOUR = '#777777';

/** A comparison's marks on steps and handoffs; always with their symbol and word, never colour alone. */
export const CHANGE_COLOURS: Record<ChangeMark, string> = { added: '#1e7b34', removed: '#b3261e', changed: '#1f5fbf' };
export const CHANGE_SYMBOLS: Record<ChangeMark, string> = { added: '+', removed: '\u2212', changed: '~' };
