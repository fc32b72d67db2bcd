/**
 * The picture of a map, the one the canvas and the reports both draw: its lanes, each step's box
 * (name, figures, colour, critical marking, the badge with its ideas' votes), each handoff's label, and the walls of
 * confusion with their badges and slots. The canvas (renderer/canvas/to-flow.ts) and the reports
 * (electron/export/scene.ts) only turn it into their medium, so what the room sees and what the PDF
 * prints always agree. It decides what the box says and in how many lines, the same for every
 * medium, so it needs no DOM and no font library: each medium only fits that text to its fonts
 * (CSS clamps the name on the canvas; the reports wrap it with the fonts' metrics).
 * With a comparison's marks for its side, the picture marks what was added, removed and changed:
 * colour and a symbol with a word, never colour alone.
 */
import type { FieldChange, HandoffChange } from '../metrics/compare';
import { describeHandoffChange, describeStepChange } from '../metrics/change-rows';
import { type ChangeMark, handoffKey, type SideMarks, type WallMark } from '../metrics/change-marks';
import type { FlowMetrics, Severity } from '../metrics/flow';
import { formatPercent } from '../metrics/format';
import { wallsWorstFirst } from '../metrics/headline';
import { type Calendar, formatDuration } from '../model/duration';
import { fieldWords } from '../model/field-words';
import type { Step, VsmDocument } from '../model/schema';
import { type Lane, type Layout, STEP_WIDTH } from './layout';
import { estimateTextWidth } from './present-layout';
import {
  CHANGE_COLOURS,
  CHANGE_SYMBOLS,
  CRITICAL_COLOUR,
  HANDOFF_COLOUR,
  laneColour,
  REWORK_COLOUR,
  SEVERITY_COLOURS,
  SEVERITY_LETTERS,
} from './palette';

/** The step box's type sizes and the width its text has, in map units (the canvas's CSS pixels, styles.css `.step-node`). */
export const STEP_TEXT = { name: 19, figures: 16, width: STEP_WIDTH - 8 - 2 * 10 } as const;
/** Lines of text a step box holds: its name's and its figures' together. */
const STEP_TEXT_LINES = 4;
const MAX_NAME_LINES = 2;
/** A changed step's figures take up to this many lines; its name keeps at least one. */
const MAX_FIGURE_LINES = 3;

/** A change mark as drawn: its colour, and its symbol with a word ("+ added", "− removed", "~ changed"). */
export interface PictureMark {
  kind: ChangeMark;
  colour: string;
  symbol: string;
  badge: string;
}

export interface PictureLane extends Lane {
  colour: string;
  /** The last team's lane (the lane without a team comes after it). */
  lastTeam: boolean;
}

export interface PictureStep {
  id: string;
  step: Step;
  /** The figures' lines: "PT 2h · LT 2d", "%C&A 85% · 3 people". */
  figures: string[];
  /** How many lines the name may take in the box (the figures take the rest). */
  nameLines: number;
  colour: string;
  critical: boolean;
  /** The badge of a step with ideas: their votes ("✸ 5"; "✸ ?" while a voting round hides them), and its tooltip in words. */
  ideaBadge?: IdeaBadge;
  accessibleName: string;
  /** Added, removed or changed in a comparison (outlined in its colour, with its badge). */
  mark?: PictureMark;
}

export interface IdeaBadge {
  text: string;
  /** "2 improvement ideas, 5 votes". */
  label: string;
}

/** A step's badge: the votes its ideas have (the room's dots), hidden while a voting round hides them. */
export function ideaBadge(ideas: number, votes: number, votesHidden: boolean): IdeaBadge | undefined {
  if (ideas === 0) return undefined;
  const ideaWords = `${ideas} improvement idea${ideas === 1 ? '' : 's'}`;
  if (votesHidden) return { text: '✸ ?', label: `${ideaWords}, votes hidden until revealed` };
  return { text: `✸ ${votes}`, label: `${ideaWords}, ${votes} vote${votes === 1 ? '' : 's'}` };
}

