/**
 * The start of the app: a library is set aside only when it is proven damaged; a busy, locked or
 * full one stops the start and stays as it was, and no backup of a set-aside library is lost.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backupFolder, backupIfDue, KEEP_BACKUPS, listBackups } from '../../../electron/store/backup';
import { LibraryError } from '../../../electron/store/errors';
import { type AppLibrary, openAppLibrary } from '../../../electron/store/startup';
import { Library } from '../../../electron/store/library';
import { exampleFile, tempFolder } from './helpers';

const ROOT = resolve(import.meta.dirname, '../../..');
const EXAMPLES = join(ROOT, 'assets/examples');
const FIXTURES = join(ROOT, 'test/fixtures/store');
const exec = promisify(execFile);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const today = () => new Date().toISOString().slice(0, 10);

/** Every file under `folder`, by relative path, with its hash: what a start must leave alone. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = join(folder, entry);
    if (statSync(path).isFile()) files[entry] = sha256(path);
  }
  return files;
}

function start(path: string): AppLibrary {
  return openAppLibrary(path, EXAMPLES);
}

function startError(path: string): LibraryError {
  try {
    start(path).library.close();
  } catch (error) {
    if (error instanceof LibraryError) return error;
    throw error;
  }
  throw new Error('expected the start to stop');
}

/** A library with maps in it after a start (so with today's backup of those maps), closed. */
function startedLibrary(): string {
  const path = join(tempFolder(), 'flowmap.db');
  const library = Library.open(path);
  library.importFiles([exampleFile('clinic-visit')]);
  library.close();
  start(path).library.close();
  return path;
}

/** Scribbles over the library's second page, a b-tree page of its schema: proven damage. */
function damage(path: string): void {
  const bytes = readFileSync(path);
  bytes.fill(0xab, 4096, 4096 + 1024);
  writeFileSync(path, bytes);
}

describe('a library another program is using', () => {
  const holders: [string, (db: Database.Database) => void][] = [
    [
      'a write transaction (BEGIN EXCLUSIVE)',
      (db) => {
        db.exec('BEGIN EXCLUSIVE');
      },
    ],
    [
      'an exclusive lock on the whole file (locking_mode = EXCLUSIVE)',
      (db) => {
        db.pragma('locking_mode = EXCLUSIVE');
        db.exec('BEGIN EXCLUSIVE');
      },
    ],
  ];

  it.each(holders)(
    'held with %s: the start waits, then stops naming the file, which stays byte for byte as it was',
    (_name, hold) => {
      const path = startedLibrary();
      const folder = join(path, '..');
      const before = snapshot(folder);
      const other = new Database(path);
      try {
        hold(other);
        const error = startError(path);
        expect(error.code).toBe('busy');
        expect(error.message).toBe(
          `Another program is using the library ${path}: it stayed locked while Flowmap waited. Close that program and try again; nothing was changed.`,
        );
      } finally {
        other.close();
      }
      expect(snapshot(folder)).toEqual(before);
      expect(readdirSync(folder).filter((name) => name.includes('unreadable'))).toEqual([]);
    },
  );
});

describe('a full disk at the start', () => {
  it('stops the start with "the disk is full" and leaves the library and its backups as they were', async () => {
    // A real full disk: a 3 MB tmpfs in a mount namespace of our own, holding a library after its
    // first start; a filler file takes the rest of the space before the second start.
    const folder = tempFolder();
    const disk = join(folder, 'disk');
    mkdirSync(disk);
    const path = join(disk, 'flowmap.db');
    const startApp = `"${process.execPath}" --import tsx "${join(FIXTURES, 'start-app.ts')}" "${path}" "${EXAMPLES}"`;
    // A reader of a WAL library leaves SQLite's -shm (and an empty -wal) beside it; the rest stays.
    const listFiles = `(cd "${disk}" && find . -type f ! -name filler ! -name '*-shm' -exec sha256sum {} + | sort -k 2)`;
    const script = [
      `mount -t tmpfs -o size=3m tmpfs "${disk}"`,
      startApp,
      listFiles,
      `(head -c 4M /dev/zero > "${disk}/filler" 2>/dev/null || true)`,
      `echo ---`,
      startApp,
      listFiles,
    ].join(' && ');
    const { stdout } = await exec('unshare', ['--map-root-user', '--mount', 'bash', '-c', script], { cwd: ROOT });
    const [first, second] = stdout.split('---\n');
    const [firstStart, ...filesBefore] = first!.trim().split('\n');
    const [secondStart, ...filesAfter] = second!.trim().split('\n');
    expect(JSON.parse(firstStart!)).toEqual({ ok: true, notices: [] });
    expect(filesBefore.join('\n')).toMatch(new RegExp(`\\./backups/flowmap-${today()}\\.db`));
    expect(JSON.parse(secondStart!)).toEqual({
      ok: false,
      code: 'disk-full',
      message: `The disk is full: the library ${path} could not be written. Nothing was changed.`,
    });
    const emptyWal = `${createHash('sha256').digest('hex')}  ./flowmap.db-wal`;
    expect(filesAfter.filter((line) => line !== emptyWal)).toEqual(filesBefore);
  });
});

