/**
 * The figures of a map and of a comparison as tables of display text: what `vsm metrics` and
 * `vsm compare` print and the reports show, the same cells everywhere.
 */
import { type Calendar, formatDuration } from '../model/duration';
import { fieldWords } from '../model/field-words';
import type { VsmDocument } from '../model/schema';
import {
  COMPARED_METRICS,
  type ComparedMetric,
  type Comparison,
  type FieldChange,
  type HandoffChange,
  type HandoffRef,
  type WallPair,
} from './compare';
import { CHANGE_SYMBOLS } from '../picture/palette';
import type { ChangeMark } from './change-marks';
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

/** `Build → Test` for each handoff (`Test → Build (rework)` for a rework loop), or `none`. */
function describeHandoffs(list: readonly HandoffRef[]): string {
  return list.map(handoffName).join(', ') || 'none';
}

/** A handoff as every list of a comparison's changes names it: `Build → Test`, a rework loop `Test → Build (rework)`. */
export function handoffName(handoff: HandoffRef): string {
  return `${handoff.fromName} → ${handoff.toName}${handoff.rework ? ' (rework)' : ''}`;
}

/** `Business → Development (3w 2d)` for each pair, or `none`. */
function describeWallPairs(list: readonly WallPair[], calendar: Calendar): string {
  return (
    list
      .map((pair) => `${pair.fromTeamName} → ${pair.toTeamName} (${formatDuration(pair.delay, calendar)})`)
      .join(', ') || 'none'
  );
}

/** Walls on both sides: `Testing → Operations (1w 1d → 2d)`, or `none`. */
function describeRemainingWalls(comparison: Comparison, calendar: Calendar): string {
  return (
    comparison.walls.remaining
      .map(
        ({ before: b, after: a }) =>
          `${a.fromTeamName} → ${a.toTeamName} (${formatDuration(b.delay, calendar)} → ${formatDuration(a.delay, calendar)})`,
      )
      .join(', ') || 'none'
  );
}

/** `lead time 2w → 1w`, `notes changed`: durations in one calendar, a comparison's (the map after's). */
export function describeStepChange(change: FieldChange, calendar: Calendar): string {
  if (change.field === 'notes') return 'notes changed';
  const show = (value: FieldChange['before']) => {
    if (value === null) return '(none)';
    if (change.field === 'processTime' || change.field === 'leadTime') return formatDuration(Number(value), calendar);
    if (change.field === 'percentCompleteAccurate') return `${value}%`;
    return String(value);
  };
  return `${fieldWords(change.field)} ${show(change.before)} → ${show(change.after)}`;
}

/** `wait time 1d → 2h`, `queue 4 → (none)`, `rework probability 30.0% → 10.0%`: durations in one calendar, a comparison's. */
export function describeHandoffChange(change: HandoffChange, calendar: Calendar): string {
  const show = (value: number | null) => {
    if (value === null) return '(none)';
    if (change.field === 'waitTime') return formatDuration(value, calendar);
    if (change.field === 'rework') return formatPercent(value);
    return String(value);
  };
  return `${fieldWords(change.field)} ${show(change.before)} → ${show(change.after)}`;
}

/** A part of what changed between two maps: a heading and its lines (details belong to the line before). */
export interface ChangeSection {
  heading: string;
  lines: { text: string; detail?: boolean }[];
}

/** What changed between two maps: the steps, then the walls by team pair; durations in the calendar of the map after. */
export function comparisonChanges(comparison: Comparison, calendar: Calendar): ChangeSection[] {
  const { added, removed, changed } = comparison.steps;
  const names = (steps: readonly { name: string }[]) => steps.map((step) => step.name).join(', ') || 'none';
  const { walls, handoffs } = comparison;
  return [
    {
      heading: 'Steps',
      lines: [
        { text: `Added (${added.length}): ${names(added)}` },
        { text: `Removed (${removed.length}): ${names(removed)}` },
        { text: `Changed (${changed.length})${changed.length === 0 ? ': none' : ':'}` },
        ...changed.map((step) => ({
          text: `${step.name}: ${step.changes.map((change) => describeStepChange(change, calendar)).join('; ')}`,
          detail: true,
        })),
      ],
    },
    {
      heading: 'Handoffs',
      lines: [
        { text: `Added (${handoffs.added.length}): ${describeHandoffs(handoffs.added)}` },
        { text: `Removed (${handoffs.removed.length}): ${describeHandoffs(handoffs.removed)}` },
        { text: `Changed (${handoffs.changed.length})${handoffs.changed.length === 0 ? ': none' : ':'}` },
        ...handoffs.changed.map((handoff) => ({
          text: `${describeHandoffs([handoff.after])}: ${handoff.changes.map((change) => describeHandoffChange(change, calendar)).join('; ')}`,
          detail: true,
        })),
      ],
    },
    {
      heading: 'Walls of confusion by team pair',
      lines: [
        { text: `Removed (${walls.removed.length}): ${describeWallPairs(walls.removed, calendar)}` },
        { text: `Added (${walls.added.length}): ${describeWallPairs(walls.added, calendar)}` },
        { text: `Remaining (${walls.remaining.length}): ${describeRemainingWalls(comparison, calendar)}` },
      ],
    },
  ];
}

