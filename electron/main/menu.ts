/**
 * The application menu, with each platform's usual shortcuts. Its Map menu is the editor's actions
 * that appear in the menu (shared/actions.ts): a choice asks the window to run the action; their
 * keys are shown but left to the window, which handles them in its modes (N must stay a letter
 * when typing in a field).
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { acceleratorOf, type ActionId, ACTIONS } from '../../shared/actions';

export interface MenuActions {
  newStream: () => void;
  openLibrary: () => void;
  importFiles: () => void;
  exportMap: () => void;
  /** Runs one of the editor's actions in the window. */
  runAction: (id: ActionId) => void;
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
      label: '&Map',
      submenu: ACTIONS.filter((action) => (action.appears as readonly string[]).includes('menu')).map(
        (action): MenuItemConstructorOptions => ({
          label: action.label,
          ...(action.keys[0] && { accelerator: acceleratorOf(action.keys[0]), registerAccelerator: false }),
          click: () => {
            actions.runAction(action.id);
          },
        }),
      ),
    },
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