describe('a damaged library at the start', () => {
  it('is set aside with its backups, and the window is told where both are', () => {
    const path = startedLibrary();
    const folder = join(path, '..');
    const backups = backupFolder(path);
    const oldBackup = join(backups, `flowmap-${today()}.db`);
    const oldBackupHash = sha256(oldBackup);
    damage(path);
    const damaged = sha256(path);

    const { library, notices, firstMap } = start(path);
    const aside = readdirSync(folder).find((name) => name.startsWith('flowmap.db.unreadable-'))!;
    expect(sha256(join(folder, aside))).toBe(damaged);
    const keptBackups = join(backups, aside);
    expect(notices).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The library ${path} is damaged: .*\\. It was kept as ${join(folder, aside)}, its backups in ${keptBackups}, and a new library was started\\.$`,
          's',
        ),
      ),
    ]);
    // The window opens on the library screen, where the notice is shown, not on the example map.
    expect(firstMap).toBeUndefined();
    expect(sha256(join(keptBackups, `flowmap-${today()}.db`))).toBe(oldBackupHash);

    // The new library's backups of the next days are pruned among themselves only.
    const day = new Date();
    for (let n = 1; n <= KEEP_BACKUPS + 2; n++) backupIfDue(library, new Date(day.getTime() + n * 86_400_000));
    library.close();
    expect(listBackups(backups)).toHaveLength(KEEP_BACKUPS);
    expect(sha256(join(keptBackups, `flowmap-${today()}.db`))).toBe(oldBackupHash);
  });

  it('is set aside even when it has no backups yet', () => {
    const path = join(tempFolder(), 'flowmap.db');
    writeFileSync(path, 'not a database');
    const { library, notices } = start(path);
    library.close();
    expect(notices).toEqual([
      `${path} is not a Flowmap library: it is not an SQLite database. It was kept as ${readdirSync(join(path, '..'))
        .filter((name) => name.startsWith('flowmap.db.unreadable-'))
        .map((name) => join(path, '..', name))
        .join()}, and a new library was started.`,
    ]);
  });
});

describe('backups', () => {
  it('a new library never writes over a backup of the library that was there before', () => {
    const path = startedLibrary();
    const oldBackup = join(backupFolder(path), `flowmap-${today()}.db`);
    const before = sha256(oldBackup);
    // The library is gone (deleted by hand); the next start makes a new one beside its backups.
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    const { library, notices } = start(path);
    library.close();
    expect(notices).toEqual([]);
    expect(existsSync(oldBackup)).toBe(true);
    expect(sha256(oldBackup)).toBe(before);
  });
});

describe('who may read the library', () => {
  it('creates the library, its WAL and shared memory, and its backups for the user only', () => {
    const path = join(tempFolder(), 'flowmap.db');
    const { library } = start(path);
    const mode = (file: string) => statSync(file).mode & 0o777;
    try {
      // The library is the `.new` file it was built as, renamed: its mode is the one it was built with.
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
      expect(mode(`${path}-shm`)).toBe(0o600);
      const backups = backupFolder(path);
      expect(mode(backups)).toBe(0o700);
      expect(mode(join(backups, `flowmap-${today()}.db`))).toBe(0o600);
    } finally {
      library.close();
    }
  });
});
