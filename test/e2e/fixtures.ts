/**
 * Each test gets its own library folder and its own browser-mode server, started as the app starts
 * (examples on a first start, the library's own port, the token in the URL's fragment).
 */
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../../electron/server/server';
import { LiveSessions } from '../../electron/live/sessions';
import type { Library } from '../../electron/store/library';
import { openAppLibrary } from '../../electron/store/startup';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface App {
  server: RunningServer;
  /** The live sessions the window starts; they listen on 127.0.0.1 only (tests send traffic to loopback). */
  live: LiveSessions;
  library: Library;
  /** The library file; a test may stop the app and start it again on the same file. */
  libraryPath: string;
  /** The URL the app printed at start (with the token, and the example map on a first start). */
  url: string;
  folder: string;
}

export async function startApp(libraryPath: string): Promise<Omit<App, 'folder'>> {
  const { library, firstMap, notices } = openAppLibrary(libraryPath, join(root, 'assets/examples'));
  const live = new LiveSessions(library, join(root, 'dist/renderer'), () => '127.0.0.1');
  const server = await startServer({
    library,
    live,
    staticFolder: join(root, 'dist/renderer'),
    startRoute: firstMap ? `/map/${firstMap.id}` : undefined,
    notices,
  });
  return { server, live, library, libraryPath, url: server.url };
}

export const test = base.extend<{ app: App }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  app: async ({}, use) => {
    const folder = mkdtempSync(join(tmpdir(), 'flowmap-e2e-'));
    const app = await startApp(join(folder, 'flowmap.db'));
    await use({ ...app, folder });
    await app.live.stopAll();
    await app.server.close();
    app.library.close();
    rmSync(folder, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
