/** The timebox's clock (shared/workshop/timer.ts) and the agenda kept per map (renderer/workshop/agenda-state.ts). */
import { describe, expect, it } from 'vitest';
import { STAGE_BY_ID, STAGE_IDS } from '../../shared/workshop/agenda';
import {
  clockText,
  clockWords,
  extendTimer,
  isRunning,
  LONGEST_MS,
  MINUTE_MS,
  newTimer,
  pauseTimer,
  remainingAt,
  startTimer,
} from '../../shared/workshop/timer';
import {
  agendaKey,
  defaultAgenda,
  goToStage,
  readAgenda,
  toggleSkipped,
  writeAgenda,
} from '../../renderer/workshop/agenda-state';

/** A Web Storage of its own for each test. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
  };
}

describe('the timebox', () => {
  it('counts from timestamps: what is left at any moment, paused or running', () => {
    const start = 1_000_000;
    const running = startTimer(newTimer(10), start);
    expect(isRunning(running)).toBe(true);
    // However long the tab slept, the time left is read from the clock.
    expect(remainingAt(running, start + 3 * MINUTE_MS)).toBe(7 * MINUTE_MS);
    const paused = pauseTimer(running, start + 4 * MINUTE_MS);
    expect(isRunning(paused)).toBe(false);
    expect(remainingAt(paused, start + 60 * MINUTE_MS)).toBe(6 * MINUTE_MS);
    const again = startTimer(paused, start + 10 * MINUTE_MS);
    expect(remainingAt(again, start + 16 * MINUTE_MS + 5000)).toBe(-5000);
    // Starting a running timer or pausing a paused one changes nothing.
    expect(startTimer(again, start + 20 * MINUTE_MS)).toBe(again);
    expect(pauseTimer(paused, start)).toBe(paused);
  });

  it('gives a minute more, running, paused or over time', () => {
    const over = startTimer(newTimer(1), 0);
    const extended = extendTimer(over);
    expect(extended.extensions).toBe(1);
    expect(extended.duration).toBe(2 * MINUTE_MS);
    expect(remainingAt(extended, 90_000)).toBe(30_000);
    expect(remainingAt(extendTimer(newTimer(5)), 0)).toBe(6 * MINUTE_MS);
  });

  it('reads as mm:ss, rounded up while time is left, counting up over time', () => {
    expect(clockText(10 * MINUTE_MS)).toBe('10:00');
    expect(clockText(10 * MINUTE_MS - 1)).toBe('10:00');
    expect(clockText(10 * MINUTE_MS - 1000)).toBe('09:59');
    expect(clockText(500)).toBe('00:01');
    expect(clockText(0)).toBe('00:00');
    expect(clockText(-999)).toBe('00:00');
    expect(clockText(-65_000)).toBe('+01:05');
    expect(clockWords(4 * MINUTE_MS + 5000)).toBe('4 minutes 5 seconds left');
    expect(clockWords(MINUTE_MS)).toBe('1 minute left');
    expect(clockWords(-MINUTE_MS)).toBe('1 minute over time');
    expect(clockWords(0)).toBe('0 seconds left');
  });
});

describe('the agenda kept per map', () => {
  it('starts hidden, at the first stage, its timebox ready', () => {
    const agenda = defaultAgenda();
    expect(agenda.shown).toBe(false);
    expect(agenda.current).toBe('scope');
    expect(agenda.order).toEqual([...STAGE_IDS]);
    expect(agenda.timer).toEqual(newTimer(STAGE_BY_ID.scope.minutes));
  });

  it('reads back what was written, per map', () => {
    const storage = memoryStorage();
    const agenda = {
      ...toggleSkipped(goToStage(defaultAgenda(), 'times'), 'quality'),
      shown: true,
      timer: startTimer(newTimer(20), 123_456),
    };
    writeAgenda(storage, 'map-1', agenda);
    expect(readAgenda(storage, 'map-1')).toEqual(agenda);
    expect(readAgenda(storage, 'map-2')).toEqual(defaultAgenda());
    expect(agendaKey('map-1')).toBe('flowmap.agenda.map-1');
  });

  it('keeps the agenda through a timer left running for days: the clock stops a day over time', () => {
    const storage = memoryStorage();
    const started = 1_000_000;
    const agenda = { ...goToStage(defaultAgenda(), 'walls'), shown: true, timer: startTimer(newTimer(15), started) };
    const paused = { ...agenda, timer: pauseTimer(agenda.timer, started + 3 * LONGEST_MS) };
    expect(paused.timer.remaining).toBe(-LONGEST_MS);
    expect(remainingAt(agenda.timer, started + 3 * LONGEST_MS)).toBe(-LONGEST_MS);
    writeAgenda(storage, 'm', paused);
    expect(readAgenda(storage, 'm')).toEqual(paused);
    // A timer that is not one (written by an older build) costs the stage its clock, not the agenda.
    storage.setItem(agendaKey('m'), JSON.stringify({ ...paused, timer: { ...paused.timer, remaining: 'soon' } }));
    expect(readAgenda(storage, 'm')).toEqual({ ...paused, timer: newTimer(STAGE_BY_ID.walls.minutes) });
    // Nor can a timebox be extended beyond a day.
    let long = newTimer(24 * 60 - 1);
    long = extendTimer(extendTimer(long));
    expect(long.duration).toBe(LONGEST_MS);
  });

  it('gives the defaults for a damaged or foreign value, and completes an older order', () => {
    const storage = memoryStorage();
    for (const bad of ['{', '"x"', '{"shown":true}', JSON.stringify({ ...defaultAgenda(), current: 'dance' })]) {
      storage.setItem(agendaKey('m'), bad);
      expect(readAgenda(storage, 'm'), bad).toEqual(defaultAgenda());
    }
    storage.setItem(agendaKey('m'), JSON.stringify({ ...defaultAgenda(), order: ['plan', 'scope'] }));
    expect(readAgenda(storage, 'm').order).toEqual([
      'plan',
      'scope',
      'steps',
      'times',
      'quality',
      'walls',
      'ideas',
      'vote',
      'future',
      'compare',
    ]);
  });

  it('gives a stage its own timebox when it becomes current, and moves on from a stage skipped', () => {
    const running = { ...defaultAgenda(), timer: startTimer(newTimer(10), 0) };
    const times = goToStage(running, 'times');
    expect(times.timer).toEqual(newTimer(STAGE_BY_ID.times.minutes));
    expect(goToStage(times, 'times')).toBe(times);
    const skipped = toggleSkipped(times, 'times');
    expect(skipped.skipped).toEqual(['times']);
    expect(skipped.current).toBe('quality');
    expect(toggleSkipped(skipped, 'times').skipped).toEqual([]);
    // The last stage skipped: back to the one before.
    expect(toggleSkipped(goToStage(defaultAgenda(), 'plan'), 'plan').current).toBe('compare');
  });
});
