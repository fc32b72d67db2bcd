/**
 * Presentation mode's picture of a map, in screen pixels: what a room reads from the back row. The
 * editor's canvas zooms a map to fit, which at 1280×720 shrinks a 15-step chain's names to 6 px; here
 * the type keeps its size and the map is laid out around it instead. Steps keep the left-to-right
 * order and the lanes of {@link layoutMap} (the map the facilitator built), but steps of different
 * lanes may overlap horizontally, so that a handoff between teams runs straight down (or up) through
 * the lane boundary, where its wall is drawn. Lane names sit in a band at the top of each lane, which
 * also carries the labels of the walls into that lane. A map that does not fit at the minimum sizes
 * (or has more than {@link MAX_STEPS_PER_SECTION} steps) is cut into sections, shown one at a time.
 */
import type { Severity, Wall } from '../metrics/flow';
import { formatPercent } from '../metrics/format';
import { type Calendar, formatDuration } from '../model/duration';
import type { VsmDocument } from '../model/schema';
import { layoutMap, STEP_HEIGHT } from './layout';
import { SEVERITY_LETTERS } from './palette';

/** The most steps one screen shows; a larger map is shown by sections. */
export const MAX_STEPS_PER_SECTION = 15;

/** Type sizes at 1280×720, in px; they grow with a larger screen (up to 1.5 times). */
const BASE_SIZES = { name: 18, figures: 14, lane: 16, wall: 16, tileLabel: 14, tileValue: 28, title: 20, controls: 16 };
const LINE_HEIGHT = 1.2;
const MAX_NAME_LINES = 3;
/** A wall label's borders and padding across, and where a lane's name starts in its band (styles.css). */
const LABEL_CHROME = 20;
const LANE_NAME_INSET = 24;
/** A step box's borders and padding across, and its borders down with the gap between name and figures (styles.css, `.present-step`). */
const BOX_CHROME = 24;
const BOX_BORDERS_DOWN = 10;

/**
 * How closely the picture is set: the room's spacing, and a tighter one for a screen too short for
 * that to give the steps two lines of name (six lanes above the agenda's strip, which takes 96 px of
 * 720): the lines of a name and of a wall's label closer, thinner bars, less padding in the boxes
 * and under the labels. The type keeps its size.
 */
