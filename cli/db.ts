/** `vsm db …`: the app's library from the command line (spec section 5). */
import { fromSqliteError, LibraryError } from '../electron/store/errors';
import { Library } from '../electron/store/library';
import type { MapSummary } from '../shared/api/types';
import { libraryPath } from '../electron/store/location';
import { formatDuration } from '../shared/model/duration';
import { revisionChangeText } from '../shared/metrics/change-marks';
import { formatPercent } from '../shared/metrics/format';
import { formatFromFileName } from '../shared/model/text';
import { readMapText } from './load';
import { EXIT, type Output, UsageError, writeOutFile } from './output';
import { table } from './table';

/**
 * Opens the library for one command and closes it after; library errors become exit status 1.
 * Commands that only read open it read-only, so that a read-only library can be listed and exported.
 */
async function withLibrary(
  dbPath: string | undefined,
  access: 'read' | 'write',
  out: Output,
  work: (library: Library) => Promise<number> | number,
) {
  const path = libraryPath(dbPath);
  let library: Library | undefined;
  try {
    library = Library.open(path, { readOnly: access === 'read' });
    return await work(library);
  } catch (error) {
    const problem = error instanceof LibraryError ? error : fromSqliteError(error, path);
    if (!problem) throw error;
    out.stderr(`${problem.message}\n`);
    return EXIT.invalid;
  } finally {
    library?.close();
  }
}

function formatTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function listMaps(dbPath: string | undefined, json: boolean, out: Output) {
  return withLibrary(dbPath, 'read', out, (library) => {
    const maps = library.listMaps();
    if (json) {
      const rows = maps.map((map) => ({
        id: map.id,
        name: map.name,
        state: map.state,
        label: map.label,
        stream: map.streamName,
        steps: map.stepCount,
        leadTime: map.leadTime,
        flowEfficiency: map.flowEfficiency,
        updated: new Date(map.updatedAt).toISOString(),
      }));
      out.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.done;
    }
    if (maps.length === 0) {
      out.stdout(`The library ${library.path} has no maps yet; add some with "vsm db import FILE...".\n`);
      return EXIT.done;
    }
    const lines = table(
      [
        { header: 'ID' },
        { header: 'Name' },
        { header: 'State' },
        { header: 'Steps', align: 'right' },
        { header: 'Lead time', align: 'right' },
        { header: 'Flow eff.', align: 'right' },
        { header: 'Updated' },
      ],
      maps.map((map: MapSummary) => [
        map.id,
        map.name,
        map.label,
        String(map.stepCount),
        formatDuration(map.leadTime, map.calendar),
        formatPercent(map.flowEfficiency),
        formatTime(map.updatedAt),
      ]),
      '',
    );
    out.stdout(`${lines.join('\n')}\n`);
    return EXIT.done;
  });
}

export function importFiles(dbPath: string | undefined, files: readonly string[], out: Output) {
  return withLibrary(dbPath, 'write', out, async (library) => {
    const read = await Promise.all(files.map((file) => readMapText(file)));
    const errors = read.flatMap((result) => (result.ok ? [] : [result.error]));
    if (errors.length > 0) {
      out.stderr(`Nothing was imported:\n${errors.join('\n')}\n`);
      return EXIT.invalid;
    }
    const imported = library.importFiles(files.map((name, i) => ({ name, text: (read[i] as { text: string }).text })));
    out.stdout(imported.map((map) => `${map.id}\n`).join(''));
    return EXIT.done;
  });
}

export function exportMap(dbPath: string | undefined, id: string, outFile: string | undefined, out: Output) {
  if (outFile === undefined) throw new UsageError('"db export" needs --out FILE (.json, .yaml or .yml)');
  const format = formatFromFileName(outFile);
  if (!format) throw new UsageError(`--out ${outFile}: the file name must end in .json, .yaml or .yml`);
  return withLibrary(dbPath, 'read', out, async (library) => {
    const map = findMap(library, id);
    return writeOutFile(outFile, library.exportMap(map.id, format), out);
  });
}

/** A map's revisions, newest first: number, time, name, summary of the change, what it restored. */
export function showHistory(dbPath: string | undefined, id: string, json: boolean, out: Output) {
  return withLibrary(dbPath, 'read', out, (library) => {
    const revisions = library.history(findMap(library, id).id);
    if (json) {
      const rows = revisions.map((revision) => ({
        number: revision.number,
        time: new Date(revision.createdAt).toISOString(),
        name: revision.name,
        summary: revision.summary,
        restoredFrom: revision.restoredFrom,
      }));
      out.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.done;
    }
    const lines = table(
      [
        { header: 'Rev.', align: 'right' },
        { header: 'Time' },
        { header: 'Name' },
        { header: 'Change' },
        { header: 'Restored from', align: 'right' },
      ],
      revisions.map((revision) => [
        String(revision.number),
        formatTime(revision.createdAt),
        revision.name ?? '',
        revisionChangeText(revision),
        revision.restoredFrom === null ? '' : String(revision.restoredFrom),
      ]),
      '',
    );
    out.stdout(`${lines.join('\n')}\n`);
    return EXIT.done;
  });
}

/** Makes a past revision of a map the newest again, as a new revision; prints its number. */
export function restoreRevision(dbPath: string | undefined, id: string, revisionText: string, out: Output) {
  const number = Number(revisionText);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(
      `REVISION ${revisionText}: a revision number is a whole number from 1 ("vsm db history ID" lists them)`,
    );
  return withLibrary(dbPath, 'write', out, (library) => {
    const map = findMap(library, id);
    const restored = library.restoreRevision(map.id, number, map.revision);
    out.stdout(`${restored.revision}\n`);
    return EXIT.done;
  });
}

/** A map by id or by a unique start of its id, as people copy ids from `vsm db list`. */
function findMap(library: Library, id: string): MapSummary {
  const maps = library.listMaps();
  const exact = maps.find((map) => map.id === id);
  if (exact) return exact;
  const matches = id.length >= 3 ? maps.filter((map) => map.id.startsWith(id)) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new LibraryError('not-found', `The id "${id}" fits ${matches.length} maps; give more of it.`);
  throw new LibraryError(
    'not-found',
    `There is no map with the id "${id}" in ${library.path} ("vsm db list" shows them).`,
  );
}
