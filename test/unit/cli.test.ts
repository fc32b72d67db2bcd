import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../../cli/main';
import type { Comparison } from '../../shared/metrics/compare';
import { MAX_DOCUMENT_BYTES, serializeDocument } from '../../shared/model/text';
import { randomMap } from '../fixtures/random-map';
import { examplePath, expectClose, readJson } from './helpers';

const folder = mkdtempSync(join(tmpdir(), 'flowmap-cli-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

async function vsm(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

const current = examplePath('feature-delivery-current');
const future = examplePath('feature-delivery-future');

describe('vsm validate', () => {
  it('prints ok for valid maps, JSON or YAML', async () => {
    expect(await vsm('validate', current)).toEqual({ status: 0, stdout: 'ok\n', stderr: '' });
    const yaml = file('current.vsm.yaml', stringify(readJson(current)));
    expect(await vsm('validate', yaml, current)).toEqual({
      status: 0,
      stdout: `${yaml}: ok\n${current}: ok\n`,
      stderr: '',
    });
  });

  it('prints every error, one a line with the file and field path, and exits 1', async () => {
    const bad = file(
      'bad.yaml',
      [
        'format: vsm/1',
        'name: Bad',
        'steps:',
        '  - { id: a, name: A, processTime: 3x }',
        '  - { id: b, name: B, processTime: 1h, leadTime: 30m }',
        'handoffs:',
        '  - { from: a, to: c }',
        '',
      ].join('\n'),
    );
    expect(await vsm('validate', bad)).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        `${bad}: steps[0].processTime: "3x" has an unknown unit "x"; use m, h, d or w`,
        `${bad}: steps[1].leadTime: is 30m, shorter than the process time (1h); lead time includes the process time`,
        `${bad}: handoffs[0].to: no step has the id "c"`,
        '',
      ].join('\n'),
    });
  });

  it('reports each validation rule through the command line', async () => {
    const cases: [string, object, string][] = [
      ['unknown key', { format: 'vsm/1', name: 'x', colour: 1 }, 'colour: is not a field here'],
      [
        'duplicate id',
        {
          format: 'vsm/1',
          name: 'x',
          steps: [
            { id: 'a', name: 'A', processTime: 1 },
            { id: 'a', name: 'B', processTime: 1 },
          ],
        },
        'steps[1].id: "a" is already the id of steps[0]',
      ],
      [
        'dangling team',
        { format: 'vsm/1', name: 'x', steps: [{ id: 'a', name: 'A', processTime: 1, team: 'q' }] },
        'steps[0].team: no team has the id "q"',
      ],
      [
        'cycle',
        {
          format: 'vsm/1',
          name: 'x',
          steps: [
            { id: 'a', name: 'A', processTime: 1 },
            { id: 'b', name: 'B', processTime: 1 },
          ],
          handoffs: [
            { from: 'a', to: 'b' },
            { from: 'b', to: 'a' },
          ],
        },
        'handoffs[1]: forward handoffs form a cycle: a → b → a',
      ],
      [
        'rework forward',
        {
          format: 'vsm/1',
          name: 'x',
          steps: [
            { id: 'a', name: 'A', processTime: 1 },
            { id: 'b', name: 'B', processTime: 1 },
          ],
          handoffs: [{ from: 'a', to: 'b', rework: 0.5 }],
        },
        'handoffs[0]: is a rework loop that does not go back',
      ],
      [
        'probability',
        {
          format: 'vsm/1',
          name: 'x',
          steps: [{ id: 'a', name: 'A', processTime: 1 }],
          handoffs: [{ from: 'a', to: 'a', rework: 1.2 }],
        },
        'handoffs[0].rework: must be below 1',
      ],
      [
        'LT below PT',
        { format: 'vsm/1', name: 'x', steps: [{ id: 'a', name: 'A', processTime: '2h', leadTime: '1h' }] },
        'steps[0].leadTime: is 1h, shorter than the process time (2h)',
      ],
      [
        '__proto__',
        JSON.parse('{"format":"vsm/1","name":"x","__proto__":{"a":1}}') as object,
        '__proto__: is not a field here',
      ],
    ];
    const texts: [string, string, string][] = cases.map(([name, document, message]) => [
      name,
      JSON.stringify(document),
      message,
    ]);
    texts.push(
      [
        'huge number',
        '{"format":"vsm/1","name":"x","steps":[{"id":"a","name":"A","processTime":1e999}]}',
        'steps[0].processTime: is not a finite number',
      ],
      [
        'deep nesting',
        `{"format":"vsm/1","name":"x","teams":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
        'teams[0]: must be an object of named fields, not a list',
      ],
    );
    for (const [name, text, message] of texts) {
      const path = file(`${name.replace(/\W/g, '-')}.json`, text);
      const result = await vsm('validate', path);
      expect(result.status, name).toBe(1);
      expect(result.stderr, name).toContain(`${path}: ${message}`);
      expect(result.stderr, name).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses unreadable, missing, oversized and malformed files with exit status 1', async () => {
    const missing = join(folder, 'missing.json');
    expect(await vsm('validate', missing)).toEqual({
      status: 1,
      stdout: '',
      stderr: `${missing}: cannot be read: no such file\n`,
    });
    expect((await vsm('validate', folder)).stderr).toBe(`${folder}: is a folder, not a map file\n`);
    const big = file('big.json', '');
    truncateSync(big, MAX_DOCUMENT_BYTES + 1);
    expect(await vsm('validate', big)).toEqual({
      status: 1,
      stdout: '',
      stderr: `${big}: is 20.0 MB; maps are limited to 20 MB\n`,
    });
    const broken = file('broken.json', '{"format": "vsm/1",\n  "name": }');
    expect((await vsm('validate', broken)).stderr).toBe(
      `${broken}: document: is not valid JSON: Unexpected token '}' (line 2, column 11)\n`,
    );
    if (process.getuid?.() !== 0) {
      const locked = file('locked.json', '{}');
      chmodSync(locked, 0o000);
      expect((await vsm('validate', locked)).stderr).toBe(`${locked}: cannot be read: permission denied\n`);
    }
  });
});

describe('vsm metrics', () => {
  it('prints the --json figures of the examples', async () => {
    for (const name of ['clinic-visit', 'feature-delivery-current', 'feature-delivery-future']) {
      const result = await vsm('metrics', examplePath(name), '--json');
      expect(result.status).toBe(0);
      expectClose(JSON.parse(result.stdout), readJson(examplePath(name, '.expected.json')));
    }
  });

  it('includes the ideas in --json, ranked by votes (spec section 6)', async () => {
    const { stdout } = await vsm('metrics', current, '--json');
    const { ideas } = JSON.parse(stdout) as { ideas: { id: string; votes: number; status: string }[] };
    expect(ideas.map(({ id, votes, status }) => `${id} ${votes} ${status}`)).toEqual([
      'i1 5 proposed',
      'i2 4 proposed',
      'i3 3 proposed',
    ]);
  });

  it('prints a readable report: units, the critical path, walls by delay with severity', async () => {
    const { status, stdout } = await vsm('metrics', current);
    expect(status).toBe(0);
    expect(stdout).toContain('Feature delivery (current state)');
    expect(stdout).toMatch(/Lead time\s+11w 4h\n/);
    expect(stdout).toMatch(/Flow efficiency\s+12\.6%\n/);
    expect(stdout).toMatch(/Rolled %C&A\s+13\.5%\n/);
    expect(stdout).toMatch(/Rework-adjusted lead time\s+13w 4d 1h 26m\n/);
    expect(stdout).toContain(
      'Capture idea → Write requirements → Develop feature → Code review → Manual regression test → Change advisory board → Deploy to production',
    );
    const walls = stdout.split('\n').filter((line) => /^\s+(HIGH|MEDIUM|LOW)\s/.test(line));
    expect(
      walls.map((line) =>
        line
          .trim()
          .split(/\s{2,}/)
          .slice(0, 4),
      ),
    ).toEqual([
      ['HIGH', '3w 2d', '30.6%', '60.0%'],
      ['MEDIUM', '1w 2d 4h', '13.5%', '80.0%'],
      ['MEDIUM', '1w 1d 7h', '12.4%', '90.0%'],
      ['MEDIUM', '1w 1d', '10.8%', '70.0%'],
      ['MEDIUM', '4d 7h', '8.8%', '90.0%'],
    ]);
    expect(stdout).toMatch(/Security review\s+Security\s+4h\s+1w\s+80\.0%\s+7w 2d 4h\s+2d\n/);
  });

  it('says so when a map has no walls', async () => {
    expect((await vsm('metrics', examplePath('clinic-visit'))).stdout).toContain('Walls of confusion: none');
  });
});

describe('vsm export', () => {
  it('writes the report, the pictures and the vsm/1 file, by extension or --format', async () => {
    for (const [name, start] of [
      ['map.pdf', '%PDF-'],
      ['map.svg', '<svg'],
      ['map.png', '\u0089PNG'],
      ['map.vsm.yaml', 'format: vsm/1'],
    ] as const) {
      expect(await vsm('export', current, '--out', join(folder, name))).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(join(folder, name)).subarray(0, start.length).toString('latin1')).toBe(start);
    }
    expect((await vsm('export', current, '--out', join(folder, 'picture.out'), '--format', 'svg')).status).toBe(0);
    expect(readFileSync(join(folder, 'picture.out'), 'utf8')).toMatch(/^<svg/);
  });

  it('refuses what it cannot do, and writes nothing for an invalid map', async () => {
    expect(await vsm('export', current, '--out', join(folder, 'map.docx'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('the file name does not say the format') as unknown,
    });
    expect(await vsm('export', current, '--out', join(folder, 'a.pdf'), '--page', 'A3')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--page A3: use A4 or Letter') as unknown,
    });
    expect((await vsm('export', current)).status).toBe(2);
    const bad = file(
      'bad.json',
      JSON.stringify({ format: 'vsm/1', name: 'x', steps: [{ id: 'a', name: 'A', processTime: '3x' }] }),
    );
    const result = await vsm('export', bad, '--out', join(folder, 'bad.pdf'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('steps[0].processTime');
    expect(() => readFileSync(join(folder, 'bad.pdf'))).toThrow();
  });
});

describe('vsm compare', () => {
  it('writes the comparison report with --out: PDF, SVG or PNG', async () => {
    for (const [name, start] of [
      ['compare.pdf', '%PDF-'],
      ['compare.svg', '<svg'],
      ['compare.png', '\u0089PNG'],
    ] as const) {
      const out = join(folder, name);
      expect(await vsm('compare', current, future, '--out', out)).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(out).subarray(0, start.length).toString('latin1')).toBe(start);
    }
    expect((await vsm('compare', current, future, '--out', join(folder, 'compare.json'))).status).toBe(2);
  });

  it('prints the deltas of current to future', async () => {
    const { status, stdout } = await vsm('compare', current, future);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Lead time\s+11w 4h\s+2w 2d 6h 15m\s+−8w 2d 5h 45m \(−77\.0%\)\n/);
    expect(stdout).toMatch(/Flow efficiency\s+12\.6%\s+32\.0%\s+\+19\.4 pts\n/);
    expect(stdout).toContain('Added (1): Automated tests and security scans');
    expect(stdout).toContain('Removed (3): Manual regression test, Security review, Change advisory board');
    expect(stdout).toContain('Added (1): Business → Product team (3d 4h)');
    expect(stdout).toContain('    Develop feature → Code review: wait time 4h → 1h\n');
  });

  it('prints one JSON object with --json', async () => {
    const { status, stdout } = await vsm('compare', current, future, '--json');
    expect(status).toBe(0);
    const comparison = JSON.parse(stdout) as Comparison;
    expect(comparison.leadTimeChange).toBeCloseTo(-0.7697, 4);
    expect(comparison.metrics.flowEfficiency.delta).toBeCloseTo(0.1942, 4);
    expect([comparison.handoffs.added.length, comparison.handoffs.removed.length]).toEqual([3, 7]);
    expect(comparison.handoffs.changed.find((handoff) => handoff.after.from === 'build')).toEqual({
      before: { from: 'build', to: 'review', fromName: 'Develop feature', toName: 'Code review', rework: false },
      after: { from: 'build', to: 'review', fromName: 'Develop feature', toName: 'Code review', rework: false },
      changes: [{ field: 'waitTime', before: 240, after: 60 }],
    });
  });

  it('reports the errors of both files', async () => {
    const bad = file('bad-compare.json', '{"format":"vsm/1"}');
    const result = await vsm('compare', bad, join(folder, 'nope.json'));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${bad}: name: is required\n${join(folder, 'nope.json')}: cannot be read: no such file\n`,
    );
  });
});

describe('usage', () => {
  it('explains every command with --help', async () => {
    const help = await vsm('--help');
    expect(help.status).toBe(0);
    for (const command of ['validate', 'metrics', 'compare']) {
      expect(help.stdout).toContain(`vsm ${command}`);
      const own = await vsm(command, '--help');
      expect(own.status).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage: vsm ${command}`));
      expect((await vsm('help', command)).stdout).toBe(own.stdout);
    }
  });

  it("keeps each command's summary apart from its usage, a long usage with the summary under it", async () => {
    const { stdout } = await vsm('--help');
    expect(stdout).toContain('  vsm validate FILE...                      check maps;');
    expect(stdout).toMatch(
      /\n {2}vsm export FILE --out OUT \[[^\n]*\]\n {44}render the map report or workshop summary/,
    );
    expect(stdout).toMatch(/\n {2}vsm compare BEFORE AFTER \[--json\] \[--out OUT\]\n {44}compare two maps/);
  });

  it('exits 2 on usage errors, saying what is wrong', async () => {
    expect(await vsm()).toMatchObject({ status: 2, stdout: '' });
    expect(await vsm('frobnicate')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'vsm: unknown command "frobnicate"\nRun "vsm --help" for usage.\n',
    });
    expect(await vsm('metrics')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'vsm: "metrics" takes 1 file, got 0\nRun "vsm metrics --help" for usage.\n',
    });
    expect((await vsm('compare', current)).stderr).toContain('"compare" takes 2 files, got 1');
    expect((await vsm('metrics', current, '--yaml')).status).toBe(2);
    expect((await vsm('validate', current, '--json')).stderr).toContain("Unknown option '--json'");
  });
});

describe('the vsm executable', () => {
  const exec = promisify(execFile);
  const bin = resolve(import.meta.dirname, '../../cli/bin/vsm.js');
  const spawnVsm = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, [bin, ...args]);
      return { status: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('runs as a process with the exit statuses of spec section 5 and no stack traces', async () => {
    expect(await spawnVsm('validate', current)).toEqual({ status: 0, stdout: 'ok\n', stderr: '' });
    const bad = file(
      'bad-process.json',
      readFileSync(current, 'utf8').replace('"processTime": "2h"', '"processTime": "2 hours"'),
    );
    const invalid = await spawnVsm('metrics', bad, '--json');
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toBe(
      `${bad}: steps[0].processTime: "2 hours" has an unknown unit "hours"; use m, h, d or w\n`,
    );
    const usage = await spawnVsm('metrics', '--nope');
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops at Ctrl+C in a long export, leaving no file', async () => {
    const big = file('big.json', serializeDocument(randomMap({ seed: 8, size: 1000 }), 'json'));
    const out = join(folder, 'big.pdf');
    const child = spawn(process.execPath, [bin, 'export', big, '--out', out], { stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => {
        resolve(signal);
      }),
    );
    // The largest map a file may hold takes seconds to draw: Ctrl+C comes well before it is done.
    await new Promise((resolve) => setTimeout(resolve, 800));
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(existsSync(out)).toBe(false);
  });
});
