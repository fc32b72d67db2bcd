import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../cli/main';
import { Library } from '../../electron/store/library';
import { SCHEMA_VERSION } from '../../electron/store/migrations/index';
import { changeSummary } from '../../shared/metrics/change-marks';
import { removeStep } from '../../shared/model/commands';
import { examplePath, valid } from './helpers';

const folder = mkdtempSync(join(tmpdir(), 'flowmap-cli-db-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});
let count = 0;
const freshDb = () => join(folder, `library-${++count}`, 'flowmap.db');

async function vsm(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

const examples = ['feature-delivery-current', 'feature-delivery-future', 'clinic-visit'].map((name) =>
  examplePath(name),
);

describe('vsm db', () => {
  it('imports files, prints their ids, and lists them', async () => {
    const db = freshDb();
    const imported = await vsm('db', 'import', ...examples, '--db', db);
    expect(imported.status).toBe(0);
    const ids = imported.stdout.trim().split('\n');
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{8}$/);

    const listed = await vsm('db', 'list', '--db', db, '--json');
    expect(listed.status).toBe(0);
    const rows = JSON.parse(listed.stdout) as {
      id: string;
      name: string;
      state: string;
      label: string;
      updated: string;
    }[];
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    expect(rows.find((row) => row.id === ids[1])).toMatchObject({
      name: 'Feature delivery',
      state: 'future',
      label: 'Future state',
    });
    expect(new Date(rows[0]!.updated).toISOString()).toBe(rows[0]!.updated);

    const human = await vsm('db', 'list', '--db', db);
    expect(human.stdout.split('\n')[0]).toMatch(/^ID\s+Name\s+State\s+Steps\s+Lead time\s+Flow eff\.\s+Updated$/);
    expect(human.stdout).toMatch(
      new RegExp(
        `${ids[0]}\\s+Feature delivery\\s+Current state\\s+8\\s+11w 4h\\s+12\\.6%\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`,
      ),
    );
  });

  it('uses FLOWMAP_DB when --db is not given', async () => {
    const db = freshDb();
    const saved = process.env['FLOWMAP_DB'];
    process.env['FLOWMAP_DB'] = db;
    try {
      expect((await vsm('db', 'import', examples[2]!)).status).toBe(0);
      expect(JSON.parse((await vsm('db', 'list', '--json')).stdout)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env['FLOWMAP_DB'];
      else process.env['FLOWMAP_DB'] = saved;
    }
  });

  it('imports all or none', async () => {
    const db = freshDb();
    const bad = join(folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'vsm/1', name: 'Bad', steps: [{ id: 'a', name: 'A', processTime: '3x' }] }),
    );
    const result = await vsm('db', 'import', examples[0]!, bad, join(folder, 'missing.yaml'), '--db', db);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: `Nothing was imported:\n${join(folder, 'missing.yaml')}: cannot be read: no such file\n`,
    });
    const second = await vsm('db', 'import', examples[0]!, bad, '--db', db);
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(
      `Nothing was imported:\n${bad}: steps[0].processTime: "3x" has an unknown unit "x"; use m, h, d or w\n`,
    );
    expect(JSON.parse((await vsm('db', 'list', '--json', '--db', db)).stdout)).toEqual([]);
  });

  it('exports a map as JSON or YAML by extension, by id or a unique start of it', async () => {
    const db = freshDb();
    const [id] = (await vsm('db', 'import', examples[0]!, '--db', db)).stdout.trim().split('\n');
    const yamlFile = join(folder, 'out.vsm.yaml');
    expect(await vsm('db', 'export', id!, '--out', yamlFile, '--db', db)).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expect(parse(readFileSync(yamlFile, 'utf8'))).toMatchObject({
      format: 'vsm/1',
      name: 'Feature delivery',
      state: 'current',
    });
    const jsonFile = join(folder, 'out.json');
    expect((await vsm('db', 'export', id!.slice(0, 4), '--out', jsonFile, '--db', db)).status).toBe(0);
    expect((await vsm('metrics', jsonFile, '--json')).stdout).toBe(
      (await vsm('metrics', examples[0]!, '--json')).stdout,
    );
  });

  it('says what is wrong with an export, with the exit statuses of spec section 5', async () => {
    const db = freshDb();
    await vsm('db', 'import', examples[0]!, '--db', db);
    expect(await vsm('db', 'export', 'nope', '--out', join(folder, 'x.json'), '--db', db)).toEqual({
      status: 1,
      stdout: '',
      stderr: `There is no map with the id "nope" in ${db} ("vsm db list" shows them).\n`,
    });
    const noOut = await vsm('db', 'export', 'abcd', '--db', db);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('"db export" needs --out FILE');
    expect((await vsm('db', 'export', 'abcd', '--out', 'x.pdf', '--db', db)).status).toBe(2);
    expect((await vsm('db', 'frob')).stderr).toBe('vsm: unknown command "db frob"\nRun "vsm --help" for usage.\n');
    expect((await vsm('db')).status).toBe(2);
    expect((await vsm('db', 'list', 'extra')).status).toBe(2);
  });

  it('refuses corrupt, foreign, newer and unreadable libraries with exit status 1 and a message', async () => {
    const random = join(folder, 'random.db');
    writeFileSync(random, Buffer.alloc(4096, 7));
    expect(await vsm('db', 'list', '--db', random)).toEqual({
      status: 1,
      stdout: '',
      stderr: `${random} is not a Flowmap library: it is not an SQLite database.\n`,
    });

    const foreign = join(folder, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect((await vsm('db', 'list', '--db', foreign)).stderr).toBe(
      `${foreign} is not a Flowmap library: it is an SQLite database of another application.\n`,
    );

    const newer = freshDb();
    await vsm('db', 'list', '--db', newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const refused = await vsm('db', 'import', examples[0]!, '--db', newer);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('was written by a newer Flowmap');
    expect(refused.stderr).toContain('Update Flowmap to open it');

    const notAFolder = join(random, 'inside', 'flowmap.db');
    const unreadable = await vsm('db', 'list', '--db', notAFolder);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/^The folder of the library .* cannot be created: /);
  });

  it("lists a map's history and restores a revision as a new one", async () => {
    const db = freshDb();
    const [id] = (await vsm('db', 'import', examples[0]!, '--db', db)).stdout.trim().split('\n');
    // Two saves, as the app makes them: a step less each time; the first revision named.
    const library = Library.open(db);
    const { document: original } = library.openMap(id!);
    let document = original;
    for (const revision of [1, 2]) {
      const removed = removeStep(document, document.steps[0]!.id);
      if (!removed.ok) throw new Error(removed.error);
      document = removed.document;
      library.saveMap(id!, valid(document), revision);
    }
    library.nameRevision(id!, 1, 'start of workshop');
    const expected = [
      changeSummary(library.openRevision(id!, 2), library.openRevision(id!, 3)),
      changeSummary(original, library.openRevision(id!, 2)),
    ];
    library.close();

    const listed = await vsm('db', 'history', id!.slice(0, 4), '--json', '--db', db);
    expect(listed.status).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows.map(({ time, ...rest }) => ({ ...rest, time: typeof time }))).toEqual([
      { number: 3, time: 'string', name: null, summary: expected[0], restoredFrom: null },
      { number: 2, time: 'string', name: null, summary: expected[1], restoredFrom: null },
      { number: 1, time: 'string', name: 'start of workshop', summary: null, restoredFrom: null },
    ]);
    expect(new Date(rows[0]!['time'] as string).toISOString()).toBe(rows[0]!['time']);

    expect(await vsm('db', 'restore', id!, '1', '--db', db)).toEqual({ status: 0, stdout: '4\n', stderr: '' });
    const human = (await vsm('db', 'history', id!, '--db', db)).stdout.split('\n');
    expect(human[0]).toMatch(/^Rev\.\s+Time\s+Name\s+Change\s+Restored from$/);
    expect(human[1]).toMatch(/^\s*4\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+.*\s1$/);
    expect(human[4]).toMatch(/^\s*1\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+start of workshop\s+Created$/);
    const restored = JSON.parse((await vsm('db', 'history', id!, '--json', '--db', db)).stdout) as unknown[];
    expect(restored[0]).toMatchObject({ number: 4, restoredFrom: 1 });
    const reopened = Library.open(db, { readOnly: true });
    expect(reopened.openMap(id!).document).toEqual(original);
    reopened.close();
  });

  it('says what is wrong with a restore', async () => {
    const db = freshDb();
    const [id] = (await vsm('db', 'import', examples[0]!, '--db', db)).stdout.trim().split('\n');
    expect(await vsm('db', 'restore', id!, '7', '--db', db)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'The map has no revision 7 (it may have been pruned).\n',
    });
    const notANumber = await vsm('db', 'restore', id!, 'last', '--db', db);
    expect(notANumber.status).toBe(2);
    expect(notANumber.stderr).toContain('REVISION last: a revision number is a whole number from 1');
    expect((await vsm('db', 'restore', id!, '--db', db)).status).toBe(2);
    expect((await vsm('db', 'history', 'nope', '--db', db)).status).toBe(1);
  });

  it('runs as a process without stack traces', async () => {
    const exec = promisify(execFile);
    const bin = resolve(import.meta.dirname, '../../cli/bin/vsm.js');
    const random = join(folder, 'random-process.db');
    writeFileSync(random, 'garbage '.repeat(100));
    const failure = await exec(process.execPath, [bin, 'db', 'list', '--db', random]).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure).toMatchObject({
      code: 1,
      stderr: `${random} is not a Flowmap library: it is not an SQLite database.\n`,
    });
  });
});
