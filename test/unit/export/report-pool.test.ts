/**
 * The back end's reports come from worker threads (real threads running the TypeScript through
 * tsx): the same bytes as the reports drawn on the calling thread; a report that takes too long is
 * stopped, and a new worker serves the next. (A worker that runs out of memory: in server.test.ts,
 * with the server answering meanwhile.)
 */
import { describe, expect, it } from 'vitest';
import { ReportError, ReportPool } from '../../../electron/export/report-pool';
import { exportComparison, exportMap, reportFonts } from '../../../electron/export/reports';
import { labelledByState } from '../../../electron/export/files';
import { randomMap } from '../../fixtures/random-map';
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
        pool.exportMap(labelledByState(current), format, options, undefined, date),
        exportMap(labelledByState(current), format, options, reportFonts(), date),
      ]);
      expect(fromWorker.equals(here), format).toBe(true);
    }
    const [fromWorker, here] = await Promise.all([
      pool.exportComparison(labelledByState(current), labelledByState(future), 'pdf', options, undefined, date),
      exportComparison(labelledByState(current), labelledByState(future), 'pdf', options, reportFonts(), date),
    ]);
    expect(fromWorker.equals(here)).toBe(true);
  }, 120_000);

  it('answer a report that fails to draw with its reason, not a stack trace, as a report error', async () => {
    const broken = { ...current, steps: null } as unknown as typeof current;
    const error = await pool.exportMap(labelledByState(broken), 'svg', options).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ReportError);
    expect((error as Error).message).toMatch(/^The report could not be drawn: \S/);
    expect((error as Error).message).not.toMatch(/\n\s+at /);
    // The worker lives on and draws the next one.
    expect((await pool.exportMap(labelledByState(current), 'svg', options)).toString('utf8')).toMatch(/^<svg /);
  }, 60_000);

  it('stop a report that takes too long, and serve the next one with a new worker', async () => {
    // 20,000 steps take minutes to draw; the small map's picture, a few seconds with a new worker.
    const slow = new ReportPool({ workers: 1, timeoutMs: 15_000 });
    const error = await slow.exportMap(labelledByState(randomMap({ seed: 6, size: 20_000 })), 'pdf', options).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).message).toBe(
      'The report took longer than 15 s and was stopped: the map is too large to export this way.',
    );
    const next = await slow.exportMap(labelledByState(current), 'svg', options, undefined, date);
    expect(next.equals(await exportMap(labelledByState(current), 'svg', options, reportFonts(), date))).toBe(true);
  }, 90_000);
});
