/** The human-readable reports of `vsm metrics` and `vsm compare`. */
import type { Comparison } from '../shared/metrics/compare';
import type { FlowMetrics } from '../shared/metrics/flow';
import {
  criticalPathNames,
  describeCalendar,
  describeRemainingWalls,
  describeStepChange,
  describeWallPairs,
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
  const calendar = after.calendar;
  const lines = [
    `${before.name} (${before.state}) → ${after.name} (${after.state})`,
    '',
    ...text(metricDeltasTable(before, after, comparison)),
    '',
    'Steps',
  ];
  const { added, removed, changed } = comparison.steps;
  const stepList = (steps: readonly { name: string }[]) => steps.map((step) => step.name).join(', ') || 'none';
  lines.push(`  Added (${added.length}): ${stepList(added)}`, `  Removed (${removed.length}): ${stepList(removed)}`);
  lines.push(`  Changed (${changed.length})${changed.length === 0 ? ': none' : ':'}`);
  for (const step of changed) {
    lines.push(
      `    ${step.name}: ${step.changes.map((change) => describeStepChange(change, before.calendar, calendar)).join('; ')}`,
    );
  }
  const { walls } = comparison;
  lines.push(
    '',
    'Walls of confusion by team pair',
    `  Removed (${walls.removed.length}): ${describeWallPairs(walls.removed, calendar)}`,
    `  Added (${walls.added.length}): ${describeWallPairs(walls.added, calendar)}`,
    `  Remaining (${walls.remaining.length}): ${describeRemainingWalls(comparison, calendar)}`,
  );
  return `${lines.join('\n')}\n`;
}
