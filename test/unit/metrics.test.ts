import { describe, expect, it } from 'vitest';
import { computeMetrics, severityOf } from '../../shared/metrics/flow';
import { map } from './helpers';

const step = (id: string, processTime: number, leadTime: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  processTime,
  leadTime,
  ...extra,
});

describe('computeMetrics: lead time, critical path, process time', () => {
  it('sums a series of steps and waits', () => {
    // a (PT 60, LT 120) -30m-> b (PT 30, LT 60) -0-> c (PT 60, LT 60)
    const metrics = computeMetrics(
      map({
        steps: [step('a', 60, 120), step('b', 30, 60), step('c', 60, 60)],
        handoffs: [
          { from: 'a', to: 'b', waitTime: 30 },
          { from: 'b', to: 'c' },
        ],
      }),
    );
    expect(metrics.leadTime).toBe(120 + 30 + 60 + 60);
    expect(metrics.criticalPath).toEqual(['a', 'b', 'c']);
    expect(metrics.processTime).toBe(150);
    expect(metrics.waitTime).toBe(120);
    expect(metrics.flowEfficiency).toBeCloseTo(150 / 270, 12);
    expect(metrics.totalWorkTime).toBe(150);
    expect(metrics.handoffs).toBe(2);
    expect(metrics.steps).toEqual([
      { id: 'a', earliestStart: 0, slack: 0, critical: true },
      { id: 'b', earliestStart: 150, slack: 0, critical: true },
      { id: 'c', earliestStart: 210, slack: 0, critical: true },
    ]);
  });

  it('takes the longest of parallel paths; a join waits for all its inputs', () => {
    // a -50-> b (LT 100) -> d ; a -> c (LT 200) -> d.  a,b,d = 60+50+100+30 = 240; a,c,d = 290.
    const metrics = computeMetrics(
      map({
        steps: [step('a', 10, 60), step('b', 20, 100), step('c', 40, 200), step('d', 30, 30)],
        handoffs: [
          { from: 'a', to: 'b', waitTime: 50 },
          { from: 'a', to: 'c' },
          { from: 'b', to: 'd' },
          { from: 'c', to: 'd' },
        ],
      }),
    );
    expect(metrics.leadTime).toBe(290);
    expect(metrics.criticalPath).toEqual(['a', 'c', 'd']);
    expect(metrics.processTime).toBe(10 + 40 + 30);
    expect(metrics.totalWorkTime).toBe(100);
    expect(metrics.steps).toEqual([
      { id: 'a', earliestStart: 0, slack: 0, critical: true },
      { id: 'b', earliestStart: 110, slack: 50, critical: false },
      { id: 'c', earliestStart: 60, slack: 0, critical: true },
      { id: 'd', earliestStart: 260, slack: 0, critical: true },
    ]);
  });

  it('breaks ties in favour of the step that comes first in the document', () => {
    const handoffs = [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'd' },
      { from: 'c', to: 'd' },
    ];
    const [a, b, c, d] = [step('a', 10, 10), step('b', 5, 100), step('c', 50, 100), step('d', 10, 10)];
    const bFirst = computeMetrics(map({ steps: [a, b, c, d], handoffs }));
    expect(bFirst.criticalPath).toEqual(['a', 'b', 'd']);
    expect(bFirst.processTime).toBe(25);
    const cFirst = computeMetrics(map({ steps: [a, c, b, d], handoffs }));
    expect(cFirst.criticalPath).toEqual(['a', 'c', 'd']);
    expect(cFirst.processTime).toBe(70);
    // Both are critical either way: slack is about time, not the chosen path.
    expect(cFirst.steps.every((timing) => timing.critical)).toBe(true);
  });

  it('picks the first exit step in the document among equally long ends', () => {
    const metrics = computeMetrics(
      map({
        steps: [step('a', 1, 10), step('y', 1, 20), step('x', 1, 20)],
        handoffs: [
          { from: 'a', to: 'x' },
          { from: 'a', to: 'y' },
        ],
      }),
    );
    expect(metrics.criticalPath).toEqual(['a', 'y']);
  });

  it('handles separate streams and lone steps', () => {
    const metrics = computeMetrics(
      map({ steps: [step('a', 5, 10), step('b', 5, 30), step('c', 1, 1)], handoffs: [{ from: 'a', to: 'c' }] }),
    );
    expect(metrics.leadTime).toBe(30);
    expect(metrics.criticalPath).toEqual(['b']);
    expect(metrics.steps.find((timing) => timing.id === 'a')).toEqual({
      id: 'a',
      earliestStart: 0,
      slack: 19,
      critical: false,
    });
  });

  it('gives an empty map zero lead time and no flow efficiency', () => {
    const metrics = computeMetrics(map({}));
    expect(metrics).toMatchObject({
      leadTime: 0,
      criticalPath: [],
      processTime: 0,
      waitTime: 0,
      flowEfficiency: null,
      totalWorkTime: 0,
      rolledCompleteAccurate: 1,
      handoffs: 0,
      crossTeamHandoffs: 0,
      reworkAdjustedLeadTime: 0,
      walls: [],
      teamPairs: [],
      steps: [],
    });
    expect(computeMetrics(map({ steps: [step('a', 0, 0)] })).flowEfficiency).toBeNull();
  });

  it('multiplies every step\u2019s %C&A into the rolled %C&A', () => {
    const metrics = computeMetrics(
      map({
        steps: [
          step('a', 1, 1, { percentCompleteAccurate: 50 }),
          step('b', 1, 1, { percentCompleteAccurate: 80 }),
          step('c', 1, 1),
        ],
      }),
    );
    expect(metrics.rolledCompleteAccurate).toBeCloseTo(0.4, 15);
  });
});

