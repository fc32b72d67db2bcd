// Files with very many problems and maps over the size limits (issue #10): every boundary answers
// with the first problems and a count of the rest, quickly, and refuses maps over the limits.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, ERROR_STATUS } from '../../electron/api/handlers';
import { addStep } from '../../shared/model/commands';
import { formatDuration } from '../../shared/model/duration';
import { MAX_REPORTED_ISSUES } from '../../shared/model/issues';
import { MAP_LIMITS } from '../../shared/model/schema';
import { validateDocument } from '../../shared/model/validate';
import { randomMap } from '../fixtures/random-map';
import { issuesOf } from './helpers';
import { tempLibrary } from './store/helpers';

const doc = (raw: Record<string, unknown>) => ({ format: 'vsm/1', name: 'Test', ...raw });
const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra${i}`, 1]));

/**
 * About 130,000 problems in 1.4 MB, inside the size limits: every step and handoff has many unknown
 * fields, and every handoff names steps that do not exist.
 */
function manyProblems(): string {
  const steps = Array.from({ length: MAP_LIMITS.steps.most }, (_, i) => ({
    id: `s${i}`,
    name: 'S',
    processTime: 1,
    ...fields(45),
  }));
  const handoffs = Array.from({ length: MAP_LIMITS.handoffs.most }, (_, i) => ({
    from: `x${i}`,
    to: `y${i}`,
    ...fields(15),
  }));
  return JSON.stringify(doc({ steps, handoffs }));
}

const folder = mkdtempSync(join(tmpdir(), 'flowmap-large-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('a document with very many problems', () => {
  const text = manyProblems();
  const total = MAP_LIMITS.steps.most * 45 + MAP_LIMITS.handoffs.most * 17;

  it('reports the first 100 in document order and counts the rest', () => {
    const result = validateDocument(JSON.parse(text));
    if (result.ok) throw new Error('expected problems');
    expect(result.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(result.more).toBe(total - MAX_REPORTED_ISSUES);
    expect(result.issues[0]).toEqual({
      path: 'steps[0].extra0',
      message:
        'is not a field here (known fields: id, name, team, processTime, leadTime, percentCompleteAccurate, people, notes, position)',
    });
    expect(result.issues[45]!.path).toBe('steps[1].extra0');
  });

  it('keeps document order when the problems between parts are found last', () => {
    const lines = issuesOf(
      doc({
        teams: [{ id: 't', name: 'T' }],
        steps: [{ id: 'a', name: 'A', processTime: 1, team: 'nobody' }],
        ideas: Array.from({ length: 300 }, (_, i) => ({ id: `i${i}` })),
      }),
    );
    expect(lines[0]).toBe('steps[0].team: no team has the id "nobody"');
    expect(lines[1]).toBe('ideas[0].text: is required');
    expect(lines).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(lines.at(-1)).toBe('… and 201 more problems');
  });

  it('answers an import through the API with 400 and a bounded message', async () => {
    const library = tempLibrary();
    const answer = await dispatch({ library }, 'importFiles', { files: [{ name: 'many.json', text }] });
    if (answer.ok) throw new Error('expected the import to be refused');
    expect(ERROR_STATUS[answer.error.code]).toBe(400);
    const lines = answer.error.message.split('\n');
    expect(lines[0]).toBe('Nothing was imported:');
    expect(lines.slice(1, -1)).toHaveLength(MAX_REPORTED_ISSUES);
    expect(lines.at(-1)).toBe(`… and ${(total - MAX_REPORTED_ISSUES).toLocaleString('en-US')} more problems`);
    expect(answer.error.message.length).toBeLessThan(20_000);
    expect(library.listStreams()).toEqual([]);
  });

  it('gives a bounded output from vsm validate', async () => {
    const path = join(folder, 'many.json');
    writeFileSync(path, text);
    const bin = resolve(import.meta.dirname, '../../cli/bin/vsm.js');
    const failed = await promisify(execFile)(process.execPath, [bin, 'validate', path]).then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(failed?.code).toBe(1);
    const lines = failed!.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(lines[0]).toBe(
      `${path}: steps[0].extra0: is not a field here (known fields: id, name, team, processTime, leadTime, percentCompleteAccurate, people, notes, position)`,
    );
    expect(lines.at(-1)).toBe(`${path}: … and ${(total - MAX_REPORTED_ISSUES).toLocaleString('en-US')} more problems`);
  });

  it('refuses an object with very many fields as a whole', () => {
    expect(issuesOf(doc({ steps: [{ id: 'a', name: 'A', processTime: 1, ...fields(100_000) }] }))).toEqual([
      'steps[0]: has 100,003 fields; the known ones are id, name, team, processTime, leadTime, percentCompleteAccurate, people, notes, position',
    ]);
  });

  it('cuts long unknown keys and long cycles in messages', () => {
    const [key] = issuesOf(doc({ ['k'.repeat(10_000)]: 1 }));
    expect(key).toBe(
      `${'k'.repeat(40)}…: is not a field here (known fields: format, name, state, calendar, notes, teams, steps, handoffs, participants, ideas)`,
    );
    const ids = Array.from({ length: 50 }, (_, i) => `s${i}`);
    const [cycle] = issuesOf(
      doc({
        steps: ids.map((id) => ({ id, name: id, processTime: 1 })),
        handoffs: ids.map((from, i) => ({ from, to: ids[(i + 1) % ids.length] })),
      }),
    );
    expect(cycle).toBe(
      'handoffs[49]: forward handoffs form a cycle: s0 → s1 → s2 → s3 → s4 → s5 → s6 → s7 → s8 → … (41 more) → s0; make the handoff that goes back a rework loop by giving it "rework" (a probability)',
    );
  });
});

describe('the size limits of a map', () => {
  it('refuses more parts than the limit, naming the field and the limit, before reading them', () => {
    const over = (most: number) => Array.from({ length: most + 1 }, () => ({}));
    expect(
      issuesOf(
        doc({
          teams: over(MAP_LIMITS.teams.most),
          steps: over(MAP_LIMITS.steps.most),
          handoffs: over(MAP_LIMITS.handoffs.most),
          ideas: over(MAP_LIMITS.ideas.most),
        }),
      ),
    ).toEqual([
      'teams: has 201 teams; a map has at most 200',
      'steps: has 1,001 steps; a map has at most 1,000',
      'handoffs: has 5,001 handoffs; a map has at most 5,000',
      'ideas: has 2,001 ideas; a map has at most 2,000',
    ]);
  });

  it('accepts a map of the largest size', () => {
    const largest = randomMap({ seed: 1, size: MAP_LIMITS.steps.most });
    expect(validateDocument(largest).ok).toBe(true);
  });

  it('refuses an edit that would make the map larger', () => {
    const largest = randomMap({ seed: 1, size: MAP_LIMITS.steps.most });
    expect(addStep(largest, { name: 'One more' })).toEqual({ ok: false, error: 'A map has at most 1,000 steps.' });
    expect(addStep(randomMap({ seed: 1, size: 10 }), { name: 'One more' }).ok).toBe(true);
  });

  it('refuses a larger map saved through the API', async () => {
    const library = tempLibrary();
    const opened = library.createStream('Big');
    const document = randomMap({ seed: 1, size: MAP_LIMITS.steps.most + 1 });
    const answer = await dispatch({ library }, 'saveMap', {
      id: opened.summary.id,
      document,
      baseRevision: opened.revision,
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'The request "saveMap" is not valid: document: steps: has 1,001 steps; a map has at most 1,000',
      },
    });
  });
});

describe('the calendar', () => {
  it('refuses days and weeks too short to count in', () => {
    expect(issuesOf(doc({ calendar: { hoursPerDay: 5e-324, daysPerWeek: 0.1 } }))).toEqual([
      'calendar.hoursPerDay: must be at least 0.25, not 5e-324 (working hours in a day, from 0.25 to 24)',
      'calendar.daysPerWeek: must be at least 0.5, not 0.1 (working days in a week, from 0.5 to 7)',
    ]);
  });

  it('prints durations in the shortest calendar', () => {
    const result = validateDocument(doc({ calendar: { hoursPerDay: 0.25, daysPerWeek: 0.5 } }));
    if (!result.ok) throw new Error('the shortest calendar is valid');
    expect(formatDuration(1e9, result.document.calendar)).toBe('133333333w 3m');
  });
});
