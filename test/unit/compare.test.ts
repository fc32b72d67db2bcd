import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareMaps } from '../../shared/metrics/compare';
import { formatChange, formatMetricDelta } from '../../shared/metrics/format';
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
