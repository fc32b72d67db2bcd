/** The application menu, with each platform's usual shortcuts. */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newStream: () => void;
  openLibrary: () => void;
  importFiles: () => void;
  exportMap: () => void;
}

export function buildMenu(actions: MenuActions): Menu {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Value Stream', accelerator: 'CmdOrCtrl+N', click: actions.newStream },
        { label: 'Open Library', accelerator: 'CmdOrCtrl+O', click: actions.openLibrary },
        { type: 'separator' },
        { label: 'Import Maps…', accelerator: 'CmdOrCtrl+I', click: actions.importFiles },
        { label: 'Export Map…', accelerator: 'CmdOrCtrl+E', click: actions.exportMap },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Electron's own factory makes the Menu.
  return Menu.buildFromTemplate(template);
}
