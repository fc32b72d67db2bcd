import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changeMarks, changeSummary, handoffKey } from '../../shared/metrics/change-marks';
import { compareMaps, matchingStep } from '../../shared/metrics/compare';
import { formatChange, formatMetricDelta } from '../../shared/metrics/format';
import { changeRows } from '../../shared/metrics/change-rows';
import { comparisonChanges, deltaFigures, metricDeltasTable, partChangesTable } from '../../shared/metrics/tables';
import { parseDocumentText } from '../../shared/model/text';
import type { VsmDocument } from '../../shared/model/schema';
import { examplePath, map } from './helpers';

function example(name: string): VsmDocument {
  const parsed = parseDocumentText(readFileSync(examplePath(name), 'utf8'), 'json');
  if (!parsed.ok) throw new Error('invalid example');
  return parsed.document;
}

describe('compareMaps', () => {
  it('compares the Feature delivery current and future states', () => {
    const before = example('feature-delivery-current');
    const after = example('feature-delivery-future');
    const comparison = compareMaps(before, after);

    expect(comparison.metrics.leadTime).toEqual({ before: 26640, after: 6135, delta: 6135 - 26640 });
    expect(comparison.leadTimeChange).toBeCloseTo(6135 / 26640 - 1, 12);
    expect(formatChange(comparison.leadTimeChange)).toBe('\u221277.0%');
    expect(formatMetricDelta('flowEfficiency', comparison.metrics.flowEfficiency.delta, after.calendar)).toBe(
      '+19.4 pts',
    );
    expect(comparison.metrics.handoffs.delta).toBe(-3);
    expect(comparison.metrics.crossTeamHandoffs.delta).toBe(-4);

    expect(comparison.steps.added).toEqual([{ id: 'pipeline', name: 'Automated tests and security scans' }]);
    expect(comparison.steps.removed.map((step) => step.id)).toEqual(['test', 'secrev', 'cab']);
    const spec = comparison.steps.changed.find((step) => step.id === 'spec');
    expect(spec?.changes).toEqual([
      { field: 'name', before: 'Write requirements', after: 'Refine with the team' },
      { field: 'team', before: 'Business', after: 'Product team' },
      { field: 'processTime', before: 480, after: 240 },
      { field: 'leadTime', before: 2400, after: 960 },
      { field: 'percentCompleteAccurate', before: 70, after: 85 },
      { field: 'people', before: 1, after: 4 },
    ]);

    expect(comparison.walls.removed.map((pair) => `${pair.fromTeamName} → ${pair.toTeamName}`)).toEqual([
      'Business → Development',
      'Development → Security',
      'Testing → Operations',
      'Development → Testing',
      'Security → Operations',
    ]);
    expect(comparison.walls.added).toEqual([
      {
        fromTeam: 'biz',
        toTeam: 'product',
        fromTeamName: 'Business',
        toTeamName: 'Product team',
        walls: 1,
        delay: 1680,
      },
    ]);
    expect(comparison.walls.remaining).toEqual([]);
  });

  it('matches steps by id, then by name ignoring case and surrounding space', () => {
    const before = map({
      steps: [
        { id: 'a', name: 'Plan', processTime: 10 },
        { id: 'x1', name: 'Code Review ', processTime: 10 },
        { id: 'gone', name: 'Gone', processTime: 10 },
      ],
    });
    const after = map({
      steps: [
        { id: 'a', name: 'Plan it', processTime: 10 },
        { id: 'y9', name: 'code review', processTime: 20 },
        { id: 'new', name: 'New', processTime: 1 },
      ],
    });
    const { steps } = compareMaps(before, after);
    expect(steps.added).toEqual([{ id: 'new', name: 'New' }]);
    expect(steps.removed).toEqual([{ id: 'gone', name: 'Gone' }]);
    expect(steps.changed).toEqual([
      { id: 'a', name: 'Plan it', changes: [{ field: 'name', before: 'Plan', after: 'Plan it' }] },
      {
        id: 'y9',
        name: 'code review',
        changes: [
          { field: 'id', before: 'x1', after: 'y9' },
          { field: 'name', before: 'Code Review ', after: 'code review' },
          { field: 'processTime', before: 10, after: 20 },
          { field: 'leadTime', before: 10, after: 20 },
        ],
      },
    ]);
  });

  it('matches walls by team pair, teams being matched by id and then by name', () => {
    const before = map({
      teams: [
        { id: 'dev', name: 'Development' },
        { id: 'ops', name: 'Operations' },
        { id: 'qa', name: 'QA' },
      ],
      steps: [
        { id: 'a', name: 'A', processTime: 10, team: 'dev' },
        { id: 'b', name: 'B', processTime: 10, leadTime: 100, team: 'ops' },
        { id: 'c', name: 'C', processTime: 10, team: 'qa' },
      ],
      handoffs: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    });
    const after = map({
      teams: [
        { id: 'd', name: 'development' },
        { id: 'ops', name: 'Ops & platform' },
        { id: 'sec', name: 'Security' },
      ],
      steps: [
        { id: 'a', name: 'A', processTime: 10, team: 'd' },
        { id: 'b', name: 'B', processTime: 10, leadTime: 40, team: 'ops' },
        { id: 's', name: 'S', processTime: 10, team: 'sec' },
      ],
      handoffs: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 's' },
      ],
    });
    const { walls } = compareMaps(before, after);
    expect(walls.remaining).toEqual([
      {
        before: {
          fromTeam: 'dev',
          toTeam: 'ops',
          fromTeamName: 'Development',
          toTeamName: 'Operations',
          walls: 1,
          delay: 90,
        },
        after: {
          fromTeam: 'd',
          toTeam: 'ops',
          fromTeamName: 'development',
          toTeamName: 'Ops & platform',
          walls: 1,
          delay: 30,
        },
      },
    ]);
    expect(walls.removed.map((pair) => [pair.fromTeam, pair.toTeam])).toEqual([['ops', 'qa']]);
    expect(walls.added.map((pair) => [pair.fromTeam, pair.toTeam])).toEqual([['ops', 'sec']]);
  });

  it('has no lead time change from an empty map', () => {
    const comparison = compareMaps(map({}), map({ steps: [{ id: 'a', name: 'A', processTime: 5 }] }));
    expect(comparison.leadTimeChange).toBeNull();
    expect(comparison.metrics.flowEfficiency).toEqual({ before: null, after: 1, delta: null });
  });
});

