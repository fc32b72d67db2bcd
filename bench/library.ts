// Speed of the library (issue #3), on a library of 1,000 maps with history: save and open a
// 500-step map, list all maps, search, list its history. Goals: save and open under 10 ms median,
// list and history under 20 ms, and a long history that does not slow a save (the ratio to a fresh
// map's save stays near 1).
// Then an autosave of a map a fifth of the size cap and one at the cap through the API as the server
// answers it (issue #10: one validation per save, answered with the summary and revision only).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../electron/api/handlers';
import { Library } from '../electron/store/library';
import { updateStep } from '../shared/model/commands';
import { MAP_LIMITS, type VsmDocument } from '../shared/model/schema';
import { type ValidDocument, validateDocument } from '../shared/model/validate';
import { randomMap } from '../test/fixtures/random-map';

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median time of `work`; `prepare` runs before each run, untimed. */
function timed<T>(runs: number, work: (input: T) => void, prepare: (run: number) => T = () => undefined as T): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const input = prepare(run);
    const start = performance.now();
    work(input);
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * The same document with one step's process time changed: what an edit in the app saves. Validated
 * as the API's input validates a save; the library's own figures leave that out.
 */
function edited(document: VsmDocument, n: number): ValidDocument {
  const step = document.steps[n % document.steps.length]!;
  const result = updateStep(document, step.id, { processTime: (step.processTime + 5) % step.leadTime });
  if (!result.ok) throw new Error(result.error);
  const checked = validateDocument(result.document);
  if (!checked.ok) throw new Error('the edited map is not valid');
  return checked.document;
}

const folder = mkdtempSync(join(tmpdir(), 'flowmap-bench-'));
const library = Library.open(join(folder, 'flowmap.db'));
try {
  // Filling the library is not what is measured: skip the fsyncs while it is built.
  library.connection.pragma('synchronous = OFF');
  const fillStart = performance.now();
  for (let i = 0; i < 1000; i++) {
    const opened = library.createStream(`Stream ${i}`, randomMap({ seed: i, size: 20 + (i % 60) }));
    let { document, revision } = opened;
    for (let r = 0; r < 4; r++) {
      const next = edited(document, r);
      ({ revision } = library.saveMap(opened.summary.id, next, revision));
      document = next;
    }
  }
  const big = library.createStream('Big map', randomMap({ seed: 7, size: 500 }));
  let document = big.document;
  let revision = big.revision;
  const saveBig = () =>
    timed(
      50,
      (next: ValidDocument) => {
        revision = library.saveMap(big.summary.id, next, revision).revision;
      },
      (run) => (document = edited(document, run)),
    );
  const fillSeconds = (performance.now() - fillStart) / 1000;

  library.connection.pragma('synchronous = FULL');
  const save = saveBig();
  // Then the same map gets a long history, and its saves are timed again.
  library.connection.pragma('synchronous = OFF');
  for (let r = 0; r < 1000; r++) {
    const next = edited(document, r);
    revision = library.saveMap(big.summary.id, next, revision).revision;
    document = next;
  }
  library.connection.pragma('synchronous = FULL');
  const saveLong = saveBig();
  const open = timed(50, () => library.openMap(big.summary.id));
  // The History dialog's list: every kept revision with its summary, stored at save time.
  const history = timed(30, () => library.history(big.summary.id));
  const list = timed(30, () => library.listMaps());
  const streams = timed(30, () => library.listStreams());
  const search = timed(30, () => library.search('step 42'));
  const searchHits = library.search('step 42').length;
  const size = statSync(library.path).size + statSync(`${library.path}-wal`, { throwIfNoEntry: false })!.size;

  const line = (label: string, ms: number, goal?: number) => {
    console.log(
      `  ${label.padEnd(44)}${ms.toFixed(2).padStart(8)} ms${goal === undefined ? '' : `   goal < ${goal} ms: ${ms < goal ? 'met' : 'NOT met'}`}`,
    );
  };
  console.log(
    `Library: ${library.listMaps().length} maps, ${library.history(big.summary.id).length} revisions kept of the big map's ${revision} (built in ${fillSeconds.toFixed(1)} s), ${(size / 1024 / 1024).toFixed(1)} MB`,
  );
  console.log('Median times (synchronous = FULL, as the app runs):');
  line('save a 500-step map', save, 10);
  line('save it again after 1,000 more revisions', saveLong);
  console.log(
    `  ${'ratio long history / fresh'.padEnd(44)}${(saveLong / save).toFixed(2).padStart(8)}    (near 1: history does not slow a save)`,
  );
  line('open a 500-step map', open, 10);
  line("its history, every kept revision's summary", history, 20);
  line('list all maps', list, 20);
  line('list all streams with their maps', streams, 20);
  line(`search "step 42" (${searchHits} maps)`, search);

  // An autosave of a large map as the server answers it: the request's JSON parsed, checked against
  // the contract, written, and the answer turned into JSON.
  const backend = { library };
  const autosave = async (size: number) => {
    const opened = library.createStream(`Autosaved ${size}`, randomMap({ seed: size, size }));
    let current = opened.document;
    let base = opened.revision;
    const times: number[] = [];
    for (let run = 0; run < 15; run++) {
      current = edited(current, run);
      const body = JSON.stringify({ id: opened.summary.id, document: current, baseRevision: base });
      const start = performance.now();
      const answer = await dispatch(backend, 'saveMap', JSON.parse(body));
      JSON.stringify(answer);
      times.push(performance.now() - start);
      if (!answer.ok) throw new Error(answer.error.message);
      base = (answer.value as { revision: number }).revision;
    }
    return median(times);
  };
  const largest = MAP_LIMITS.steps.most;
  const autosaveSmall = await autosave(largest / 5);
  const autosaveLarge = await autosave(largest);
  const steps = (count: number) => `${count.toLocaleString('en')}-step`;
  console.log('Autosave through the API (JSON in, checked, written, JSON out):');
  line(`a ${steps(largest / 5)} map`, autosaveSmall);
  line(`a ${steps(largest)} map (the size cap)`, autosaveLarge);
  console.log(
    `  ${`ratio ${steps(largest)} / ${steps(largest / 5)}`.padEnd(44)}${(autosaveLarge / autosaveSmall).toFixed(2).padStart(8)}    (5 is linear)`,
  );
} finally {
  library.close();
  rmSync(folder, { recursive: true, force: true });
}
