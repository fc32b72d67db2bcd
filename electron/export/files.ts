/**
 * What an export is called and how it is sent: file names, formats and their types, and the report
 * options. Light on purpose: the app names and routes exports without loading the reports
 * (pdfkit, fontkit, resvg), which are drawn on worker threads.
 */
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/api/types';
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
};

/** The format a file name asks for (`.yml` is YAML), or undefined. */
export function exportFormatOf(path: string): ExportFormat | undefined {
  const lower = path.toLowerCase();
  return formatFromFileName(path) ?? EXPORT_FORMATS.find((format) => lower.endsWith(`.${format}`));
}

/** `Feature delivery.pdf`; vsm/1 files are `….vsm.json` / `….vsm.yaml`. */
export function exportFileName(name: string, format: ExportFormat): string {
  const base = name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'map';
  return format === 'json' || format === 'yaml' ? `${base}.vsm.${format}` : `${base}.${format}`;
}
