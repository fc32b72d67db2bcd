/** Errors of the library, each with a code the app and the command line can act on. */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';

export type LibraryErrorCode =
  /** The file is not a Flowmap library (random bytes, another app's SQLite file). */
  | 'not-a-library'
  /** A Flowmap library that is damaged (truncated, failed integrity check). */
  | 'damaged'
  /** Written by a newer Flowmap: refused, never changed. */
  | 'newer-version'
  /** The file or its folder cannot be written. */
  | 'read-only'
  /** Another program holds the library locked (longer than the busy timeout); nothing was changed. */
  | 'busy'
  /** The disk (or the file system's limit) is full; the write was rolled back. */
  | 'disk-full'
  /** The file cannot be opened or read for another reason. */
  | 'unreadable'
  /** No map, stream or revision with that id (or it is in the trash). */
  | 'not-found'
  /** The map changed since the revision a save was based on. */
  | 'conflict'
  /** A document or request that breaks the rules; nothing was written. */
  | 'invalid';

export class LibraryError extends Error {
  override name = 'LibraryError';

  constructor(
    readonly code: LibraryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The SQLite error codes that mean the library could not be read or written, as a LibraryError; else undefined. */
export function fromSqliteError(error: unknown, path: string): LibraryError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  // SQLite cannot always tell: growing the shared-memory file on a full disk is an I/O error.
  if (code === 'SQLITE_FULL' || (code.startsWith('SQLITE_IOERR') && diskIsFull(path))) {
    return new LibraryError(
      'disk-full',
      `The disk is full: the library ${path} could not be written. Nothing was changed.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new LibraryError(
      'busy',
      `Another program is using the library ${path}: it stayed locked while Flowmap waited. Close that program and try again; nothing was changed.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new LibraryError('read-only', `The library ${path} cannot be written (read-only file or folder).`);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new LibraryError('damaged', `The library ${path} is damaged (${(error as Error).message}).`);
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) {
    return new LibraryError(
      'unreadable',
      `The library ${path} could not be read or written: ${(error as Error).message}.`,
    );
  }
  return undefined;
}

function diskIsFull(path: string): boolean {
  try {
    return statfsSync(dirname(path)).bavail === 0;
  } catch {
    return false;
  }
}
