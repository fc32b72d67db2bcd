/**
 * Where a map goes on the pages of its report, in the scene's units: the whole map on one page (in
 * one band; in two or three stacked when one would print too small to read and they print it at
 * least a tenth larger), or, for a map that would print its figures too small there (a large one,
 * or a dense one of many lanes), an overview and tiles. A band's or a tile's edge never
 * cuts a step: edges run through the gaps between step columns and along lane boundaries. The
 * overview's page labels stand where no step is.
 */
import { type Scene, SCENE_LAYOUT, SCENE_STEP } from './scene';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A part of the map: `view` is what is drawn; `content` is the part it stands for, without the lane strip. */
export interface MapPart {
  view: Rect;
  content: Rect;
  /** Points per scene unit. */
  scale: number;
}

export interface PageLabel {
  text: string;
  /** Points, on the overview page. */
  size: number;
  /** Where it stands, in scene units (it may stand outside the map, above or below it). */
  box: Rect;
}

export type MapPlan =
  | { kind: 'one page'; bands: MapPart[]; scale: number }
  | { kind: 'tiled'; overviewScale: number; rows: number; columns: number; tiles: MapPart[]; labels: PageLabel[] };

/** Room on the page, in points. */
export interface Area {
  width: number;
  height: number;
}

export interface PlanOptions {
  /** Where the map stands on its page, under the title and above the headline figures. */
  area: Area;
  /** A tile's room on its own page. */
  tileArea: Area;
  /**
   * A map of this many steps or fewer prints on one page however small (the before/after report's
   * maps, whose changes are listed after them); without it, only a map that prints legibly does.
   */
  onePageSteps?: number;
  /** Below this scale, a larger map is tiled... */
  minScale: number;
  /** ...at this scale. */
  tileScale: number;
  /** The largest scale a map prints at. */
  maxScale: number;
  /** The page the first tile is on. */
  firstTilePage: number;
  /** The width of a label's text at a size, in points. */
  measure: (text: string, size: number) => number;
}

/** Points between stacked bands. */
export const BAND_GAP = 10;
/** A cut stands this far before the steps after it, so that a handoff's label stays whole before it. */
const CUT_PAD = 4;

