// Names with control characters and bidi overrides (issue #10): the command line prints them
// escaped (the window's side is in test/e2e/editor.spec.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/main';
import { visibleText } from '../../shared/model/visible-text';

const HOSTILE = 'evil\u001b[2J\u001b]0;owned\u0007\u009b31m\u007f\u202egnp.exe';
const ESCAPED = 'evil\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\\u007f\\u202egnp.exe';
/** What must never reach a terminal raw: C0 but tab and line feed, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const folder = mkdtempSync(join(tmpdir(), 'flowmap-visible-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function vsm(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

describe('visibleText', () => {
  it('escapes control characters and bidi controls, as JSON writes them', () => {
    expect(visibleText(HOSTILE)).toBe(ESCAPED);
    expect(visibleText('\u2066a\u2069\u200f\u061c\r')).toBe('\\u2066a\\u2069\\u200f\\u061c\\u000d');
  });

  it('leaves other text alone: line feeds, tabs, accents, scripts, emoji', () => {
    const text = 'Überprüfung\tמבחן 日本\n👩\u200d💻 é';
    expect(visibleText(text)).toBe(text);
  });
});

describe('the command line', () => {
  const path = join(folder, 'hostile.json');
  writeFileSync(
    path,
    JSON.stringify({
      format: 'vsm/1',
      name: HOSTILE,
      teams: [{ id: 't', name: HOSTILE }],
      steps: [{ id: 'a', name: HOSTILE, team: 't', processTime: '1h' }],
    }),
  );

  it('prints names with their control characters escaped', async () => {
    const { status, stdout } = await vsm('metrics', path);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout.split('\n')[0]).toBe(`${ESCAPED} (current state)`);
  });

  it('keeps --json valid JSON that reads back to the names', async () => {
    const { stdout } = await vsm('compare', path, path, '--json');
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.stringify(JSON.parse(stdout))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });

  it('escapes user text in error messages', async () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'vsm/1',
        name: 'x',
        steps: [{ id: 'a', name: 'A', processTime: 1, team: '\u001b[2J' }],
      }),
    );
    const { status, stderr } = await vsm('validate', bad);
    expect(status).toBe(1);
    expect(stderr).toBe(`${bad}: steps[0].team: no team has the id "\\u001b[2J" (the map has no teams)\n`);
  });
});