interface Spacing {
  /** Of a step's name and a wall's label, in em. */
  lineHeight: number;
  /** A step box's padding at its top and at its bottom, and a wall's bar, in px at 1280×720. */
  boxPadding: number;
  bar: number;
  /** Whether a lane's band keeps room under its labels. */
  bandPadding: boolean;
}
const ROOM_SPACING: Spacing = { lineHeight: LINE_HEIGHT, boxPadding: 4, bar: 10, bandPadding: true };
const TIGHT_SPACING: Spacing = { lineHeight: 1.1, boxPadding: 2, bar: 6, bandPadding: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PresentLane {
  /** The lane's index in {@link layoutMap}'s lanes (its colour). */
  index: number;
  team: string | undefined;
  name: string;
  y: number;
  height: number;
  /** The band at the lane's top: its name, then the labels of the walls on its upper boundary. */
  band: number;
  /** Rows of wall labels the band has room for. */
  labelRows: number;
}

export interface PresentBox extends Rect {
  id: string;
  /** Which section shows the step (0 when the map fits on one screen). */
  section: number;
  /** Index into {@link PresentLayout.lanes}. */
  lane: number;
}

/**
 * A handoff drawn as a polyline; one between two sections is drawn in each, from its step to the
 * screen's edge (out to the right into a later section, in from the left out of an earlier one).
 */
export interface PresentLine {
  from: string;
  to: string;
  rework: boolean;
  section: number;
  points: { x: number; y: number }[];
}

/** A wall of confusion: a bar on the lane boundary its handoff crosses, and its label in the band below it. */
export interface PresentWall {
  from: string;
  to: string;
  severity: Severity;
  section: number;
  bar: Rect;
  label: Rect;
  /**
   * Whether its label is the short one, letter and delay ("H 3w 2d"): so are all the labels of a band
   * too crowded for the long ones (the severity's word and the share are then in the label's
   * tooltip and the spotlight's caption).
   */
  short: boolean;
}

export interface PresentLayout {
  viewport: { width: number; height: number };
  /** The map's name, the headline tiles (or a wall's caption) and the controls, above the map. */
  header: Rect;
  /** The sections' controls under the map, when there are sections. */
  footer: Rect | undefined;
  /** Where the map is drawn; boxes, lines and walls are in viewport coordinates inside it. */
  map: Rect;
  fonts: typeof BASE_SIZES;
  /** The line height of a step's name and of a wall's label, in em. */
  lineHeight: number;
  /** A step box's padding at its top and at its bottom, in px. */
  boxPadding: number;
  /** Lines of a step's name (wrapped at word boundaries, an ellipsis after the last). */
  nameLines: number;
  /** Whether a box has room for its figures (PT/LT/%C&A) under its name. */
  showFigures: boolean;
  /** The lanes that have steps, in layoutMap's order; the same in every section. */
  lanes: PresentLane[];
  boxes: PresentBox[];
  lines: PresentLine[];
  walls: PresentWall[];
  sections: number;
}

/**
 * A wall's label as the room reads it: severity in letter and word, then delay and share of the lead
 * time ("H · high", "3w 2d · 31%"); short, the letter and the delay ("H", "3w 2d").
 */
export function wallLabel(wall: Wall, calendar: Calendar, short = false): { severity: string; figures: string } {
  if (short) return { severity: SEVERITY_LETTERS[wall.severity], figures: formatDuration(wall.delay, calendar) };
  return {
    severity: `${SEVERITY_LETTERS[wall.severity]} · ${wall.severity}`,
    figures: `${formatDuration(wall.delay, calendar)} · ${formatPercent(wall.delayShare)}`,
  };
}

/** A wall label's width at the wall's font size, long or short, with a comparison's mark before it ("+ ") or not. */
function wallLabelWidth(wall: Wall, calendar: Calendar, font: number, short: boolean, marked: boolean): number {
  const text = wallLabel(wall, calendar, short);
  return estimateTextWidth(`${marked ? '+ ' : ''}${text.severity}  ${text.figures}`, font) + LABEL_CHROME;
}

/** The most rows of long wall labels a band takes; a band that needs more has short labels. */
const LONG_LABEL_ROWS = 2;

/**
 * Advance widths of DejaVu Sans Bold (the widest of the window's fonts, and the one the reports
 * embed), in em: a step's word, a lane's name and a wall's label are measured with these, as no
 * DOM is here. Other fonts are narrower, so a box sized by them holds its words.
 */
const LOWERCASE_WIDTHS = [
  0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716,
  0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582,
];

function characterWidth(character: string): number {
  const code = character.codePointAt(0)!;
  if (code >= 0x61 && code <= 0x7a) return LOWERCASE_WIDTHS[code - 0x61]!;
  if (character === 'M' || character === 'W') return 0.995;
  if (code >= 0x41 && code <= 0x5a) return 0.775;
  if (code >= 0x30 && code <= 0x39) return 0.696;
  if (" .,:;·'!|()".includes(character)) return 0.4;
  // Accented letters, other scripts and symbols: as wide as the widest letters (CJK is 1 em).
  return code >= 0x2e80 ? 1 : 0.8;
}

/** The width of `text` at `size` px in DejaVu Sans Bold, a little over rather than under. */
export function estimateTextWidth(text: string, size: number): number {
  let width = 0;
  for (const character of text) width += characterWidth(character);
  return Math.ceil(width * size * 1.02);
}

interface Slot {
  id: string;
  lane: number;
  row: number;
  /** Place along the flow in layoutMap. */
  order: number;
}

/**
 * Lays out `document` for a screen of `viewport` size. `walls` are the map's walls of confusion
 * (computeMetrics), worst first; their labels are sized from {@link wallLabel}. Set at the room's
 * spacing, or tighter when only that gives the steps two lines of name.
 */
export function presentLayout(
  document: VsmDocument,
  walls: readonly Wall[],
  viewport: { width: number; height: number },
  /** Walls whose labels start with a comparison's mark ("+ ", "− "): their labels are that much wider. */
  markedWall: (wall: Wall) => boolean = () => false,
): PresentLayout {
  const room = layoutAt(ROOM_SPACING, document, walls, viewport, markedWall);
  if (room.nameLines >= 2 || room.boxes.length === 0) return room;
  const tight = layoutAt(TIGHT_SPACING, document, walls, viewport, markedWall);
  return tight.nameLines > room.nameLines ? tight : room;
}

function layoutAt(
  spacing: Spacing,
  document: VsmDocument,
  walls: readonly Wall[],
  viewport: { width: number; height: number },
  markedWall: (wall: Wall) => boolean,
): PresentLayout {
  const scale = Math.min(1.5, Math.max(1, Math.min(viewport.width / 1280, viewport.height / 720)));
  const fonts = Object.fromEntries(
    Object.entries(BASE_SIZES).map(([key, size]) => [key, Math.round(size * scale)]),
  ) as typeof BASE_SIZES;
  const margin = Math.round(8 * scale);
  const padding = Math.round(6 * scale);
  const gap = Math.round(fonts.name * 1.4);
  const bar = Math.round(spacing.bar * scale);
  const boxPadding = Math.round(spacing.boxPadding * scale);
  const boxChromeDown = BOX_BORDERS_DOWN + 2 * boxPadding;
  const nameLine = fonts.name * spacing.lineHeight;
  const figureLine = fonts.figures * LINE_HEIGHT;
  // A lane's band holds its name and the labels of the walls on its upper boundary, under their bars.
  const labelHeight = Math.ceil(Math.max(fonts.lane, fonts.wall) * spacing.lineHeight + 4);
  const labelRow = labelHeight + 2;
  const bandHeight = (rows: number) => Math.ceil(bar / 2 + rows * labelRow + (spacing.bandPadding ? padding / 2 : 0));
  // Under a lane's boxes: room for half the bar of the wall on its lower boundary.
  const laneFoot = Math.ceil(bar / 2 + 2);

  // One row: the map's name, the tiles (a label over a value) and the controls.
  const headerHeight = Math.ceil((fonts.tileLabel + fonts.tileValue) * LINE_HEIGHT + 2 * padding + 2 * margin);
  const header = { x: 0, y: 0, width: viewport.width, height: headerHeight };
  const footerHeight = Math.ceil(fonts.controls * LINE_HEIGHT + 2 * padding + 4 + 2 * margin);
  const map = {
    x: margin,
    y: headerHeight + margin,
    width: viewport.width - 2 * margin,
    height: viewport.height - headerHeight - 2 * margin,
  };

  const picture = layoutMap(document);
  const laneOf = new Map(
    document.steps.map((step) => {
      const lane = picture.lanes.find((one) => one.team === step.team) ?? picture.lanes.at(-1)!;
      return [step.id, lane.index];
    }),
  );
  // Lanes without steps say nothing to the room; the others keep their order.
  const used = picture.lanes.filter((lane) => document.steps.some((step) => laneOf.get(step.id) === lane.index));

  // Rows within a lane: steps whose places in the lane are less than half a step apart share one.
  const rowsOf = used.map(() => 0);
  const slots: Slot[] = [];
  used.forEach((lane, laneIndex) => {
    const inLane = document.steps
      .map((step) => ({ id: step.id, at: picture.positions.get(step.id)! }))
      .filter((step) => laneOf.get(step.id) === lane.index)
      .sort((a, b) => a.at.y - b.at.y);
    let row = -1;
    let rowTop = -Infinity;
    for (const step of inLane) {
      if (step.at.y >= rowTop + STEP_HEIGHT / 2) {
        row += 1;
        rowTop = step.at.y;
      }
      slots.push({ id: step.id, lane: laneIndex, row, order: step.at.x });
    }
    rowsOf[laneIndex] = row + 1;
  });
  const documentIndex = new Map(document.steps.map((step, index) => [step.id, index]));
  const alongFlow = (a: Slot, b: Slot) =>
    a.order - b.order || a.lane - b.lane || a.row - b.row || documentIndex.get(a.id)! - documentIndex.get(b.id)!;
  slots.sort(alongFlow);

  // Heights: every row of every lane the same, up to what three name lines and the figures need.
  const rowGap = padding;
  const fullBox = Math.ceil(MAX_NAME_LINES * nameLine + figureLine + boxChromeDown);
  const leastBox = Math.ceil(nameLine + boxChromeDown);
  const twoLineBox = Math.ceil(2 * nameLine + boxChromeDown);
  const boxHeightFor = (rows: readonly number[], bands: readonly number[]) => {
    const totalRows = rows.reduce((sum, count) => sum + count, 0);
    const fixed =
      bands.reduce((sum, band) => sum + bandHeight(band), 0) +
      rows.length * laneFoot +
      Math.max(0, totalRows - rows.length) * rowGap;
    const fitting = totalRows === 0 ? fullBox : Math.floor((map.height - fixed) / totalRows);
    const height = Math.max(leastBox, Math.min(fullBox, fitting));
    return { height, spare: map.height - fixed - totalRows * height };
  };

  // Widths: boxes at least as wide as the longest word of a name (names never break inside a word),
  // but for a word too long for a sixth of the screen, which is cut with an ellipsis.
  const mostWidth = Math.round(fonts.name * 16);
  const longestWord = Math.max(
    fonts.name * 4,
    ...document.steps.flatMap((step) => step.name.split(/\s+/).map((word) => estimateTextWidth(word, fonts.name))),
  );
  const leastWidth = Math.min(longestWord + BOX_CHROME, Math.max(fonts.name * 6, map.width / 6));

  // Rows of labels each lane's band needs for the walls into it (in the fullest section), up to three.
  const laneOfSlot = new Map(slots.map((slot) => [slot.id, slot.lane]));
  const labelled = walls.flatMap((wall) => {
    const fromLane = laneOfSlot.get(wall.from);
    const toLane = laneOfSlot.get(wall.to);
    if (fromLane === undefined || toLane === undefined || fromLane === toLane) return [];
    const width = (short: boolean) =>
      wallLabelWidth(wall, document.calendar, fonts.wall, short, markedWall(wall)) + padding;
    return [{ to: wall.to, band: toLane > fromLane ? toLane : toLane + 1, long: width(false), short: width(true) }];
  });
  const nameRoom = (lane: number) =>
    LANE_NAME_INSET + Math.min(map.width * 0.3, estimateTextWidth(used[lane]!.name, fonts.lane));
  // Labels sit near their lines, so a row is full well before their widths add up to it.
  const rowsFor = (width: number, lane: number) => Math.ceil(width / (0.6 * (map.width - nameRoom(lane))));
  /** The bands (`section:lane`) whose long labels would take more than LONG_LABEL_ROWS rows. */
  const shortBandsFor = (sectionOf: (id: string) => number) => {
    const demand = new Map<string, number>();
    for (const label of labelled) {
      const key = `${sectionOf(label.to)}:${label.band}`;
      demand.set(key, (demand.get(key) ?? 0) + label.long);
    }
    return new Set(
      [...demand]
        .filter(([key, width]) => rowsFor(width, Number(key.split(':')[1])) > LONG_LABEL_ROWS)
        .map(([key]) => key),
    );
  };
  const labelRowsFor = (sectionOf: (id: string) => number) => {
    const short = shortBandsFor(sectionOf);
    const demand = new Map<string, number>();
    for (const label of labelled) {
      const key = `${sectionOf(label.to)}:${label.band}`;
      demand.set(key, (demand.get(key) ?? 0) + (short.has(key) ? label.short : label.long));
    }
    return used.map((_, lane) => {
      const most = Math.max(0, ...[...demand].filter(([key]) => key.endsWith(`:${lane}`)).map(([, width]) => width));
      return Math.min(6, Math.max(1, rowsFor(most, lane)));
    });
  };
  // As many rows of labels as leave the boxes two lines of name, the fullest bands first.
  const fittedLabelRows = (rows: readonly number[], sectionOf: (id: string) => number) => {
    const bands = labelRowsFor(sectionOf);
    while (boxHeightFor(rows, bands).height < twoLineBox && bands.some((band) => band > 1)) {
      bands[bands.indexOf(Math.max(...bands))]! -= 1;
    }
    return bands;
  };

  // A map of up to 15 steps too crowded in its lanes for one screen may fit with the steps of a
  // row taking turns over two or three rows, when the lanes have the height for names of two lines.
  let arranged = { slots, rowsOf };
  let sections = sectionsOf(slots, map.width, gap, leastWidth, mostWidth);
  // Sections keep room at both edges for the lines to and from the sections beside them.
  const edge = 2 * gap;
  if (sections.length > 1) sections = sectionsOf(slots, map.width - 2 * edge, gap, leastWidth, mostWidth);
  for (let turns = 2; sections.length > 1 && slots.length <= MAX_STEPS_PER_SECTION && turns <= 3; turns++) {
    const staggered = stagger(slots, rowsOf, turns);
    const bands = fittedLabelRows(staggered.rowsOf, () => 0);
    if (boxHeightFor(staggered.rowsOf, bands).height < twoLineBox) break;
    const width = widestFit(staggered.slots, map.width, gap, leastWidth, mostWidth);
    if (width !== undefined) {
      arranged = staggered;
      sections = [{ slots: staggered.slots, width }];
    }
  }

  // Sections need their controls: a row under the map.
  const footer =
    sections.length > 1
      ? { x: 0, y: viewport.height - footerHeight, width: viewport.width, height: footerHeight }
      : undefined;
  if (footer) map.height = footer.y - margin - map.y;

  const sectionOfStep = new Map(
    sections.flatMap((section, index) => section.slots.map((slot) => [slot.id, index] as const)),
  );
  const labelRows = fittedLabelRows(arranged.rowsOf, (id) => sectionOfStep.get(id)!);
  const { height: boxHeight, spare: spareHeight } = boxHeightFor(arranged.rowsOf, labelRows);
  const inner = boxHeight - boxChromeDown;
  const nameLines = Math.max(1, Math.min(MAX_NAME_LINES, Math.floor(inner / nameLine)));
  const showFigures = inner - nameLines * nameLine >= figureLine;
  const spare = Math.max(0, spareHeight) / Math.max(1, used.length);
  const lanes: PresentLane[] = [];
  const rowTops: number[] = [];
  let top = map.y;
  used.forEach((lane, index) => {
    const rows = arranged.rowsOf[index]!;
    const band = bandHeight(labelRows[index]!);
    const height = band + rows * boxHeight + (rows - 1) * rowGap + laneFoot + spare;
    lanes.push({
      index: lane.index,
      team: lane.team,
      name: lane.name,
      y: top,
      height,
      band,
      labelRows: labelRows[index]!,
    });
    rowTops.push(top + band + spare / 2);
    top += height;
  });
  const rowTop = (lane: number, row: number) => rowTops[lane]! + row * (boxHeight + rowGap);

  const boxes: PresentBox[] = [];
  sections.forEach((section, index) => {
    const xs = placeAlong(section.slots, section.width, gap);
    const used = xs.reduce((most, x) => Math.max(most, x + section.width), 0);
    const room = sections.length > 1 ? map.width - 2 * edge : map.width;
    const left = map.x + (map.width - room) / 2 + Math.max(0, (room - used) / 2);
    section.slots.forEach((slot, k) => {
      boxes.push({
        id: slot.id,
        section: index,
        lane: slot.lane,
        x: left + xs[k]!,
        y: rowTop(slot.lane, slot.row),
        width: section.width,
        height: boxHeight,
      });
    });
  });
  boxes.sort((a, b) => documentIndex.get(a.id)! - documentIndex.get(b.id)!);
  const boxOf = new Map(boxes.map((box) => [box.id, box]));

  const lines: PresentLine[] = [];
  /** The upright parts of the lines drawn so far. */
  const uprights: { section: number; x: number; top: number; bottom: number }[] = [];
  for (const handoff of document.handoffs) {
    const from = boxOf.get(handoff.from);
    const to = boxOf.get(handoff.to);
    if (!from || !to) continue;
    const rework = handoff.rework !== undefined;
    if (from.section !== to.section) {
      // Between two sections: a line out to the screen's edge in one, and in from the other edge in the other.
      const [first, second] = from.section < to.section ? [from, to] : [to, from];
      const exit = { x: first.x + first.width, y: first.y + first.height / 2 };
      const entry = { x: second.x, y: second.y + second.height / 2 };
      const [out, into] = first === from ? [exit, entry] : [entry, exit];
      const edgeOf = (point: { x: number }) => (point === exit ? map.x + map.width : map.x);
      lines.push({
        from: handoff.from,
        to: handoff.to,
        rework,
        section: from.section,
        points: [out, { x: edgeOf(out), y: out.y }],
      });
      lines.push({
        from: handoff.from,
        to: handoff.to,
        rework,
        section: to.section,
        points: [{ x: edgeOf(into), y: into.y }, into],
      });
      continue;
    }
    const others = boxes.filter((box) => box.section === from.section && box !== from && box !== to);
    // Upright lines that run side by side stand apart, so that their walls' bars do too.
    const near = (top: number, bottom: number) =>
      uprights
        .filter((one) => one.section === from.section && one.top < bottom && one.bottom > top)
        .map((one) => one.x);
    const points = rework
      ? reworkRoute(from, to, gap)
      : route(from, to, others, near, 6 * bar, { left: map.x, right: map.x + map.width });
    if (!rework) {
      for (let k = 1; k < points.length; k++) {
        const [a, b] = [points[k - 1]!, points[k]!];
        if (a.x === b.x) {
          uprights.push({ section: from.section, x: a.x, top: Math.min(a.y, b.y), bottom: Math.max(a.y, b.y) });
        }
      }
    }
    lines.push({ from: handoff.from, to: handoff.to, rework, section: from.section, points });
  }

  const shortBands = shortBandsFor((id) => sectionOfStep.get(id)!);
  const placedWalls = placeWalls(walls, boxOf, lines, lanes, document.calendar, shortBands, markedWall, {
    font: fonts.wall,
    padding,
    bar,
    labelHeight,
    labelRow,
    map,
  });
  return {
    viewport,
    header,
    footer,
    map,
    fonts,
    lineHeight: spacing.lineHeight,
    boxPadding,
    nameLines,
    showFigures,
    lanes,
    boxes,
    lines,
    walls: placedWalls,
    sections: sections.length,
  };
}

/**
 * The steps of each row of a lane taking turns over `turns` rows (the first, second, … along the
 * flow), so that neighbours in a lane stand `turns` steps apart; rows left empty are dropped.
 */
function stagger(
  slots: readonly Slot[],
  rowsOf: readonly number[],
  turns: number,
): { slots: Slot[]; rowsOf: number[] } {
  const seen = new Map<string, number>();
  const spread = slots.map((slot) => {
    const key = `${slot.lane}:${slot.row}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return { ...slot, row: slot.row * turns + (rank % turns) };
  });
  const newRowsOf = rowsOf.map((_, lane) => {
    const rows = [...new Set(spread.filter((slot) => slot.lane === lane).map((slot) => slot.row))].sort(
      (a, b) => a - b,
    );
    for (const slot of spread) if (slot.lane === lane) slot.row = rows.indexOf(slot.row);
    return rows.length;
  });
  return { slots: spread, rowsOf: newRowsOf };
}

/**
 * Left edges (from 0) of the slots, in order: each step a third of a box right of the one before it
 * (so the flow still reads left to right), and clear of the step before it in its own lane and row.
 */
function placeAlong(slots: readonly Slot[], width: number, gap: number): number[] {
  const rightOf = new Map<string, number>();
  const advance = Math.round(width / 3);
  const xs: number[] = [];
  let last = -Infinity;
  let lastOrder = NaN;
  for (const slot of slots) {
    const key = `${slot.lane}:${slot.row}`;
    const base = xs.length === 0 ? 0 : slot.order === lastOrder ? last : last + advance;
    const x = Math.max(base, (rightOf.get(key) ?? -Infinity) + gap);
    xs.push(x);
    rightOf.set(key, x + width);
    last = Math.max(last, x);
    lastOrder = slot.order;
  }
  return xs;
}

/** The widest box width at which these slots fit in `room`, or undefined when even `least` does not. */
function widestFit(slots: readonly Slot[], room: number, gap: number, least: number, most: number): number | undefined {
  const fits = (width: number) => {
    const xs = placeAlong(slots, width, gap);
    return xs.every((x) => x + width <= room);
  };
  if (!fits(least)) return undefined;
  let low = least;
  let high = most;
  if (fits(high)) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * The fewest sections of consecutive steps (along the flow) that each fit at the minimum sizes and
 * hold at most {@link MAX_STEPS_PER_SECTION}; all drawn at one box width, so that paging keeps the sizes.
 */
function sectionsOf(
  slots: readonly Slot[],
  room: number,
  gap: number,
  least: number,
  most: number,
): { slots: Slot[]; width: number }[] {
  if (slots.length === 0) return [{ slots: [], width: most }];
  for (let count = Math.ceil(slots.length / MAX_STEPS_PER_SECTION); count <= slots.length; count++) {
    const parts = Array.from({ length: count }, (_, k) =>
      slots.slice(Math.round((k * slots.length) / count), Math.round(((k + 1) * slots.length) / count)),
    );
    const widths = parts.map((part) => widestFit(part, room, gap, least, most));
    if (widths.every((width) => width !== undefined)) {
      const width = Math.min(...widths);
      return parts.map((part) => ({ slots: part, width }));
    }
  }
  // One step per section still too wide for the screen: draw it as wide as the screen is.
  return slots.map((slot) => ({ slots: [slot], width: Math.max(1, room) }));
}

/**
 * A forward handoff: straight down (or up) through the boundary where the two boxes overlap, else an
 * elbow through the gap between them; its upright part avoids the other boxes where it can (going
 * round them at the side when the boxes' overlap has no room), and stands `spacing` away from the
 * upright lines already beside it (`near` gives their x for a stretch from top to bottom).
 */
function route(
  from: Rect,
  to: Rect,
  others: readonly Rect[],
  near: (top: number, bottom: number) => number[],
  spacing: number,
  bounds: { left: number; right: number },
): { x: number; y: number }[] {
  const overlapLeft = Math.max(from.x, to.x);
  const overlapRight = Math.min(from.x + from.width, to.x + to.width);
  const below = to.y >= from.y + from.height;
  const above = to.y + to.height <= from.y;
  const fromMiddle = from.y + from.height / 2;
  const toMiddle = to.y + to.height / 2;
  if (overlapRight - overlapLeft > 0 && (below || above)) {
    const [top, bottom] = below ? [from.y + from.height, to.y] : [to.y + to.height, from.y];
    const middle = (overlapLeft + overlapRight) / 2;
    const x = clearX(overlapLeft + 8, overlapRight - 8, middle, top, bottom, others, near(top, bottom), spacing);
    if (x !== undefined) {
      const [start, end] = below ? [top, bottom] : [bottom, top];
      return [
        { x, y: start },
        { x, y: end },
      ];
    }
    // Round the side: out of and into the boxes off their middles, where the other lines come and go;
    // on the side with the shorter way round.
    const fromSide = from.y + from.height * 0.7;
    const toSide = to.y + to.height * 0.3;
    const [high, low] = [Math.min(fromSide, toSide), Math.max(fromSide, toSide)];
    const rightmost = Math.max(from.x + from.width, to.x + to.width) + 12;
    const leftmost = Math.min(from.x, to.x) - 12;
    const right = clearX(rightmost, bounds.right - 4, rightmost, high, low, others, near(high, low), spacing);
    const left = clearX(bounds.left + 4, leftmost, leftmost, high, low, others, near(high, low), spacing);
    const rightFirst = right !== undefined && (left === undefined || right - rightmost <= leftmost - left);
    if (rightFirst) {
      return [
        { x: from.x + from.width, y: fromSide },
        { x: right, y: fromSide },
        { x: right, y: toSide },
        { x: to.x + to.width, y: toSide },
      ];
    }
    if (left !== undefined) {
      return [
        { x: from.x, y: fromSide },
        { x: left, y: fromSide },
        { x: left, y: toSide },
        { x: to.x, y: toSide },
      ];
    }
    const [start, end] = below ? [top, bottom] : [bottom, top];
    return [
      { x: middle, y: start },
      { x: middle, y: end },
    ];
  }
  const start = { x: from.x + from.width, y: fromMiddle };
  const end = { x: to.x, y: toMiddle };
  if (start.y === end.y) return [start, end];
  const middle = (start.x + end.x) / 2;
  const x =
    end.x > start.x
      ? (clearX(
          start.x,
          end.x,
          middle,
          Math.min(start.y, end.y),
          Math.max(start.y, end.y),
          others,
          near(Math.min(start.y, end.y), Math.max(start.y, end.y)),
          spacing,
        ) ?? middle)
      : middle;
  return [start, { x, y: start.y }, { x, y: end.y }, end];
}

/**
 * The x in `left`–`right` nearest `prefer` where an upright line from `top` to `bottom` meets no
 * box and stands `spacing` away from the lines at `near`; undefined when there is none.
 */
function clearX(
  left: number,
  right: number,
  prefer: number,
  top: number,
  bottom: number,
  others: readonly Rect[],
  near: readonly number[],
  spacing: number,
): number | undefined {
  const across = others.filter((box) => box.y < bottom && box.y + box.height > top);
  const hits = (x: number) =>
    across.some((box) => x > box.x - 4 && x < box.x + box.width + 4) ||
    near.some((other) => Math.abs(other - x) < spacing);
  const reach = Math.max(prefer - left, right - prefer);
  for (let offset = 0; offset <= reach; offset += 4) {
    for (const x of [prefer + offset, prefer - offset]) {
      if (x >= left && x <= right && !hits(x)) return x;
    }
  }
  return undefined;
}

/** A rework loop: from the later step's top, over the boxes, back down into the earlier step's top. */
function reworkRoute(from: Rect, to: Rect, gap: number): { x: number; y: number }[] {
  const over = Math.min(from.y, to.y) - gap / 3;
  const a = { x: from.x + (from.width * 2) / 3, y: from.y };
  const b = { x: to.x + to.width / 3, y: to.y };
  return [a, { x: a.x, y: over }, { x: b.x, y: over }, b];
}

/**
 * Each wall's bar lies on the boundary into the receiving step's lane, where its handoff's line
 * crosses it; its label sits in the receiving lane's band (just under the boundary, or just over it
 * when the work moves up), moved sideways off the lane's name and the labels placed before it.
 */
function placeWalls(
  walls: readonly Wall[],
  boxOf: ReadonlyMap<string, PresentBox>,
  lines: readonly PresentLine[],
  lanes: readonly PresentLane[],
  calendar: Calendar,
  /** The bands (`section:lane`, by index into `lanes`) whose labels are short. */
  shortBands: ReadonlySet<string>,
  markedWall: (wall: Wall) => boolean,
  sizes: { font: number; padding: number; bar: number; labelHeight: number; labelRow: number; map: Rect },
): PresentWall[] {
  /** The labels placed in each row of each band, by `section:lane:row`. */
  const taken = new Map<string, { left: number; right: number }[]>();
  const placed: PresentWall[] = [];
  for (const wall of walls) {
    const from = boxOf.get(wall.from);
    const to = boxOf.get(wall.to);
    if (!from || !to || from.lane === to.lane) continue;
    const section = to.section;
    // The boundary next to the receiving lane, on the side the work comes from; the label goes in
    // the band of the lane under that boundary.
    const bandIndex = to.lane > from.lane ? to.lane : to.lane + 1;
    const bandLane = lanes[bandIndex]!;
    const boundary = bandLane.y;
    const line = lines.find((one) => one.from === wall.from && one.to === wall.to);
    const crossing = crossingX(line?.points ?? [], boundary) ?? to.x + to.width / 2;
    const barWidth = Math.min(sizes.bar * 8, to.width);
    const bar = { x: crossing - barWidth / 2, y: boundary - sizes.bar / 2, width: barWidth, height: sizes.bar };

    const short = shortBands.has(`${section}:${bandIndex}`);
    const width = wallLabelWidth(wall, calendar, sizes.font, short, markedWall(wall));
    const least =
      sizes.map.x + LANE_NAME_INSET + Math.min(sizes.map.width * 0.3, estimateTextWidth(bandLane.name, sizes.font));
    const most = sizes.map.x + sizes.map.width - width;
    const room = sizes.padding;
    // Just right of the line (so that it stays in sight through its bar), else just left of it, else
    // beside the labels already in the band: the free place nearest the line, in the first row with one.
    let best: { row: number; left: number } | undefined;
    for (let row = 0; row < bandLane.labelRows && !best; row++) {
      const others = taken.get(`${section}:${bandLane.index}:${row}`) ?? [];
      const free = [
        crossing + room,
        crossing - room - width,
        ...others.flatMap((other) => [other.right + room, other.left - room - width]),
      ]
        .map((left) => Math.min(most, Math.max(row === 0 ? least : sizes.map.x, left)))
        .filter((left) => others.every((other) => left + width + room <= other.left || left >= other.right + room))
        .sort((a, b) => Math.abs(a - crossing) - Math.abs(b - crossing));
      if (free[0] !== undefined) best = { row, left: free[0] };
    }
    const { row, left } = best ?? {
      row: bandLane.labelRows - 1,
      left: Math.min(most, Math.max(least, crossing + room)),
    };
    const key = `${section}:${bandLane.index}:${row}`;
    taken.set(key, [...(taken.get(key) ?? []), { left, right: left + width }]);
    placed.push({
      from: wall.from,
      to: wall.to,
      severity: wall.severity,
      section,
      bar,
      label: { x: left, y: boundary + sizes.bar / 2 + 1 + row * sizes.labelRow, width, height: sizes.labelHeight },
      short,
    });
  }
  // Bars on one boundary no wider than the room between their lines, so that each reads as one.
  for (const wall of placed) {
    const centre = wall.bar.x + wall.bar.width / 2;
    const nearest = Math.min(
      ...placed
        .filter((other) => other !== wall && other.section === wall.section && other.bar.y === wall.bar.y)
        .map((other) => Math.abs(other.bar.x + other.bar.width / 2 - centre)),
    );
    const width = Math.max(2 * sizes.bar, Math.min(wall.bar.width, nearest - sizes.padding));
    wall.bar = { ...wall.bar, x: centre - width / 2, width };
  }
  return placed;
}

/** Where a polyline crosses the height `y`, if it does. */
function crossingX(points: readonly { x: number; y: number }[], y: number): number | undefined {
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    if ((a.y - y) * (b.y - y) <= 0 && a.y !== b.y) return a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y);
  }
  return undefined;
}