describe('handoffs in the comparison', () => {
  const teams = [
    { id: 'dev', name: 'Development' },
    { id: 'ops', name: 'Operations' },
  ];
  const before = map({
    teams,
    steps: [
      { id: 'a', name: 'Build', processTime: 60, team: 'dev' },
      { id: 'b', name: 'Test', processTime: 60, team: 'dev' },
      { id: 'c', name: 'Deploy', processTime: 60, team: 'ops' },
      { id: 'd', name: 'Approve', processTime: 60, team: 'ops' },
    ],
    handoffs: [
      { from: 'a', to: 'b', waitTime: '1d', queue: 4 },
      { from: 'b', to: 'c', waitTime: '2h' },
      { from: 'c', to: 'd', waitTime: '1h' },
      { from: 'b', to: 'a', rework: 0.3 },
    ],
  });
  // Test is renamed and re-keyed (matched by name), Approve is gone, Deploy moved to Development,
  // Smoke test is new.
  const after = map({
    teams,
    steps: [
      { id: 'a', name: 'Build', processTime: 60, team: 'dev' },
      { id: 't', name: 'test', processTime: 60, team: 'dev' },
      { id: 'c', name: 'Deploy', processTime: 60, team: 'dev' },
      { id: 's', name: 'Smoke test', processTime: 10, team: 'ops' },
    ],
    handoffs: [
      { from: 'a', to: 't', waitTime: '2h' },
      { from: 't', to: 'c', waitTime: '2h' },
      { from: 'c', to: 's' },
      { from: 't', to: 'a', rework: 0.1 },
    ],
  });
  const comparison = compareMaps(before, after);

  it('matches handoffs through their steps, with the changed fields before and after', () => {
    const names = (list: readonly { fromName: string; toName: string }[]) =>
      list.map((handoff) => `${handoff.fromName} → ${handoff.toName}`);
    expect(names(comparison.handoffs.removed)).toEqual(['Deploy → Approve']);
    expect(names(comparison.handoffs.added)).toEqual(['Deploy → Smoke test']);
    expect(comparison.handoffs.changed).toEqual([
      {
        before: { from: 'a', to: 'b', fromName: 'Build', toName: 'Test', rework: false },
        after: { from: 'a', to: 't', fromName: 'Build', toName: 'test', rework: false },
        changes: [
          { field: 'waitTime', before: 480, after: 120 },
          { field: 'queue', before: 4, after: null },
        ],
      },
      {
        before: { from: 'b', to: 'a', fromName: 'Test', toName: 'Build', rework: true },
        after: { from: 't', to: 'a', fromName: 'test', toName: 'Build', rework: true },
        changes: [{ field: 'rework', before: 0.3, after: 0.1 }],
      },
    ]);
  });

  it('marks each side by its own ids, and walls by their handoffs', () => {
    const marks = changeMarks(before, after, comparison);
    expect([...marks.before.steps].map(([id, { mark }]) => `${id} ${mark}`)).toEqual([
      'd removed',
      'c changed',
      'b changed',
    ]);
    expect([...marks.after.steps].map(([id, { mark }]) => `${id} ${mark}`)).toEqual([
      's added',
      'c changed',
      't changed',
    ]);
    expect([...marks.before.handoffs].map(([key, { mark }]) => `${key} ${mark}`)).toEqual([
      `${handoffKey('c', 'd')} removed`,
      `${handoffKey('a', 'b')} changed`,
      `${handoffKey('b', 'a')} changed`,
    ]);
    expect([...marks.after.handoffs].map(([key, { mark }]) => `${key} ${mark}`)).toEqual([
      `${handoffKey('c', 's')} added`,
      `${handoffKey('a', 't')} changed`,
      `${handoffKey('t', 'a')} changed`,
    ]);
    // b → c crossed from Development to Operations; t → c no longer does. c → s crosses now.
    expect(Object.fromEntries(marks.before.walls)).toEqual({ [handoffKey('b', 'c')]: 'removed' });
    expect(Object.fromEntries(marks.after.walls)).toEqual({ [handoffKey('c', 's')]: 'added' });
  });

  it('keeps a wall whose handoff still crosses teams as remaining on both sides', () => {
    const moved = map({
      ...after,
      steps: after.steps.map((step) => (step.id === 'c' ? { ...step, team: 'ops' } : step)),
    });
    const marks = changeMarks(before, moved, compareMaps(before, moved));
    expect(marks.before.walls.get(handoffKey('b', 'c'))).toBe('remaining');
    expect(marks.after.walls.get(handoffKey('t', 'c'))).toBe('remaining');
  });

  it('tells apart handoffs whose step ids would run together ("a>b" → "c" and "a" → "b>c")', () => {
    const ids = map({
      steps: [
        { id: 'a>b', name: 'One', processTime: 10 },
        { id: 'c', name: 'Two', processTime: 10 },
        { id: 'a', name: 'Three', processTime: 10 },
        { id: 'b>c', name: 'Four', processTime: 10 },
      ],
      handoffs: [
        { from: 'a>b', to: 'c', waitTime: '1h' },
        { from: 'a', to: 'b>c', waitTime: '1h' },
      ],
    });
    const cut = { ...ids, handoffs: ids.handoffs.map((h) => (h.from === 'a' ? { ...h, waitTime: 30 } : h)) };
    const twice = compareMaps(ids, cut);
    expect([twice.handoffs.added, twice.handoffs.removed]).toEqual([[], []]);
    expect(twice.handoffs.changed.map(({ after: { from, to } }) => [from, to])).toEqual([['a', 'b>c']]);
    const marks = changeMarks(ids, cut, twice);
    expect([...marks.after.handoffs.keys()]).toEqual([handoffKey('a', 'b>c')]);
    expect(handoffKey('a>b', 'c')).not.toBe(handoffKey('a', 'b>c'));
  });

  it('prints the handoffs in vsm compare’s changes', () => {
    const cliLines = comparisonChanges(changeRows(before, after, comparison))
      .find((section) => section.heading === 'Handoffs')
      ?.lines.map((line) => line.text);
    expect(cliLines).toEqual([
      'Added (1): Deploy → Smoke test',
      'Removed (1): Deploy → Approve',
      'Changed (2):',
      'Build → test: wait time 1d → 2h; queue 4 → (none)',
      'test → Build (rework): rework probability 30.0% → 10.0%',
    ]);
  });
});