describe('computeMetrics: rework-adjusted lead time', () => {
  it('adds p / (1 - p) times the loop, wait included', () => {
    // Loop b -> a: L = 100 + 20 + 50 + 10 = 180, p = 0.5 adds 180. LT = 170.
    const metrics = computeMetrics(
      map({
        steps: [step('a', 10, 100), step('b', 10, 50)],
        handoffs: [
          { from: 'a', to: 'b', waitTime: 20 },
          { from: 'b', to: 'a', rework: 0.5, waitTime: 10 },
        ],
      }),
    );
    expect(metrics.leadTime).toBe(170);
    expect(metrics.handoffs).toBe(1);
    expect(metrics.reworkAdjustedLeadTime).toBe(350);
  });

  it('repeats a step that reworks itself', () => {
    const metrics = computeMetrics(
      map({
        steps: [step('a', 10, 10), step('b', 10, 50)],
        handoffs: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'b', rework: 0.2 },
        ],
      }),
    );
    expect(metrics.reworkAdjustedLeadTime).toBe(10 + 50 + 0.25 * 50);
  });

  it('takes loops in the forward order of their start, each measured with the lead times already adjusted', () => {
    // Written c-loop first; b comes first in the flow. b: L = 10 + 10 -> b = 30; c: L = 10 + 30 + 10 -> c = 60.
    const metrics = computeMetrics(
      map({
        steps: [step('a', 1, 10), step('b', 1, 10), step('c', 1, 10)],
        handoffs: [
          { from: 'c', to: 'a', rework: 0.5 },
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
          { from: 'b', to: 'a', rework: 0.5 },
        ],
      }),
    );
    expect(metrics.leadTime).toBe(30);
    expect(metrics.reworkAdjustedLeadTime).toBe(100);
  });

  it('measures a loop along the longest forward path between its ends', () => {
    // d -> a loop over two branches: a(10) -> b(100) -> d(10) and a -> c(5) -> d. L = 120, p = 0.2 adds 30.
    const metrics = computeMetrics(
      map({
        steps: [step('a', 1, 10), step('b', 1, 100), step('c', 1, 5), step('d', 1, 10), step('e', 1, 10)],
        handoffs: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
          { from: 'b', to: 'd' },
          { from: 'c', to: 'd' },
          { from: 'd', to: 'e' },
          { from: 'd', to: 'a', rework: 0.2 },
        ],
      }),
    );
    expect(metrics.leadTime).toBe(130);
    expect(metrics.reworkAdjustedLeadTime).toBeCloseTo(160, 9);
  });
});

