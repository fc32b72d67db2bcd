import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Library, type LibraryOptions } from '../../../electron/store/library';
import { examplePath } from '../helpers';

const folders: string[] = [];
const libraries: Library[] = [];

afterEach(() => {
  for (const library of libraries.splice(0)) {
    try {
      library.close();
    } catch {
      // already closed by the test
    }
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'flowmap-store-'));
  folders.push(folder);
  return folder;
}

/** A new library in its own temporary folder, closed after the test. */
export function tempLibrary(options: LibraryOptions = {}): Library {
  const library = Library.open(join(tempFolder(), 'flowmap.db'), options);
  libraries.push(library);
  return library;
}

/** Opens an existing library file, closed after the test. */
export function openLibrary(path: string, options: LibraryOptions = {}): Library {
  const library = Library.open(path, options);
  libraries.push(library);
  return library;
}

export function exampleFile(name: string) {
  return { name: `${name}.json`, text: readFileSync(examplePath(name), 'utf8') };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 26, 9, 0)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
