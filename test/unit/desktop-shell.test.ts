/**
 * The built desktop shell (dist/electron/main.js), loaded in Node with a stand-in for Electron's
 * API, the one thing here we neither own nor can run: its window, IPC, app:// protocol, hardening,
 * menus and dialogs, wired as Electron would see them, with a real library in a temporary file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { ACTION_CHANNEL, acceleratorOf, ACTIONS } from '../../shared/actions';
import { IPC_CHANNEL, REQUEST_NAMES } from '../../shared/api/names';
import { DesktopShell, type Seen } from '../fixtures/desktop-shell/shell';
import { examplePath, readJson } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'flowmap-shell-'));

beforeAll(async () => {
  // scripts/ is plain JavaScript, outside the TypeScript project: its build, as `npm start` runs it.
  const { buildApp } = (await import(pathToFileURL(join(ROOT, 'scripts', 'build.js')).href)) as {
    buildApp: (options: { onlyStale: boolean }) => Promise<void>;
  };
  await buildApp({ onlyStale: true });
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

// One shell for a whole session: its tests run in order, as the user's actions would.
describe('the desktop shell', () => {
  let shell: DesktopShell;
  let started: Seen;
  beforeAll(async () => {
    shell = await DesktopShell.load(join(folder, 'flowmap.db'));
    started = await shell.start();
  });
  afterAll(async () => {
    await shell.close();
  });

  it('creates one window, hardened as Electron’s security checklist asks', () => {
    expect(started.quits).toBe(0);
    expect(started.dialogs).toEqual([]);
    expect(started.windows).toHaveLength(1);
    const [window] = started.windows;
    expect(window!.options['show']).toBe(false);
    const preferences = window!.options['webPreferences'] as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
    });
    expect(preferences).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(existsSync(preferences['preload'] as string), 'the preload script is where the window looks').toBe(true);
    expect(window!.url).toMatch(/^app:\/\/flowmap\/index\.html#\/map\/[\w-]+$/);
    expect(window!.shown).toBe(true);
  });

  it('gives the window, through its preload script, one function per request and the menu’s action ids, nothing else', async () => {
    const preload = (started.windows[0]!.options['webPreferences'] as { preload: string }).preload;
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const ipcEvents = new EventEmitter();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve('answered');
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => ipcEvents.on(channel, listener),
        removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
          ipcEvents.removeListener(channel, listener),
      },
    };
    // A sandboxed preload has no Node: its require gives Electron's renderer modules, events, timers and url.
    const sandboxRequire = (name: string): unknown => {
      if (name === 'electron') return electron;
      if (['events', 'timers', 'url'].includes(name)) return createRequire(import.meta.url)(name);
      throw new Error(`A sandboxed preload cannot require ${name}.`);
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(preload, 'utf8'), { require: sandboxRequire, module, exports: module.exports });
    expect([...exposed.keys()]).toEqual(['flowmap', 'flowmapMenu']);
    const api = exposed.get('flowmap') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES].sort());
    await expect(api['openMap']!({ id: 'm1' })).resolves.toBe('answered');
    expect(invoked).toEqual([[IPC_CHANNEL, 'openMap', { id: 'm1' }]]);

    // The menu's choices reach the page as ids; the IPC event never does, and anything but a string is dropped.
    const menu = exposed.get('flowmapMenu') as { onAction: (listener: (id: unknown) => void) => () => void };
    const chosen: unknown[] = [];
    const stop = menu.onAction((...args: unknown[]) => chosen.push(args));
    ipcEvents.emit(ACTION_CHANNEL, { sender: 'the event' }, 'addStep');
    ipcEvents.emit(ACTION_CHANNEL, { sender: 'the event' }, { not: 'an id' });
    stop();
    ipcEvents.emit(ACTION_CHANNEL, { sender: 'the event' }, 'undo');
    expect(chosen).toEqual([['addStep']]);
  });

  it('registers app:// as a privileged scheme before ready, and serves it after', () => {
    expect(started.singleInstanceLockRequested).toBe(true);
    expect(started.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(started.protocols).toEqual(['app']);
    expect(started.permissionHandlers).toEqual({ request: true, check: true });
  });

  it('registers the API handler once, and it answers the app’s page from the real library', async () => {
    expect(started.ipcRegistrations).toEqual([IPC_CHANNEL]);
    const listed = (await shell.send({
      do: 'invoke',
      channel: IPC_CHANNEL,
      senderUrl: 'app://flowmap/index.html#/',
      args: ['listLibrary', {}],
    })) as { ok: boolean; value: { streams: { name: string }[] } };
    expect(listed.ok).toBe(true);
    expect(listed.value.streams.map((stream) => stream.name)).toContain('Feature delivery');
  });

  it('refuses an API request from any page but the app’s', async () => {
    for (const senderUrl of ['https://evil.example/', 'file:///tmp/page.html', 'app://other/index.html', null]) {
      await expect(
        shell.send({ do: 'invoke', channel: IPC_CHANNEL, senderUrl, args: ['listLibrary', {}] }),
        String(senderUrl),
      ).rejects.toThrow('Refused: the request did not come from Flowmap.');
    }
  });

  it('serves the built window from app:// with the security headers', async () => {
    const page = await shell.request('app://flowmap/index.html');
    expect(page.status).toBe(200);
    expect(page.body).toBe(readFileSync(join(ROOT, 'dist', 'renderer', 'index.html'), 'utf8'));
    expect(page.headers['content-type']).toBe('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing outside the built window', async () => {
    for (const url of [
      'app://flowmap/../electron/main.js',
      'app://flowmap/%2e%2e/electron/main.js',
      'app://flowmap/..%2felectron%2fmain.js',
      'app://flowmap/..%5celectron%5cmain.js',
      'app://other/index.html',
      'app://flowmap/missing.js',
    ]) {
      expect((await shell.request(url)).status, url).toBe(404);
    }
  });

  it('keeps the window on the app: other pages, new windows, webviews and permissions are refused', async () => {
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(await shell.send({ do: 'navigate', event, url: 'https://evil.example/' }), event).toEqual({
        prevented: true,
      });
      expect(await shell.send({ do: 'navigate', event, url: 'app://flowmap/index.html#/' }), event).toEqual({
        prevented: false,
      });
    }
    expect(await shell.send({ do: 'attachWebview', src: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await shell.send({ do: 'openWindow', url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(await shell.send({ do: 'openWindow', url: 'app://flowmap/index.html' })).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      expect(await shell.send({ do: 'askPermission', permission }), permission).toEqual({
        granted: false,
        checked: false,
      });
    }
    expect((await shell.seen()).openedExternally).toEqual([]);
  });

  it('builds the menu with its items and shortcuts', () => {
    expect(started.applicationMenus).toHaveLength(1);
    const file = started.applicationMenus[0]!.find((menu) => menu.label === '&File');
    expect(
      file?.submenu
        ?.filter((item) => item.label)
        .map(({ label, accelerator, clickable }) => [label, accelerator, clickable]),
    ).toEqual([
      ['New Value Stream', 'CmdOrCtrl+N', true],
      ['Open Library', 'CmdOrCtrl+O', true],
      ['Import Maps…', 'CmdOrCtrl+I', true],
      ['Export Map…', 'CmdOrCtrl+E', true],
    ]);
    const roles = started.applicationMenus[0]!.map((menu) => menu.role ?? menu.label);
    expect(roles).toEqual(
      process.platform === 'darwin'
        ? ['appMenu', '&File', 'editMenu', '&Map', '&View', 'windowMenu', 'help']
        : ['&File', 'editMenu', '&Map', '&View', 'windowMenu', 'help'],
    );
    // The Map menu is the editor's actions that appear in the menu; their keys are the window's to handle.
    const map = started.applicationMenus[0]!.find((menu) => menu.label === '&Map');
    const inMenu = ACTIONS.filter((action) => (action.appears as readonly string[]).includes('menu'));
    expect(
      map?.submenu?.map(({ label, accelerator, registerAccelerator }) => [label, accelerator, registerAccelerator]),
    ).toEqual(
      inMenu.map((action) =>
        action.keys[0] ? [action.label, acceleratorOf(action.keys[0]), false] : [action.label, undefined, undefined],
      ),
    );
  });

  it('sends the window the id of an action chosen in the Map menu', async () => {
    await shell.send({ do: 'click', label: 'Add step' });
    await shell.send({ do: 'click', label: 'Auto layout' });
    expect((await shell.seen()).windows[0]!.sent).toEqual([
      [ACTION_CHANNEL, 'addStep'],
      [ACTION_CHANNEL, 'autoLayout'],
    ]);
  });

  /** Checks that the window shows the map named `name`, opened from the library through the API. */
  async function expectShown(seen: Seen, name: string) {
    const id = /#\/map\/([\w-]+)$/.exec(seen.windows[0]!.url)?.[1];
    const opened = (await shell.send({
      do: 'invoke',
      channel: IPC_CHANNEL,
      senderUrl: seen.windows[0]!.url,
      args: ['openMap', { id }],
    })) as { ok: boolean; value: { document: { name: string } } };
    expect(opened.value.document.name).toBe(name);
    expect(seen.unhandledRejections).toEqual([]);
  }

  /** Clicks a menu item and waits for the dialog it leads to; returns that dialog. */
  async function click(label: string, answer?: Parameters<DesktopShell['send']>[0]) {
    const before = (await shell.seen()).dialogs.length;
    if (answer) await shell.send(answer);
    await shell.send({ do: 'click', label });
    const seen = await shell.until(
      (now) =>
        now.dialogs.some((dialog, i) => i >= before && dialog.method === 'showMessageBox') ||
        now.unhandledRejections.length > 0,
    );
    expect(seen.unhandledRejections).toEqual([]);
    return seen.dialogs.at(-1)!;
  }

  it('exports the open map to the file the user chose', async () => {
    const path = join(folder, 'exported.svg');
    await shell.send({ do: 'answer', dialog: 'showSaveDialog', result: { filePath: path } });
    await shell.send({ do: 'click', label: 'Export Map…' });
    await shell.until(() => existsSync(path) && readFileSync(path, 'utf8').includes('</svg>'));
    expect((await shell.seen()).unhandledRejections).toEqual([]);
  });

  it('tells the user when the export fails, naming the file', async () => {
    const path = join(folder, 'no-such-folder', 'map.svg');
    const dialog = await click('Export Map…', { do: 'answer', dialog: 'showSaveDialog', result: { filePath: path } });
    expect(dialog).toMatchObject({ method: 'showMessageBox', attached: true, options: { type: 'error' } });
    expect(dialog.options['message']).toBe('The map was not exported');
    expect(dialog.options['detail']).toContain(path);
  });

  it('tells the user when the import fails', async () => {
    const bad = join(folder, 'bad.vsm.json');
    writeFileSync(bad, '{ "format": "vsm/1", "name": ');
    const dialog = await click('Import Maps…', {
      do: 'answer',
      dialog: 'showOpenDialog',
      result: { filePaths: [bad] },
    });
    expect(dialog).toMatchObject({ method: 'showMessageBox', options: { type: 'error' } });
    expect(dialog.options['message']).toBe('The maps were not imported');
  });

  it('tells the user when the import dialog fails', async () => {
    await shell.send({ do: 'fail', call: 'dialog.showOpenDialog' });
    const dialog = await click('Import Maps…');
    expect(dialog).toMatchObject({ method: 'showMessageBox', options: { type: 'error' } });
    expect(dialog.options['message']).toBe('The maps were not imported');
    expect(dialog.options['detail']).toContain('dialog.showOpenDialog');
  });

  it('imports the chosen maps and shows the first', async () => {
    const before = (await shell.seen()).windows[0]!.url;
    await shell.send({ do: 'answer', dialog: 'showOpenDialog', result: { filePaths: [examplePath('clinic-visit')] } });
    await shell.send({ do: 'click', label: 'Import Maps…' });
    const seen = await shell.until((now) => now.windows[0]!.url !== before);
    await expectShown(seen, (readJson(examplePath('clinic-visit')) as { name: string }).name);
  });

  it('tells the user when the window cannot show the page asked for', async () => {
    await shell.send({ do: 'fail', call: 'webContents.loadURL' });
    const dialog = await click('New Value Stream');
    expect(dialog).toMatchObject({ method: 'showMessageBox', options: { type: 'error' } });
    expect(dialog.options['message']).toBe('Flowmap could not show the page');
    expect(dialog.options['detail']).toContain('app://flowmap/index.html#/?new');
  });

  it('imports a map file the OS opens with Flowmap, and shows it', async () => {
    const path = join(folder, 'opened.vsm.json');
    writeFileSync(path, JSON.stringify({ ...(readJson(examplePath('clinic-visit')) as object), name: 'Opened' }));
    const before = (await shell.seen()).windows[0]!.url;
    expect(await shell.send({ do: 'openFile', path })).toEqual({ prevented: true });
    const seen = await shell.until((now) => now.windows[0]!.url !== before);
    await expectShown(seen, 'Opened');
  });

  it('imports the map files a second launch was given, and shows the first', async () => {
    const path = join(folder, 'second.vsm.json');
    writeFileSync(path, JSON.stringify({ ...(readJson(examplePath('clinic-visit')) as object), name: 'Second' }));
    const before = (await shell.seen()).windows[0]!.url;
    await shell.send({ do: 'secondInstance', argv: ['/usr/bin/flowmap', '--some-switch', path] });
    const seen = await shell.until((now) => now.windows[0]!.url !== before);
    await expectShown(seen, 'Second');
    expect(seen.windows[0]!.shown).toBe(true);
  });

  it('asks for a map to be opened before exporting', async () => {
    await shell.send({ do: 'click', label: 'Open Library' });
    await shell.until((now) => now.windows[0]!.url === 'app://flowmap/index.html#/');
    const dialog = await click('Export Map…');
    expect(dialog.options['message']).toBe('Open a map to export it.');
  });

  it('quits when its window closes, and opens the next time where the window was', async () => {
    const bounds = { x: 40, y: 30, width: 1000, height: 700 };
    await shell.send({ do: 'moveWindow', bounds });
    await shell.send({ do: 'closeWindow' });
    expect((await shell.seen()).quits).toBe(1);
    await shell.close();

    const next = await DesktopShell.load(join(folder, 'flowmap.db'));
    try {
      const [window] = (await next.start()).windows;
      expect(window!.options).toMatchObject(bounds);
    } finally {
      await next.close();
    }
  });
});

describe('the desktop shell, when it cannot start', () => {
  it('tells the user why and quits, rather than running without a window', async () => {
    const shell = await DesktopShell.load(join(folder, 'failing.db'));
    try {
      await shell.send({ do: 'fail', call: 'Menu.setApplicationMenu' });
      const seen = await shell.start();
      expect(seen.unhandledRejections).toEqual([]);
      expect(seen.quits).toBe(1);
      expect(seen.dialogs).toEqual([
        {
          method: 'showErrorBox',
          attached: false,
          options: {
            title: 'Flowmap could not start',
            content: expect.stringContaining('Menu.setApplicationMenu') as string,
          },
        },
      ]);
    } finally {
      await shell.close();
    }
  });
});
