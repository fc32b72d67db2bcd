/**
 * Nothing is ever lost: each promise of the library tested with real files and real processes.
 */
import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase, setAside } from '../../../electron/store/database';
import { LibraryError } from '../../../electron/store/errors';
import { SCHEMA_VERSION } from '../../../electron/store/migrations/index';
import { examplePath } from '../helpers';
import { exampleFile, openLibrary, tempFolder, tempLibrary } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/store');
const exec = promisify(execFile);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function openError(path: string): LibraryError {
  try {
    openLibrary(path);
  } catch (error) {
    if (error instanceof LibraryError) return error;
    throw error;
  }
  throw new Error('expected the library to be refused');
}

/** A library file with the examples in it, closed. */
function filledLibrary(): string {
  const library = tempLibrary();
  library.importFiles([exampleFile('feature-delivery-current'), exampleFile('feature-delivery-future')]);
  library.close();
  return library.path;
}

/** Everything a library file holds, read without changing it: its stamps, schema and every row. */
function schemaAndRows(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const schema = db
      .prepare<[], { name: string; type: string; sql: string | null }>(
        'SELECT name, type, sql FROM sqlite_schema ORDER BY name',
      )
      .all();
    const tables = schema.filter((entry) => entry.type === 'table' && !entry.name.startsWith('sqlite_'));
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      schema,
      rows: Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).raw().all()])),
    };
  } finally {
    db.close();
  }
}

/**
 * Runs `vsm` in a process of its own as a user whom file modes bind (root without the capability
 * to override them), so that a read-only file is read-only to it.
 */
async function vsmAsUser(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = [process.execPath, resolve(import.meta.dirname, '../../../cli/bin/vsm.js'), ...args];
  const [file, ...rest] =
    process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', ...command] : command;
  try {
    const { stdout, stderr } = await exec(file!, rest, { cwd: resolve(import.meta.dirname, '../../..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('a crash in the middle of saving', () => {
  it('leaves a library that opens, passes integrity_check and holds every save that returned', async () => {
    const path = join(tempFolder(), 'flowmap.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, 'save-loop.ts'), path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    await new Promise<void>((done) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Kill somewhere in the middle of a stream of saves.
        if ((output.match(/^saved /gm) ?? []).length >= 40) {
          child.kill('SIGKILL');
          done();
        }
      });
    });
    await new Promise((done) => child.on('exit', done));
    const lastReturned = Math.max(...[...output.matchAll(/^saved (\d+)$/gm)].map((match) => Number(match[1])));
    expect(lastReturned).toBeGreaterThanOrEqual(40);

    expect(existsSync(`${path}-wal`)).toBe(true); // it really died with writes in the WAL
    expect(integrity(path)).toBe('ok');
    const library = openLibrary(path);
    const [map] = library.listMaps();
    expect(map!.revision).toBeGreaterThanOrEqual(lastReturned);
    const history = library.history(map!.id).map((revision) => revision.number);
    for (let number = 1; number <= lastReturned; number++) expect(history).toContain(number);
    expect(library.openMap(map!.id).document.steps.length).toBe(map!.revision - 1);
  });
});

