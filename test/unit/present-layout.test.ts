import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../shared/metrics/flow';
import type { VsmDocument } from '../../shared/model/schema';
import { layoutMap } from '../../shared/picture/layout';
import {
  MAX_STEPS_PER_SECTION,
  presentLayout,
  type PresentLayout,
  type Rect,
} from '../../shared/picture/present-layout';
import { CHAIN_40, PARALLEL_PATHS, TWO_LANES_15, ZIG_ZAG_15 } from '../fixtures/present-maps';
import { EXAMPLE_NAMES, examplePath, readJson, valid } from './helpers';

const PROJECTOR = { width: 1280, height: 720 };
const FULL_HD = { width: 1920, height: 1080 };

const ONE_LANE_12 = valid({
  format: 'vsm/1',
  name: 'One lane',
  teams: [{ id: 'a', name: 'Everyone' }],
  steps: Array.from({ length: 12 }, (_, i) => ({
    id: `s${i}`,
    name: `Internationalisation ${i}`,
    team: 'a',
    processTime: 60,
  })),
  handoffs: Array.from({ length: 11 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` })),
});

const maps: [string, VsmDocument][] = [
  ...EXAMPLE_NAMES.map((name): [string, VsmDocument] => [name, valid(readJson(examplePath(name)))]),
  ['zig-zag over 6 teams', valid(ZIG_ZAG_15)],
  ['two lanes taking turns', valid(TWO_LANES_15)],
  ['parallel paths', valid(PARALLEL_PATHS)],
  ['40 steps', valid(CHAIN_40)],
  ['one lane of 12', ONE_LANE_12],
];

function present(document: VsmDocument, viewport = PROJECTOR): PresentLayout {
  return presentLayout(document, computeMetrics(document).walls, viewport);
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
  inner.y + inner.height <= outer.y + outer.height + 1e-9;

describe.each([PROJECTOR, FULL_HD])('presentation layout at $width×$height', (viewport) => {
  describe.each(maps)('%s', (_, document) => {
    const layout = present(document, viewport);

    it('places every step once, in a box inside the map under the header', () => {
      expect(layout.boxes.map((box) => box.id).sort()).toEqual(document.steps.map((step) => step.id).sort());
      expect(layout.map.y).toBeGreaterThanOrEqual(layout.header.y + layout.header.height);
      for (const box of layout.boxes) expect(inside(box, layout.map), box.id).toBe(true);
      expect(inside(layout.map, { x: 0, y: 0, ...viewport })).toBe(true);
    });

    it('never overlaps two wall labels or bars, nor the map and its controls', () => {
      for (const [i, a] of layout.walls.entries()) {
        for (const b of layout.walls.slice(i + 1)) {
          if (a.section !== b.section) continue;
          expect(overlap(a.label, b.label), `${a.from}→${a.to} on ${b.from}→${b.to}`).toBe(false);
          expect(overlap(a.bar, b.bar), `bars ${a.from}→${a.to} and ${b.from}→${b.to}`).toBe(false);
        }
      }
      if (layout.footer) {
        expect(layout.sections).toBeGreaterThan(1);
        expect(layout.map.y + layout.map.height).toBeLessThanOrEqual(layout.footer.y);
        expect(inside(layout.footer, { x: 0, y: 0, ...viewport })).toBe(true);
      } else expect(layout.sections).toBe(1);
    });

    it('never overlaps two boxes of one section, nor a wall label and a box', () => {
      for (const [i, a] of layout.boxes.entries()) {
        for (const b of layout.boxes.slice(i + 1)) {
          if (a.section === b.section) expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
        }
        for (const wall of layout.walls) {
          if (wall.section === a.section)
            expect(overlap(wall.label, a), `${wall.from}→${wall.to} on ${a.id}`).toBe(false);
        }
      }
    });

    it('keeps the left-to-right order of the editor', () => {
      const editor = layoutMap(document).positions;
      for (const a of layout.boxes) {
        for (const b of layout.boxes) {
          if (editor.get(a.id)!.x >= editor.get(b.id)!.x) continue;
          expect(a.section, `${a.id} before ${b.id}`).toBeLessThanOrEqual(b.section);
          if (a.section === b.section) expect(a.x, `${a.id} before ${b.id}`).toBeLessThanOrEqual(b.x);
        }
      }
    });

    it('keeps each step in its team’s lane, in the lanes’ order', () => {
      const laneNames = layout.lanes.map((lane) => lane.name);
      const editorLanes = layoutMap(document).lanes.map((lane) => lane.name);
      expect(laneNames).toEqual(editorLanes.filter((name) => laneNames.includes(name)));
      for (const box of layout.boxes) {
        const lane = layout.lanes[box.lane]!;
        const team = document.steps.find((step) => step.id === box.id)!.team;
        expect(lane.team).toBe(team);
        expect(box.y).toBeGreaterThanOrEqual(lane.y + lane.band);
        expect(box.y + box.height).toBeLessThanOrEqual(lane.y + lane.height);
      }
    });

    it('draws every handoff inside the map, one between two sections in both', () => {
      const sectionOf = new Map(layout.boxes.map((box) => [box.id, box.section]));
      for (const handoff of document.handoffs) {
        const drawn = layout.lines.filter((line) => line.from === handoff.from && line.to === handoff.to);
        const ends = new Set([sectionOf.get(handoff.from), sectionOf.get(handoff.to)]);
        expect(drawn.map((line) => line.section).sort()).toEqual([...ends].sort());
        for (const point of drawn.flatMap((line) => line.points)) {
          expect(inside({ ...point, width: 0, height: 0 }, layout.map), `${handoff.from}→${handoff.to}`).toBe(true);
        }
      }
    });

    it('draws a wall for every handoff between teams, its label in view', () => {
      expect(layout.walls).toHaveLength(computeMetrics(document).walls.length);
      for (const wall of layout.walls) {
        expect(inside(wall.label, layout.map), `${wall.from}→${wall.to}`).toBe(true);
      }
    });

    it('keeps the type large enough for the back of the room', () => {
      expect(layout.fonts.name).toBeGreaterThanOrEqual(18);
      expect(layout.fonts.wall).toBeGreaterThanOrEqual(16);
      expect(layout.fonts.figures).toBeGreaterThanOrEqual(14);
      expect(layout.nameLines).toBeGreaterThanOrEqual(2);
    });
  });
});

describe('presentation layout by sections', () => {
  it('lays out an empty map as one empty section', () => {
    const layout = present(valid({ format: 'vsm/1', name: 'Empty', teams: [{ id: 'a', name: 'Everyone' }] }));
    expect(layout).toMatchObject({ sections: 1, boxes: [], lanes: [], walls: [], footer: undefined });
  });

  it('shows a map of up to 15 steps on one screen', () => {
    for (const document of [ZIG_ZAG_15, PARALLEL_PATHS, readJson(examplePath('feature-delivery-current'))]) {
      expect(present(valid(document)).sections).toBe(1);
    }
  });

  it('cuts a larger map into sections of at most 15 steps, consecutive along the flow', () => {
    const layout = present(valid(CHAIN_40));
    expect(layout.sections).toBeGreaterThanOrEqual(3);
    const sizes = Array.from({ length: layout.sections }, (_, k) => layout.boxes.filter((box) => box.section === k));
    for (const section of sizes) {
      expect(section.length).toBeGreaterThan(0);
      expect(section.length).toBeLessThanOrEqual(MAX_STEPS_PER_SECTION);
    }
    // A chain's steps go section by section in their order.
    const sections = layout.boxes.map((box) => box.section);
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
  });

  it('lets the steps of a crowded lane take turns over rows rather than cut the map', () => {
    const layout = present(ONE_LANE_12);
    expect(layout.sections).toBe(1);
    expect(new Set(layout.boxes.map((box) => box.y)).size).toBeGreaterThan(1);
    // Every box is as wide as the longest word at the name's size (16 letters at most), by the layout's estimate.
    for (const box of layout.boxes) expect(box.width).toBeGreaterThanOrEqual(16 * 0.6 * layout.fonts.name);
  });

  it('never draws a handoff behind another step of the shipped example or the zig-zag', () => {
    for (const raw of [readJson(examplePath('feature-delivery-current')), ZIG_ZAG_15]) {
      const layout = present(valid(raw));
      for (const line of layout.lines.filter((one) => !one.rework)) {
        const others = layout.boxes.filter((box) => box.id !== line.from && box.id !== line.to);
        for (const [k, a] of line.points.slice(1).entries()) {
          const b = line.points[k]!;
          const segment = {
            x: Math.min(a.x, b.x),
            y: Math.min(a.y, b.y),
            width: Math.abs(a.x - b.x),
            height: Math.abs(a.y - b.y),
          };
          for (const box of others)
            expect(overlap(segment, box), `${line.from}→${line.to} behind ${box.id}`).toBe(false);
        }
      }
    }
  });

  it('with 14 walls on one boundary, labels them short (letter and delay), each beside its bar, none on another', () => {
    const document = valid(TWO_LANES_15);
    const layout = present(document);
    const boundaries = new Set(layout.walls.map((wall) => wall.bar.y));
    expect(layout.walls).toHaveLength(14);
    expect(boundaries.size).toBe(1);
    for (const [i, a] of layout.walls.entries()) {
      expect(a.short, `${a.from}→${a.to}`).toBe(true);
      // Its label starts or ends within a label's width of the middle of its bar.
      const middle = a.bar.x + a.bar.width / 2;
      const distance = Math.max(0, a.label.x - middle, middle - (a.label.x + a.label.width));
      expect(distance, `${a.from}→${a.to}`).toBeLessThanOrEqual(a.label.width);
      for (const b of layout.walls.slice(i + 1)) expect(overlap(a.label, b.label)).toBe(false);
    }
    // Three rows of labels at most (the long ones took six): the boxes keep their height.
    const band = layout.lanes.find((lane) => lane.y === layout.walls[0]!.bar.y + layout.walls[0]!.bar.height / 2)!;
    expect(band.labelRows).toBeLessThanOrEqual(3);
  });

  it('keeps the long labels (severity word and share) where the band has room for them', () => {
    for (const raw of [readJson(examplePath('feature-delivery-current')), ZIG_ZAG_15]) {
      expect(present(valid(raw)).walls.every((wall) => !wall.short)).toBe(true);
    }
  });

  it('takes a handoff round the other steps on the nearer side: never more than a screen’s width further than straight', () => {
    const layout = present(valid(CHAIN_40));
    const boxOf = new Map(layout.boxes.map((box) => [box.id, box]));
    for (const line of layout.lines.filter((one) => !one.rework)) {
      const [a, b] = [boxOf.get(line.from)!, boxOf.get(line.to)!];
      if (a.section !== b.section) continue;
      const length = line.points
        .slice(1)
        .reduce(
          (sum, point, k) => sum + Math.abs(point.x - line.points[k]!.x) + Math.abs(point.y - line.points[k]!.y),
          0,
        );
      const apart =
        Math.max(0, Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width)) +
        Math.max(0, Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height));
      expect(length, `${line.from}→${line.to}`).toBeLessThanOrEqual(apart + layout.map.width);
    }
  });

  it('sets six lanes tighter over the agenda’s strip, so that their steps keep two lines of name at the same sizes', () => {
    const document = valid(ZIG_ZAG_15);
    const whole = present(document);
    const strip = present(document, { width: PROJECTOR.width, height: PROJECTOR.height - 96 });
    expect(whole.lineHeight).toBe(1.2);
    expect(whole.nameLines).toBe(2);
    expect(strip.lineHeight).toBeLessThan(whole.lineHeight);
    expect(strip.boxPadding).toBeLessThan(whole.boxPadding);
    expect(strip.nameLines).toBe(2);
    expect(strip.fonts).toEqual(whole.fonts);
    expect(strip.boxes.map((box) => box.width)).toEqual(whole.boxes.map((box) => box.width));
    for (const box of strip.boxes) {
      expect(box.y + box.height).toBeLessThanOrEqual(strip.map.y + strip.map.height);
      expect(box.height).toBeGreaterThanOrEqual(2 * strip.fonts.name * strip.lineHeight);
    }
    // Two lanes taking turns have the room: they keep the room's spacing.
    expect(present(valid(TWO_LANES_15), { width: PROJECTOR.width, height: PROJECTOR.height - 96 }).lineHeight).toBe(
      1.2,
    );
  });

  it('runs a handoff between overlapping boxes of two lanes straight through the boundary, under its wall', () => {
    const layout = present(valid(ZIG_ZAG_15));
    for (const wall of layout.walls) {
      const line = layout.lines.find((one) => one.from === wall.from && one.to === wall.to)!;
      const xs = line.points.map((point) => point.x);
      const barCentre = wall.bar.x + wall.bar.width / 2;
      expect(Math.min(...xs) - 1e-9).toBeLessThanOrEqual(barCentre);
      expect(Math.max(...xs) + 1e-9).toBeGreaterThanOrEqual(barCentre);
    }
  });
});
