/**
 * Automatic backups: when the app starts, at most once a day, a copy of the library made with
 * `VACUUM INTO` (consistent, compact, safe while the library is open) in `backups/` beside it,
 * readable by the user only. The newest {@link KEEP_BACKUPS} are kept. A backup is never written
 * over, and the backups of a library that was set aside go with it, out of the pruning's reach.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './database';
import type { Library } from './library';
import { getSetting, setSetting } from './settings';

export const KEEP_BACKUPS = 7;
const NAME = /^flowmap-(\d{4}-\d{2}-\d{2})\.db$/;

/** The folder backups of the library at `libraryPath` go to. */
export function backupFolder(libraryPath: string): string {
  return join(dirname(libraryPath), 'backups');
}

/**
 * Makes today's backup unless there is one; returns its path, or undefined when none was due. A
 * backup of today already there (of a library deleted by hand, say) stays: the day is skipped.
 */
export function backupIfDue(library: Library, now = new Date()): string | undefined {
  const day = now.toISOString().slice(0, 10);
  if (getSetting(library, 'lastBackupDay') === day) return undefined;
  const folder = backupFolder(library.path);
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const target = join(folder, `flowmap-${day}.db`);
  if (existsSync(target)) {
    setSetting(library, 'lastBackupDay', day);
    return undefined;
  }
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  // Written under a temporary name first: a backup that was cut short never looks like one. The
  // file is made for the user only; VACUUM INTO fills an empty file and keeps its mode.
  closeSync(openSync(partial, 'wx', PRIVATE_FILE_MODE));
  library.connection.prepare('VACUUM INTO ?').run(partial);
  renameSync(partial, target);
  setSetting(library, 'lastBackupDay', day);
  for (const old of listBackups(folder).slice(KEEP_BACKUPS)) rmSync(join(folder, old));
  return target;
}

/**
 * Moves the backups of a library that was set aside (as `aside`) into a folder of the same name in
 * `backups/`, where the new library's backups neither overwrite nor prune them. Returns that
 * folder, or undefined when there were no backups.
 */
export function setAsideBackups(libraryPath: string, aside: string): string | undefined {
  const folder = backupFolder(libraryPath);
  const backups = existsSync(folder) ? listBackups(folder) : [];
  if (backups.length === 0) return undefined;
  const kept = join(folder, basename(aside));
  mkdirSync(kept, { mode: PRIVATE_FOLDER_MODE });
  for (const name of backups) renameSync(join(folder, name), join(kept, name));
  return kept;
}

/** Backup file names, newest first. */
export function listBackups(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => NAME.test(name))
    .sort()
    .reverse();
}
