/** What the PDF and the SVG both print around a map: its heading, and the legend's marks. */
import { describeCalendar } from '../../shared/metrics/tables';
import type { VsmDocument } from '../../shared/model/schema';

export interface ReportHeading {
  title: string;
  subtitle: string;
}

/** `Current state · 26 Nov 2026 · Calendar: 8 h a day, 5 days a week`. */
export function headingOf(document: VsmDocument, date: Date): ReportHeading {
  const state = `${document.state[0]!.toUpperCase()}${document.state.slice(1)} state`;
  return {
    title: document.name,
    subtitle: `${state} · ${formatReportDate(date)} · Calendar: ${describeCalendar(document.calendar)}`,
  };
}

/** `26 Nov 2026`, the same in every locale and time zone. */
function formatReportDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** `Feature delivery (current) → Feature delivery (future)`, dated, in the calendar of the map after. */
export function comparisonHeading(before: VsmDocument, after: VsmDocument, date: Date): ReportHeading {
  return {
    title: `${before.name} (${before.state}) → ${after.name} (${after.state})`,
    subtitle: `${formatReportDate(date)} · Calendar: ${describeCalendar(after.calendar)}`,
  };
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
