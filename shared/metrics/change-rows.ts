/**
 * What changed between two maps, entry by entry and in words: the rows that the comparison view's
 * list, the reports' tables (PDF, SVG, PNG) and `vsm compare` each draw in their own way, so that
 * all of them say the same. Durations are in the calendar of the map after, a comparison's one
 * calendar (docs/spec-notes.md).
 */
import { type Calendar, formatDuration } from '../model/duration';
import { fieldWords } from '../model/field-words';
import type { VsmDocument } from '../model/schema';
import type { ChangeMark, WallMark } from './change-marks';
import type { ChangedStep, Comparison, FieldChange, HandoffChange, HandoffRef, WallPair } from './compare';
import { formatPercent } from './format';

/** `lead time 2w → 1w`, `notes changed`: durations in one calendar, a comparison's (the map after's). */
export function describeStepChange(change: FieldChange, calendar: Calendar): string {
  if (change.field === 'notes') return 'notes changed';
  const show = (value: FieldChange['before']) => {
    if (value === null) return '(none)';
    if (change.field === 'processTime' || change.field === 'leadTime') return formatDuration(Number(value), calendar);
    if (change.field === 'percentCompleteAccurate') return `${value}%`;
    return String(value);
  };
  return `${fieldWords(change.field)} ${show(change.before)} → ${show(change.after)}`;
}

/** `wait time 1d → 2h`, `queue 4 → (none)`, `rework probability 30.0% → 10.0%`: durations in one calendar, a comparison's. */
export function describeHandoffChange(change: HandoffChange, calendar: Calendar): string {
  const show = (value: number | null) => {
    if (value === null) return '(none)';
    if (change.field === 'waitTime') return formatDuration(value, calendar);
    if (change.field === 'rework') return formatPercent(value);
    return String(value);
  };
  return `${fieldWords(change.field)} ${show(change.before)} → ${show(change.after)}`;
}

/** A handoff as every list of a comparison's changes names it: `Build → Test`, a rework loop `Test → Build (rework)`. */
export function handoffName(handoff: HandoffRef): string {
  return `${handoff.fromName} → ${handoff.toName}${handoff.rework ? ' (rework)' : ''}`;
}

/** A step or a handoff that was added, removed or changed. `Ref` is how it is found on a side. */
export interface PartChangeRow<Ref> {
  kind: ChangeMark;
  /** A step's name (after, when changed); a handoff's as {@link handoffName} writes it. */
  name: string;
  /** A changed part's fields, each before → after (`lead time 1d → 4h`); none for one added or removed. */
  changes: string[];
  /** An added part's figures after, a removed one's before (`Development · PT 4h · LT 2d · %C&A 100%`); '' for a changed one. */
  figures: string;
  /** Where the part is on each side; undefined on the side it is not on. */
  before: Ref | undefined;
  after: Ref | undefined;
}

/** A step's row: it is found on each side by that side's step id. */
export type StepChangeRow = PartChangeRow<string>;
export type HandoffChangeRow = PartChangeRow<HandoffRef>;

/** The walls between a pair of teams, removed, added or remaining. */
export interface WallChangeRow {
  kind: WallMark;
  /** `Business → Development`, as the teams are called after (before, for walls removed). */
  name: string;
  /** Their delay, `3d`; of walls remaining, before → after: `1w → 2d`. */
  delay: string;
  /** How many walls, `2`; of walls remaining whose number changed, before → after: `3 → 2`. */
  walls: string;
  before: WallPair | undefined;
  after: WallPair | undefined;
}

/** What changed, by part, each in the order every list shows it: added, removed, changed; walls removed, added, remaining. */
export interface ChangeRows {
  steps: StepChangeRow[];
  handoffs: HandoffChangeRow[];
  walls: WallChangeRow[];
}

