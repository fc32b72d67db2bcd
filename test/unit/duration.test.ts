import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, formatDuration, parseDuration } from '../../shared/model/duration';

const minutes = (value: unknown, calendar = DEFAULT_CALENDAR) => {
  const result = parseDuration(value, calendar);
  if (!result.ok) throw new Error(result.reason);
  return result.minutes;
};
const reason = (value: unknown) => {
  const result = parseDuration(value, DEFAULT_CALENDAR);
  if (result.ok) throw new Error(`expected ${String(value)} to be refused`);
  return result.reason;
};

describe('parseDuration', () => {
  it('reads numbers as minutes and the spec examples', () => {
    expect(minutes(90)).toBe(90);
    expect(minutes('90')).toBe(90);
    expect(minutes('1.5h')).toBe(90);
    expect(minutes('2d 4h')).toBe(2 * 480 + 240);
    expect(minutes('75m')).toBe(75);
    expect(minutes('10min')).toBe(10);
    expect(minutes('1w')).toBe(2400);
  });

  it('converts days and weeks with the calendar', () => {
    const calendar = { hoursPerDay: 7.5, daysPerWeek: 4 };
    expect(minutes('1d', calendar)).toBe(450);
    expect(minutes('1w 1d', calendar)).toBe(5 * 450);
  });

  it('accepts terms without spaces, in any case, in any order', () => {
    expect(minutes('2d4h')).toBe(1200);
    expect(minutes(' 4H 2D ')).toBe(1200);
    expect(minutes('.5h')).toBe(30);
  });

  it('refuses what is not a duration, saying what is wrong', () => {
    expect(reason('3x')).toBe('"3x" has an unknown unit "x"; use m, h, d or w');
    expect(reason('')).toMatch(/empty/);
    expect(reason('   ')).toMatch(/empty/);
    expect(reason('-2h')).toMatch(/negative/);
    expect(reason(-5)).toMatch(/negative/);
    expect(reason('2d 4')).toMatch(/number without a unit/);
    expect(reason('h')).toBe('"h" is not a duration; write numbers with units, like "2d 4h"');
    expect(reason('2h ?')).toBe(
      '"2h ?" is not a duration ("?" is not understood); write numbers with units, like "2d 4h"',
    );
    expect(reason('1,5h')).toMatch(/comma; write decimals with a point/);
    expect(reason(Infinity)).toMatch(/finite/);
    expect(reason(Number.NaN)).toMatch(/finite/);
    expect(reason('1e400m')).toMatch(/unknown unit "e"/);
    expect(reason(1e12)).toMatch(/too large/);
    expect(reason(true)).toMatch(/must be a duration/);
    expect(reason(null)).toMatch(/must be a duration/);
  });
});

describe('formatDuration', () => {
  it('prints in the calendar, largest units first, zero units left out', () => {
    expect(formatDuration(0, DEFAULT_CALENDAR)).toBe('0m');
    expect(formatDuration(150, DEFAULT_CALENDAR)).toBe('2h 30m');
    expect(formatDuration(9 * 2400 + 3 * 480, DEFAULT_CALENDAR)).toBe('9w 3d');
    expect(formatDuration(26640, DEFAULT_CALENDAR)).toBe('11w 4h');
    expect(formatDuration(2400, { hoursPerDay: 8, daysPerWeek: 4 })).toBe('1w 1d');
    expect(formatDuration(89.6, DEFAULT_CALENDAR)).toBe('1h 30m');
  });

  it('reads back to the same whole minutes in any calendar of whole minutes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 7 }),
        (value, hoursPerDay, daysPerWeek) => {
          const calendar = { hoursPerDay, daysPerWeek };
          expect(minutes(formatDuration(value, calendar), calendar)).toBe(value);
        },
      ),
    );
  });
});
