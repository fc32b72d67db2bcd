// Speed of the engine (issue #2): a full metrics recompute on random maps of 100, 1,000 and 10,000
// steps (1.5 handoffs a step, 5% of steps with a rework loop), and validation for comparison.
// Goal: a 1,000-step recompute under 2 ms median, and linear growth (ratio ≈ 10 per size step).
// Validation is measured up to the largest map a file may hold (MAP_LIMITS: 1,000 steps).
import { performance } from 'node:perf_hooks';
import { computeMetrics } from '../shared/metrics/flow';
import { MAP_LIMITS } from '../shared/model/schema';
import { validateDocument } from '../shared/model/validate';
import { randomMap } from '../test/fixtures/random-map';

/** Median milliseconds of `work`, run at least `minRuns` times and for at least `minMs`. */
function median(work: () => unknown, minRuns = 30, minMs = 1000): number {
  for (let i = 0; i < 5; i++) work(); // warm up the JIT
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const sizes = [100, 1_000, 10_000];
const rows: { size: number; handoffs: number; metrics: number; validate: number | undefined }[] = [];
for (const size of sizes) {
  const document = randomMap({ seed: 42, size });
  rows.push({
    size,
    handoffs: document.handoffs.length,
    metrics: median(() => computeMetrics(document)),
    validate: size <= MAP_LIMITS.steps.most ? median(() => validateDocument(document), 10, 500) : undefined,
  });
}

const fixed = (value: number, digits = 3) => value.toFixed(digits).padStart(9);
console.log('Flow metrics: full recompute (median)');
console.log('    steps  handoffs  metrics ms  ratio  µs/step   validate ms  ratio');
rows.forEach((row, i) => {
  const previous = rows[i - 1];
  const ratio = (now: number, before: number | undefined) =>
    before === undefined ? '     -' : (now / before).toFixed(1).padStart(6);
  console.log(
    `${String(row.size).padStart(9)}${String(row.handoffs).padStart(10)}${fixed(row.metrics).padStart(12)}${ratio(row.metrics, previous?.metrics)}` +
      fixed((row.metrics * 1000) / row.size, 2) +
      (row.validate === undefined
        ? '  (over the limit)'
        : `${fixed(row.validate).padStart(14)}${ratio(row.validate, previous?.validate)}`),
  );
});
const thousand = rows.find((row) => row.size === 1_000)!;
console.log(
  `\nGoal: 1,000 steps under 2 ms median: ${thousand.metrics.toFixed(3)} ms, ${thousand.metrics < 2 ? 'met' : 'NOT met'}.`,
);
console.log('Linear growth shows as a ratio near 10 between sizes ten times apart.');
