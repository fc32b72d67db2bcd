/**
 * Browser mode: the app served on 127.0.0.1 for a browser, when the desktop shell cannot run (and
 * with `npm run web`). Prints the URL with its token, and opens the default browser unless
 * `BROWSER=none` with a one-time launch URL instead (another program's command line is readable
 * by every local user). The port is the library's own unless `FLOWMAP_PORT` picks one; `FLOWMAP_DB`
 * picks the library.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LiveSessions } from '../live/sessions';
import { LibraryError } from '../store/errors';
import { libraryPath } from '../store/location';
import { openAppLibrary } from '../store/startup';
import { startServer } from './server';

const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {
    console.log('Open the URL above in your browser.');
  });
  child.unref();
}

/** `FLOWMAP_PORT` as a port, undefined when unset; exits with a message when it is not a port. */
function chosenPort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  console.error(`FLOWMAP_PORT must be a port number from 0 to 65535 (0: any free port), not "${value}".`);
  process.exit(1);
}

async function main(): Promise<void> {
  const port = chosenPort(process.env['FLOWMAP_PORT']);
  let opened;
  try {
    opened = openAppLibrary(libraryPath(), root('assets/examples'));
  } catch (error) {
    if (!(error instanceof LibraryError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const { library, firstMap, notices } = opened;
  for (const notice of notices) console.log(notice);
  const live = new LiveSessions(library, root('dist/renderer'));
  let server;
  try {
    server = await startServer({
      library,
      live,
      staticFolder: root('dist/renderer'),
      port,
      startRoute: firstMap ? `/map/${firstMap.id}` : undefined,
      notices,
    });
  } catch (error) {
    console.error(`Flowmap cannot listen: ${(error as Error).message} Choose a port with FLOWMAP_PORT.`);
    library.close();
    process.exit(1);
  }
  console.log(`Flowmap is running at ${server.url}`);
  console.log(`Library: ${library.path}. Stop with Ctrl+C.`);
  if (process.env['BROWSER'] !== 'none') openBrowser(server.launchUrl());

  const stop = () => {
    void Promise.all([live.stopAll(), server.close()]).then(() => {
      library.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
