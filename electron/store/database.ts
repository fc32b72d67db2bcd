/**
 * Opening the library's SQLite file. Before SQLite touches an existing file, its header is read to
 * make sure it is a Flowmap library this version understands; anything else is refused with a
 * message and left byte-for-byte as it was. Then: WAL, foreign keys, full sync, and the pending
 * migrations in one transaction.
 */
import Database from 'better-sqlite3';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { fromSqliteError, LibraryError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index';

/** "FLMP": marks an SQLite file as a Flowmap library (`PRAGMA application_id`). */
export const APPLICATION_ID = 0x464c4d50;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type Connection = Database.Database;

/** Opens (creating when missing) the library at `path`, migrated to the current schema. */
export function openDatabase(path: string): Connection {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new LibraryError(
      'read-only',
      `The folder of the library ${path} cannot be created: ${(error as Error).message}.`,
    );
  }
  const existing = existsSync(path) && statSync(path).size > 0;
  if (existing) {
    checkHeader(path);
    checkWritable(path);
    inspect(path);
  } else {
    checkWritable(path);
    create(path);
  }

  let db: Connection | undefined;
  try {
    db = connect(path);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof LibraryError) throw error;
    throw fromSqliteError(error, path) ?? error;
  }
}

function connect(path: string): Connection {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: a save that returned is on disk, even if the machine loses power right after.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * A new library is built beside its final name and moved into place complete, so that a file at
 * `path` is always a stamped, migrated library, whenever the process is stopped.
 */
function create(path: string): void {
  const building = `${path}.new`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  try {
    const db = connect(building);
    migrate(db);
    db.close(); // checkpoints the WAL into the file and removes it
    renameSync(building, path);
  } catch (error) {
    throw fromSqliteError(error, path) ?? error;
  }
}

/**
 * What the first 100 bytes tell without SQLite: whether the file is an SQLite database at all, and
 * whether it is cut short of the size its header gives.
 */
function checkHeader(path: string): void {
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new LibraryError('unreadable', `The library ${path} cannot be read: ${(error as Error).message}.`);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new LibraryError('not-a-library', `${path} is not a Flowmap library: it is not an SQLite database.`);
  }
  // The page count in the header is valid when its "version valid for" matches the change counter.
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  if (header.readUInt32BE(92) === header.readUInt32BE(24)) {
    const expected = pageSize * pageCount;
    const actual = statSync(path).size;
    if (actual < expected) {
      throw new LibraryError(
        'damaged',
        `The library ${path} is damaged: it is cut short (${actual} of ${expected} bytes).`,
      );
    }
  }
}

function checkWritable(path: string): void {
  try {
    // WAL needs the folder too: SQLite creates the -wal and -shm files beside the library.
    accessSync(dirname(path), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch {
    throw new LibraryError('read-only', `The library ${path} cannot be written (read-only file or folder).`);
  }
}

/**
 * A read-only look inside, through SQLite so that a -wal file left by a crash is taken into
 * account: the application id and schema version, then SQLite's quick check of every page.
 */
function inspect(path: string): void {
  let probe: Connection | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    if (probe.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new LibraryError(
        'not-a-library',
        `${path} is not a Flowmap library: it is an SQLite database of another application.`,
      );
    }
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new LibraryError(
        'newer-version',
        `The library ${path} was written by a newer Flowmap (library version ${version}; this Flowmap reads up to ${SCHEMA_VERSION}). Update Flowmap to open it; the file was not changed.`,
      );
    }
    const result: unknown = probe.pragma('quick_check(1)', { simple: true });
    if (result !== 'ok') throw new LibraryError('damaged', `The library ${path} is damaged: ${String(result)}.`);
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    throw new LibraryError('damaged', `The library ${path} is damaged or unreadable: ${(error as Error).message}.`);
  } finally {
    probe?.close();
  }
}

/** Runs the pending migrations and stamps the file as a Flowmap library, in one transaction. */
function migrate(db: Connection): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new LibraryError('newer-version', `The library was written by a newer Flowmap (version ${version}).`);
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(version)) db.exec(migration.sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * Moves a library that cannot be opened out of the way, with its -wal and -shm files, so that a
 * fresh one can start at `path`. Returns the new name; nothing is deleted.
 */
export function setAside(path: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.unreadable-${stamp}`;
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}