/** How a change is marked in the changes' tables: the maps' symbol and its word (a remaining wall: its word). */
const marked = (mark: ChangeMark | 'remaining') => (mark === 'remaining' ? mark : `${CHANGE_SYMBOLS[mark]} ${mark}`);

/** `Development · PT 4h · LT 2d · %C&A 85%`: a step's figures, in a comparison's calendar. */
function stepFigures(document: VsmDocument, id: string, calendar: Calendar): string {
  const step = document.steps.find((one) => one.id === id);
  if (!step) return '';
  const team = namesOf(document).team(step.team);
  return [
    ...(team === '' ? [] : [team]),
    `PT ${formatDuration(step.processTime, calendar)}`,
    `LT ${formatDuration(step.leadTime, calendar)}`,
    `%C&A ${step.percentCompleteAccurate}%`,
  ].join(' · ');
}

/**
 * The steps added (with their figures after), removed (with their figures before) and changed
 * (each field before → after), in that order; durations in the calendar of the map after.
 */
export function stepChangesTable(before: VsmDocument, after: VsmDocument, comparison: Comparison): Table {
  const { added, removed, changed } = comparison.steps;
  return {
    columns: [{ header: 'Change' }, { header: 'Step' }, { header: 'What changed' }],
    rows: [
      ...added.map((step) => [marked('added'), step.name, stepFigures(after, step.id, after.calendar)]),
      ...removed.map((step) => [marked('removed'), step.name, stepFigures(before, step.id, after.calendar)]),
      ...changed.map((step) => [
        marked('changed'),
        step.name,
        step.changes.map((change) => describeStepChange(change, after.calendar)).join('; '),
      ]),
    ],
  };
}

/** `wait time 1d · queue 3`, `rework probability 20.0% · wait time 1h`: a handoff's figures, in a comparison's calendar. */
function handoffFigures(document: VsmDocument, ref: HandoffRef, calendar: Calendar): string {
  const handoff = document.handoffs.find((one) => one.from === ref.from && one.to === ref.to);
  if (!handoff) return '';
  return [
    ...(handoff.rework === undefined ? [] : [`${fieldWords('rework')} ${formatPercent(handoff.rework)}`]),
    `${fieldWords('waitTime')} ${formatDuration(handoff.waitTime, calendar)}`,
    ...(handoff.queue === undefined ? [] : [`${fieldWords('queue')} ${handoff.queue}`]),
  ].join(' · ');
}

/**
 * The handoffs added (with their figures after), removed (figures before) and changed (waits,
 * queues and rework before → after), in that order; a changed one is named as it is after.
 */
export function handoffChangesTable(before: VsmDocument, after: VsmDocument, comparison: Comparison): Table {
  const { added, removed, changed } = comparison.handoffs;
  return {
    columns: [{ header: 'Change' }, { header: 'Handoff' }, { header: 'What changed' }],
    rows: [
      ...added.map((handoff) => [
        marked('added'),
        describeHandoffs([handoff]),
        handoffFigures(after, handoff, after.calendar),
      ]),
      ...removed.map((handoff) => [
        marked('removed'),
        describeHandoffs([handoff]),
        handoffFigures(before, handoff, after.calendar),
      ]),
      ...changed.map((handoff) => [
        marked('changed'),
        describeHandoffs([handoff.after]),
        handoff.changes.map((change) => describeHandoffChange(change, after.calendar)).join('; '),
      ]),
    ],
  };
}

/** The walls by team pair: removed, added and remaining, with their number and delay before → after. */
export function wallChangesTable(comparison: Comparison, calendar: Calendar): Table {
  const { removed, added, remaining } = comparison.walls;
  const pair = (walls: WallPair) => `${walls.fromTeamName} → ${walls.toTeamName}`;
  const delay = (walls: WallPair) => formatDuration(walls.delay, calendar);
  return {
    columns: [
      { header: 'Change' },
      { header: 'From → to' },
      { header: 'Walls', align: 'right' },
      { header: 'Delay', align: 'right' },
    ],
    rows: [
      ...removed.map((walls) => [marked('removed'), pair(walls), String(walls.walls), delay(walls)]),
      ...added.map((walls) => [marked('added'), pair(walls), String(walls.walls), delay(walls)]),
      ...remaining.map(({ before: b, after: a }) => [
        marked('remaining'),
        pair(a),
        b.walls === a.walls ? String(a.walls) : `${b.walls} → ${a.walls}`,
        `${delay(b)} → ${delay(a)}`,
      ]),
    ],
  };
}
