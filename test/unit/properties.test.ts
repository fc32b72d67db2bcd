/**
 * Properties of the metrics on random valid maps (fast-check drives the seed and size of
 * test/fixtures/random-map.ts, so every failure replays from its seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, type FlowMetrics } from '../../shared/metrics/flow';
import {
  addStep,
  connect,
  disconnect,
  removeStep,
  setStepTeam,
  updateHandoff,
  updateStep,
} from '../../shared/model/commands';
import type { VsmDocument } from '../../shared/model/schema';
import { parseDocumentText, serializeDocument } from '../../shared/model/text';
import { validateDocument } from '../../shared/model/validate';
import { randomMap } from '../fixtures/random-map';

const maps = fc
  .record({ seed: fc.integer(), size: fc.integer({ min: 1, max: 40 }), reworkShare: fc.constantFrom(0, 0.1, 0.3) })
  .map((options) => randomMap(options));

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Moves every lead time by a tiny distinct amount, so that no two paths tie. */
function withoutTies(document: VsmDocument): VsmDocument {
  return {
    ...document,
    steps: document.steps.map((step, i) => ({ ...step, leadTime: step.leadTime + (i + 1) * Math.SQRT2 * 1e-3 })),
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('metrics on random maps', () => {
  it('generates valid maps', () => {
    fc.assert(
      fc.property(maps, (document) => {
        expect(validateDocument(document).ok).toBe(true);
      }),
    );
  });

  it('keeps flow efficiency in [0, 1] and lead time at least process time', () => {
    fc.assert(
      fc.property(maps, (document) => {
        const metrics = computeMetrics(document);
        expect(metrics.flowEfficiency).not.toBeNull();
        expect(metrics.flowEfficiency).toBeGreaterThanOrEqual(0);
        expect(metrics.flowEfficiency).toBeLessThanOrEqual(1);
        expect(metrics.leadTime).toBeGreaterThanOrEqual(metrics.processTime);
        expect(metrics.waitTime).toBeGreaterThanOrEqual(0);
        expect(metrics.totalWorkTime).toBeGreaterThanOrEqual(metrics.processTime);
        expect(metrics.rolledCompleteAccurate).toBeGreaterThanOrEqual(0);
        expect(metrics.rolledCompleteAccurate).toBeLessThanOrEqual(1);
        for (const step of document.steps) expect(metrics.leadTime).toBeGreaterThanOrEqual(step.leadTime);
      }),
    );
  });

  it('follows a real path for the critical path, whose length is the lead time', () => {
    fc.assert(
      fc.property(maps, (document) => {
        const metrics = computeMetrics(document);
        const byId = new Map(document.steps.map((step) => [step.id, step]));
        const forward = document.handoffs.filter((handoff) => handoff.rework === undefined);
        const path = metrics.criticalPath;
        let length = 0;
        path.forEach((id, i) => {
          length += byId.get(id)!.leadTime;
          if (i > 0) length += forward.find((handoff) => handoff.from === path[i - 1] && handoff.to === id)!.waitTime;
        });
        expect(close(length, metrics.leadTime)).toBe(true);
        expect(forward.some((handoff) => handoff.to === path[0])).toBe(false);
        expect(forward.some((handoff) => handoff.from === path[path.length - 1])).toBe(false);
        const timing = new Map(metrics.steps.map((step) => [step.id, step]));
        for (const id of path) expect(timing.get(id)?.critical).toBe(true);
        for (const step of metrics.steps) {
          expect(step.slack).toBeGreaterThanOrEqual(0);
          expect(step.earliestStart + byId.get(step.id)!.leadTime).toBeLessThanOrEqual(metrics.leadTime + 1e-6);
        }
      }),
    );
  });

  it('gives the same figures whatever order the steps and handoffs are written in', () => {
    const comparable = (metrics: FlowMetrics) => ({
      ...metrics,
      steps: [...metrics.steps].sort((a, b) => a.id.localeCompare(b.id)),
      walls: [...metrics.walls].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
    });
    fc.assert(
      fc.property(maps, fc.integer(), (generated, seed) => {
        // randomMap gives each step at most one rework loop; loops from one step would be taken in
        // document order, which the spec makes part of the meaning.
        const document = withoutTies(generated);
        const reordered = {
          ...document,
          steps: shuffled(document.steps, seed),
          handoffs: shuffled(document.handoffs, seed + 1),
        };
        const [a, b] = [comparable(computeMetrics(document)), comparable(computeMetrics(reordered))];
        expect(b.criticalPath).toEqual(a.criticalPath);
        for (const key of [
          'leadTime',
          'processTime',
          'flowEfficiency',
          'reworkAdjustedLeadTime',
          'rolledCompleteAccurate',
        ] as const) {
          expect(close(b[key]!, a[key]!), key).toBe(true);
        }
        expect(b.walls.map((wall) => [wall.from, wall.to, wall.severity, wall.critical])).toEqual(
          a.walls.map((wall) => [wall.from, wall.to, wall.severity, wall.critical]),
        );
        b.steps.forEach((step, i) => {
          expect(close(step.earliestStart, a.steps[i]!.earliestStart)).toBe(true);
          expect(close(step.slack, a.steps[i]!.slack)).toBe(true);
        });
      }),
    );
  });

  it('adds a step in series: its lead time and the handoff\u2019s wait add to the lead time', () => {
    fc.assert(
      fc.property(
        maps,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        (document, lead, wait, atEnd) => {
          const before = computeMetrics(document);
          const hasForward = (id: string, end: 'from' | 'to') =>
            document.handoffs.some((handoff) => handoff.rework === undefined && handoff[end] === id);
          // Joined after every exit step, or before every entry step, with the same wait.
          const ends = document.steps.filter((step) => !hasForward(step.id, atEnd ? 'from' : 'to'));
          const extended: VsmDocument = {
            ...document,
            steps: [
              ...document.steps,
              { id: 'added', name: 'Added', processTime: 0, leadTime: lead, percentCompleteAccurate: 100 },
            ],
            handoffs: [
              ...document.handoffs,
              ...ends.map((step) =>
                atEnd ? { from: step.id, to: 'added', waitTime: wait } : { from: 'added', to: step.id, waitTime: wait },
              ),
            ],
          };
          expect(validateDocument(extended).ok).toBe(true);
          expect(close(computeMetrics(extended).leadTime, before.leadTime + lead + wait)).toBe(true);
        },
      ),
    );
  });

  it('never lets rework lower the rework-adjusted lead time', () => {
    fc.assert(
      fc.property(maps, (document) => {
        const metrics = computeMetrics(document);
        const withoutRework = computeMetrics({
          ...document,
          handoffs: document.handoffs.filter((handoff) => handoff.rework === undefined),
        });
        expect(withoutRework.reworkAdjustedLeadTime).toBe(withoutRework.leadTime);
        expect(metrics.leadTime).toBe(withoutRework.leadTime);
        expect(metrics.reworkAdjustedLeadTime).toBeGreaterThanOrEqual(metrics.leadTime);
      }),
    );
  });

  it('reads back every map it writes, in JSON and YAML', () => {
    fc.assert(
      fc.property(maps, fc.constantFrom('json' as const, 'yaml' as const), (document, format) => {
        const parsed = parseDocumentText(serializeDocument(document, format), format);
        expect(parsed).toEqual({ ok: true, document });
      }),
      { numRuns: 50 },
    );
  });
});

describe('edit commands on random maps', () => {
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      name: fc.string({ minLength: 1, maxLength: 12 }),
      minutes: fc.integer({ min: 0, max: 1000 }),
    }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constant('connect' as const),
      from: fc.nat(),
      to: fc.nat(),
      rework: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true })),
    }),
    fc.record({ kind: fc.constant('disconnect' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('lead' as const), pick: fc.nat(), minutes: fc.integer({ min: -10, max: 100_000 }) }),
    fc.record({
      kind: fc.constant('team' as const),
      pick: fc.nat(),
      team: fc.option(fc.constantFrom('t0', 't1', 'nope')),
    }),
  );

  it('keep the document valid, or refuse with a reason and change nothing', () => {
    fc.assert(
      fc.property(maps, fc.array(edit, { maxLength: 25 }), (start, edits) => {
        let document = start;
        for (const step of edits) {
          const stepAt = (n: number) => document.steps[n % Math.max(1, document.steps.length)];
          const handoffAt = (n: number) => document.handoffs[n % Math.max(1, document.handoffs.length)];
          // Commands are pure: whatever the outcome, the document they were given is as it was.
          const before = JSON.stringify(document);
          let result;
          switch (step.kind) {
            case 'add':
              result = addStep(document, { name: step.name, processTime: step.minutes });
              break;
            case 'remove':
              result = stepAt(step.pick) && removeStep(document, stepAt(step.pick)!.id);
              break;
            case 'connect': {
              const [from, to] = [stepAt(step.from), stepAt(step.to)];
              result =
                from &&
                to &&
                connect(document, { from: from.id, to: to.id, ...(step.rework !== null && { rework: step.rework }) });
              break;
            }
            case 'disconnect': {
              const handoff = handoffAt(step.pick);
              result = handoff && disconnect(document, handoff.from, handoff.to);
              break;
            }
            case 'flip': {
              const handoff = handoffAt(step.pick);
              result =
                handoff &&
                updateHandoff(document, handoff.from, handoff.to, {
                  rework: handoff.rework === undefined ? 0.3 : undefined,
                });
              break;
            }
            case 'lead':
              result = stepAt(step.pick) && updateStep(document, stepAt(step.pick)!.id, { leadTime: step.minutes });
              break;
            case 'team':
              result = stepAt(step.pick) && setStepTeam(document, stepAt(step.pick)!.id, step.team ?? undefined);
              break;
          }
          if (!result) continue;
          expect(JSON.stringify(document)).toBe(before);
          if (result.ok) document = result.document;
          else expect(result.error.length).toBeGreaterThan(0);
          const check = validateDocument(document);
          expect(check.ok ? [] : check.issues).toEqual([]);
          computeMetrics(document);
        }
      }),
      { numRuns: 60 },
    );
  });
});