/** The rows of what changed from `before` to `after` (compared in `comparison`). */
export function changeRows(before: VsmDocument, after: VsmDocument, comparison: Comparison): ChangeRows {
  const { calendar } = after;
  const { steps, handoffs, walls } = comparison;
  const pairName = (pair: WallPair) => `${pair.fromTeamName} → ${pair.toTeamName}`;
  const delay = (pair: WallPair) => formatDuration(pair.delay, calendar);
  return {
    steps: [
      ...steps.added.map((step): StepChangeRow => ({
        kind: 'added',
        name: step.name,
        changes: [],
        figures: stepFigures(after, step.id, calendar),
        before: undefined,
        after: step.id,
      })),
      ...steps.removed.map((step): StepChangeRow => ({
        kind: 'removed',
        name: step.name,
        changes: [],
        figures: stepFigures(before, step.id, calendar),
        before: step.id,
        after: undefined,
      })),
      ...steps.changed.map((step): StepChangeRow => ({
        kind: 'changed',
        name: step.name,
        changes: step.changes.map((change) => describeStepChange(change, calendar)),
        figures: '',
        before: idBefore(step),
        after: step.id,
      })),
    ],
    handoffs: [
      ...handoffs.added.map((handoff): HandoffChangeRow => ({
        kind: 'added',
        name: handoffName(handoff),
        changes: [],
        figures: handoffFigures(after, handoff, calendar),
        before: undefined,
        after: handoff,
      })),
      ...handoffs.removed.map((handoff): HandoffChangeRow => ({
        kind: 'removed',
        name: handoffName(handoff),
        changes: [],
        figures: handoffFigures(before, handoff, calendar),
        before: handoff,
        after: undefined,
      })),
      ...handoffs.changed.map((handoff): HandoffChangeRow => ({
        kind: 'changed',
        name: handoffName(handoff.after),
        changes: handoff.changes.map((change) => describeHandoffChange(change, calendar)),
        figures: '',
        before: handoff.before,
        after: handoff.after,
      })),
    ],
    walls: [
      ...walls.removed.map((pair): WallChangeRow => ({
        kind: 'removed',
        name: pairName(pair),
        delay: delay(pair),
        walls: String(pair.walls),
        before: pair,
        after: undefined,
      })),
      ...walls.added.map((pair): WallChangeRow => ({
        kind: 'added',
        name: pairName(pair),
        delay: delay(pair),
        walls: String(pair.walls),
        before: undefined,
        after: pair,
      })),
      ...walls.remaining.map(({ before: b, after: a }): WallChangeRow => ({
        kind: 'remaining',
        name: pairName(a),
        delay: `${delay(b)} → ${delay(a)}`,
        walls: b.walls === a.walls ? String(a.walls) : `${b.walls} → ${a.walls}`,
        before: b,
        after: a,
      })),
    ],
  };
}

/** A changed step's id before: its id change's, else the same. */
function idBefore(step: ChangedStep): string {
  const changed = step.changes.find((change) => change.field === 'id')?.before;
  return typeof changed === 'string' ? changed : step.id;
}

/** `Development · PT 4h · LT 2d · %C&A 85%`: a step's figures, in a comparison's calendar. */
function stepFigures(document: VsmDocument, id: string, calendar: Calendar): string {
  const step = document.steps.find((one) => one.id === id);
  if (!step) return '';
  const team = step.team === undefined ? '' : (document.teams.find((one) => one.id === step.team)?.name ?? step.team);
  return [
    ...(team === '' ? [] : [team]),
    `PT ${formatDuration(step.processTime, calendar)}`,
    `LT ${formatDuration(step.leadTime, calendar)}`,
    `%C&A ${step.percentCompleteAccurate}%`,
  ].join(' · ');
}

/** `wait time 1d · queue 3`, `rework probability 20.0% · wait time 1h`: a handoff's figures, in a comparison's calendar. */
function handoffFigures(document: VsmDocument, ref: HandoffRef, calendar: Calendar): string {
  const handoff = document.handoffs.find((one) => one.from === ref.from && one.to === ref.to);
  if (!handoff) return '';
  return [
    ...(handoff.rework === undefined ? [] : [`${fieldWords('rework')} ${formatPercent(handoff.rework)}`]),
    `${fieldWords('waitTime')} ${formatDuration(handoff.waitTime, calendar)}`,
    ...(handoff.queue === undefined ? [] : [`${fieldWords('queue')} ${handoff.queue}`]),
  ].join(' · ');
}
