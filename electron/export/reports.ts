/**
 * What the app and the command line export, in one place: a map as a PDF report or workshop
 * summary, an SVG or PNG picture, a vsm/1 file, or its plan as CSV; two maps as a before/after PDF report. A map comes with the label of its
 * state, which the reports' titles show. The date is the day of the
 * export, so that the app and `vsm export` give the same bytes for the same map on the same day.
 */
import { fileURLToPath } from 'node:url';
import type { ExportFormat } from '../../shared/api/types';
import { compareMaps } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import { serializeDocument } from '../../shared/model/text';
import { DEFAULT_REPORT_OPTIONS, type LabelledMap, type ReportOptions } from './files';
import { ReportFonts } from './fonts';
import { comparisonPdf, mapPdf, summaryPdf } from './pdf';
import { planCsv } from './plan-csv';
import { svgToPng } from './png';
import { comparisonSvg, mapSvg } from './svg';

/**
 * Today, at midnight UTC: reports are dated by the day. `SOURCE_DATE_EPOCH` (seconds, the
 * reproducible-builds convention) sets the day instead, so that a pipeline or a test that exports
 * twice gets the same bytes even when it runs across midnight.
 */
export function reportDate(env: NodeJS.ProcessEnv = process.env, now = new Date()): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const day = epoch !== undefined && /^\d{1,12}$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
}

/** The fonts in the source tree (assets/fonts); the desktop app passes its own folder when packaged. */
export const SOURCE_FONTS_FOLDER = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

const loaded = new Map<string, ReportFonts>();
/** The report fonts of a folder, loaded once. */
export function reportFonts(folder = SOURCE_FONTS_FOLDER): ReportFonts {
  let fonts = loaded.get(folder);
  if (!fonts) {
    fonts = new ReportFonts(folder);
    loaded.set(folder, fonts);
  }
  return fonts;
}

export async function exportMap(
  map: LabelledMap,
  format: ExportFormat,
  options: ReportOptions = DEFAULT_REPORT_OPTIONS,
  fonts = reportFonts(),
  date = reportDate(),
): Promise<Buffer> {
  if (format === 'json' || format === 'yaml') return Buffer.from(serializeDocument(map.document, format));
  if (format === 'csv') return Buffer.from(planCsv(map.document));
  const metrics = computeMetrics(map.document);
  if (format === 'pdf') return mapPdf(map, metrics, fonts, { ...options, date });
  const svg = mapSvg(map, metrics, fonts, date);
  return format === 'svg' ? Buffer.from(svg) : svgToPng(svg, fonts);
}

/** The workshop summary of a map (a PDF). */
export function exportSummary(
  map: LabelledMap,
  options: ReportOptions = DEFAULT_REPORT_OPTIONS,
  fonts = reportFonts(),
  date = reportDate(),
): Promise<Buffer> {
  return summaryPdf(map, computeMetrics(map.document), fonts, { ...options, date });
}

/** What a comparison exports to: the PDF report, or a picture of it. */
export type ComparisonFormat = Extract<ExportFormat, 'pdf' | 'svg' | 'png'>;

/** The before/after report: a PDF, or an SVG or PNG picture. */
export async function exportComparison(
  before: LabelledMap,
  after: LabelledMap,
  format: ComparisonFormat = 'pdf',
  options: ReportOptions = DEFAULT_REPORT_OPTIONS,
  fonts = reportFonts(),
  date = reportDate(),
): Promise<Buffer> {
  const sides = [
    { ...before, metrics: computeMetrics(before.document) },
    { ...after, metrics: computeMetrics(after.document) },
  ] as const;
  const comparison = compareMaps(before.document, after.document);
  if (format === 'pdf') return comparisonPdf(...sides, comparison, fonts, { ...options, date });
  const svg = comparisonSvg(...sides, comparison, fonts, date);
  return format === 'svg' ? Buffer.from(svg) : svgToPng(svg, fonts);
}