export interface PictureWall {
  severity: Severity;
  colour: string;
  letter: string;
  /** The delay at the boundary, in the map's calendar. */
  delay: string;
  /** The badge's text: letter and delay ("H 3w 2d"), and "gone" or "new" in a comparison. */
  text: string;
  /** Where the handoff enters the receiving team's lane: that lane's top or bottom (layout y). */
  boundary: number;
  /** Walls crossing one boundary on one line: the badge's place in their row (0 on the line, the others to its left). */
  slot: number;
  accessibleName: string;
  /** In a comparison: gone (drawn struck through), new, or still there. */
  mark?: WallMark;
  /** The mark's word: "gone" or "new" (none for a wall still there). */
  word?: string;
}

export interface PictureHandoff {
  /** `handoffKey(from, to)`. */
  key: string;
  from: string;
  to: string;
  rework: boolean;
  critical: boolean;
  colour: string;
  /** The label's lines: the wait and the queue, or a rework loop's "↺ rework 30.0% · 1d"; marked, the first begins with the mark ("− removed · 3d", "~ wait 1w → 2d"). */
  lines: string[];
  /** The label's colour: the mark's, else ink. */
  labelColour: string;
  /** A removed handoff, and every rework loop, is drawn dashed. */
  dashed: boolean;
  accessibleName: string;
  mark?: PictureMark;
  wall?: PictureWall;
}

export interface MapPicture {
  lanes: PictureLane[];
  steps: PictureStep[];
  handoffs: PictureHandoff[];
}

const INK = '#1d2329';

/** A step's figures as the room's presentation prints them on one line: "PT 2h · LT 2d · 85%". */
export function presentFigures(step: Step, calendar: Calendar): string {
  return `PT ${formatDuration(step.processTime, calendar)} · LT ${formatDuration(step.leadTime, calendar)} · ${step.percentCompleteAccurate}%`;
}

/** A mark's symbol before its word: "+ added", "− removed", "~ changed". */
export function changeBadge(kind: ChangeMark): string {
  return `${CHANGE_SYMBOLS[kind]} ${kind}`;
}

function pictureMark(kind: ChangeMark): PictureMark {
  return { kind, colour: CHANGE_COLOURS[kind], symbol: CHANGE_SYMBOLS[kind], badge: changeBadge(kind) };
}

/** "lead time 2d → 4h", "wait time 1d → 2h", "notes changed", in this side's calendar. */
function describeChange(change: FieldChange | HandoffChange, calendar: Calendar): string {
  return isHandoffChange(change) ? describeHandoffChange(change, calendar) : describeStepChange(change, calendar);
}

function isHandoffChange(change: FieldChange | HandoffChange): change is HandoffChange {
  return change.field === 'waitTime' || change.field === 'queue' || change.field === 'rework';
}

/** "2d → 4h": a changed field's before and after (its description without the field's words), else its value now. */
function figureOf(
  changes: readonly (FieldChange | HandoffChange)[],
  field: FieldChange['field'] | HandoffChange['field'],
  now: string,
  calendar: Calendar,
): string {
  const change = changes.find((candidate) => candidate.field === field);
  return change ? describeChange(change, calendar).slice(fieldWords(field).length + 1) : now;
}

/** ", changed: lead time 2d → 4h" after a thing's name in its accessible name. */
function markWords(
  mark: { mark: ChangeMark; changes: readonly (FieldChange | HandoffChange)[] } | undefined,
  calendar: Calendar,
) {
  if (!mark) return '';
  const changes = mark.changes.filter((change) => change.field !== 'id');
  return `, ${mark.mark}${changes.length > 0 ? `: ${changes.map((change) => describeChange(change, calendar)).join(', ')}` : ''}`;
}

/** What each step's box was made from besides its step, lane, criticality and ideas: for reusing it. */
const madeOf = new WeakMap<PictureStep, { calendar: Calendar; mark: unknown }>();

