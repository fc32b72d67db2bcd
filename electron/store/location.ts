/**
 * Where the library lives: `--db PATH`, else `FLOWMAP_DB`, else `flowmap.db` in the app's user-data
 * folder, the folder Electron's `app.getPath('userData')` gives for an app named Flowmap, so the
 * command line and the browser mode find the same library as the desktop app.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

const LIBRARY_FILE = 'flowmap.db';

/** The platform's user-data folder for Flowmap, as Electron computes it. */
function userDataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Flowmap');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Flowmap');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Flowmap');
}

/** The library path: the explicit one, else `FLOWMAP_DB`, else the user-data default. */
export function libraryPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? (env['FLOWMAP_DB'] || join(userDataFolder(env), LIBRARY_FILE));
}
