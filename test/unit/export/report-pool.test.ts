/**
 * The back end's reports come from worker threads (real threads running the TypeScript through
 * tsx): the same bytes as the reports drawn on the calling thread. (A worker that runs out of
 * memory: in server.test.ts, with the server answering meanwhile.)
 */
import { describe, expect, it } from 'vitest';
import { ReportPool } from '../../../electron/export/report-pool';
import { exportComparison, exportMap, reportFonts } from '../../../electron/export/reports';
import { examplePath, map, readJson } from '../helpers';

const date = new Date('2026-11-26T00:00:00Z');
const load = (name: string) => map(readJson(examplePath(name)) as Record<string, unknown>);
const current = load('feature-delivery-current');
const future = load('feature-delivery-future');
const options = { page: 'A4', landscape: true } as const;

describe('the report workers', () => {
  const pool = new ReportPool();

  it('give the bytes the calling thread draws: the PDF report, SVG and PNG pictures, vsm/1, the comparison', async () => {
    for (const format of ['pdf', 'svg', 'png', 'yaml'] as const) {
      const [fromWorker, here] = await Promise.all([
        pool.exportMap(current, format, options, undefined, date),
        exportMap(current, format, options, reportFonts(), date),
      ]);
      expect(fromWorker.equals(here), format).toBe(true);
    }
    const [fromWorker, here] = await Promise.all([
      pool.exportComparison(current, future, 'pdf', options, undefined, date),
      exportComparison(current, future, 'pdf', options, reportFonts(), date),
    ]);
    expect(fromWorker.equals(here)).toBe(true);
  }, 120_000);
});