/**
 * A wall's mark in a comparison, wherever a map is drawn (canvas, reports, the room's view): a wall
 * gone or new has its change's symbol and a word; one that remains, none.
 */
export const WALL_MARKS: Record<WallMark, { symbol: string; word: string } | undefined> = {
  removed: { symbol: CHANGE_SYMBOLS.removed, word: 'gone' },
  added: { symbol: CHANGE_SYMBOLS.added, word: 'new' },
  remaining: undefined,
};

/** The picture of a map laid out by `layoutMap`; with `marks` (this side's, from `changeMarks`), what changed is marked. */
export function mapPicture(
  document: VsmDocument,
  metrics: FlowMetrics,
  layout: Layout,
  marks?: SideMarks,
  /** The steps of the previous picture of this map: a step whose box did not change is reused, not made again. */
  previous?: ReadonlyMap<string, PictureStep>,
  /** A voting round that hides the counts until they are revealed: the badges show "?". */
  votesHidden = false,
): MapPicture {
  const { calendar } = document;
  const critical = new Set(metrics.criticalPath);
  const stepById = new Map(document.steps.map((step) => [step.id, step]));
  const laneOfTeam = new Map(layout.lanes.map((lane) => [lane.team, lane]));
  const noTeamLane = layout.lanes.find((lane) => lane.team === undefined) ?? layout.lanes[0];
  const laneOf = (step: Step | undefined) => laneOfTeam.get(step?.team) ?? noTeamLane!;
  const ideasOf = new Map<string, { ideas: number; votes: number }>();
  for (const idea of document.ideas) {
    if (idea.step === undefined) continue;
    const sofar = ideasOf.get(idea.step) ?? { ideas: 0, votes: 0 };
    ideasOf.set(idea.step, { ideas: sofar.ideas + 1, votes: sofar.votes + idea.votes });
  }

  const lanes: PictureLane[] = layout.lanes.map((lane) => ({
    ...lane,
    colour: laneColour(lane.index),
    lastTeam: lane.index === document.teams.length - 1,
  }));

  const steps: PictureStep[] = document.steps.map((step) => {
    const stepMark = marks?.steps.get(step.id);
    const colour = laneColour(laneOf(step).index);
    const isCritical = critical.has(step.id);
    const { ideas, votes } = ideasOf.get(step.id) ?? { ideas: 0, votes: 0 };
    const badge = ideaBadge(ideas, votes, votesHidden);
    const before = previous?.get(step.id);
    const made = before && madeOf.get(before);
    if (
      before?.step === step &&
      made?.calendar === calendar &&
      made.mark === stepMark &&
      before.colour === colour &&
      before.critical === isCritical &&
      before.ideaBadge?.text === badge?.text &&
      before.ideaBadge?.label === badge?.label
    )
      return before;
    const changes = stepMark?.changes ?? [];
    const processTime = formatDuration(step.processTime, calendar);
    const leadTime = formatDuration(step.leadTime, calendar);
    const completeAccurate = `${step.percentCompleteAccurate}%`;
    const people = step.people === undefined ? '' : `${step.people} people`;
    const peopleChanged = changes.some((change) => change.field === 'people');
    const figures = figureLines([
      [
        `PT ${figureOf(changes, 'processTime', processTime, calendar)}`,
        `LT ${figureOf(changes, 'leadTime', leadTime, calendar)}`,
      ],
      [
        `%C&A ${figureOf(changes, 'percentCompleteAccurate', completeAccurate, calendar)}`,
        ...(peopleChanged ? [`people ${figureOf(changes, 'people', people, calendar)}`] : people ? [people] : []),
      ],
    ]);
    const picture: PictureStep = {
      id: step.id,
      step,
      figures,
      nameLines: Math.min(MAX_NAME_LINES, STEP_TEXT_LINES - figures.length),
      colour,
      critical: isCritical,
      ...(badge && { ideaBadge: badge }),
      accessibleName: `Step ${step.name}${markWords(stepMark, calendar)}: process time ${processTime}, lead time ${leadTime}, ${completeAccurate} complete and accurate`,
    };
    if (stepMark) picture.mark = pictureMark(stepMark.mark);
    madeOf.set(picture, { calendar, mark: stepMark });
    return picture;
  });

  const walls = new Map(metrics.walls.map((wall) => [handoffKey(wall.from, wall.to), wall]));
  const onPath = new Set(metrics.criticalPath.slice(1).map((id, i) => handoffKey(metrics.criticalPath[i]!, id)));
  const boundaryOf = (handoff: { from: string; to: string }) => {
    const fromLane = laneOf(stepById.get(handoff.from));
    const toLane = laneOf(stepById.get(handoff.to));
    return toLane.y > fromLane.y ? toLane.y : toLane.y + toLane.height;
  };
  const slots = wallSlots(metrics, layout, boundaryOf);

  const handoffs: PictureHandoff[] = document.handoffs.map((handoff) => {
    const key = handoffKey(handoff.from, handoff.to);
    const between = `${stepById.get(handoff.from)?.name ?? handoff.from} → ${stepById.get(handoff.to)?.name ?? handoff.to}`;
    const handoffMark = marks?.handoffs.get(key);
    const changes = handoffMark?.changes ?? [];
    const mark = handoffMark && pictureMark(handoffMark.mark);
    // Added and removed say so in words: "− 3d" would read as minus three days. A change shows
    // before → after, after its symbol.
    const marked = (lines: string[]) => {
      if (!mark) return lines;
      const lead = mark.kind === 'changed' ? mark.symbol : `${mark.badge} ·`;
      return lines.map((line, i) => (i === 0 ? `${lead} ${line}` : line));
    };
    // Objects built whole, their optional parts set after: spreads in hundreds of literals are slow.
    const drawn = (
      rework: boolean,
      critical: boolean,
      colour: string,
      lines: string[],
      dashed: boolean,
      accessibleName: string,
    ): PictureHandoff => {
      const picture: PictureHandoff = {
        key,
        from: handoff.from,
        to: handoff.to,
        rework,
        critical,
        colour,
        lines,
        labelColour: mark?.colour ?? INK,
        dashed,
        accessibleName,
      };
      if (mark) picture.mark = mark;
      return picture;
    };
    const wait = formatDuration(handoff.waitTime, calendar);
    const waitChange = changes.find((change) => change.field === 'waitTime');
    const isCritical = onPath.has(key);
    if (handoff.rework !== undefined) {
      const probability = figureOf(changes, 'rework', formatPercent(handoff.rework), calendar);
      const waitText = waitChange
        ? ` · wait ${figureOf(changes, 'waitTime', wait, calendar)}`
        : handoff.waitTime > 0
          ? ` · ${wait}`
          : '';
      const label = `rework ${probability}${waitText}`;
      return drawn(
        true,
        false,
        mark?.colour ?? REWORK_COLOUR,
        marked([`↺ ${label}`]),
        true,
        `Rework loop ${between}${markWords(handoffMark, calendar)}: rework ${formatPercent(handoff.rework)}${handoff.waitTime > 0 ? ` · ${wait}` : ''}`,
      );
    }
    const wall = walls.get(key);
    // Short lines fit between two steps; the wall's severity is on its badge.
    const queue = handoff.queue === undefined ? [] : [`queue ${handoff.queue}`];
    const lines = [wait, ...queue];
    const queueChanged = changes.some((change) => change.field === 'queue');
    const shownLines = [
      waitChange ? `wait ${figureOf(changes, 'waitTime', wait, calendar)}` : wait,
      ...(queueChanged ? [`queue ${figureOf(changes, 'queue', '', calendar)}`] : queue),
    ];
    const wallColour = wall && SEVERITY_COLOURS[wall.severity];
    const colour = wallColour ?? mark?.colour ?? (isCritical ? CRITICAL_COLOUR : HANDOFF_COLOUR);
    const delay = wall && formatDuration(wall.delay, calendar);
    const wallMark = marks?.walls.get(key);
    const wallWord = wallMark && WALL_MARKS[wallMark]?.word;
    const wallName = wall && `wall of confusion (${wall.severity}, delay ${delay}${wallWord ? `, ${wallWord}` : ''})`;
    const picture = drawn(
      false,
      isCritical,
      colour,
      marked(shownLines),
      mark?.kind === 'removed',
      `Handoff ${between}${markWords(handoffMark, calendar)}: wait ${lines.join(', ')}${wallName ? `, ${wallName}` : ''}`,
    );
    if (wall) {
      picture.wall = {
        severity: wall.severity,
        colour: wallColour!,
        letter: SEVERITY_LETTERS[wall.severity],
        delay: delay!,
        text: `${SEVERITY_LETTERS[wall.severity]} ${delay!}${wallWord ? ` ${wallWord}` : ''}`,
        boundary: boundaryOf(handoff),
        slot: slots.get(key) ?? 0,
        accessibleName: `Wall of confusion (${wall.severity}): delay ${delay!}${wallWord ? `, ${wallWord}` : ''}`,
      };
      if (wallMark) picture.wall.mark = wallMark;
      if (wallWord) picture.wall.word = wallWord;
    }
    return picture;
  });
  return { lanes, steps, handoffs };
}

