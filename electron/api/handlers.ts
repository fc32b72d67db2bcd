/**
 * Every request of the API contract, answered by the library. This is the one place handlers are
 * registered: the IPC bridge of the desktop app and the HTTP server both go through {@link dispatch},
 * which checks the input against the contract's schema before any work.
 */
import { type ApiResult, type ParsedInput, REQUESTS, type RequestOutput } from '../../shared/api/contract';
import { isRequestName, type RequestName } from '../../shared/api/names';
import { compareMaps } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import { describeIssues, fromZodIssues } from '../../shared/model/issues';
import { revisionLabel } from '../../shared/model/schema';
import { comparisonFileName, exportFileName, type LabelledMap, MIME_TYPES } from '../export/files';
import { ReportError, type ReportPool, reportPool } from '../export/report-pool';
import { LibraryError } from '../store/errors';
import { listTemplates, readTemplate } from './templates';
import type { Library } from '../store/library';
import type { LiveSessions } from '../live/sessions';

/**
 * What the handlers work with: the library, the fonts of the reports (default: the source tree's),
 * what the start of the app had to tell (`openAppLibrary`'s notices), and the workers that draw
 * the reports (default: the app's one pool), the templates of a new stream (default: the source
 * tree's), and the live sessions.
 */
export interface Backend {
  library: Library;
  fontsFolder?: string | undefined;
  templatesFolder?: string | undefined;
  notices?: readonly string[] | undefined;
  reports?: ReportPool | undefined;
  /** The live sessions (none where the back end cannot serve them: the command line). */
  live?: LiveSessions | undefined;
}

function liveSessions(live: LiveSessions | undefined): LiveSessions {
  if (!live) throw new LibraryError('invalid', 'Live sessions are not available here.');
  return live;
}

type Handlers = {
  [K in RequestName]: (input: ParsedInput<K>, backend: Backend) => RequestOutput<K> | Promise<RequestOutput<K>>;
};

/** A map of the library with its state's label, which its reports and file names carry. */
/** A map of the library as the reports call it; a past revision of it when one is asked for. */
function labelledMap(library: Library, id: string, revision?: number): LabelledMap {
  const { document, summary } = library.openMap(id);
  return revision === undefined
    ? { document, label: summary.label }
    : { document: library.openRevision(id, revision), label: revisionLabel(summary.label, revision) };
}

/**
 * After a request that made a revision has answered: its summary for the history, measured when
 * the back end has nothing else to do rather than in the save's time, one at a time (a library from
 * before summaries has a whole history to measure, and other requests go between). A library
 * closed by then is left alone (the history measures what is left when it is read).
 */
function measureSummariesLater(library: Library, mapId: string): void {
  setImmediate(() => {
    if (!library.connection.open) return;
    try {
      if (library.measureSummaries(mapId, 1) > 0) measureSummariesLater(library, mapId);
    } catch (error) {
      console.error(`Flowmap: the history summaries of map ${mapId} could not be measured:`, error);
    }
  });
}

/** Runs a request that makes a revision of map `mapId`, and measures its summary after it answered. */
function makingRevision<T>(library: Library, mapId: string, work: () => T): T {
  const result = work();
  measureSummariesLater(library, mapId);
  return result;
}

