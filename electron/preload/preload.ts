/**
 * The window's only door to the back end: one function per request of the API contract, and
 * nothing else (never ipcRenderer itself); and the menu's choices of the editor's actions, as
 * their ids only (never the IPC event). Bundled to CommonJS, as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ACTION_CHANNEL } from '../../shared/actions';
import { IPC_CHANNEL, REQUEST_NAMES } from '../../shared/api/names';

const api = Object.fromEntries(
  REQUEST_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input) as Promise<unknown>,
  ]),
);

contextBridge.exposeInMainWorld('flowmap', api);

contextBridge.exposeInMainWorld('flowmapMenu', {
  /** Calls `listener` with the id of each action chosen in the menu; returns how to stop. */
  onAction: (listener: (id: string) => void) => {
    const forward = (_event: IpcRendererEvent, id: unknown) => {
      if (typeof id === 'string') listener(id);
    };
    ipcRenderer.on(ACTION_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(ACTION_CHANNEL, forward);
    };
  },
});
