/**
 * What an export is called and how it is sent: file names, formats and their types, and the report
 * options. Light on purpose: the app names and routes exports without loading the reports
 * (pdfkit, fontkit, resvg), which are drawn on worker threads.
 */
import { EXPORT_FORMATS, type ExportFormat, type MapReport } from '../../shared/api/types';
import { STATE_LABELS, type VsmDocument } from '../../shared/model/schema';
import { formatFromFileName } from '../../shared/model/text';
import type { PdfOptions } from './pdf';

export type ReportOptions = Omit<PdfOptions, 'date'>;

export const DEFAULT_REPORT_OPTIONS: ReportOptions = { page: 'A4', landscape: true };

export const MIME_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  png: 'image/png',
  json: 'application/json',
  yaml: 'application/yaml',
  csv: 'text/csv',
};

/** The format a file name asks for (`.yml` is YAML), or undefined. */
export function exportFormatOf(path: string): ExportFormat | undefined {
  const lower = path.toLowerCase();
  return formatFromFileName(path) ?? EXPORT_FORMATS.find((format) => lower.endsWith(`.${format}`));
}

/**
 * A map with the label of its state, as the library shows it ("Current state", "In 3 months"): the
 * reports' titles and the export file names carry it, so a current and a future state never look alike.
 */
export interface LabelledMap {
  document: VsmDocument;
  label: string;
}

/** A map without a library (the command line): labelled by its document's `state`. */
export function labelledByState(document: VsmDocument): LabelledMap {
  return { document, label: STATE_LABELS[document.state] };
}

/** Letters, digits, spaces, `_` and `-`: what every file system takes. */
const fileSafe = (text: string) =>
  text
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * `Feature delivery - In 3 months.pdf`; vsm/1 files are `….vsm.json` / `….vsm.yaml`, the plan is
 * `… - Plan.csv` and the workshop summary `… - Workshop summary.pdf`.
 */
export function exportFileName(
  { document, label }: LabelledMap,
  format: ExportFormat,
  report: MapReport = 'map',
): string {
  const what = format === 'csv' ? ['Plan'] : report === 'summary' ? ['Workshop summary'] : [];
  return fileNameOf([document.name, label, ...what], format);
}

/** `Feature delivery - Current state to In 3 months.pdf`: the before/after report of two maps. */
export function comparisonFileName(before: LabelledMap, after: LabelledMap, format: ExportFormat): string {
  return fileNameOf([after.document.name, `${before.label} to ${after.label}`], format);
}

function fileNameOf(parts: string[], format: ExportFormat): string {
  const base = parts.map(fileSafe).filter(Boolean).join(' - ') || 'map';
  return format === 'json' || format === 'yaml' ? `${base}.vsm.${format}` : `${base}.${format}`;
}
