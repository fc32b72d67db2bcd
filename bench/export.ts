// Speed of the reports (issue #6): a 200-step map to PDF (goal: under 1.5 s and under 1 MB), and
// for scale, in the same run, the 8-step example and the SVG and PNG of the 200-step map.
import { readFileSync } from 'node:fs';
import { ReportFonts } from '../electron/export/fonts';
import { exportMap, reportFonts, SOURCE_FONTS_FOLDER } from '../electron/export/reports';
import { labelledByState } from '../electron/export/files';
import { parseDocumentText } from '../shared/model/text';
import { examplePath } from '../test/fixtures/examples';
import { randomMap } from '../test/fixtures/random-map';

const parsed = parseDocumentText(readFileSync(examplePath('feature-delivery-current'), 'utf8'), 'json');
if (!parsed.ok) throw new Error('the example does not parse');
const example = parsed.document;
const large = randomMap({ seed: 7, size: 200, reworkShare: 0.05 });
const fonts = reportFonts();

async function measure(label: string, run: () => Promise<Buffer>, runs = 5) {
  await run(); // warm: fonts parsed, code compiled
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    size = (await run()).length;
    times.push(performance.now() - start);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  console.log(`  ${label.padEnd(28)} ${median.toFixed(0).padStart(6)} ms ${(size / 1024).toFixed(0).padStart(7)} KB`);
  return median;
}

console.log('Export (median of 5, after one warm-up):');
const small = await measure('example (8 steps), PDF', () =>
  exportMap(labelledByState(example), 'pdf', undefined, fonts),
);
const big = await measure('200 steps, PDF', () => exportMap(labelledByState(large), 'pdf', undefined, fonts));
await measure('200 steps, SVG', () => exportMap(labelledByState(large), 'svg', undefined, fonts));
await measure('200 steps, PNG', () => exportMap(labelledByState(large), 'png', undefined, fonts), 3);
const start = performance.now();
const cold = await exportMap(
  labelledByState(randomMap({ seed: 8, size: 200 })),
  'pdf',
  undefined,
  new ReportFonts(SOURCE_FONTS_FOLDER),
);
console.log(
  `  a first export in a fresh process pays for the fonts: another 200-step PDF with fonts loaded anew ${(performance.now() - start).toFixed(0)} ms, ${(cold.length / 1024).toFixed(0)} KB`,
);
console.log(
  `  200 steps / 8 steps: ${(big / small).toFixed(1)}× the time for 25× the steps (goal: under 1.5 s, under 1 MB)`,
);