const handlers: Handlers = {
  listLibrary: (_input, { library }) => ({ streams: library.listStreams(), trash: library.listTrash() }),
  search: ({ query }, { library }) => library.search(query),
  createStream: ({ name, template }, { library, templatesFolder }) =>
    library.createStream(
      name,
      template === undefined ? undefined : { ...readTemplate(template, templatesFolder), name },
    ),
  listTemplates: (_input, { templatesFolder }) => listTemplates(templatesFolder),
  openMap: ({ id }, { library }) => library.openMap(id),
  saveMap: ({ id, document, baseRevision }, { library }) =>
    makingRevision(library, id, () => library.saveMap(id, document, baseRevision)),
  saveAsCopy: ({ id, document }, { library }) => library.saveAsCopy(id, document),
  renameStream: ({ id, name }, { library }) => {
    library.renameStream(id, name);
    return null;
  },
  renameMap: ({ id, name, baseRevision }, { library }) =>
    makingRevision(library, id, () => library.renameMap(id, name, baseRevision)),
  relabelMap: ({ id, label }, { library }) => {
    library.relabelMap(id, label);
    return null;
  },
  duplicateMap: ({ id }, { library }) => library.duplicateMap(id),
  duplicateStream: ({ id }, { library }) => library.duplicateStream(id),
  deriveFutureState: ({ id, label }, { library }) => library.deriveFutureState(id, label),
  trashMap: ({ id }, { library }) => {
    library.trashMap(id);
    return null;
  },
  trashStream: ({ id }, { library }) => {
    library.trashStream(id);
    return null;
  },
  restoreMap: ({ id }, { library }) => {
    library.restoreMap(id);
    return null;
  },
  restoreStream: ({ id }, { library }) => {
    library.restoreStream(id);
    return null;
  },
  emptyTrash: (_input, { library }) => library.emptyTrash(),
  history: ({ id, measure }, { library }) => library.history(id, { measure }),
  openRevision: ({ id, number }, { library }) => library.openRevision(id, number),
  restoreRevision: ({ id, number, baseRevision }, { library }) =>
    makingRevision(library, id, () => library.restoreRevision(id, number, baseRevision)),
  nameRevision: ({ id, number, name }, { library }) => {
    library.nameRevision(id, number, name);
    return null;
  },
  importFiles: ({ files }, { library }) => library.importFiles(files),
  exportMap: async ({ id, format, report, page, landscape }, { library, fontsFolder, reports: pool = reportPool }) => {
    const map = labelledMap(library, id);
    const bytes =
      report === 'summary'
        ? await pool.exportSummary(map, { page, landscape }, fontsFolder)
        : await pool.exportMap(map, format, { page, landscape }, fontsFolder);
    return {
      fileName: exportFileName(map, format, report),
      mimeType: MIME_TYPES[format],
      base64: bytes.toString('base64'),
    };
  },
  exportComparison: async (
    { beforeId, afterId, beforeRevision, afterRevision, format, page, landscape },
    { library, fontsFolder, reports: pool = reportPool },
  ) => {
    const before = labelledMap(library, beforeId, beforeRevision);
    const after = labelledMap(library, afterId, afterRevision);
    const bytes = await pool.exportComparison(before, after, format, { page, landscape }, fontsFolder);
    return {
      fileName: comparisonFileName(before, after, format),
      mimeType: MIME_TYPES[format],
      base64: bytes.toString('base64'),
    };
  },
  metrics: ({ id }, { library }) => computeMetrics(library.openMap(id).document),
  compare: ({ beforeId, afterId }, { library }) =>
    compareMaps(library.openMap(beforeId).document, library.openMap(afterId).document),
  startupNotices: (_input, { notices }) => notices ?? [],
  startLiveSession: ({ id }, { library, live }) => {
    library.openMap(id); // a map that is not there is not-found, before anything listens
    return liveSessions(live).start(id);
  },
  liveSession: ({ id }, { live }) => live?.current(id) ?? null,
  stopLiveSession: async ({ id }, { library, live }) => {
    if (live) await live.stop(id);
    return library.openMap(id);
  },
};

/** HTTP status for each error code, for the HTTP transport. */
export const ERROR_STATUS: Record<string, number> = {
  'unknown-request': 404,
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  'read-only': 503,
  busy: 503,
  'disk-full': 507,
  damaged: 500,
  unreadable: 500,
  'not-a-library': 500,
  'newer-version': 500,
  'report-failed': 500,
  internal: 500,
};

/** Checks a request against the contract and runs its handler; never throws. */
export async function dispatch(backend: Backend, name: unknown, input: unknown): Promise<ApiResult> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown-request', message: `There is no request "${String(name)}".` } };
  }
  const parsed = REQUESTS[name].input.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const problems = describeIssues(fromZodIssues(parsed.error.issues)).join('; ');
    return { ok: false, error: { code: 'invalid', message: `The request "${name}" is not valid: ${problems}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown, backend: Backend) => unknown;
    return { ok: true, value: await handler(parsed.data, backend) };
  } catch (error) {
    if (error instanceof LibraryError || error instanceof ReportError)
      return { ok: false, error: { code: error.code, message: error.message } };
    console.error(`Flowmap: request "${name}" failed:`, error);
    return {
      ok: false,
      error: { code: 'internal', message: `Something went wrong in "${name}"; the details are in the log.` },
    };
  }
}
