import { handoffKey } from '../../shared/metrics/compare';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportFonts } from '../../electron/export/reports';
import { buildScene } from '../../electron/export/scene';
import { toFlow } from '../../renderer/canvas/to-flow';
import { changeMarks } from '../../shared/metrics/change-marks';
import { compareMaps } from '../../shared/metrics/compare';
import { computeMetrics } from '../../shared/metrics/flow';
import type { VsmDocument } from '../../shared/model/schema';
import { parseDocumentText } from '../../shared/model/text';
import { layoutMap } from '../../shared/picture/layout';
import { mapPicture, presentFigures } from '../../shared/picture/map-picture';
import { CHANGE_COLOURS, laneColour, SEVERITY_COLOURS } from '../../shared/picture/palette';
import { examplePath } from './helpers';

function example(name: string): VsmDocument {
  const parsed = parseDocumentText(readFileSync(examplePath(name), 'utf8'), 'json');
  if (!parsed.ok) throw new Error(`invalid example ${name}`);
  return parsed.document;
}
const current = example('feature-delivery-current');
const future = example('feature-delivery-future');
const comparison = compareMaps(current, future);
const marks = changeMarks(current, future, comparison);
const pictureOf = (document: VsmDocument, side?: 'before' | 'after') =>
  mapPicture(document, computeMetrics(document), layoutMap(document), side && marks[side]);

describe('the picture of the example map', () => {
  const metrics = computeMetrics(current);
  const picture = pictureOf(current);
  const step = (id: string) => picture.steps.find((candidate) => candidate.id === id)!;
  const handoff = (key: string) => picture.handoffs.find((candidate) => candidate.key === key)!;

  it('has a lane per team in the teams’ order, each in its colour', () => {
    expect(picture.lanes.map((lane) => [lane.name, lane.colour, lane.lastTeam])).toEqual([
      ['Business', laneColour(0), false],
      ['Development', laneColour(1), false],
      ['Testing', laneColour(2), false],
      ['Security', laneColour(3), false],
      ['Operations', laneColour(4), true],
    ]);
  });

  it('gives each step its figures, its lane’s colour, the critical marking and its ideas', () => {
    expect(step('spec')).toMatchObject({
      figures: ['PT 1d · LT 1w', '%C&A 70% · 1 people'],
      nameLines: 2,
      colour: laneColour(0),
      accessibleName: 'Step Write requirements: process time 1d, lead time 1w, 70% complete and accurate',
    });
    expect(step('spec').ideaBadge).toBeUndefined();
    expect(picture.steps.filter((candidate) => candidate.critical).map((candidate) => candidate.id)).toEqual(
      metrics.criticalPath,
    );
    expect(step('test')).toMatchObject({ colour: laneColour(2) });
    expect(picture.steps.some((candidate) => candidate.mark)).toBe(false);
  });

  it('badges a step with ideas with their votes, and with "?" while a voting round hides them', () => {
    expect(step('test').ideaBadge).toEqual({ text: '✸ 5', label: '1 improvement idea, 5 votes' });
    const more: VsmDocument = {
      ...current,
      ideas: [...current.ideas, { id: 'i9', text: 'Test in parallel', step: 'test', votes: 2 }],
    };
    const badge = (hidden: boolean) =>
      mapPicture(more, computeMetrics(more), layoutMap(more), undefined, undefined, hidden).steps.find(
        (candidate) => candidate.id === 'test',
      )?.ideaBadge;
    expect(badge(false)).toEqual({ text: '✸ 7', label: '2 improvement ideas, 7 votes' });
    expect(badge(true)).toEqual({ text: '✸ ?', label: '2 improvement ideas, votes hidden until revealed' });
  });

  it('labels handoffs with their wait and queue, rework loops with their probability', () => {
    expect(handoff(handoffKey('spec', 'build'))).toMatchObject({
      lines: ['2w', 'queue 25'],
      critical: true,
      dashed: false,
      colour: SEVERITY_COLOURS.high,
      accessibleName:
        'Handoff Write requirements → Develop feature: wait 2w, queue 25, wall of confusion (high, delay 3w 2d)',
    });
    expect(handoff(handoffKey('test', 'build'))).toMatchObject({
      lines: ['↺ rework 30.0% · 1d'],
      rework: true,
      dashed: true,
    });
  });

  it('marks walls with their letter and delay, at the receiving lane’s boundary, side by side on one line', () => {
    const lanes = picture.lanes;
    expect(handoff(handoffKey('spec', 'build')).wall).toMatchObject({
      severity: 'high',
      text: 'H 3w 2d',
      boundary: lanes[1]!.y,
      slot: 0,
      accessibleName: 'Wall of confusion (high): delay 3w 2d',
    });
    expect(handoff(handoffKey('test', 'cab')).wall).toMatchObject({ text: 'M 1w 1d 7h', slot: 0 });
    expect(handoff(handoffKey('secrev', 'cab')).wall).toMatchObject({ text: 'M 4d 7h', slot: 1 });
    expect(picture.handoffs.filter((candidate) => candidate.wall).length).toBe(metrics.walls.length);
  });

  it('gives the presentation its one-line figures', () => {
    expect(
      presentFigures(
        current.steps.find((candidate) => candidate.id === 'spec')!,
        current.calendar,
      ),
    ).toBe('PT 1d · LT 1w · 70%');
  });
});