describe('the one-line summary of a change', () => {
  const base = map({
    teams: [
      { id: 'dev', name: 'Development' },
      { id: 'ops', name: 'Operations' },
    ],
    steps: [
      { id: 'a', name: 'Build', processTime: 60, team: 'dev' },
      { id: 'b', name: 'Test', processTime: 60, team: 'ops' },
    ],
    handoffs: [{ from: 'a', to: 'b', waitTime: '1d' }],
  });

  it('counts what was added and removed, the net walls, and tells a few changed fields', () => {
    const after = map({
      ...base,
      steps: [
        ...base.steps,
        { id: 'c', name: 'Deploy', processTime: 30, team: 'dev' },
        { id: 'd', name: 'Verify', processTime: 30, team: 'dev' },
      ],
      handoffs: [
        { from: 'a', to: 'b', waitTime: '2h' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
      ],
    });
    expect(changeSummary(base, after)).toBe('+2 steps, +2 handoffs, +1 wall, Build → Test: wait time 1d → 2h');
    expect(changeSummary(after, base)).toBe(
      '\u22122 steps, \u22122 handoffs, \u22121 wall, Build → Test: wait time 2h → 1d',
    );
  });

  it('counts changed steps and handoffs when more than two fields changed', () => {
    const after = map({
      ...base,
      steps: base.steps.map((step) => ({ ...step, processTime: 90, leadTime: 90, percentCompleteAccurate: 80 })),
    });
    expect(changeSummary(base, after)).toBe('2 steps changed');
  });

  it('says what changed when no step or handoff did', () => {
    expect(changeSummary(base, map({ ...base, name: 'Release' }))).toBe('renamed to Release');
    const moved = map({ ...base, steps: base.steps.map((step) => ({ ...step, position: { x: 5, y: 5 } })) });
    expect(changeSummary(base, moved)).toBe('steps moved');
    expect(changeSummary(base, base)).toBe('no change');
  });

  it('sums up the example’s future state', () => {
    expect(changeSummary(example('feature-delivery-current'), example('feature-delivery-future')).split(', ')).toEqual([
      '+1 step',
      '\u22123 steps',
      '+3 handoffs',
      '\u22127 handoffs',
      '\u22124 walls',
      '5 steps changed',
      '3 handoffs changed',
    ]);
  });
});

describe('matchingStep', () => {
  const before = map({
    steps: [
      { id: 'build', name: 'Build', processTime: 1 },
      { id: 'cab', name: 'Change board', processTime: 1 },
      { id: 'gone', name: 'Manual test', processTime: 1 },
    ],
  });
  const after = map({
    steps: [
      { id: 'build', name: 'Compile', processTime: 1 },
      { id: 'approve', name: ' change BOARD ', processTime: 1 },
    ],
  });

  it('finds the step a comparison pairs with one of the map before: by id, then by name', () => {
    expect(matchingStep(before, after, 'build')).toBe('build');
    expect(matchingStep(before, after, 'cab')).toBe('approve');
    expect(matchingStep(before, after, 'gone')).toBeUndefined();
  });
});

describe('the calendar of a comparison', () => {
  // The current state counts elapsed time (24 h a day, 7 days a week); the future state works 8 h
  // days, 5 a week. 1d before is 1440 minutes, 1d after is 480.
  const before = map({
    calendar: { hoursPerDay: 24, daysPerWeek: 7 },
    teams: [
      { id: 'dev', name: 'Development' },
      { id: 'ops', name: 'Operations' },
    ],
    steps: [
      { id: 'a', name: 'Build', processTime: '1d', leadTime: '2d', team: 'dev' },
      { id: 'b', name: 'Deploy', processTime: '1d', team: 'ops' },
      { id: 'c', name: 'Approve', processTime: '1d', team: 'ops' },
    ],
    handoffs: [
      { from: 'a', to: 'b', waitTime: '1d' },
      { from: 'b', to: 'c', waitTime: '1d' },
    ],
  });
  const after = map({
    calendar: { hoursPerDay: 8, daysPerWeek: 5 },
    teams: before.teams,
    steps: [
      { id: 'a', name: 'Build', processTime: '1d', leadTime: '2d', team: 'dev' },
      { id: 'b', name: 'Deploy', processTime: '1d', team: 'ops' },
    ],
    handoffs: [{ from: 'a', to: 'b', waitTime: '1d' }],
  });
  const comparison = compareMaps(before, after);

  it('writes every duration in the calendar of the map after, before and after alike', () => {
    // 1d of 24 h is 3d of 8 h: the number written says how the time compares.
    const lead = deltaFigures(comparison, after.calendar).find((figure) => figure.metric === 'leadTime')!;
    expect(lead.values).toBe('3w 3d → 4d');
    const leadRow = metricDeltasTable(comparison, after.calendar).rows[0]!;
    expect(leadRow.slice(1, 3)).toEqual(['3w 3d', '4d']);
    expect(partChangesTable('Step', changeRows(before, after, comparison).steps).rows).toEqual([
      ['− removed', 'Approve', 'Operations · PT 3d · LT 3d · %C&A 100%'],
      ['~ changed', 'Build', 'process time 3d → 1d; lead time 1w 1d → 2d'],
      ['~ changed', 'Deploy', 'process time 3d → 1d; lead time 3d → 1d'],
    ]);
    expect(partChangesTable('Handoff', changeRows(before, after, comparison).handoffs).rows).toContainEqual([
      '− removed',
      'Deploy → Approve',
      'wait time 3d',
    ]);
    // A history's summary too: the same 1440 minutes of wait, now in 8-hour days, cut to 960.
    const cut = {
      ...before,
      calendar: after.calendar,
      handoffs: before.handoffs.map((handoff) => (handoff.from === 'a' ? { ...handoff, waitTime: 960 } : handoff)),
    };
    expect(changeSummary(before, cut)).toBe('Build → Deploy: wait time 3d → 2d');
  });
});
