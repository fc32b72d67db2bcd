/**
 * Opening the library when the app starts (desktop or browser mode): a library that is not a
 * Flowmap library or is proven damaged is set aside, with its backups, and a fresh one started,
 * saying so; a newer, read-only, busy, full or unreadable one stops the start with its message and
 * is left as it was. Then the daily backup, and the examples of a first start.
 */
import type { MapSummary } from '../../shared/api/types';
import { backupIfDue, setAsideBackups } from './backup';
import { setAside } from './database';
import { LibraryError } from './errors';
import { addExamplesOnFirstStart } from './examples';
import { Library } from './library';

export interface AppLibrary {
  library: Library;
  /**
   * The example current state, when this start added the examples and has nothing to tell: the
   * app opens it. With notices the app opens the library screen, which shows them.
   */
  firstMap: MapSummary | undefined;
  /** What people should be told about the start (a broken library set aside, a failed backup). */
  notices: string[];
}

export function openAppLibrary(path: string, examplesFolder: string): AppLibrary {
  const notices: string[] = [];
  let library: Library;
  try {
    library = Library.open(path);
  } catch (error) {
    if (!(error instanceof LibraryError) || (error.code !== 'not-a-library' && error.code !== 'damaged')) throw error;
    const aside = setAside(path);
    const keptBackups = setAsideBackups(path, aside);
    library = Library.open(path);
    const backups = keptBackups === undefined ? '' : `, its backups in ${keptBackups}`;
    notices.push(`${error.message} It was kept as ${aside}${backups}, and a new library was started.`);
  }
  try {
    backupIfDue(library);
  } catch (error) {
    notices.push(`Today's backup of the library could not be made: ${(error as Error).message}`);
  }
  const examples = addExamplesOnFirstStart(library, examplesFolder);
  return { library, firstMap: notices.length === 0 ? examples : undefined, notices };
}
