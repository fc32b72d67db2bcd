/**
 * Opening the library's SQLite file. Before SQLite touches an existing file, its header is read to
 * make sure it is a Flowmap library this version understands; anything else is refused with a
 * message and left byte-for-byte as it was. Then: WAL, foreign keys, full sync, the pending
 * migrations in one transaction, and a check that no other program holds it locked for writing.
 * Read-only, it is only read. A new library and its WAL are readable by the user only.
 */
import Database from 'better-sqlite3';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
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

/** How long a connection waits for another program's lock before it gives up (`SQLITE_BUSY`). */
const BUSY_TIMEOUT_MS = 5000;
const READ_ONLY = { readonly: true, timeout: BUSY_TIMEOUT_MS };

/** The library, its WAL and shared memory, and its backups: the user's alone. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type Connection = Database.Database;

export interface OpenOptions {
  /**
   * Only read: no WAL, migration or lock is asked for, so a read-only file or folder can be listed
   * and exported. A missing library is still created first, empty.
   */
  readOnly?: boolean;
}

/** Opens (creating when missing) the library at `path`, migrated to the current schema. */
export function openDatabase(path: string, { readOnly = false }: OpenOptions = {}): Connection {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    throw new LibraryError(
      'read-only',
      `The folder of the library ${path} cannot be created: ${(error as Error).message}.`,
    );
  }
  const existing = existsSync(path) && statSync(path).size > 0;
  if (existing) {
    checkHeader(path);
    if (!readOnly) checkWritable(path);
  } else {
    checkWritable(path);
    create(path);
  }
  if (readOnly)
    return upToDateReadOnly(
      path,
      inspected(path, () => readOnlyConnection(path)),
    );
  if (existing) inspected(path, () => new Database(path, { ...READ_ONLY, fileMustExist: true })).close();

  let db: Connection | undefined;
  try {
    db = connect(path);
    migrate(db);
    // A library another program holds for writing is refused now, after the busy timeout, rather
    // than at the first save.
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof LibraryError) throw error;
    throw fromSqliteError(error, path) ?? error;
  }
}

function connect(path: string): Connection {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  // FULL: a save that returned is on disk, even if the machine loses power right after.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * A new library is built beside its final name and moved into place complete, so that a file at
 * `path` is always a stamped, migrated library, whenever the process is stopped. The file is made
 * for the user only before SQLite opens it; SQLite gives its WAL and shared memory the same mode.
 */
function create(path: string): void {
  const building = `${path}.new`;
  const removeBuilding = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  };
  removeBuilding();
  try {
    closeSync(openSync(building, 'wx', PRIVATE_FILE_MODE));
    const db = connect(building);
    try {
      migrate(db);
    } finally {
      db.close(); // checkpoints the WAL into the file and removes it
    }
    renameSync(building, path);
  } catch (error) {
    removeBuilding();
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
  // WAL needs the folder too: SQLite creates the -wal and -shm files beside the library.
  if (!isWritable(dirname(path)) || (existsSync(path) && !isWritable(path))) {
    throw new LibraryError('read-only', `The library ${path} cannot be written (read-only file or folder).`);
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A read-only look inside, through SQLite so that a -wal file left by a crash is taken into
 * account: the application id and schema version, then SQLite's quick check of every page. Only
 * a file SQLite could read and found broken is "damaged"; a lock, a full disk or an I/O error is
 * said as what it is, and the file is never set aside for it. Returns the connection, or closes it
 * and throws.
 */
function inspected(path: string, open: () => Connection): Connection {
  let db: Connection | undefined;
  try {
    db = open();
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new LibraryError(
        'not-a-library',
        `${path} is not a Flowmap library: it is an SQLite database of another application.`,
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new LibraryError(
        'newer-version',
        `The library ${path} was written by a newer Flowmap (library version ${version}; this Flowmap reads up to ${SCHEMA_VERSION}). Update Flowmap to open it; the file was not changed.`,
      );
    }
    const result: unknown = db.pragma('quick_check(1)', { simple: true });
    if (result !== 'ok') throw new LibraryError('damaged', `The library ${path} is damaged: ${String(result)}.`);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof LibraryError) throw error;
    throw (
      fromSqliteError(error, path) ??
      new LibraryError('unreadable', `The library ${path} cannot be read: ${(error as Error).message}.`)
    );
  }
}

/**
 * A connection that writes nothing, not even SQLite's -wal and -shm files beside the library. When
 * the -wal file holds saves (the app has the library open, or crashed), SQLite reads the library
 * with it, which needs the -shm file: there, or created in a folder that can be written. Otherwise
 * every save is in the file itself, and it is read into memory, marked there as a rollback-journal
 * file (bytes 18 and 19) as SQLite opens a copy in memory only so; that works in a read-only
 * folder too.
 */
function readOnlyConnection(path: string): Connection {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    if (existsSync(`${path}-shm`) || isWritable(dirname(path))) {
      return new Database(path, { ...READ_ONLY, fileMustExist: true });
    }
    throw new LibraryError(
      'read-only',
      `The library ${path} cannot be read: its last changes are still in ${wal}, which SQLite reads only with write access to the folder.`,
    );
  }
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  // A library of an older schema is migrated in this copy, which only this connection sees.
  const older = bytes.readUInt32BE(USER_VERSION_OFFSET) < SCHEMA_VERSION;
  return new Database(bytes, older ? { timeout: BUSY_TIMEOUT_MS } : READ_ONLY);
}

/** Where the file's header keeps `PRAGMA user_version`. */
const USER_VERSION_OFFSET = 60;

/**
 * A read-only connection that reads what this Flowmap writes: a library of an older schema was
 * read into memory, and is migrated there (the file is not changed). One whose last saves are in
 * its -wal file is in use by the older Flowmap that wrote it, and is refused with a message.
 */
function upToDateReadOnly(path: string, db: Connection): Connection {
  if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return db;
  if (!db.memory) {
    db.close();
    throw new LibraryError(
      'read-only',
      `The library ${path} was written by an older Flowmap that still has it open: close that Flowmap, or open the library with this one to bring it up to date.`,
    );
  }
  migrate(db);
  return db;
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