describe('walls of confusion', () => {
  const teams = [
    { id: 'x', name: 'X' },
    { id: 'y', name: 'Y' },
    { id: 'z', name: 'Z' },
  ];

  it('measures each cross-team handoff: delay, share, quality, severity, criticality', () => {
    // a(x) -60-> b(y): delay = 60 + (90 - 30) = 120 of a lead time of 30 + 60 + 90 + 20 + 10 = 210.
    const metrics = computeMetrics(
      map({
        teams,
        steps: [
          step('a', 10, 30, { team: 'x' }),
          step('b', 30, 90, { team: 'y', percentCompleteAccurate: 80 }),
          step('c', 10, 10, { team: 'y' }),
          step('d', 5, 5, { team: 'z', percentCompleteAccurate: 95 }),
        ],
        handoffs: [
          { from: 'a', to: 'b', waitTime: 60 },
          { from: 'b', to: 'c', waitTime: 20 },
          { from: 'a', to: 'd' },
          { from: 'c', to: 'a', rework: 0.1 },
        ],
      }),
    );
    expect(metrics.crossTeamHandoffs).toBe(2);
    expect(metrics.walls).toEqual([
      {
        from: 'a',
        to: 'b',
        fromTeam: 'x',
        toTeam: 'y',
        delay: 120,
        delayShare: 120 / 210,
        completeAccurate: 0.8,
        severity: 'high',
        critical: true,
      },
      {
        from: 'a',
        to: 'd',
        fromTeam: 'x',
        toTeam: 'z',
        delay: 0,
        delayShare: 0,
        completeAccurate: 0.95,
        severity: 'low',
        critical: false,
      },
    ]);
  });

  it('ignores handoffs within a team, to or from a step without a team, and rework', () => {
    const metrics = computeMetrics(
      map({
        teams,
        steps: [
          step('a', 1, 1, { team: 'x' }),
          step('b', 1, 1, { team: 'x' }),
          step('c', 1, 1),
          step('d', 1, 1, { team: 'y' }),
        ],
        handoffs: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
          { from: 'c', to: 'd' },
          { from: 'd', to: 'a', rework: 0.5 },
        ],
      }),
    );
    expect(metrics.walls).toEqual([]);
    expect(metrics.crossTeamHandoffs).toBe(0);
  });

  it('sums walls per team pair, largest delay first', () => {
    const metrics = computeMetrics(
      map({
        teams,
        steps: [
          step('a', 1, 1, { team: 'x' }),
          step('b', 1, 11, { team: 'y' }),
          step('c', 1, 1, { team: 'x' }),
          step('d', 1, 31, { team: 'y' }),
          step('e', 1, 51, { team: 'z' }),
        ],
        handoffs: [
          { from: 'a', to: 'b' },
          { from: 'c', to: 'd', waitTime: 5 },
          { from: 'd', to: 'e' },
        ],
      }),
    );
    expect(metrics.walls.map((wall) => [wall.from, wall.to, wall.delay])).toEqual([
      ['d', 'e', 50],
      ['c', 'd', 35],
      ['a', 'b', 10],
    ]);
    expect(metrics.teamPairs).toEqual([
      { fromTeam: 'y', toTeam: 'z', walls: 1, delay: 50 },
      { fromTeam: 'x', toTeam: 'y', walls: 2, delay: 45 },
    ]);
  });

  it('grades severity at the thresholds of spec section 3', () => {
    expect(severityOf(0.2, 1)).toBe('high');
    expect(severityOf(0.1999, 1)).toBe('medium');
    expect(severityOf(0, 0.6999)).toBe('high');
    expect(severityOf(0, 0.7)).toBe('medium');
    expect(severityOf(0.05, 1)).toBe('medium');
    expect(severityOf(0.0499, 0.9)).toBe('low');
    expect(severityOf(0, 0.8999)).toBe('medium');
    expect(severityOf(0, 1)).toBe('low');
  });

  it('gives walls no share when the lead time is 0', () => {
    const metrics = computeMetrics(
      map({
        teams,
        steps: [step('a', 0, 0, { team: 'x' }), step('b', 0, 0, { team: 'y' })],
        handoffs: [{ from: 'a', to: 'b' }],
      }),
    );
    expect(metrics.walls[0]).toMatchObject({ delay: 0, delayShare: 0, severity: 'low' });
  });
});
