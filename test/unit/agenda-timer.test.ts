/** The timebox's clock (shared/workshop/timer.ts) and the agenda kept per map (renderer/workshop/agenda-state.ts). */
import { describe, expect, it } from 'vitest';
import { completeOrder, DEFAULT_PLAN, firstStage, STAGE_BY_ID, STAGE_IDS, STAGES } from '../../shared/workshop/agenda';
import {
  clockText,
  clockWords,
  extendTimer,
  hasStarted,
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
  resetTimer,
  setTimebox,
  TIMEBOX_MINUTES,
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

  it('has started once its time has begun to go, and stays started when paused', () => {
    expect(hasStarted(newTimer(10))).toBe(false);
    // A minute given before it starts is still a timebox not started.
    expect(hasStarted(extendTimer(newTimer(10)))).toBe(false);
    expect(hasStarted(startTimer(newTimer(10), 0))).toBe(true);
    expect(hasStarted(pauseTimer(startTimer(newTimer(10), 0), 1000))).toBe(true);
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
  it('starts hidden, at the first stage, each stage with its default timebox, the first one ready', () => {
    const agenda = defaultAgenda();
    expect(agenda.shown).toBe(false);
    expect(agenda.current).toBe(firstStage(DEFAULT_PLAN));
    expect(agenda.order).toEqual([...STAGE_IDS]);
    for (const stage of STAGES) expect(agenda.timeboxes[stage.id], stage.id).toBe(stage.minutes);
    expect(agenda.timer).toEqual(newTimer(STAGE_BY_ID[agenda.current].minutes));
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
    expect(readAgenda(storage, 'm').order).toEqual(completeOrder(['plan', 'scope']));
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

  it('keeps the timeboxes a facilitator sets, per stage, over a reload, up to the timer’s longest', () => {
    expect(TIMEBOX_MINUTES.max * MINUTE_MS).toBe(LONGEST_MS);
    const storage = memoryStorage();
    const agenda = setTimebox(setTimebox(defaultAgenda(), 'times', 25), 'plan', TIMEBOX_MINUTES.max);
    expect(agenda.timeboxes).toEqual({ ...defaultAgenda().timeboxes, times: 25, plan: TIMEBOX_MINUTES.max });
    writeAgenda(storage, 'm', agenda);
    expect(readAgenda(storage, 'm')).toEqual(agenda);
    // The stage set gets its minutes when it becomes current and when its timer is reset.
    const times = goToStage(agenda, 'times');
    expect(times.timer).toEqual(newTimer(25));
    const running = { ...times, timer: startTimer(times.timer, 0) };
    expect(resetTimer(running).timer).toEqual(newTimer(25));
  });

  it('lets the current stage’s clock follow its timebox until it has started', () => {
    const ready = defaultAgenda();
    expect(setTimebox(ready, ready.current, 7).timer).toEqual(newTimer(7));
    // Another stage's timebox leaves the clock as it is.
    const other = STAGE_IDS.find((id) => id !== ready.current)!;
    expect(setTimebox(ready, other, 7).timer).toBe(ready.timer);
    // Started, paused or running, it keeps its time; the new timebox is the next reset's.
    const running = { ...ready, timer: startTimer(ready.timer, 0) };
    const paused = { ...ready, timer: pauseTimer(running.timer, MINUTE_MS) };
    expect(setTimebox(running, ready.current, 7).timer).toBe(running.timer);
    expect(setTimebox(paused, ready.current, 7).timer).toBe(paused.timer);
    expect(resetTimer(setTimebox(paused, ready.current, 7)).timer).toEqual(newTimer(7));
  });

  it('reads an older state without timeboxes with the defaults, and a stage’s minutes that are not a timebox as its default', () => {
    const storage = memoryStorage();
    const { timeboxes, ...older } = { ...goToStage(defaultAgenda(), 'walls'), shown: true };
    storage.setItem(agendaKey('m'), JSON.stringify(older));
    expect(readAgenda(storage, 'm')).toEqual({ ...older, timeboxes });
    for (const bad of [0, -5, 2.5, TIMEBOX_MINUTES.max + 1, '20', null]) {
      storage.setItem(agendaKey('m'), JSON.stringify({ ...older, timeboxes: { ...timeboxes, times: bad, vote: 12 } }));
      expect(readAgenda(storage, 'm').timeboxes, String(bad)).toEqual({ ...timeboxes, vote: 12 });
    }
    // A stage this build does not know is dropped; timeboxes that are not a record are the defaults.
    storage.setItem(agendaKey('m'), JSON.stringify({ ...older, timeboxes: { ...timeboxes, dance: 5 } }));
    expect(readAgenda(storage, 'm').timeboxes).toEqual(timeboxes);
    storage.setItem(agendaKey('m'), JSON.stringify({ ...older, timeboxes: [5] }));
    expect(readAgenda(storage, 'm').timeboxes).toEqual(timeboxes);
    // A damaged timer on a stage with its own timebox: a new timer of that timebox.
    storage.setItem(agendaKey('m'), JSON.stringify({ ...older, timeboxes: { ...timeboxes, walls: 3 }, timer: 'x' }));
    expect(readAgenda(storage, 'm').timer).toEqual(newTimer(3));
  });
});
