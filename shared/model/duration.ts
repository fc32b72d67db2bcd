/**
 * Working-time durations (spec section 1). Everything inside Flowmap holds durations as minutes;
 * the calendar only matters when text is read (`2d 4h`) or printed.
 */

/** How days and weeks convert to working hours. */
export interface Calendar {
  hoursPerDay: number;
  daysPerWeek: number;
}

export const DEFAULT_CALENDAR: Calendar = { hoursPerDay: 8, daysPerWeek: 5 };

/**
 * The largest duration Flowmap accepts, in minutes (about 3,800 years of 8-hour days): far beyond any
 * real step, small enough that sums over 10,000 steps stay exact in floating point.
 */
const MAX_DURATION_MINUTES = 1e9;

export type DurationResult = { ok: true; minutes: number } | { ok: false; reason: string };

const UNIT_MINUTES = {
  m: () => 1,
  min: () => 1,
  h: () => 60,
  d: (c: Calendar) => c.hoursPerDay * 60,
  w: (c: Calendar) => c.daysPerWeek * c.hoursPerDay * 60,
} as const;

type Unit = keyof typeof UNIT_MINUTES;

function isUnit(text: string): text is Unit {
  return Object.hasOwn(UNIT_MINUTES, text);
}

// One term: a number, optional space, then letters (checked against the known units below so
// that `3x` gets a message naming `x`, not a generic "bad format").
const TERM = /\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)\s*/y;

/**
 * Reads a duration: a number of minutes, or text of one or more `<number><unit>` terms
 * (`90`, `"1.5h"`, `"2d 4h"`). A unitless string holding one number is minutes, like a number.
 */
export function parseDuration(value: unknown, calendar: Calendar): DurationResult {
  if (typeof value === 'number') return checkMinutes(value);
  if (typeof value !== 'string') {
    return { ok: false, reason: 'must be a duration: minutes as a number, or text like "2d 4h"' };
  }
  const text = value.trim();
  if (text === '') return { ok: false, reason: 'is empty; write a duration like "4h" or "2d 4h"' };
  if (/\d,\d/.test(text)) return { ok: false, reason: `"${value}" has a comma; write decimals with a point ("1.5h")` };
  if (text.startsWith('-')) return { ok: false, reason: `"${value}" is negative; durations are 0 or more` };
  if (/^\d+(?:\.\d+)?$/.test(text)) return checkMinutes(Number(text));

  let minutes = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < text.length) {
    const start = TERM.lastIndex;
    const match = TERM.exec(text);
    if (!match) {
      const where = start === 0 ? '' : ` ("${text.slice(start)}" is not understood)`;
      return { ok: false, reason: `"${value}" is not a duration${where}; write numbers with units, like "2d 4h"` };
    }
    const [, amount = '', unitText = ''] = match;
    const unit = unitText.toLowerCase();
    if (unit === '') {
      return { ok: false, reason: `"${value}" has a number without a unit; use m, h, d or w (e.g. "2d 4h")` };
    }
    if (!isUnit(unit)) {
      return { ok: false, reason: `"${value}" has an unknown unit "${unitText}"; use m, h, d or w` };
    }
    minutes += Number(amount) * UNIT_MINUTES[unit](calendar);
  }
  return checkMinutes(minutes);
}

function checkMinutes(minutes: number): DurationResult {
  if (!Number.isFinite(minutes)) return { ok: false, reason: 'is not a finite number' };
  if (minutes < 0) return { ok: false, reason: `is negative (${minutes}); durations are 0 or more` };
  if (minutes > MAX_DURATION_MINUTES) {
    return { ok: false, reason: `is too large (at most ${MAX_DURATION_MINUTES.toExponential()} minutes)` };
  }
  return { ok: true, minutes };
}

/**
 * Prints minutes in the map's calendar, largest units first, zero units left out, rounded to the
 * minute: `9w 3d`, `2h 30m`, `0m`. Reading the text back with {@link parseDuration} gives the
 * rounded value.
 */
export function formatDuration(minutes: number, calendar: Calendar): string {
  let rest = Math.round(minutes);
  if (rest <= 0) return '0m';
  const day = calendar.hoursPerDay * 60;
  const week = calendar.daysPerWeek * day;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['w', week],
    ['d', day],
    ['h', 60],
  ] as const) {
    // The tolerance keeps float noise from turning exactly one unit into "0 units + 59m".
    const count = Math.floor(rest / size + 1e-9);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest = Math.round(rest - count * size);
    }
  }
  if (rest > 0) parts.push(`${rest}m`);
  return parts.join(' ');
}
