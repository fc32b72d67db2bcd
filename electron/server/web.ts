/**
 * Browser mode: the app served on 127.0.0.1 for a browser, when the desktop shell cannot run (and
 * with `npm run web`). Prints the URL with its token and opens the default browser unless
 * `BROWSER=none`. `FLOWMAP_PORT` picks the port, `FLOWMAP_DB` the library.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

async function main(): Promise<void> {
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
  const server = await startServer({
    library,
    staticFolder: root('dist/renderer'),
    port: Number(process.env['FLOWMAP_PORT'] ?? 0),
    startHash: firstMap ? `#/map/${firstMap.id}` : '',
    notices,
  });
  console.log(`Flowmap is running at ${server.url}`);
  console.log(`Library: ${library.path}. Stop with Ctrl+C.`);
  if (process.env['BROWSER'] !== 'none') openBrowser(server.url);

  const stop = () => {
    void server.close().then(() => {
      library.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
