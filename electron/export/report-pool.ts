/**
 * The reports of the app's back end, drawn off the thread that answers requests: a long export never
 * freezes the window or the server. One or two worker threads start on the first export and stay
 * for the next ones; a worker that crashes, runs out of memory or takes too long fails its export
 * with a clear message, and a new one serves the next. The command line draws on its own thread.
 */
import { Worker } from 'node:worker_threads';
import type { ExportFormat } from '../../shared/api/types';
import type { LabelledMap, ReportOptions } from './files';
import type { ComparisonFormat } from './reports';

/** One export for a worker. `date` (ms since 1970) dates the report; by default, the day it is drawn. */
export type ReportJob = { options: ReportOptions; fontsFolder?: string | undefined; date?: number | undefined } & (
  | { kind: 'map'; map: LabelledMap; format: ExportFormat }
  | { kind: 'summary'; map: LabelledMap }
  | { kind: 'comparison'; before: LabelledMap; after: LabelledMap; format: ComparisonFormat }
);

/** A worker's answer: the file's bytes, or why drawing failed. */
export type ReportAnswer = { ok: true; bytes: ArrayBuffer } | { ok: false; message: string };

/** An export the pool stopped: its worker crashed, ran out of memory or took too long. */
export class ReportError extends Error {
  override name = 'ReportError';
  readonly code = 'report-failed';
}

export interface ReportPoolOptions {
  /** Workers at most; exports beyond wait their turn. */
  workers?: number;
  /** An export taking longer is stopped, its worker ended. */
  timeoutMs?: number;
  /** The JavaScript heap a worker may use (V8's old generation). */
  memoryMb?: number;
}

interface Task {
  job: ReportJob;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

// In the built shell the worker is dist/electron/report-worker.js, beside the bundle that loads it.
// From the source tree (tsx, vitest, Playwright) it is TypeScript: a module of two lines registers
// tsx in the worker's thread, then imports it (Node 20 does not apply `--import tsx` to a worker).
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(FROM_SOURCE ? './report-worker.ts' : './report-worker.js', import.meta.url);
const WORKER_ENTRY = FROM_SOURCE
  ? new URL(
      `data:text/javascript,${encodeURIComponent(
        `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(WORKER_FILE.href)});`,
      )}`,
    )
  : WORKER_FILE;

export class ReportPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, { task: Task; timer: NodeJS.Timeout }>();
  private readonly waiting: Task[] = [];

  constructor({ workers = 2, timeoutMs = 60_000, memoryMb = 2048 }: ReportPoolOptions = {}) {
    this.size = workers;
    this.timeoutMs = timeoutMs;
    this.memoryMb = memoryMb;
  }

  /** {@link exportMap} of reports.ts, on a worker. */
  exportMap(
    map: LabelledMap,
    format: ExportFormat,
    options: ReportOptions,
    fontsFolder?: string,
    date?: Date,
  ): Promise<Buffer> {
    return this.run({ kind: 'map', map, format, options, fontsFolder, date: date?.getTime() });
  }

  /** {@link exportSummary} of reports.ts, on a worker. */
  exportSummary(map: LabelledMap, options: ReportOptions, fontsFolder?: string, date?: Date): Promise<Buffer> {
    return this.run({ kind: 'summary', map, options, fontsFolder, date: date?.getTime() });
  }

  /** {@link exportComparison} of reports.ts, on a worker. */
  exportComparison(
    before: LabelledMap,
    after: LabelledMap,
    format: ComparisonFormat,
    options: ReportOptions,
    fontsFolder?: string,
    date?: Date,
  ): Promise<Buffer> {
    return this.run({ kind: 'comparison', before, after, format, options, fontsFolder, date: date?.getTime() });
  }

  private run(job: ReportJob): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.running.size < this.size ? this.start() : undefined);
      if (!worker) return;
      const task = this.waiting.shift()!;
      const timer = setTimeout(() => {
        this.lose(
          worker,
          `The report took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped: the map is too large to export this way.`,
        );
      }, this.timeoutMs);
      this.running.set(worker, { task, timer });
      // A worker at work keeps the process alive; an idle one does not.
      worker.ref();
      worker.postMessage(task.job);
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
    });
    worker.on('message', (answer: ReportAnswer) => {
      const running = this.running.get(worker);
      if (!running) return;
      clearTimeout(running.timer);
      this.running.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (answer.ok) running.task.resolve(Buffer.from(answer.bytes));
      else running.task.reject(new ReportError(`The report could not be drawn: ${answer.message}`));
      this.next();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.lose(
        worker,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `The report needed more than the ${this.memoryMb} MB of memory a report may use and was stopped: the map is too large to export this way.`
          : `The report stopped with an error: ${error.message}`,
      );
    });
    worker.on('exit', (code) => {
      this.lose(worker, `The report stopped unexpectedly (its worker exited with code ${code}).`);
    });
    return worker;
  }

  /** Ends a worker; its export, if any, fails with `message`, and the next export gets a new worker. */
  private lose(worker: Worker, message: string): void {
    const running = this.running.get(worker);
    this.running.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at !== -1) this.idle.splice(at, 1);
    if (running) {
      clearTimeout(running.timer);
      running.task.reject(new ReportError(message));
    }
    void worker.terminate();
    this.next();
  }
}

/** The back end's pool: the desktop app's menu and both transports' export requests share it. */
export const reportPool = new ReportPool();
