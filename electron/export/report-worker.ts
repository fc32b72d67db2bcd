/**
 * The thread that draws reports for the back end (report-pool.ts): one job a message, the bytes
 * sent back as a transferred ArrayBuffer. It loads the fonts once and keeps them.
 */
import { parentPort } from 'node:worker_threads';
import type { ReportAnswer, ReportJob } from './report-pool';
import { exportComparison, exportMap, exportSummary, reportFonts } from './reports';

function render(job: ReportJob): Promise<Buffer> {
  const fonts = reportFonts(job.fontsFolder);
  const date = job.date === undefined ? undefined : new Date(job.date);
  switch (job.kind) {
    case 'map':
      return exportMap(job.map, job.format, job.options, fonts, date);
    case 'summary':
      return exportSummary(job.map, job.options, fonts, date);
    case 'comparison':
      return exportComparison(job.before, job.after, job.format, job.options, fonts, date);
  }
}

/** The bytes in an ArrayBuffer of their own, to transfer (a small Buffer shares Node's pool). */
function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

parentPort?.on('message', (job: ReportJob) => {
  render(job).then(
    (bytes) => {
      const buffer = ownArrayBuffer(bytes);
      parentPort?.postMessage({ ok: true, bytes: buffer } satisfies ReportAnswer, [buffer]);
    },
    (error: unknown) => {
      // The stack is for the log; the person exporting gets the message.
      console.error('Flowmap: a report could not be drawn:', error);
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({ ok: false, message } satisfies ReportAnswer);
    },
  );
});
