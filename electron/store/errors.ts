/** Errors of the library, each with a code the app and the command line can act on. */

export type LibraryErrorCode =
  /** The file is not a Flowmap library (random bytes, another app's SQLite file). */
  | 'not-a-library'
  /** A Flowmap library that is damaged (truncated, failed integrity check). */
  | 'damaged'
  /** Written by a newer Flowmap: refused, never changed. */
  | 'newer-version'
  /** The file or its folder cannot be written. */
  | 'read-only'
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

/** The SQLite error codes that mean a write could not be done, as a LibraryError; else undefined. */
export function fromSqliteError(error: unknown, path: string): LibraryError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL') {
    return new LibraryError(
      'disk-full',
      `The disk is full: the library ${path} could not be written. Nothing was changed.`,
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
