/** The human-readable reports of `vsm metrics` and `vsm compare`. */
import { type Calendar, formatDuration } from '../shared/model/duration';
import type { VsmDocument } from '../shared/model/schema';
import { COMPARED_METRICS, type Comparison, type FieldChange, type WallPair } from '../shared/metrics/compare';
import type { FlowMetrics } from '../shared/metrics/flow';
import { formatChange, formatMetric, formatMetricDelta, formatPercent, METRIC_INFO } from '../shared/metrics/format';
import { table } from './table';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function describeCalendar(calendar: Calendar): string {
  return `${calendar.hoursPerDay} h a day, ${calendar.daysPerWeek} days a week`;
}

/** `vsm metrics` without `--json`. */
export function metricsReport(document: VsmDocument, metrics: FlowMetrics): string {
  const { calendar } = document;
  const duration = (minutes: number) => formatDuration(minutes, calendar);
  const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
  const teamName = new Map(document.teams.map((team) => [team.id, team.name]));
  const team = (id: string | undefined) => (id === undefined ? '' : (teamName.get(id) ?? id));

  const lines = [
    `${document.name} (${document.state} state)`,
    `Calendar: ${describeCalendar(calendar)}. ${plural(document.steps.length, 'step')}, ${plural(document.teams.length, 'team')}.`,
    '',
    'Flow metrics',
    ...table(
      [{ header: 'Metric' }, { header: 'Value', align: 'right' }],
      COMPARED_METRICS.map((name) => [METRIC_INFO[name].label, formatMetric(name, metrics[name], calendar)]),
    ),
    '',
    `Critical path (${plural(metrics.criticalPath.length, 'step')})`,
    `  ${metrics.criticalPath.map((id) => stepName.get(id) ?? id).join(' → ') || '(no steps)'}`,
    '',
  ];

  if (metrics.walls.length === 0) {
    lines.push('Walls of confusion: none (no handoffs between teams)');
  } else {
    lines.push(
      `Walls of confusion (${metrics.walls.length}, largest delay first)`,
      ...table(
        [
          { header: 'Severity' },
          { header: 'Delay', align: 'right' },
          { header: 'Share', align: 'right' },
          { header: '%C&A', align: 'right' },
          { header: 'From → to' },
          { header: 'Handoff' },
        ],
        metrics.walls.map((wall) => [
          wall.severity.toUpperCase(),
          duration(wall.delay),
          formatPercent(wall.delayShare),
          formatPercent(wall.completeAccurate),
          `${team(wall.fromTeam)} → ${team(wall.toTeam)}`,
          `${stepName.get(wall.from)} → ${stepName.get(wall.to)}${wall.critical ? ' (critical path)' : ''}`,
        ]),
      ),
      '',
      'Walls by team pair',
      ...table(
        [{ header: 'From → to' }, { header: 'Walls', align: 'right' }, { header: 'Delay', align: 'right' }],
        metrics.teamPairs.map((pair) => [
          `${team(pair.fromTeam)} → ${team(pair.toTeam)}`,
          String(pair.walls),
          duration(pair.delay),
        ]),
      ),
    );
  }

  if (document.steps.length > 0) {
    const timing = new Map(metrics.steps.map((step) => [step.id, step]));
    lines.push(
      '',
      'Steps',
      ...table(
        [
          { header: 'Step' },
          { header: 'Team' },
          { header: 'PT', align: 'right' },
          { header: 'LT', align: 'right' },
          { header: '%C&A', align: 'right' },
          { header: 'Start', align: 'right' },
          { header: 'Slack', align: 'right' },
          { header: '' },
        ],
        document.steps.map((step) => {
          const figures = timing.get(step.id)!;
          return [
            step.name,
            team(step.team),
            duration(step.processTime),
            duration(step.leadTime),
            formatPercent(step.percentCompleteAccurate / 100),
            duration(figures.earliestStart),
            duration(figures.slack),
            figures.critical ? 'critical' : '',
          ];
        }),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `vsm compare` without `--json`; durations print in the calendar of the map after. */
export function comparisonReport(before: VsmDocument, after: VsmDocument, comparison: Comparison): string {
  const calendar = after.calendar;
  const lines = [
    `${before.name} (${before.state}) → ${after.name} (${after.state})`,
    '',
    ...table(
      [
        { header: 'Metric' },
        { header: 'Before', align: 'right' },
        { header: 'After', align: 'right' },
        { header: 'Change', align: 'right' },
      ],
      COMPARED_METRICS.map((name) => {
        const { before: b, after: a, delta } = comparison.metrics[name];
        const change = formatMetricDelta(name, delta, calendar);
        return [
          METRIC_INFO[name].label,
          formatMetric(name, b, before.calendar),
          formatMetric(name, a, calendar),
          name === 'leadTime' ? `${change} (${formatChange(comparison.leadTimeChange)})` : change,
        ];
      }),
    ),
    '',
    'Steps',
  ];
  const { added, removed, changed } = comparison.steps;
  const stepList = (steps: readonly { name: string }[]) => steps.map((step) => step.name).join(', ') || 'none';
  lines.push(`  Added (${added.length}): ${stepList(added)}`, `  Removed (${removed.length}): ${stepList(removed)}`);
  lines.push(`  Changed (${changed.length})${changed.length === 0 ? ': none' : ':'}`);
  for (const step of changed) {
    lines.push(
      `    ${step.name}: ${step.changes.map((change) => describeChange(change, before.calendar, calendar)).join('; ')}`,
    );
  }

  const pairs = (list: readonly WallPair[]) =>
    list
      .map((pair) => `${pair.fromTeamName} → ${pair.toTeamName} (${formatDuration(pair.delay, calendar)})`)
      .join(', ') || 'none';
  const { walls } = comparison;
  lines.push(
    '',
    'Walls of confusion by team pair',
    `  Removed (${walls.removed.length}): ${pairs(walls.removed)}`,
    `  Added (${walls.added.length}): ${pairs(walls.added)}`,
    `  Remaining (${walls.remaining.length}): ${
      walls.remaining
        .map(
          ({ before: b, after: a }) =>
            `${a.fromTeamName} → ${a.toTeamName} (${formatDuration(b.delay, calendar)} → ${formatDuration(a.delay, calendar)})`,
        )
        .join(', ') || 'none'
    }`,
  );
  return `${lines.join('\n')}\n`;
}

const FIELD_LABELS: Record<FieldChange['field'], string> = {
  id: 'id',
  name: 'name',
  team: 'team',
  processTime: 'process time',
  leadTime: 'lead time',
  percentCompleteAccurate: '%C&A',
  people: 'people',
  notes: 'notes',
};

function describeChange(change: FieldChange, before: Calendar, after: Calendar): string {
  if (change.field === 'notes') return 'notes changed';
  const show = (value: FieldChange['before'], calendar: Calendar) => {
    if (value === null) return '(none)';
    if (change.field === 'processTime' || change.field === 'leadTime') return formatDuration(Number(value), calendar);
    if (change.field === 'percentCompleteAccurate') return `${value}%`;
    return String(value);
  };
  return `${FIELD_LABELS[change.field]} ${show(change.before, before)} → ${show(change.after, after)}`;
}
