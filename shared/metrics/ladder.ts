/**
 * The lead-time ladder along the critical path: for each step, the waiting before its work (the
 * handoff's wait into it and its lead time beyond process time) and the work itself.
 */
import type { Step, VsmDocument } from '../model/schema';
import { handoffKey } from './compare';
import type { FlowMetrics } from './flow';

export interface Rung {
  step: Step;
  /** Minutes of waiting: the wait of the handoff into the step plus its lead time beyond process time. */
  wait: number;
  /** Minutes of work: the step's process time. */
  work: number;
}

export function ladderRungs(document: VsmDocument, metrics: FlowMetrics): Rung[] {
  const steps = new Map(document.steps.map((step) => [step.id, step]));
  const handoffs = new Map(
    document.handoffs
      .filter((handoff) => handoff.rework === undefined)
      .map((handoff) => [handoffKey(handoff.from, handoff.to), handoff]),
  );
  return metrics.criticalPath.map((id, i) => {
    const step = steps.get(id)!;
    const before = i === 0 ? undefined : handoffs.get(handoffKey(metrics.criticalPath[i - 1]!, id));
    return { step, wait: (before?.waitTime ?? 0) + step.leadTime - step.processTime, work: step.processTime };
  });
}