describe('the pictures of a comparison, marked', () => {
  const before = pictureOf(current, 'before');
  const after = pictureOf(future, 'after');
  const step = (picture: typeof before, id: string) => picture.steps.find((candidate) => candidate.id === id)!;
  const handoff = (picture: typeof before, key: string) => picture.handoffs.find((candidate) => candidate.key === key)!;

  it('marks steps added, removed and changed by colour and a symbol with a word', () => {
    expect(step(after, 'pipeline').mark).toEqual({
      kind: 'added',
      colour: CHANGE_COLOURS.added,
      symbol: '+',
      badge: '+ added',
    });
    expect(step(before, 'test').mark).toMatchObject({ kind: 'removed', badge: '− removed' });
    expect(step(after, 'review').mark).toMatchObject({ kind: 'changed', badge: '~ changed' });
    // The marks of the comparison, and only those, on each side.
    const marked = (picture: typeof before) =>
      picture.steps.filter((candidate) => candidate.mark).map((candidate) => candidate.id);
    expect(marked(before).sort()).toEqual([...marks.before.steps.keys()].sort());
    expect(marked(after).sort()).toEqual([...marks.after.steps.keys()].sort());
  });

  it('shows a changed step’s changed figures as before → after, in more lines when they do not fit, with the changes in its name', () => {
    expect(step(after, 'review')).toMatchObject({
      figures: ['PT 2h · LT 2d → 4h', '%C&A 85% → 90%', '1 people'],
      nameLines: 1,
      accessibleName:
        'Step Code review, changed: team Development → Product team, lead time 2d → 4h, %C&A 85% → 90%: process time 2h, lead time 4h, 90% complete and accurate',
    });
    // Both groups too long for a line: past the third line, the figures stay on it (the name keeps a line).
    expect(step(after, 'spec')).toMatchObject({
      figures: ['PT 1d → 4h', 'LT 1w → 2d', '%C&A 70% → 85% · people 1 → 4'],
      nameLines: 1,
    });
    // A group that fits stays on one line; the name keeps its two.
    expect(step(after, 'idea')).toMatchObject({
      figures: ['PT 2h · LT 2d → 1d', '%C&A 100% · 2 people'],
      nameLines: 2,
    });
  });

  it('marks handoffs added, removed (dashed) and changed (wait and queue before → after)', () => {
    expect(handoff(after, handoffKey('idea', 'spec'))).toMatchObject({
      lines: ['~ wait 1w → 2d', 'queue 40 → 10'],
      labelColour: CHANGE_COLOURS.changed,
      mark: { kind: 'changed' },
      dashed: false,
    });
    expect(handoff(after, handoffKey('idea', 'spec')).accessibleName).toMatch(
      /^Handoff Capture idea → Refine with the team, changed: wait time 1w → 2d, queue 40 → 10: wait 2d, queue 10/,
    );
    expect(handoff(before, handoffKey('review', 'test'))).toMatchObject({
      lines: ['− removed · 3d', 'queue 8'],
      dashed: true,
    });
    expect(handoff(after, handoffKey('review', 'pipeline'))).toMatchObject({
      lines: ['+ added · 0m'],
      mark: { kind: 'added' },
    });
    // A wall keeps its severity's colour; the label says the change.
    expect(handoff(before, handoffKey('spec', 'build')).colour).toBe(SEVERITY_COLOURS.high);
  });

  it('strikes walls gone, marks walls new, leaves the others as they are', () => {
    expect(handoff(before, handoffKey('spec', 'build')).wall).toMatchObject({
      mark: 'removed',
      word: 'gone',
      text: 'H 3w 2d gone',
      accessibleName: 'Wall of confusion (high): delay 3w 2d, gone',
    });
    expect(handoff(after, handoffKey('idea', 'spec')).wall).toMatchObject({ mark: 'added', word: 'new' });
    // Every wall of each side carries its mark from the comparison.
    const walls = (picture: typeof before) =>
      new Map(picture.handoffs.flatMap((candidate) => (candidate.wall ? [[candidate.key, candidate.wall.mark]] : [])));
    expect(walls(before)).toEqual(marks.before.walls);
    expect(walls(after)).toEqual(marks.after.walls);
  });
});

