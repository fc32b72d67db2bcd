/**
 * The desktop app's main process: a hardened window (Electron's security checklist) that loads the
 * built renderer from `app://flowmap`, the API handlers on one IPC channel, menus, native dialogs,
 * one instance, the window's place remembered, and map files opened from the OS imported.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_CHANNEL } from '../../shared/actions';
import { IPC_CHANNEL } from '../../shared/api/names';
import { dispatch } from '../api/handlers';
import { reportPool } from '../export/report-pool';
import { DEFAULT_REPORT_OPTIONS, exportFileName, exportFormatOf } from '../export/files';
import { APP_ORIGIN, isAppUrl, isExternalLink, SECURITY_HEADERS } from '../security';
import { LibraryError } from '../store/errors';
import type { Library } from '../store/library';
import { libraryPath } from '../store/location';
import { getSetting, setSetting } from '../store/settings';
import { openAppLibrary } from '../store/startup';
import { LiveSessions } from '../live/sessions';
import { buildMenu } from './menu';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererFolder = join(here, '..', 'renderer');
const examplesFolder = app.isPackaged
  ? join(process.resourcesPath, 'examples')
  : join(here, '..', '..', 'assets', 'examples');
const fontsFolder = app.isPackaged ? join(process.resourcesPath, 'fonts') : join(here, '..', '..', 'assets', 'fonts');
const templatesFolder = app.isPackaged
  ? join(process.resourcesPath, 'templates')
  : join(here, '..', '..', 'assets', 'templates');
const MAP_FILE = /\.(json|ya?ml)$/i;

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let library: Library | undefined;
let live: LiveSessions | undefined;
let window: BrowserWindow | undefined;
/** Map files the OS asked to open before the app was ready. */
const pendingFiles: string[] = process.argv.slice(1).filter((arg) => MAP_FILE.test(arg));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
    void importPaths(argv.slice(1).filter((arg) => MAP_FILE.test(arg)));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (library) void importPaths([path]);
    else pendingFiles.push(path);
  });
  app.on('window-all-closed', () => {
    // The live session ends with the app: what it has not saved yet is saved first.
    void (live?.stopAll() ?? Promise.resolve())
      .catch(reportFailure('The live session did not end cleanly'))
      .finally(() => {
        library?.close();
        app.quit();
      });
  });
  app.on('web-contents-created', (_event, contents) => {
    harden(contents);
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Flowmap could not start', messageOf(error));
      app.quit();
    });
}

/** Navigation, new windows, webviews and permissions: all denied unless they are the app's own. */
function harden(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // The app's own links to the web open in the browser, never inside the app; nothing else opens.
    if (isExternalLink(url)) shell.openExternal(url).catch(reportFailure('The link could not be opened'));
    return { action: 'deny' };
  });
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle('app', serveRenderer);

  let opened;
  try {
    opened = openAppLibrary(libraryPath(), examplesFolder);
  } catch (error) {
    dialog.showErrorBox(
      'Flowmap could not open its library',
      error instanceof LibraryError ? error.message : String(error),
    );
    app.quit();
    return;
  }
  library = opened.library;
  live = new LiveSessions(library, rendererFolder);
  const notices = opened.notices;

  ipcMain.handle(IPC_CHANNEL, (event, name: unknown, input: unknown) => {
    // Only the app's own page may call the back end.
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url))
      throw new Error('Refused: the request did not come from Flowmap.');
    return dispatch({ library: library!, live, fontsFolder, templatesFolder, notices }, name, input);
  });

  Menu.setApplicationMenu(
    buildMenu({
      newStream: () => {
        show('#/?new');
      },
      openLibrary: () => {
        show('#/');
      },
      importFiles: () => {
        importWithDialog().catch(reportFailure('The maps were not imported'));
      },
      exportMap: () => {
        exportWithDialog().catch(reportFailure('The map was not exported'));
      },
      runAction: (id) => {
        window?.webContents.send(ACTION_CHANNEL, id);
      },
    }),
  );
  createWindow(opened.firstMap ? `#/map/${opened.firstMap.id}` : '#/');
  await importPaths(pendingFiles.splice(0));
}

function createWindow(hash: string): void {
  const saved = getSetting(library!, 'windowState');
  window = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 800,
    ...(saved && { x: saved.x, y: saved.y }),
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Flowmap',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    if (!window || !library) return;
    const bounds = window.getNormalBounds();
    setSetting(library, 'windowState', { ...bounds, maximized: window.isMaximized() });
  });
  show(hash);
}

function show(hash: string): void {
  window?.loadURL(`${APP_ORIGIN}/index.html${hash}`).catch(reportFailure('Flowmap could not show the page'));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failure of something the user asked for, told in a message box instead of lost as a rejection. */
function reportFailure(message: string): (error: unknown) => void {
  return (error) => {
    const options = { type: 'error' as const, message, detail: messageOf(error) };
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };
}

/** `app://flowmap/…`: files of the built renderer, with the app's security headers. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
  const path = join(rendererFolder, relative || 'index.html');
  if (url.host !== 'flowmap' || !path.startsWith(rendererFolder + sep))
    return new Response('Not found', { status: 404 });
  try {
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.svg': 'image/svg+xml',
      '.png': 'image/png',
    };
    return new Response(await readFile(path), {
      headers: { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', ...SECURITY_HEADERS },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

async function importPaths(paths: string[]): Promise<void> {
  if (paths.length === 0 || !library) return;
  try {
    const files = await Promise.all(paths.map(async (path) => ({ name: path, text: await readFile(path, 'utf8') })));
    const [first] = library.importFiles(files);
    if (first) show(`#/map/${first.id}`);
  } catch (error) {
    reportFailure('The maps were not imported')(error);
  }
}

async function importWithDialog(): Promise<void> {
  const result = await dialog.showOpenDialog(window!, {
    title: 'Import maps',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Value stream maps (vsm/1)', extensions: ['json', 'yaml', 'yml'] }],
  });
  if (!result.canceled) await importPaths(result.filePaths);
}

async function exportWithDialog(): Promise<void> {
  const mapId = /#\/map\/([\w-]+)/.exec(window?.webContents.getURL() ?? '')?.[1];
  if (!mapId || !library) {
    await dialog.showMessageBox(window!, { message: 'Open a map to export it.' });
    return;
  }
  const { document, summary } = library.openMap(mapId);
  const map = { document, label: summary.label };
  const result = await dialog.showSaveDialog(window!, {
    title: 'Export map',
    defaultPath: exportFileName(map, 'pdf'),
    filters: [
      { name: 'PDF report', extensions: ['pdf'] },
      { name: 'SVG picture', extensions: ['svg'] },
      { name: 'PNG picture', extensions: ['png'] },
      { name: 'vsm/1 YAML', extensions: ['yaml', 'yml'] },
      { name: 'vsm/1 JSON', extensions: ['json'] },
      { name: 'Plan (CSV)', extensions: ['csv'] },
    ],
  });
  if (result.canceled || !result.filePath) return;
  const format = exportFormatOf(result.filePath) ?? 'pdf';
  await writeFile(result.filePath, await reportPool.exportMap(map, format, DEFAULT_REPORT_OPTIONS, fontsFolder));
}
