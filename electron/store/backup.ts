/**
 * Automatic backups: when the app starts, at most once a day, a copy of the library made with
 * `VACUUM INTO` (consistent, compact, safe while the library is open) in `backups/` beside it.
 * The newest {@link KEEP_BACKUPS} are kept.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Library } from './library';
import { getSetting, setSetting } from './settings';

export const KEEP_BACKUPS = 7;
const NAME = /^flowmap-(\d{4}-\d{2}-\d{2})\.db$/;

/** The folder backups of the library at `libraryPath` go to. */
export function backupFolder(libraryPath: string): string {
  return join(dirname(libraryPath), 'backups');
}

/** Makes today's backup unless there is one; returns its path, or undefined when none was due. */
export function backupIfDue(library: Library, now = new Date()): string | undefined {
  const day = now.toISOString().slice(0, 10);
  if (getSetting(library, 'lastBackupDay') === day) return undefined;
  const folder = backupFolder(library.path);
  mkdirSync(folder, { recursive: true });
  const target = join(folder, `flowmap-${day}.db`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  // Written under a temporary name first: a backup that was cut short never looks like one.
  library.connection.prepare('VACUUM INTO ?').run(partial);
  renameSync(partial, target);
  setSetting(library, 'lastBackupDay', day);
  for (const old of listBackups(folder).slice(KEEP_BACKUPS)) rmSync(join(folder, old));
  return target;
}

/** Backup file names, newest first. */
export function listBackups(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => NAME.test(name))
    .sort()
    .reverse();
}
