// Files with very many problems (issue #10): the time to read, validate and describe a file full of
// problems, as a ratio to a valid file of the same size, through the library's import (what the
// window's import and `vsm db import` do). Goal: a ratio near 1 or below, whatever the count, and
// no file that blocks the back end for seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../electron/store/library';
import { randomMap } from '../test/fixtures/random-map';

const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra${i}`, 1]));
const json = (raw: Record<string, unknown>) => JSON.stringify({ format: 'vsm/1', name: 'Bench', ...raw });

/** A valid map of 1,000 steps whose notes make it `bytes` long. */
function validOfSize(bytes: number): string {
  const map = randomMap({ seed: 3, size: 1_000 });
  const room = Math.max(0, bytes - JSON.stringify(map).length);
  const notes = 'n'.repeat(Math.min(10_000, Math.floor(room / map.steps.length)));
  return JSON.stringify({ ...map, steps: map.steps.map((step) => ({ ...step, notes })) });
}

const cases: { label: string; text: string }[] = [
  {
    label: '43,334 steps {"id":1}: 130k problems',
    text: json({ steps: Array.from({ length: 43_334 }, () => ({ id: 1 })) }),
  },
  {
    label: '333,334 steps {"id":1}: 1M problems',
    text: json({ steps: Array.from({ length: 333_334 }, () => ({ id: 1 })) }),
  },
  {
    label: 'within the limits: 130k unknown fields',
    text: json({
      steps: Array.from({ length: 1_000 }, (_, i) => ({ id: `s${i}`, name: 'S', processTime: 1, ...fields(45) })),
      handoffs: Array.from({ length: 5_000 }, (_, i) => ({ from: `x${i}`, to: `y${i}`, ...fields(15) })),
    }),
  },
];

const folder = mkdtempSync(join(tmpdir(), 'flowmap-bench-validate-'));
const library = Library.open(join(folder, 'flowmap.db'));

/** Median milliseconds of an import of `text`, and the length of its answer (the error message). */
function measure(text: string, runs = 3): { ms: number; answer: number } {
  const times: number[] = [];
  let answer = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      answer = JSON.stringify(library.importFiles([{ name: 'bench.json', text }])).length;
    } catch (error) {
      answer = error instanceof Error ? error.message.length : String(error).length;
    }
    times.push(performance.now() - start);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)]!, answer };
}

console.log('Import of a file with many problems vs a valid file of the same size (median of 3):');
console.log('  file                                        MB   problems ms   valid ms   ratio   answer chars');
for (const { label, text } of cases) {
  const bad = measure(text);
  const valid = measure(validOfSize(text.length));
  console.log(
    `  ${label.padEnd(40)}${(text.length / 1e6).toFixed(1).padStart(6)}${bad.ms.toFixed(0).padStart(13)}` +
      `${valid.ms.toFixed(0).padStart(11)}${(bad.ms / valid.ms).toFixed(2).padStart(8)}${String(bad.answer).padStart(15)}`,
  );
}
library.close();
rmSync(folder, { recursive: true, force: true });