/**
 * The figures' lines: each group of figures on a line of its own (" · " between them). A group
 * with a changed figure ("LT 2w → 1w") that does not fit the box on one line is packed into as
 * few lines as fit, the figures' lines at most MAX_FIGURE_LINES. Widths are DejaVu Sans Bold's: the
 * reports' font, and wider than the window's, so the canvas and the reports break them alike.
 */
function figureLines(groups: string[][]): string[] {
  const fits = (line: string) => estimateTextWidth(line, STEP_TEXT.figures) <= STEP_TEXT.width;
  const lines: string[] = [];
  for (const group of groups) {
    const line = group.join(' · ');
    if (!group.some((figure) => figure.includes(' → ')) || fits(line)) {
      lines.push(line);
      continue;
    }
    const start = lines.length;
    for (const figure of group) {
      const last = lines.length > start ? lines.at(-1) : undefined;
      if (last !== undefined && fits(`${last} · ${figure}`)) lines[lines.length - 1] = `${last} · ${figure}`;
      else lines.push(figure);
    }
  }
  // Past the last line the box has room for, the figures go on that line (each medium shortens it with …).
  return lines.length <= MAX_FIGURE_LINES
    ? lines
    : [...lines.slice(0, MAX_FIGURE_LINES - 1), lines.slice(MAX_FIGURE_LINES - 1).join(' · ')];
}

/** Handoffs whose lines cross closer than this (layout units) share one line: their walls' badges stand in a row. */
const SAME_LINE = 40;

/**
 * The place of each wall's badge among the walls that cross one boundary on one line (two handoffs
 * from one step into one lane): the worst on the line, the others in a row to its left.
 */
function wallSlots(
  metrics: FlowMetrics,
  layout: Layout,
  boundaryOf: (handoff: { from: string; to: string }) => number,
): Map<string, number> {
  const slots = new Map<string, number>();
  const placed: { boundary: number; x: number }[] = [];
  // Worst first, so the worst wall keeps its place on the boundary.
  for (const wall of wallsWorstFirst(metrics.walls)) {
    const from = layout.positions.get(wall.from);
    const to = layout.positions.get(wall.to);
    if (!from || !to) continue;
    // Where the handoff's line goes across: halfway between the sender's right side and the receiver's left.
    const x = (from.x + STEP_WIDTH + to.x) / 2;
    const boundary = boundaryOf(wall);
    const slot = placed.filter((other) => other.boundary === boundary && Math.abs(other.x - x) < SAME_LINE).length;
    placed.push({ boundary, x });
    slots.set(handoffKey(wall.from, wall.to), slot);
  }
  return slots;
}
