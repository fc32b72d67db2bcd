/**
 * A stage's timebox. Its clock is two timestamps' worth of state (when it was started, what was
 * left then), not a count of ticks: it is right after the tab slept, and two screens reading the
 * same timer (the editor and presentation mode) show the same time.
 */
export const MINUTE_MS = 60_000;
/** A day: longer than any timebox a room runs. A timebox is no longer, nor counts further over time. */
export const LONGEST_MS = 24 * 60 * MINUTE_MS;

export interface Timer {
  /** The timebox with its extensions, in milliseconds. */
  duration: number;
  /** How many minutes were added to it. */
  extensions: number;
  /** When it was started (Date.now), or null while it is paused or not started. */
  startedAt: number | null;
  /** What was left when it was started or paused, in milliseconds; below 0 when over time. */
  remaining: number;
}

/** A timer of `minutes`, not started. */
export function newTimer(minutes: number): Timer {
  return { duration: minutes * MINUTE_MS, extensions: 0, startedAt: null, remaining: minutes * MINUTE_MS };
}

/** Milliseconds left at `now`: below 0 once over time, down to a day over. */
export function remainingAt(timer: Timer, now: number): number {
  return timer.startedAt === null ? timer.remaining : Math.max(-LONGEST_MS, timer.remaining - (now - timer.startedAt));
}

export function isRunning(timer: Timer): boolean {
  return timer.startedAt !== null;
}

/** Whether its time has begun to go: running, or paused with less left than its timebox. */
export function hasStarted(timer: Timer): boolean {
  return isRunning(timer) || timer.remaining !== timer.duration;
}

export function startTimer(timer: Timer, now: number): Timer {
  return timer.startedAt === null ? { ...timer, startedAt: now } : timer;
}

export function pauseTimer(timer: Timer, now: number): Timer {
  return timer.startedAt === null ? timer : { ...timer, startedAt: null, remaining: remainingAt(timer, now) };
}

/** One more minute, running or not (over time, it brings the clock back by a minute), up to a day. */
export function extendTimer(timer: Timer): Timer {
  if (timer.duration + MINUTE_MS > LONGEST_MS) return timer;
  return {
    ...timer,
    duration: timer.duration + MINUTE_MS,
    extensions: timer.extensions + 1,
    remaining: timer.remaining + MINUTE_MS,
  };
}

/**
 * The clock as the room reads it: `mm:ss` left, whole seconds rounded up (a 10-minute box shows
 * 10:00 until a second has gone, 0:00 only at its end), and over time `+mm:ss` counting up.
 */
export function clockText(remaining: number): string {
  const over = remaining < 0;
  const seconds = over ? Math.floor(-remaining / 1000) : Math.ceil(remaining / 1000);
  const text = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return over && seconds > 0 ? `+${text}` : text;
}

/** The clock in words, for a screen reader: "4 minutes 5 seconds left", "1 minute over time". */
export function clockWords(remaining: number): string {
  const over = remaining < 0;
  const seconds = over ? Math.floor(-remaining / 1000) : Math.ceil(remaining / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [
    minutes > 0 && `${minutes} minute${minutes === 1 ? '' : 's'}`,
    (rest > 0 || minutes === 0) && `${rest} second${rest === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return `${parts.join(' ')} ${over ? 'over time' : 'left'}`;
}