describe('files that are not a Flowmap library', () => {
  const cases: [string, (path: string) => void, RegExp][] = [
    [
      'random bytes',
      (path) => {
        writeFileSync(path, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
      },
      /is not a Flowmap library: it is not an SQLite database/,
    ],
    [
      'a text file',
      (path) => {
        writeFileSync(path, 'format: vsm/1\nname: not a database\n');
      },
      /is not a Flowmap library: it is not an SQLite database/,
    ],
    [
      "another app's SQLite file",
      (path) => {
        const db = new Database(path);
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');");
        db.close();
      },
      /is not a Flowmap library: it is an SQLite database of another application/,
    ],
    [
      'a truncated library',
      (path) => {
        copyFileSync(filledLibrary(), path);
        truncateSync(path, Math.floor(statSync(path).size / 2));
      },
      /is damaged: it is cut short \(\d+ of \d+ bytes\)/,
    ],
  ];

  it.each(cases)('refuses %s with a clear message and leaves it byte-for-byte untouched', (_name, make, message) => {
    const path = join(tempFolder(), 'flowmap.db');
    make(path);
    const before = sha256(path);
    const error = openError(path);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(path);
    expect(sha256(path)).toBe(before);
  });

  it('refuses a library with a damaged page and leaves it untouched', () => {
    const path = filledLibrary();
    // Scribble over the second page, a b-tree page of the schema's tables, header included.
    const bytes = readFileSync(path);
    bytes.fill(0xab, 4096, 4096 + 1024);
    writeFileSync(path, bytes);
    const before = sha256(path);
    expect(openError(path).code).toBe('damaged');
    expect(sha256(path)).toBe(before);
  });

  it('can set a broken file aside, renamed, and start a fresh library', () => {
    const folder = tempFolder();
    const path = join(folder, 'flowmap.db');
    writeFileSync(path, 'not a database');
    expect(openError(path).code).toBe('not-a-library');
    const aside = setAside(path, new Date('2026-11-26T10:00:00Z'));
    expect(aside).toBe(`${path}.unreadable-2026-11-26T10-00-00-000Z`);
    expect(readFileSync(aside, 'utf8')).toBe('not a database');
    expect(openLibrary(path).listMaps()).toEqual([]);
    const files = readdirSync(folder).filter((name) => !/-(wal|shm)$/.test(name));
    expect(files.sort()).toEqual(['flowmap.db', 'flowmap.db.unreadable-2026-11-26T10-00-00-000Z']);
  });
});

describe('a library from a newer Flowmap', () => {
  it('is refused untouched, with a message that says to update', () => {
    const path = filledLibrary();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(path);
    const error = openError(path);
    expect(error.code).toBe('newer-version');
    expect(error.message).toBe(
      `The library ${path} was written by a newer Flowmap (library version ${SCHEMA_VERSION + 1}; this Flowmap reads up to ${SCHEMA_VERSION}). Update Flowmap to open it; the file was not changed.`,
    );
    expect(sha256(path)).toBe(before);
  });
});

describe('files and disks that cannot be written', () => {
  it('refuses a read-only library with a clear error and changes nothing', async () => {
    const path = filledLibrary();
    chmodSync(path, 0o444);
    const before = sha256(path);
    // Root may write anything; without the capability to override file modes it may not.
    const asRoot = process.getuid?.() === 0;
    const command = [process.execPath, '--import', 'tsx', join(FIXTURES, 'try-open.ts'), path, 'save'];
    const [file, ...args] = asRoot
      ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', ...command]
      : command;
    const { stdout } = await exec(file!, args, { cwd: resolve(import.meta.dirname, '../../..') });
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      code: 'read-only',
      message: `The library ${path} cannot be written (read-only file or folder).`,
    });
    expect(sha256(path)).toBe(before);
  });

  it.each([
    ['a read-only library', false],
    ['a library in a read-only folder', true],
  ])(
    'lists and exports %s from the command line, writes nothing, and refuses an import',
    async (_name, folderToo) => {
      const path = filledLibrary();
      const folder = dirname(path);
      const out = tempFolder();
      chmodSync(path, 0o444);
      if (folderToo) chmodSync(folder, 0o555);
      const files = () => Object.fromEntries(readdirSync(folder).map((name) => [name, sha256(join(folder, name))]));
      const before = files();
      try {
        const list = await vsmAsUser('db', 'list', '--json', '--db', path);
        expect(list.stderr).toBe('');
        const rows = JSON.parse(list.stdout) as { id: string; name: string; state: string }[];
        expect(rows.map((row) => `${row.name} ${row.state}`).sort()).toEqual([
          'Feature delivery current',
          'Feature delivery future',
        ]);
        const exported = join(out, 'current.json');
        const current = rows.find((row) => row.state === 'current')!;
        const [exporting, importing] = await Promise.all([
          vsmAsUser('db', 'export', current.id, '--out', exported, '--db', path),
          vsmAsUser('db', 'import', examplePath('clinic-visit'), '--db', path),
        ]);
        expect(exporting).toEqual({ code: 0, stdout: '', stderr: '' });
        expect(JSON.parse(readFileSync(exported, 'utf8'))).toMatchObject({
          name: 'Feature delivery',
          state: 'current',
        });
        expect(importing).toEqual({
          code: 1,
          stdout: '',
          stderr: `The library ${path} cannot be written (read-only file or folder).\n`,
        });
        expect(files()).toEqual(before);
      } finally {
        chmodSync(folder, 0o755);
      }
    },
    60_000,
  );

  it('lists saves still in the WAL from the command line, and says why it cannot in a read-only folder', async () => {
    // The app has the library open: its last save is in the -wal file, beside the -shm.
    const path = join(tempFolder(), 'flowmap.db');
    const app = openLibrary(path);
    app.connection.pragma('wal_autocheckpoint = 0');
    app.importFiles([exampleFile('clinic-visit')]);
    const names = async (db: string) => {
      const listed = await vsmAsUser('db', 'list', '--json', '--db', db);
      expect(listed.stderr).toBe('');
      return (JSON.parse(listed.stdout) as { name: string }[]).map((row) => row.name.split(' (')[0]);
    };
    expect(await names(path)).toEqual(['Clinic visit']);

    // After a crash, in a read-only folder: the library and its -wal, with and without the -shm.
    const crashed = tempFolder();
    const copy = join(crashed, 'flowmap.db');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(path + suffix, copy + suffix);
    expect(statSync(`${copy}-wal`).size).toBeGreaterThan(0);
    chmodSync(crashed, 0o555);
    try {
      expect(await names(copy)).toEqual(['Clinic visit']);
      chmodSync(crashed, 0o755);
      rmSync(`${copy}-shm`);
      chmodSync(crashed, 0o555);
      expect(await vsmAsUser('db', 'list', '--db', copy)).toEqual({
        code: 1,
        stdout: '',
        stderr: `The library ${copy} cannot be read: its last changes are still in ${copy}-wal, which SQLite reads only with write access to the folder.\n`,
      });
    } finally {
      chmodSync(crashed, 0o755);
    }
    expect(await names(copy)).toEqual(['Clinic visit']);
  }, 90_000);

  it('reports a full disk and keeps every save that returned, with no half-written revision', async () => {
    // A real full disk: a 3 MB tmpfs in a mount namespace of our own. When the saves have filled it,
    // the library (with its WAL) is copied out for the checks below.
    const folder = tempFolder();
    const disk = join(folder, 'disk');
    const kept = join(folder, 'kept');
    mkdirSync(disk);
    mkdirSync(kept);
    const path = join(disk, 'flowmap.db');
    const script = [
      `mount -t tmpfs -o size=3m tmpfs "${disk}"`,
      `"${process.execPath}" --import tsx "${join(FIXTURES, 'save-loop.ts')}" "${path}" 100000 20`,
      `cp "${disk}"/flowmap.db* "${kept}"/`,
    ].join(' && ');
    const { stdout } = await exec('unshare', ['--map-root-user', '--mount', 'bash', '-c', script]);
    const lines = stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(
      /^failed disk-full The disk is full: the library .* could not be written\. Nothing was changed\.$/,
    );
    const lastReturned = Number(/^saved (\d+)$/.exec(lines[lines.length - 2]!)?.[1]);
    expect(lastReturned).toBeGreaterThan(5);

    const copy = join(kept, 'flowmap.db');
    expect(integrity(copy)).toBe('ok');
    const library = openLibrary(copy);
    const [map] = library.listMaps();
    expect(map!.revision).toBe(lastReturned);
    expect(library.openMap(map!.id).document.steps).toHaveLength((lastReturned - 1) * 20);
  });
});

describe('migrations', () => {
  it('stamps a new library and brings it to the current schema in one go', () => {
    const library = tempLibrary();
    const db = library.connection;
    expect(db.pragma('application_id', { simple: true })).toBe(0x464c4d50);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('matches the committed schema snapshot', async () => {
    const library = tempLibrary();
    const schema = library.connection
      .prepare<[], { sql: string }>('SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type DESC, name')
      .all()
      .map((row) => `${row.sql};`)
      .join('\n\n');
    await expect(`${schema}\n`).toMatchFileSnapshot('../../fixtures/store/schema.sql');
  });

  it('opens a library it made before without changing its schema or what it holds', () => {
    const path = filledLibrary();
    const before = schemaAndRows(path);
    expect(before.version).toBe(SCHEMA_VERSION);
    openDatabase(path).close();
    expect(schemaAndRows(path)).toEqual(before);
  });
});
