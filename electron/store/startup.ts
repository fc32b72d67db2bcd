/**
 * Opening the library when the app starts (desktop or browser mode): a library that is not a
 * Flowmap library or is damaged is set aside and a fresh one started, saying so; a newer, read-only
 * or unreadable one stops the start with its message. Then the daily backup, and the examples of a
 * first start.
 */
import type { MapSummary } from '../../shared/api/types';
import { backupIfDue } from './backup';
import { setAside } from './database';
import { LibraryError } from './errors';
import { addExamplesOnFirstStart } from './examples';
import { Library } from './library';

export interface AppLibrary {
  library: Library;
  /** The example current state, when this start added the examples: the app opens it. */
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
    library = Library.open(path);
    notices.push(`${error.message} It was kept as ${aside}, and a new library was started.`);
  }
  try {
    backupIfDue(library);
  } catch (error) {
    notices.push(`Today's backup of the library could not be made: ${(error as Error).message}`);
  }
  const firstMap = addExamplesOnFirstStart(library, examplesFolder);
  return { library, firstMap, notices };
}
