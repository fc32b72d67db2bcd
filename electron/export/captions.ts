/**
 * What the PDF and the SVG print around a map: its heading, its headline figures and walls, the
 * legend's marks, and in a comparison what is marked on each map.
 */
import type { ChangeMark, SideMarks, WallMark } from '../../shared/metrics/change-marks';
import type { FlowMetrics, Severity } from '../../shared/metrics/flow';
import { formatDay, formatPercent } from '../../shared/metrics/format';
import { SEVERITY_WORDS, wallsWorstFirst } from '../../shared/metrics/headline';
import { changeRows } from '../../shared/metrics/change-rows';
import type { Comparison } from '../../shared/metrics/compare';
import {
  comparisonTitle,
  describeCalendar,
  partChangesTable,
  plural,
  type Table,
  wallChangesTable,
} from '../../shared/metrics/tables';
import { formatDuration } from '../../shared/model/duration';
import { STATE_LABELS, type VsmDocument } from '../../shared/model/schema';
import type { LabelledMap } from './files';

export interface ReportHeading {
  title: string;
  subtitle: string;
}

/**
 * `Feature delivery — In 3 months`, under it `Future state · 26 Nov 2026 · Calendar: 8 h a day, 5
 * days a week` (the state is left out when the label already says it).
 */
export function headingOf({ document, label }: LabelledMap, date: Date): ReportHeading {
  const state = STATE_LABELS[document.state];
  return {
    title: `${document.name} — ${label}`,
    subtitle: [
      ...(label === state ? [] : [state]),
      formatDay(date),
      `Calendar: ${describeCalendar(document.calendar)}`,
    ].join(' · '),
  };
}

/**
 * A comparison's title as the view calls it (`Feature delivery: Current state → In 3 months`:
 * comparisonTitle), dated, in the calendar of the map after.
 */
export function comparisonHeading(before: LabelledMap, after: LabelledMap, date: Date): ReportHeading {
  return {
    title: comparisonTitle(
      { name: before.document.name, label: before.label },
      { name: after.document.name, label: after.label },
    ),
    subtitle: `${formatDay(date)} · Calendar: ${describeCalendar(after.document.calendar)}`,
  };
}

export interface WallLine {
  severity: Severity;
  /** `High · 3w 2d · 31.0% of lead time`. */
  figures: string;
  /** `Business → Development: Write requirements → Develop feature`. */
  where: string;
}

/** The walls of confusion worst first, in words: severity, delay and share of the lead time, where. */
export function wallLines(document: VsmDocument, metrics: FlowMetrics): WallLine[] {
  const team = new Map(document.teams.map((t) => [t.id, t.name]));
  const step = new Map(document.steps.map((s) => [s.id, s.name]));
  return wallsWorstFirst(metrics.walls).map((wall) => ({
    severity: wall.severity,
    figures: `${SEVERITY_WORDS[wall.severity]} · ${formatDuration(wall.delay, document.calendar)} · ${formatPercent(wall.delayShare)} of lead time`,
    where: `${team.get(wall.fromTeam) ?? wall.fromTeam} → ${team.get(wall.toTeam) ?? wall.toTeam}: ${step.get(wall.from) ?? wall.from} → ${step.get(wall.to) ?? wall.to}`,
  }));
}

/** What the marks of a map mean, in the legend's order. */
export const LEGEND_ITEMS = [
  { kind: 'critical', text: 'Critical path' },
  { kind: 'handoff', text: 'Handoff: wait, queue' },
  { kind: 'rework', text: 'Rework loop: probability, wait' },
  { kind: 'high', text: 'Wall of confusion: high' },
  { kind: 'medium', text: 'medium' },
  { kind: 'low', text: 'low' },
  { kind: 'idea', text: 'Improvement ideas (votes)' },
] as const;

/** One part of what a comparison's map page says is marked on it: `removed: 3 steps, 7 handoffs`. */
interface MarksItem {
  mark: ChangeMark;
  text: string;
}

/**
 * What is marked on one side's map, in words, marks in the order the side has them (before:
 * removed, changed; after: added, changed), then the walls: `Walls: 5 removed, 1 remaining`.
 */
