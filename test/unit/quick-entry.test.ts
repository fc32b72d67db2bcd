import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../shared/model/duration';
import { parseQuickEntry } from '../../shared/model/quick-entry';

const teams = [
  { id: 'product', name: 'Product' },
  { id: 'dev', name: 'Development' },
  { id: 'qa', name: 'Quality assurance' },
  { id: 'ops', name: 'Operations' },
];
const read = (line: string) => parseQuickEntry(line, teams, DEFAULT_CALENDAR);
const entry = (line: string) => {
  const result = read(line);
  if (!result.ok) throw new Error(result.error);
  return result.entry;
};
const error = (line: string) => {
  const result = read(line);
  if (result.ok) throw new Error(`expected "${line}" to be refused`);
  return result.error;
};

describe('parseQuickEntry', () => {
  it('reads the name, team, process and lead time, %C&A and the wait into the step', () => {
    expect(entry('Code review, dev, 2h/2d, 85%, wait 1d')).toEqual({
      name: 'Code review',
      team: 'dev',
      processTime: 120,
      leadTime: 960,
      percentCompleteAccurate: 85,
      waitTime: 480,
    });
  });

  it('takes the parts after the name in any order, and each is optional', () => {
    expect(entry('  Deploy  ')).toEqual({ name: 'Deploy' });
    expect(entry('Deploy, 30m')).toEqual({ name: 'Deploy', processTime: 30 });
    expect(entry('Deploy,wait 2h,90%,ops')).toEqual({
      name: 'Deploy',
      team: 'ops',
      waitTime: 120,
      percentCompleteAccurate: 90,
    });
    expect(entry('Deploy, , 1d 4h/1w')).toEqual({ name: 'Deploy', processTime: 720, leadTime: 2400 });
  });

  it('finds a team by name or id in any case, or by the start of one name', () => {
    expect(entry('Test, QUALITY ASSURANCE').team).toBe('qa');
    expect(entry('Test, Qa').team).toBe('qa');
    expect(entry('Test, deve').team).toBe('dev');
    expect(entry('Test, op').team).toBe('ops');
  });

  it('names the part that is wrong, with the inspector’s words for durations', () => {
    expect(error('Test, testers')).toBe(
      'Team: no team called "testers"; the teams are "Product", "Development", "Quality assurance", "Operations".',
    );
    expect(entry('Test, p').team).toBe('product');
    expect(error('Test, 3x')).toBe('Process time: "3x" has an unknown unit "x"; use m, h, d or w.');
    expect(error('Test, 2h/2y')).toBe(
      'Process time: (lead time, after the "/") "2y" has an unknown unit "y"; use m, h, d or w.',
    );
    expect(error('Test, ten%')).toBe('%C&A: "ten%" is not a percentage, like "85%".');
    // The range is the step's rule, checked when it is added.
    expect(entry('Test, 120%').percentCompleteAccurate).toBe(120);
    expect(error('Test, wait')).toBe('Wait time: is empty; write a duration like "4h" or "2d 4h".');
    expect(error('Test, 1h, 2h')).toBe('Process time: given twice (in "2h").');
    expect(error(' , dev')).toMatch(/^Name: /);
  });

  it('says which teams a prefix could be', () => {
    const similar = [
      { id: 'dev-web', name: 'Web developers' },
      { id: 'dev-app', name: 'App developers' },
    ];
    const result = parseQuickEntry('Build, dev', similar, DEFAULT_CALENDAR);
    expect(result).toEqual({
      ok: false,
      error: 'Team: "dev" could be "Web developers", "App developers"; write more of the name.',
    });
  });
});
