/**
 * What a map leads with wherever it is shown to people (the presentation's tiles, the PDF's map
 * page): its headline figures, and its walls of confusion worst first.
 */
import { type Calendar, formatDuration } from '../model/duration';
import type { FlowMetrics, Severity, Wall } from './flow';
import { formatMetric, METRIC_INFO } from './format';

export interface HeadlineFigure {
  label: string;
  value: string;
}

const HEADLINE_METRICS = ['leadTime', 'processTime', 'flowEfficiency', 'rolledCompleteAccurate'] as const;

/** Lead and process time, flow efficiency, rolled %C&A, the number of walls and the worst one's delay. */
export function headlineFigures(metrics: FlowMetrics, calendar: Calendar): HeadlineFigure[] {
  const [worst] = wallsWorstFirst(metrics.walls);
  return [
    ...HEADLINE_METRICS.map((name) => ({
      label: METRIC_INFO[name].label,
      value: formatMetric(name, metrics[name], calendar),
    })),
    { label: METRIC_INFO.crossTeamHandoffs.label, value: String(metrics.walls.length) },
    { label: "Worst wall's delay", value: worst ? formatDuration(worst.delay, calendar) : 'none' },
  ];
}

export const SEVERITY_WORDS: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * The walls by severity, then by delay (the metrics list them by delay alone, as the spec says):
 * a wall that loses quality is worse than a longer one that does not. The room walks them, the
 * editor's strip and the PDF list them, in this order.
 */
export function wallsWorstFirst(walls: readonly Wall[]): Wall[] {
  return [...walls].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.delay - a.delay);
}