/** A step as drawn: its box, with the improvement ideas badge that sticks out at its top right. */
export function stepExtent(step: { x: number; y: number }): Rect {
  return { x: step.x, y: step.y - 11, width: SCENE_STEP.width + 12, height: SCENE_STEP.height + 11 };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

interface Gap {
  start: number;
  end: number;
}

/** The free stretches between occupied ones along an axis, up to `total` (the last ends there). */
function gapsBetween(occupied: readonly [number, number][], total: number): Gap[] {
  const sorted = [...occupied].sort((a, b) => a[0] - b[0]);
  const gaps: Gap[] = [];
  let reached = 0;
  for (const [start, end] of sorted) {
    if (start > reached) gaps.push({ start: reached, end: start });
    reached = Math.max(reached, end);
  }
  gaps.push({ start: Math.max(reached, total), end: Math.max(reached, total) });
  return gaps;
}

/**
 * Boundaries along an axis from 0 to `total`, each part at most `span(index)` long where the free
 * stretches allow; a part that cannot end within its span (something longer than a span) ends at
 * the first free place after it. A `preferred` place (a lane boundary) is taken when there is one.
 */
function cutsAlong(
  occupied: readonly [number, number][],
  total: number,
  span: (index: number) => number,
  preferred: readonly number[] = [],
  padBefore = 0,
): number[] {
  const gaps = gapsBetween(occupied, total);
  const free = (at: number) => gaps.some((gap) => gap.start <= at && at <= gap.end);
  const better = preferred.filter(free).sort((a, b) => a - b);
  const cuts = [0];
  while (cuts.at(-1)! < total) {
    const from = cuts.at(-1)!;
    const limit = from + span(cuts.length - 1);
    if (total <= limit) {
      cuts.push(total);
      break;
    }
    const place = better.filter((at) => at > from && at <= limit).at(-1);
    const gap = gaps.filter((g) => g.start > from && g.start <= limit).at(-1);
    if (place !== undefined) cuts.push(place);
    else if (gap) cuts.push(Math.max(gap.start, Math.min(gap.end - padBefore, limit)));
    else cuts.push(gaps.find((g) => g.start > from)?.start ?? total);
  }
  return cuts;
}

const stepColumns = (scene: Scene) =>
  scene.steps.map((step): [number, number] => {
    const extent = stepExtent(step);
    return [extent.x, extent.x + extent.width];
  });

/** The parts between cuts along x, each but the first with the lane strip over the gap before it. */
function columnsOf(cuts: readonly number[], y: number, height: number): { view: Rect; content: Rect }[] {
  return cuts.slice(1).map((end, i) => {
    const start = cuts[i]!;
    const left = i === 0 ? start : start - SCENE_LAYOUT.laneStrip;
    return {
      view: { x: left, y, width: end - left, height },
      content: { x: start, y, width: end - start, height },
    };
  });
}

/** Cuts along x into `count` parts, each in the free place nearest an even split. */
function evenCuts(scene: Scene, count: number): number[] {
  const gaps = gapsBetween(stepColumns(scene), scene.width);
  const cuts = [0];
  for (let i = 1; i < count; i++) {
    const even = (scene.width * i) / count;
    const nearest = (gap: Gap) => Math.max(gap.start, Math.min(gap.end - CUT_PAD, even));
    const cut = gaps.map(nearest).reduce((best, at) => (Math.abs(at - even) < Math.abs(best - even) ? at : best));
    if (cut > cuts.at(-1)! && cut < scene.width) cuts.push(cut);
  }
  cuts.push(scene.width);
  return cuts;
}

/** The map on one page in `count` bands stacked. */
function bandsOf(scene: Scene, count: number, { area, maxScale }: PlanOptions) {
  const parts = columnsOf(evenCuts(scene, count), 0, scene.height);
  const widest = Math.max(...parts.map((part) => part.view.width));
  const scale = Math.min(
    maxScale,
    area.width / widest,
    (area.height - (parts.length - 1) * BAND_GAP) / (parts.length * scene.height),
  );
  return { bands: parts.map((part) => ({ ...part, scale })), scale };
}

export function planMap(scene: Scene, options: PlanOptions): MapPlan {
  // One band unless it prints too small to read and two or three bands print it a tenth larger.
  const oneBand = bandsOf(scene, 1, options);
  const onePage =
    oneBand.scale >= options.minScale
      ? oneBand
      : [2, 3]
          .map((count) => bandsOf(scene, count, options))
          .reduce((best, next) => (next.scale > best.scale * 1.1 ? next : best), oneBand);
  if (scene.steps.length <= (options.onePageSteps ?? 0) || onePage.scale >= options.minScale) {
    return { kind: 'one page', ...onePage };
  }

  const { area, tileArea, tileScale } = options;
  const strip = SCENE_LAYOUT.laneStrip;
  const tileWidth = tileArea.width / tileScale;
  const tileHeight = tileArea.height / tileScale;
  const fewest = cutsAlong(stepColumns(scene), scene.width, (i) => tileWidth - (i > 0 ? strip : 0), [], CUT_PAD);
  // As many tiles, of more even widths (no last tile with one column of steps), where they still fit.
  const even = evenCuts(scene, fewest.length - 1);
  const fit = columnsOf(even, 0, 0).every((part) => part.view.width <= tileWidth);
  const xCuts = even.length === fewest.length && fit ? even : fewest;
  const yCuts = cutsAlong(
    scene.steps.map((step): [number, number] => {
      const extent = stepExtent(step);
      return [extent.y, extent.y + extent.height];
    }),
    scene.height,
    () => tileHeight,
    scene.lanes.map((lane) => lane.y + lane.height),
  );
  const tiles: MapPart[] = [];
  for (let row = 0; row + 1 < yCuts.length; row++) {
    const top = yCuts[row]!;
    const height = yCuts[row + 1]! - top;
    for (const { view, content } of columnsOf(xCuts, top, height)) {
      const scale = Math.min(tileScale, tileArea.width / view.width, tileArea.height / view.height);
      tiles.push({ view, content, scale });
    }
  }
  const overviewScale = Math.min(area.width / scene.width, area.height / scene.height);
  const rows = yCuts.length - 1;
  const columns = xCuts.length - 1;
  const texts = tiles.map((_, i) => `Page ${options.firstTilePage + i}`);
  const measure = (text: string, size: number) => labelBox(text, size, overviewScale, options.measure);
  const inside = tiles.map((tile, i) => labelInside(scene, tile.content, texts[i]!, measure));
  // Where one of the first or last row has no room inside, that row's labels all stand outside the map.
  const outsideRows = new Set([0, rows - 1].filter((row) => inside.some((label, i) => !label && rowOf(i) === row)));
  function rowOf(i: number) {
    return Math.floor(i / columns);
  }
  const labels = tiles.map(
    (tile, i) =>
      (!outsideRows.has(rowOf(i)) && inside[i]) ||
      labelOutside(tile.content, texts[i]!, rowOf(i) === 0 ? 'above' : 'below', scene, measure),
  );
  return { kind: 'tiled', overviewScale, rows, columns, tiles, labels };
}

/** The size of a label's box, in scene units. */
function labelBox(text: string, size: number, scale: number, measure: PlanOptions['measure']) {
  return { width: (measure(text, size) + size * 0.6) / scale, height: (size * 1.4) / scale };
}

/** Inside the tile where no step is, nearest its middle, as large as it can be (14 pt down to 8 pt). */
function labelInside(
  scene: Scene,
  tile: Rect,
  text: string,
  measure: (text: string, size: number) => { width: number; height: number },
): PageLabel | undefined {
  const steps = scene.steps.map(stepExtent);
  const middle = { x: tile.x + tile.width / 2, y: tile.y + tile.height / 2 };
  const distance = (box: Rect) => Math.hypot(box.x + box.width / 2 - middle.x, box.y + box.height / 2 - middle.y);
  for (const size of [14, 12, 10, 8]) {
    const { width, height } = measure(text, size);
    if (width > tile.width || height > tile.height) continue;
    const across = 24;
    let best: Rect | undefined;
    for (let i = 0; i <= across; i++) {
      for (let j = 0; j <= across; j++) {
        const box = {
          x: tile.x + ((tile.width - width) * i) / across,
          y: tile.y + ((tile.height - height) * j) / across,
          width,
          height,
        };
        if (steps.some((step) => intersects(step, box))) continue;
        if (!best || distance(box) < distance(best)) best = box;
      }
    }
    if (best) return { text, size, box: best };
  }
  return undefined;
}

/** Above or below the map over the tile's column: `Page 7` as large as the column allows (8 pt to 6 pt), else `7`. */
function labelOutside(
  tile: Rect,
  text: string,
  side: 'above' | 'below',
  scene: Scene,
  measure: (text: string, size: number) => { width: number; height: number },
): PageLabel {
  const short = text.replace(/^Page /, '');
  const choices = [
    ...[8, 7, 6].map((size) => ({ label: text, size })),
    ...[8, 7, 6, 5].map((size) => ({ label: short, size })),
  ];
  const fits = (choice: { label: string; size: number }) => measure(choice.label, choice.size).width <= tile.width;
  const choice = choices.find(fits) ?? { label: short, size: 5 };
  const { width, height } = measure(choice.label, choice.size);
  const gap = height * 0.15;
  return {
    text: choice.label,
    size: choice.size,
    box: {
      x: tile.x + (tile.width - width) / 2,
      y: side === 'above' ? -height - gap : scene.height + gap,
      width,
      height,
    },
  };
}
