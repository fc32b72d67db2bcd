/** What the library's requests return: plain data that crosses IPC and HTTP as JSON. */
import type { Calendar } from '../model/duration';
import type { MapState, VsmDocument } from '../model/schema';

export interface MapSummary {
  id: string;
  streamId: string;
  streamName: string;
  /** The document's name. */
  name: string;
  state: MapState;
  /** "Current state", or a future state's label ("6 months"). */
  label: string;
  stepCount: number;
  leadTime: number;
  flowEfficiency: number | null;
  /** The map's calendar, to show its lead time in it. */
  calendar: Calendar;
  /** The latest revision's number. */
  revision: number;
  createdAt: number;
  updatedAt: number;
  trashedAt: number | null;
}

export interface StreamSummary {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  trashedAt: number | null;
  /** Current state first, then future states in the order they were made. */
  maps: MapSummary[];
}

export interface OpenedMap {
  summary: MapSummary;
  document: VsmDocument;
  /** The revision the document is; a save of it must say it was based on this one. */
  revision: number;
}

/** What a save answers: the map's summary and the revision it is at now (the window has the document). */
export interface SavedMap {
  summary: MapSummary;
  revision: number;
}

export interface RevisionInfo {
  number: number;
  createdAt: number;
  /** Set on versions handed out or marked by hand: they are never pruned. */
  name: string | null;
  /** The revision this one restored, when it was made by restoring. */
  restoredFrom: number | null;
  /**
   * What changed since the revision kept before it, in one line ("+2 steps, −1 wall, wait 1d → 2h");
   * null for the oldest revision kept, and while it is not measured yet.
   */
  summary: string | null;
  /** False while the summary is still to be measured: the history asks for the rest a few at a time. */
  measured: boolean;
}

export interface Trash {
  streams: StreamSummary[];
  /** Maps trashed on their own (not with their stream). */
  maps: MapSummary[];
}

export interface ImportFile {
  /** The file name: it picks JSON or YAML, and names the file in error messages. */
  name: string;
  text: string;
}

/** The templates a new value stream can start from (assets/templates/), in the order they are offered. */
export const TEMPLATE_IDS = [
  'guided',
  'ticket-to-production',
  'incident-recovery',
  'platform-onboarding',
  'customer-bug-fix',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateSummary {
  id: TemplateId;
  /** What the template is called ("Incident recovery"). */
  name: string;
  /** What it maps, in one line. */
  description: string;
  steps: number;
}

/** What a map exports to: a PDF report, a picture, a vsm/1 file, or its plan as CSV. */
export const EXPORT_FORMATS = ['pdf', 'svg', 'png', 'json', 'yaml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** A map's PDF reports: the map report (its picture and figures), or the workshop summary. */
export const MAP_REPORTS = ['map', 'summary'] as const;
export type MapReport = (typeof MAP_REPORTS)[number];
export const PAGE_SIZES = ['A4', 'Letter'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** An exported file: its name and type, and its bytes in base64 (JSON carries them over both transports). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** A running live session, as the facilitator's editor shows and joins it. */
export interface LiveSessionInfo {
  mapId: string;
  /** The link participants open (the participant page with the session's join code). */
  joinUrl: string;
  /** Where the session listens, `host:port`: the banner shows it. */
  address: string;
  /** The join link as a QR code, an SVG document. */
  qrCodeSvg: string;
  /** How the facilitator's window joins: on 127.0.0.1, with the facilitator's token. */
  facilitator: { url: string; documentName: string; token: string };
}
