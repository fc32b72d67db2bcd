/**
 * The figures of a map and of a comparison as tables of display text: what `vsm metrics` and
 * `vsm compare` print and the reports show, the same cells everywhere.
 */
import { type Calendar, formatDuration } from '../model/duration';
import type { VsmDocument } from '../model/schema';
import { COMPARED_METRICS, type ComparedMetric, type Comparison } from './compare';
import { CHANGE_SYMBOLS } from '../picture/palette';
import type { ChangeMark, WallMark } from './change-marks';
import type { ChangeRows, PartChangeRow, WallChangeRow } from './change-rows';
import type { FlowMetrics } from './flow';
import { formatChange, formatMetric, formatMetricDelta, formatPercent, METRIC_INFO } from './format';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export interface Table {
  columns: Column[];
  rows: string[][];
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `8 h a day, 5 days a week`. */
export function describeCalendar(calendar: Calendar): string {
  return `${calendar.hoursPerDay} h a day, ${calendar.daysPerWeek} days a week`;
}

/** Names of teams and steps by id (an unknown id shows as itself). */
function namesOf(document: VsmDocument) {
  const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
  const teamName = new Map(document.teams.map((team) => [team.id, team.name]));
  return {
    step: (id: string) => stepName.get(id) ?? id,
    team: (id: string | undefined) => (id === undefined ? '' : (teamName.get(id) ?? id)),
  };
}

export function criticalPathNames(document: VsmDocument, metrics: FlowMetrics): string[] {
  const names = namesOf(document);
  return metrics.criticalPath.map((id) => names.step(id));
}

export function metricsTable(document: VsmDocument, metrics: FlowMetrics): Table {
  return {
    columns: [{ header: 'Metric' }, { header: 'Value', align: 'right' }],
    rows: COMPARED_METRICS.map((name) => [
      METRIC_INFO[name].label,
      formatMetric(name, metrics[name], document.calendar),
    ]),
  };
}

/** Walls of confusion, largest delay first. */
export function wallsTable(document: VsmDocument, metrics: FlowMetrics): Table {
  const names = namesOf(document);
  return {
    columns: [
      { header: 'Severity' },
      { header: 'Delay', align: 'right' },
      { header: 'Share', align: 'right' },
      { header: '%C&A', align: 'right' },
      { header: 'From → to' },
      { header: 'Handoff' },
    ],
    rows: metrics.walls.map((wall) => [
      wall.severity.toUpperCase(),
      formatDuration(wall.delay, document.calendar),
      formatPercent(wall.delayShare),
      formatPercent(wall.completeAccurate),
      `${names.team(wall.fromTeam)} → ${names.team(wall.toTeam)}`,
      `${names.step(wall.from)} → ${names.step(wall.to)}${wall.critical ? ' (critical path)' : ''}`,
    ]),
  };
}

export function teamPairsTable(document: VsmDocument, metrics: FlowMetrics): Table {
  const names = namesOf(document);
  return {
    columns: [{ header: 'From → to' }, { header: 'Walls', align: 'right' }, { header: 'Delay', align: 'right' }],
    rows: metrics.teamPairs.map((pair) => [
      `${names.team(pair.fromTeam)} → ${names.team(pair.toTeam)}`,
      String(pair.walls),
      formatDuration(pair.delay, document.calendar),
    ]),
  };
}

/** Every step with its figures, its earliest start and its slack. */
export function stepsTable(document: VsmDocument, metrics: FlowMetrics): Table {
  const names = namesOf(document);
  const duration = (minutes: number) => formatDuration(minutes, document.calendar);
  const timing = new Map(metrics.steps.map((step) => [step.id, step]));
  return {
    columns: [
      { header: 'Step' },
      { header: 'Team' },
      { header: 'PT', align: 'right' },
      { header: 'LT', align: 'right' },
      { header: '%C&A', align: 'right' },
      { header: 'Start', align: 'right' },
      { header: 'Slack', align: 'right' },
      { header: '' },
    ],
    rows: document.steps.map((step) => {
      const figures = timing.get(step.id)!;
      return [
        step.name,
        names.team(step.team),
        duration(step.processTime),
        duration(step.leadTime),
        formatPercent(step.percentCompleteAccurate / 100),
        duration(figures.earliestStart),
        duration(figures.slack),
        figures.critical ? 'critical' : '',
      ];
    }),
  };
}

/** What the two sides of a comparison are called in its columns: `Current state`, `In 3 months`. */
export interface SideLabels {
  before: string;
  after: string;
}

/**
 * Before, after and the change of every metric; durations in the calendar of the map after (a
 * comparison's one calendar: docs/spec-notes.md). The columns are headed by the sides' labels when given.
 */
export function metricDeltasTable(
  comparison: Comparison,
  calendar: Calendar,
  labels: SideLabels = { before: 'Before', after: 'After' },
): Table {
  return {
    columns: [
      { header: 'Metric' },
      { header: labels.before, align: 'right' },
      { header: labels.after, align: 'right' },
      { header: 'Change', align: 'right' },
    ],
    rows: COMPARED_METRICS.map((name) => {
      const { before: b, after: a, delta } = comparison.metrics[name];
      const change = formatMetricDelta(name, delta, calendar);
      return [
        METRIC_INFO[name].label,
        formatMetric(name, b, calendar),
        formatMetric(name, a, calendar),
        name === 'leadTime' ? `${change} (${formatChange(comparison.leadTimeChange)})` : change,
      ];
    }),
  };
}

/**
 * What a comparison is called on screen and on its report's pages: "Feature delivery: Current
 * state → In 3 months", or with both names when the maps are of two streams.
 */
export function comparisonTitle(before: { name: string; label: string }, after: { name: string; label: string }) {
  return before.name === after.name
    ? `${after.name}: ${before.label} → ${after.label}`
    : `${before.name} (${before.label}) → ${after.name} (${after.label})`;
}

/** Less time and fewer handoffs are better; a higher ratio is better. */
export type Verdict = 'better' | 'worse' | 'unchanged';

/** A headline change of a comparison: `Lead time`, `−77.0%` (`−8w 2d 5h 45m`), `11w 4h → 2w 2d 6h 15m`, better. */
export interface DeltaFigure {
  metric: ComparedMetric;
  label: string;
  /** The change as `vsm compare` prints it: the lead time's relative, the others' signed. */
  change: string;
  /** The lead time's change in time, beside its relative change. */
  detail?: string;
  /** Before → after, in the calendar of the map after. */
  values: string;
  verdict: Verdict;
}

const DELTA_FIGURES = [
  'leadTime',
  'processTime',
  'flowEfficiency',
  'rolledCompleteAccurate',
  'reworkAdjustedLeadTime',
  'handoffs',
  'crossTeamHandoffs',
] as const satisfies readonly ComparedMetric[];

function verdictOf(metric: ComparedMetric, delta: number | null): Verdict {
  if (delta === null || delta === 0) return 'unchanged';
  return delta > 0 === (METRIC_INFO[metric].kind === 'ratio') ? 'better' : 'worse';
}

/**
 * The changes a comparison leads with, wherever it is shown (the comparison view, the room's, the
 * report): lead and process time, flow efficiency, rolled %C&A, rework-adjusted lead time,
 * handoffs, walls; durations in the calendar of the map after.
 */
export function deltaFigures(comparison: Comparison, calendar: Calendar): DeltaFigure[] {
  return DELTA_FIGURES.map((metric) => {
    const { before: b, after: a, delta } = comparison.metrics[metric];
    const change = formatMetricDelta(metric, delta, calendar);
    const figure = {
      metric,
      label: METRIC_INFO[metric].label,
      change,
      values: `${formatMetric(metric, b, calendar)} → ${formatMetric(metric, a, calendar)}`,
      verdict: verdictOf(metric, delta),
    };
    return metric === 'leadTime'
      ? { ...figure, change: formatChange(comparison.leadTimeChange), detail: change }
      : figure;
  });
}

/** A part of what changed between two maps: a heading and its lines (details belong to the line before). */
export interface ChangeSection {
  heading: string;
  lines: { text: string; detail?: boolean }[];
}

/** What changed between two maps as `vsm compare` prints it: the steps, the handoffs, then the walls by team pair. */
export function comparisonChanges({ steps, handoffs, walls }: ChangeRows): ChangeSection[] {
  const wallLine = (kind: WallMark, word: string) => {
    const rows = walls.filter((row) => row.kind === kind);
    return {
      text: `${word} (${rows.length}): ${rows.map((row) => `${row.name} (${row.delay})`).join(', ') || 'none'}`,
    };
  };
  return [
    { heading: 'Steps', lines: partLines(steps) },
    { heading: 'Handoffs', lines: partLines(handoffs) },
    {
      heading: 'Walls of confusion by team pair',
      lines: [wallLine('removed', 'Removed'), wallLine('added', 'Added'), wallLine('remaining', 'Remaining')],
    },
  ];
}

/** `Added (1): Deploy`, `Removed (0): none`, `Changed (1):` and under it `Build: lead time 1w → 2d; …`. */
function partLines(rows: readonly PartChangeRow<unknown>[]): ChangeSection['lines'] {
  const of = (kind: ChangeMark) => rows.filter((row) => row.kind === kind);
  const names = (kind: ChangeMark) =>
    of(kind)
      .map((row) => row.name)
      .join(', ') || 'none';
  const changed = of('changed');
  return [
    { text: `Added (${of('added').length}): ${names('added')}` },
    { text: `Removed (${of('removed').length}): ${names('removed')}` },
    { text: `Changed (${changed.length})${changed.length === 0 ? ': none' : ':'}` },
    ...changed.map((row) => ({ text: `${row.name}: ${row.changes.join('; ')}`, detail: true })),
  ];
}

/** How a change is marked in the changes' tables: the maps' symbol and its word (a remaining wall: its word). */
const marked = (mark: ChangeMark | 'remaining') => (mark === 'remaining' ? mark : `${CHANGE_SYMBOLS[mark]} ${mark}`);

/**
 * The steps or the handoffs added (with their figures after), removed (with their figures before)
 * and changed (each field before → after), in that order. `part` heads the name's column.
 */
export function partChangesTable(part: 'Step' | 'Handoff', rows: readonly PartChangeRow<unknown>[]): Table {
  return {
    columns: [{ header: 'Change' }, { header: part }, { header: 'What changed' }],
    rows: rows.map((row) => [
      marked(row.kind),
      row.name,
      row.kind === 'changed' ? row.changes.join('; ') : row.figures,
    ]),
  };
}

/** The walls by team pair: removed, added and remaining, with their number and delay before → after. */
export function wallChangesTable(rows: readonly WallChangeRow[]): Table {
  return {
    columns: [
      { header: 'Change' },
      { header: 'From → to' },
      { header: 'Walls', align: 'right' },
      { header: 'Delay', align: 'right' },
    ],
    rows: rows.map((row) => [marked(row.kind), row.name, row.walls, row.delay]),
  };
}
