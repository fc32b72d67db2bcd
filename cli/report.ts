/** The human-readable reports of `vsm metrics` and `vsm compare`. */
import { changeRows } from '../shared/metrics/change-rows';
import type { Comparison } from '../shared/metrics/compare';
import type { FlowMetrics } from '../shared/metrics/flow';
import {
  comparisonChanges,
  criticalPathNames,
  describeCalendar,
  metricDeltasTable,
  metricsTable,
  plural,
  stepsTable,
  type Table,
  teamPairsTable,
  wallsTable,
} from '../shared/metrics/tables';
import type { VsmDocument } from '../shared/model/schema';
import { table } from './table';

const text = ({ columns, rows }: Table) => table(columns, rows);

/** `vsm metrics` without `--json`. */
export function metricsReport(document: VsmDocument, metrics: FlowMetrics): string {
  const lines = [
    `${document.name} (${document.state} state)`,
    `Calendar: ${describeCalendar(document.calendar)}. ${plural(document.steps.length, 'step')}, ${plural(document.teams.length, 'team')}.`,
    '',
    'Flow metrics',
    ...text(metricsTable(document, metrics)),
    '',
    `Critical path (${plural(metrics.criticalPath.length, 'step')})`,
    `  ${criticalPathNames(document, metrics).join(' → ') || '(no steps)'}`,
    '',
  ];
  if (metrics.walls.length === 0) {
    lines.push('Walls of confusion: none (no handoffs between teams)');
  } else {
    lines.push(
      `Walls of confusion (${metrics.walls.length}, largest delay first)`,
      ...text(wallsTable(document, metrics)),
      '',
      'Walls by team pair',
      ...text(teamPairsTable(document, metrics)),
    );
  }
  if (document.steps.length > 0) lines.push('', 'Steps', ...text(stepsTable(document, metrics)));
  return `${lines.join('\n')}\n`;
}

/** `vsm compare` without `--json`; durations print in the calendar of the map after. */
export function comparisonReport(before: VsmDocument, after: VsmDocument, comparison: Comparison): string {
  const lines = [
    `${before.name} (${before.state}) → ${after.name} (${after.state})`,
    '',
    ...text(metricDeltasTable(comparison, after.calendar)),
    '',
  ];
  for (const section of comparisonChanges(changeRows(before, after, comparison))) {
    lines.push(section.heading, ...section.lines.map((line) => `${line.detail ? '    ' : '  '}${line.text}`), '');
  }
  lines.pop();
  return `${lines.join('\n')}\n`;
}