describe('the canvas and the reports draw one picture', () => {
  const fonts = reportFonts();
  for (const [side, document] of [
    ['before', current],
    ['after', future],
  ] as const) {
    it(`gives the same labels, colours and marks on both, for the ${side} map of a comparison`, () => {
      const metrics = computeMetrics(document);
      const flow = toFlow(document, metrics, { layout: layoutMap(document), marks: marks[side] });
      const scene = buildScene(document, metrics, fonts, marks[side]);
      const edges = new Map(flow.edges.map((edge) => [edge.id.replace(/^rework:/, ''), edge]));
      const nodes = new Map(flow.stepData);

      expect(scene.steps.map((step) => step.id)).toEqual([...nodes.keys()]);
      for (const step of scene.steps) {
        const node = nodes.get(step.id)!;
        // The reports fit each line to their fonts: the same lines, at most shortened with … when too long.
        expect(step.figures.length).toBe(node.figures.length);
        step.figures.forEach((line, i) => {
          expect(node.figures[i]!.startsWith(line.replace(/…$/u, ''))).toBe(true);
        });
        expect([step.colour, step.critical, step.ideaBadge, step.mark?.badge, step.mark?.colour]).toEqual([
          node.colour,
          node.critical,
          node.ideaBadge,
          node.mark?.badge,
          node.mark?.colour,
        ]);
      }

      expect(scene.handoffs.map((handoff) => handoff.key).sort()).toEqual([...edges.keys()].sort());
      for (const handoff of scene.handoffs) {
        const edge = edges.get(handoff.key)!;
        expect([handoff.label, handoff.labelColour, handoff.dashed, handoff.rework]).toEqual([
          edge.data!.lines,
          edge.data!.labelColour,
          edge.data!.dashed,
          edge.data!.rework,
        ]);
        if (!handoff.rework) expect(handoff.colour).toBe(edge.style?.stroke);
        expect(handoff.wall && [handoff.wall.severity, handoff.wall.colour, handoff.wall.struck]).toEqual(
          edge.data!.wall && [edge.data!.wall.severity, edge.data!.wall.colour, edge.data!.wall.mark === 'removed'],
        );
        if (handoff.wall) expect(edge.data!.wall!.text.startsWith(handoff.wall.text[0]!)).toBe(true);
      }
    });
  }
});
