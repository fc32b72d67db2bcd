import { handoffKey } from '../../shared/metrics/compare';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutMap } from '../../shared/picture/layout';
import { type StepNodeData, toFlow } from '../../renderer/canvas/to-flow';
import { changeMarks } from '../../shared/metrics/change-marks';
import { compareMaps } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import type { VsmDocument } from '../../shared/model/schema';
import { parseDocumentText } from '../../shared/model/text';
import { examplePath } from './helpers';

const parsed = parseDocumentText(readFileSync(examplePath('feature-delivery-current'), 'utf8'), 'json');
if (!parsed.ok) throw new Error('invalid example');
const document: VsmDocument = parsed.document;
const metrics = computeMetrics(document);

describe('the canvas mapping of a document', () => {
  const { nodes, edges } = toFlow(document, metrics, {
    layout: layoutMap(document),
    selection: { kind: 'steps', ids: ['review', 'test'] },
  });

  it('gives one lane per team and one node per step, in its lane', () => {
    expect(
      nodes.filter((node) => node.type === 'lane').map((node) => (node.data as { lane: { name: string } }).lane.name),
    ).toEqual(['Business', 'Development', 'Testing', 'Security', 'Operations']);
    const steps = nodes.filter((node) => node.type === 'step');
    expect(steps.map((node) => node.id)).toEqual(document.steps.map((step) => step.id));
    const lanes = layoutMap(document).lanes;
    for (const node of steps) {
      const step = document.steps.find((candidate) => candidate.id === node.id)!;
      const lane = lanes.find((candidate) => candidate.team === step.team)!;
      expect(node.position.y).toBeGreaterThanOrEqual(lane.y);
      expect(node.position.y).toBeLessThan(lane.y + lane.height);
    }
    expect(steps.filter((node) => node.selected).map((node) => node.id)).toEqual(['review', 'test']);
    expect(steps.filter((node) => (node.data as { critical: boolean }).critical).map((node) => node.id)).toEqual(
      metrics.criticalPath,
    );
  });

  it('reuses the data of steps that did not change, so that only the changed step is drawn again', () => {
    const first = toFlow(document, metrics, { layout: layoutMap(document) });
    const edited = {
      ...document,
      steps: document.steps.map((step) => (step.id === 'deploy' ? { ...step, name: 'Release' } : step)),
    };
    const second = toFlow(edited, computeMetrics(edited), { layout: layoutMap(edited), previous: first.stepData });
    const changed = edited.steps
      .filter((step) => second.stepData.get(step.id) !== first.stepData.get(step.id))
      .map((step) => step.id);
    expect(changed).toEqual(['deploy']);
  });

  it('gives one edge per handoff: waits and queues, walls by severity, rework loops apart', () => {
    expect(edges).toHaveLength(document.handoffs.length);
    const lanes = layoutMap(document).lanes;
    expect(edges.find((edge) => edge.id === handoffKey('spec', 'build'))).toMatchObject({
      className: 'wall-edge wall-high critical-edge',
      // The marker stands where the handoff enters Development's lane.
      ariaLabel:
        'Handoff Write requirements → Develop feature: wait 2w, queue 25, wall of confusion (high, delay 3w 2d)',
      data: {
        lines: ['2w', 'queue 25'],
        rework: false,
        wall: { severity: 'high', boundary: lanes[1]!.y, text: 'H 3w 2d', slot: 0 },
      },
    });
    // Down from Development, past Testing, into Security: the wall is at the top of Security's lane.
    expect(edges.find((edge) => edge.id === handoffKey('review', 'secrev'))?.data?.wall?.boundary).toBe(lanes[3]!.y);
    // Manual regression test and Security review both hand over to the Change advisory board on one
    // line into Operations: the larger delay's badge sits on the line, the other's beside it.
    expect(edges.find((edge) => edge.id === handoffKey('test', 'cab'))?.data?.wall).toMatchObject({
      text: 'M 1w 1d 7h',
      slot: 0,
    });
    expect(edges.find((edge) => edge.id === handoffKey('secrev', 'cab'))?.data?.wall).toMatchObject({
      text: 'M 4d 7h',
      slot: 1,
    });
    expect(edges.filter((edge) => (edge.data?.wall?.slot ?? 0) > 0)).toHaveLength(1);
    // Walls are drawn last: no other line crosses their badges.
    const firstWall = edges.findIndex((edge) => edge.data?.wall);
    expect(edges.slice(firstWall).every((edge) => edge.data?.wall)).toBe(true);
    expect(edges.find((edge) => edge.id === handoffKey('build', 'review'))).toMatchObject({
      className: 'critical-edge',
      data: { lines: ['4h'], rework: false },
    });
    expect(edges.find((edge) => edge.id === handoffKey('build', 'review'))?.data?.wall).toBeUndefined();
    expect(edges.find((edge) => edge.id === `rework:${handoffKey('test', 'build')}`)).toMatchObject({
      source: 'test',
      target: 'build',
      className: 'rework-edge',
      ariaLabel: 'Rework loop Manual regression test → Develop feature: rework 30.0% · 1d',
      data: { lines: ['↺ rework 30.0% · 1d'], rework: true },
    });
  });

  it('names what a comparison marked: the step’s and the handoff’s change, a wall gone', () => {
    const future = parseDocumentText(readFileSync(examplePath('feature-delivery-future'), 'utf8'), 'json');
    if (!future.ok) throw new Error('invalid example');
    const marks = changeMarks(document, future.document, compareMaps(document, future.document));
    const marked = toFlow(document, metrics, { layout: layoutMap(document), marks: marks.before });
    const review = marked.nodes.find((node) => node.id === 'review')!.data as StepNodeData;
    expect(review.accessibleName).toMatch(
      /^Step Code review, changed: team Development → Product team, lead time 2d → 4h/,
    );
    expect(marked.edges.find((edge) => edge.id === handoffKey('idea', 'spec'))?.ariaLabel).toMatch(
      /^Handoff Capture idea → Write requirements, changed: wait time 1w → 2d, queue 40 → 10: /,
    );
    expect(marked.edges.find((edge) => edge.id === handoffKey('spec', 'build'))?.ariaLabel).toMatch(
      /wall of confusion \(high, delay 3w 2d, gone\)$/,
    );
    expect(marked.edges.find((edge) => edge.id === handoffKey('review', 'test'))).toMatchObject({
      className: 'wall-edge wall-medium critical-edge change-removed',
      style: { strokeDasharray: '8 6' },
    });
  });

  it('highlights the steps and handoffs asked for (the agenda’s current stage), and nothing else', () => {
    const lit = toFlow(document, metrics, {
      layout: layoutMap(document),
      highlight: {
        steps: ['test'],
        handoffs: [
          { from: 'review', to: 'test' },
          { from: 'test', to: 'build' },
        ],
      },
    });
    const highlighted = (items: readonly { id: string; className?: string }[]) =>
      items.filter((item) => item.className?.split(' ').includes('highlighted')).map((item) => item.id);
    expect(highlighted(lit.nodes)).toEqual(['test']);
    expect(highlighted(lit.edges).sort()).toEqual(
      [handoffKey('review', 'test'), `rework:${handoffKey('test', 'build')}`].sort(),
    );
    expect(highlighted(toFlow(document, metrics, { layout: layoutMap(document) }).edges)).toEqual([]);
  });
});