function marksCaption(marks: SideMarks, side: 'before' | 'after'): { items: MarksItem[]; walls: string } {
  const order: ChangeMark[] = side === 'before' ? ['removed', 'changed'] : ['added', 'changed'];
  const count = (map: SideMarks['steps'] | SideMarks['handoffs'], mark: ChangeMark) =>
    [...map.values()].filter((entry) => entry.mark === mark).length;
  const items = order.flatMap((mark) => {
    const parts = [
      [count(marks.steps, mark), 'step'],
      [count(marks.handoffs, mark), 'handoff'],
    ] as const;
    const said = parts.filter(([n]) => n > 0).map(([n, noun]) => plural(n, noun));
    return said.length === 0 ? [] : [{ mark, text: `${mark}: ${said.join(', ')}` }];
  });
  const walls: WallMark[] = side === 'before' ? ['removed', 'remaining'] : ['added', 'remaining'];
  const wallCounts = walls.map((mark) => `${[...marks.walls.values()].filter((one) => one === mark).length} ${mark}`);
  return { items, walls: `Walls of confusion: ${wallCounts.join(', ')}` };
}

/** A part of the line under a comparison's map, placed: `line` from 0, `x` from its left edge. */
export interface PlacedCaptionPart {
  text: string;
  bold: boolean;
  /** The width of the mark's chip before the text (0 for none). */
  chip: number;
  mark?: ChangeMark;
  x: number;
  line: number;
}

/**
 * What the PDF's and the SVG's map of a comparison say under it, placed: `Marked on this map:`, the
 * marks in words each after a chip of its symbol on its colour (`− removed: 3 steps, 7 handoffs`),
 * then the walls; left to right, on the next line when a part would pass `width`. `measure` is
 * the text's width at the caption's size; `chip` the chip's width with its gap.
 */
export function placeMarksCaption(
  marks: SideMarks,
  side: 'before' | 'after',
  width: number,
  measure: (text: string, bold: boolean) => number,
  { chip, gap }: { chip: number; gap: number },
): PlacedCaptionPart[] {
  const { items, walls } = marksCaption(marks, side);
  const parts = [
    { text: 'Marked on this map:', bold: true, chip: 0 },
    ...items.map((item) => ({ text: item.text, bold: false, chip, mark: item.mark })),
    { text: items.length === 0 ? `No step or handoff changed. ${walls}` : walls, bold: false, chip: 0 },
  ];
  let x = 0;
  let line = 0;
  return parts.map((part) => {
    const partWidth = part.chip + measure(part.text, part.bold);
    if (x > 0 && x + partWidth > width) {
      x = 0;
      line++;
    }
    const placed = { ...part, x, line };
    x += partWidth + gap;
    return placed;
  });
}

/** One part of a report's "What changed": its heading with its counts and its table. */
export interface ChangeTableSection {
  heading: string;
  table: Table;
}

/** What changed, as the PDF and the SVG print it: the steps, the handoffs, the walls by team pair, each counted. */
export function changeSections(before: VsmDocument, after: VsmDocument, comparison: Comparison): ChangeTableSection[] {
  const { steps, handoffs, walls } = comparison;
  const rows = changeRows(before, after, comparison);
  return [
    {
      heading: `Steps: ${counted([
        [steps.added.length, 'added'],
        [steps.removed.length, 'removed'],
        [steps.changed.length, 'changed'],
      ])}`,
      table: partChangesTable('Step', rows.steps),
    },
    {
      heading: `Handoffs: ${counted([
        [handoffs.added.length, 'added'],
        [handoffs.removed.length, 'removed'],
        [handoffs.changed.length, 'changed'],
      ])}`,
      table: partChangesTable('Handoff', rows.handoffs),
    },
    {
      heading: `Walls of confusion by team pair: ${counted([
        [walls.removed.length, 'removed'],
        [walls.added.length, 'added'],
        [walls.remaining.length, 'remaining'],
      ])}`,
      table: wallChangesTable(rows.walls),
    },
  ];
}

/** `3 removed, 1 added, 2 changed`, leaving out what is none; `none` when all are. */
function counted(parts: [number, string][]): string {
  return (
    parts
      .filter(([count]) => count > 0)
      .map(([count, word]) => `${count} ${word}`)
      .join(', ') || 'none'
  );
}
