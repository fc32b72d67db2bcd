/**
 * The window's only door to the back end: one function per request of the API contract, and
 * nothing else (never ipcRenderer itself). Bundled to CommonJS, as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, REQUEST_NAMES } from '../../shared/api/names';

const api = Object.fromEntries(
  REQUEST_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input) as Promise<unknown>,
  ]),
);

contextBridge.exposeInMainWorld('flowmap', api);
