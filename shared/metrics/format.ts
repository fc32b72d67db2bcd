/**
 * How figures are shown to people (spec section 5): durations in the map's calendar, ratios as
 * percentages with one decimal. The command line, the app and the reports all print through here.
 */
import { type Calendar, formatDuration } from '../model/duration';
import type { ComparedMetric } from './compare';

type MetricKind = 'duration' | 'ratio' | 'count';

/** Label and kind of each compared metric, in report order. */
export const METRIC_INFO: Record<ComparedMetric, { label: string; kind: MetricKind }> = {
  leadTime: { label: 'Lead time', kind: 'duration' },
  processTime: { label: 'Process time', kind: 'duration' },
  waitTime: { label: 'Wait time', kind: 'duration' },
  flowEfficiency: { label: 'Flow efficiency', kind: 'ratio' },
  totalWorkTime: { label: 'Total work time', kind: 'duration' },
  rolledCompleteAccurate: { label: 'Rolled %C&A', kind: 'ratio' },
  reworkAdjustedLeadTime: { label: 'Rework-adjusted lead time', kind: 'duration' },
  handoffs: { label: 'Handoffs', kind: 'count' },
  // What the app, the room and the reports call a cross-team handoff.
  crossTeamHandoffs: { label: 'Walls of confusion', kind: 'count' },
};

const MINUS = '\u2212';
const NOT_APPLICABLE = 'n/a';

/** `0.1426` -> `14.3%`; null (e.g. flow efficiency of an empty map) -> `n/a`. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? NOT_APPLICABLE : `${(ratio * 100).toFixed(1)}%`;
}

/** A metric's value as people read it. */
export function formatMetric(name: ComparedMetric, value: number | null, calendar: Calendar): string {
  if (value === null) return NOT_APPLICABLE;
  switch (METRIC_INFO[name].kind) {
    case 'duration':
      return formatDuration(value, calendar);
    case 'ratio':
      return formatPercent(value);
    case 'count':
      return String(value);
  }
}

/**
 * A metric's change: durations signed in the calendar (`−2w 1d`), ratios in percentage points
 * (`+19.4 pts`), counts signed (`−4`).
 */
export function formatMetricDelta(name: ComparedMetric, delta: number | null, calendar: Calendar): string {
  if (delta === null) return NOT_APPLICABLE;
  const sign = delta < 0 ? MINUS : '+';
  const size = Math.abs(delta);
  switch (METRIC_INFO[name].kind) {
    case 'duration': {
      const text = formatDuration(size, calendar);
      return text === '0m' ? '0m' : sign + text;
    }
    case 'ratio': {
      const points = (size * 100).toFixed(1);
      return points === '0.0' ? '0.0 pts' : `${sign}${points} pts`;
    }
    case 'count':
      return size === 0 ? '0' : `${sign}${size}`;
  }
}

/** A relative change: `-0.77` -> `−77.0%`. */
export function formatChange(change: number | null): string {
  if (change === null) return NOT_APPLICABLE;
  const text = (Math.abs(change) * 100).toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${change < 0 ? MINUS : '+'}${text}%`;
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `26 Nov 2026`, the same in every locale and time zone: a date, or an ISO date (`2026-11-26`). */
export function formatDay(day: Date | string): string {
  return DAY.format(typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day);
}
