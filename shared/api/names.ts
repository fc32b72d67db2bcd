/**
 * The names of the API's requests, apart from their schemas so that the preload script can expose
 * one function per request without bundling the schemas.
 */
export const REQUEST_NAMES = [
  'listLibrary',
  'search',
  'createStream',
  'listTemplates',
  'openMap',
  'saveMap',
  'saveAsCopy',
  'renameStream',
  'renameMap',
  'relabelMap',
  'duplicateMap',
  'duplicateStream',
  'deriveFutureState',
  'trashMap',
  'trashStream',
  'restoreMap',
  'restoreStream',
  'emptyTrash',
  'history',
  'openRevision',
  'restoreRevision',
  'nameRevision',
  'importFiles',
  'exportMap',
  'exportComparison',
  'metrics',
  'compare',
  'startupNotices',
  'startLiveSession',
  'liveSession',
  'stopLiveSession',
] as const;

export type RequestName = (typeof REQUEST_NAMES)[number];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (REQUEST_NAMES as readonly string[]).includes(name);
}

/** The IPC channel every request travels on in the desktop app. */
export const IPC_CHANNEL = 'flowmap:api';
