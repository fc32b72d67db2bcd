// The first opening of a long history of a large map whose summaries are not measured yet (a
// library from before summaries, issue #12): a 500-step map with 40 saves, each changing a step.
// Measuring every summary at once (what the history did on its first opening) against what the
// history dialog now asks for first, the list with the summaries kept (none measured), and then
// each batch of two that fills it in. Goal: the dialog opens at once, in well under 1 s, its first
// answer a small part of measuring everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Library } from '../electron/store/library';
import { updateStep } from '../shared/model/commands';
import { validateDocument } from '../shared/model/validate';
import { randomMap } from '../test/fixtures/random-map';

const SAVES = 40;
const BATCH = 2;

const folder = mkdtempSync(join(tmpdir(), 'flowmap-bench-history-'));
const library = Library.open(join(folder, 'flowmap.db'));
try {
  library.connection.pragma('synchronous = OFF');
  const opened = library.createStream('Big map', randomMap({ seed: 7, size: 500 }));
  const id = opened.summary.id;
  let { document, revision } = opened;
  for (let n = 0; n < SAVES; n++) {
    const step = document.steps[(n * 37) % document.steps.length]!;
    const result = updateStep(document, step.id, { processTime: (step.processTime + 5) % step.leadTime });
    if (!result.ok) throw new Error(result.error);
    const checked = validateDocument(result.document);
    if (!checked.ok) throw new Error('the edited map is not valid');
    ({ revision } = library.saveMap(id, checked.document, revision));
    document = checked.document;
  }
  // As a library from before summaries: none measured.
  const forget = () =>
    library.connection.prepare('UPDATE revisions SET summary = NULL, summary_base = NULL WHERE map_id = ?').run(id);
  const time = (work: () => unknown) => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const runs = { all: [] as number[], open: [] as number[], batch: [] as number[] };
  for (let run = 0; run < 3; run++) {
    forget();
    runs.all.push(time(() => library.history(id)));
    forget();
    runs.open.push(time(() => library.history(id, { measure: 0 })));
    runs.batch.push(time(() => library.history(id, { measure: BATCH })));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const [all, open, batch] = [median(runs.all), median(runs.open), median(runs.batch)];
  const kept = library.history(id).length;
  console.log(`History of a 500-step map, ${kept} revisions kept, no summary measured yet (median of 3 runs):`);
  console.log(`  every summary at once (the first opening before)  ${all.toFixed(0).padStart(6)} ms`);
  console.log(
    `  the dialog's first answer (none measured)          ${open.toFixed(1).padStart(6)} ms   ratio ${(open / all).toPrecision(2)}`,
  );
  console.log(
    `  each batch of ${BATCH} summaries after it               ${batch.toFixed(0).padStart(6)} ms   ratio ${(batch / all).toPrecision(2)}`,
  );
} finally {
  library.close();
  rmSync(folder, { recursive: true, force: true });
}
