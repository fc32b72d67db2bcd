/**
 * The one contract between the window and the back end (after Actual Budget and Signal Desktop):
 * each request's name, the zod schema of its input, and the type of its output. The same handlers
 * answer over Electron's IPC and over HTTP, and both transports carry {@link ApiResult}s.
 */
import * as z from 'zod';
import type { Comparison } from '../metrics/compare';
import type { FlowMetrics } from '../metrics/flow';
import { describeIssues } from '../model/issues';
import type { VsmDocument } from '../model/schema';
import { validateDocument } from '../model/validate';
import type { RequestName } from './names';
import {
  EXPORT_FORMATS,
  type ExportedFile,
  MAP_REPORTS,
  type LiveSessionInfo,
  type MapSummary,
  type OpenedMap,
  PAGE_SIZES,
  type RevisionInfo,
  type SavedMap,
  type StreamSummary,
  TEMPLATE_IDS,
  type TemplateSummary,
  type Trash,
} from './types';

const id = z.string().min(1).max(100);
const name = z.string().min(1).max(200);
const revision = z.number().int().min(1);
const empty = z.strictObject({});
/** The PDF page: A4 landscape unless asked otherwise. */
const page = { page: z.enum(PAGE_SIZES).default('A4'), landscape: z.boolean().default(true) };

/**
 * A `vsm/1` document, checked as a file would be: every issue named with its field path. This is a
 * save's one validation; the library takes the `ValidDocument` it makes as it is.
 */
const document = z.unknown().transform((value, ctx) => {
  const result = validateDocument(value);
  if (result.ok) return result.document;
  // One issue holding the document's report, so that the request's own limit does not cut it again.
  ctx.addIssue({ code: 'custom', message: describeIssues(result).join('; ') });
  return z.NEVER;
});

/** A request: its input schema, and its output type (carried by the type only). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- Output is the point: a type with no value.
function request<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const REQUESTS = {
  listLibrary: request<{ streams: StreamSummary[]; trash: Trash }>()(empty),
  search: request<MapSummary[]>()(z.strictObject({ query: z.string().max(200) })),
  /** A new value stream called `name`: an empty map, or a copy of a template's. */
  createStream: request<OpenedMap>()(z.strictObject({ name, template: z.enum(TEMPLATE_IDS).optional() })),
  listTemplates: request<TemplateSummary[]>()(empty),
  openMap: request<OpenedMap>()(z.strictObject({ id })),
  saveMap: request<SavedMap>()(z.strictObject({ id, document, baseRevision: revision })),
  saveAsCopy: request<MapSummary>()(z.strictObject({ id, document })),
  renameStream: request<null>()(z.strictObject({ id, name })),
  renameMap: request<OpenedMap>()(z.strictObject({ id, name, baseRevision: revision })),
  relabelMap: request<null>()(z.strictObject({ id, label: name })),
  duplicateMap: request<MapSummary>()(z.strictObject({ id })),
  duplicateStream: request<StreamSummary>()(z.strictObject({ id })),
  deriveFutureState: request<MapSummary>()(z.strictObject({ id, label: name.optional() })),
  trashMap: request<null>()(z.strictObject({ id })),
  trashStream: request<null>()(z.strictObject({ id })),
  restoreMap: request<null>()(z.strictObject({ id })),
  restoreStream: request<null>()(z.strictObject({ id })),
  emptyTrash: request<{ streams: number; maps: number }>()(empty),
  /**
   * A map's revisions; at most `measure` summaries not measured yet are measured first (all without
   * it), the rest come `measured: false` and are asked for again.
   */
  history: request<RevisionInfo[]>()(z.strictObject({ id, measure: z.number().int().min(0).max(100).optional() })),
  openRevision: request<VsmDocument>()(z.strictObject({ id, number: revision })),
  restoreRevision: request<OpenedMap>()(z.strictObject({ id, number: revision, baseRevision: revision })),
  /** Names a revision ("agreed future state"); `null` or an empty name unnames it. */
  nameRevision: request<null>()(z.strictObject({ id, number: revision, name: z.string().max(200).nullable() })),
  importFiles: request<MapSummary[]>()(
    z.strictObject({
      files: z
        // The library checks each file's size: its message names the file and its size in MB.
        .array(z.strictObject({ name: z.string().min(1).max(500), text: z.string() }))
        .min(1)
        .max(100),
    }),
  ),
  exportMap: request<ExportedFile>()(
    z
      .strictObject({ id, format: z.enum(EXPORT_FORMATS), report: z.enum(MAP_REPORTS).default('map'), ...page })
      .refine((input) => input.report === 'map' || input.format === 'pdf', {
        path: ['format'],
        error: 'the workshop summary is a PDF: use format "pdf"',
      }),
  ),
  exportComparison: request<ExportedFile>()(
    z.strictObject({
      beforeId: id,
      afterId: id,
      /** A past revision of either map instead of the map as it is now. */
      beforeRevision: revision.optional(),
      afterRevision: revision.optional(),
      format: z.enum(['pdf', 'svg', 'png']).default('pdf'),
      ...page,
    }),
  ),
  metrics: request<FlowMetrics>()(z.strictObject({ id })),
  compare: request<Comparison>()(z.strictObject({ beforeId: id, afterId: id })),
  /** What the start of the app has to tell (a damaged library set aside, with where it was kept). */
  startupNotices: request<readonly string[]>()(empty),
  /** Starts the live session of a map (the running one when it is that map's). */
  startLiveSession: request<LiveSessionInfo>()(z.strictObject({ id })),
  /** The running live session of a map, or null. */
  liveSession: request<LiveSessionInfo | null>()(z.strictObject({ id })),
  /** Ends the live session of a map; answers the map as the session left it in the library. */
  stopLiveSession: request<OpenedMap>()(z.strictObject({ id })),
} satisfies Record<RequestName, { input: z.ZodType; output: unknown }>;

export type RequestInput<K extends RequestName> = z.input<(typeof REQUESTS)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof REQUESTS)[K]['input']>;
export type RequestOutput<K extends RequestName> = (typeof REQUESTS)[K]['output'];

/** What a request answers, over either transport. */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export interface ApiErrorBody {
  /** A library error code (`conflict`, `not-found`, `invalid` …), or `unknown-request` / `internal`. */
  code: string;
  message: string;
}
