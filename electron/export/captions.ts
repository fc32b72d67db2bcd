/**
 * What the PDF and the SVG print around a map: its heading, its headline figures and walls, and the
 * legend's marks.
 */
import type { FlowMetrics, Severity } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { SEVERITY_WORDS, wallsWorstFirst } from '../../shared/metrics/headline';
import { describeCalendar } from '../../shared/metrics/tables';
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
      formatReportDate(date),
      `Calendar: ${describeCalendar(document.calendar)}`,
    ].join(' · '),
  };
}

/** `26 Nov 2026`, the same in every locale and time zone. */
function formatReportDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** `Feature delivery (Current state) → Feature delivery (In 3 months)`, dated, in the calendar of the map after. */
export function comparisonHeading(before: LabelledMap, after: LabelledMap, date: Date): ReportHeading {
  return {
    title: `${before.document.name} (${before.label}) → ${after.document.name} (${after.label})`,
    subtitle: `${formatReportDate(date)} · Calendar: ${describeCalendar(after.document.calendar)}`,
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
  { kind: 'idea', text: 'Improvement ideas' },
] as const;
