/**
 * What a comparison marks on each of its two maps, by that map's own ids: the steps and handoffs
 * added, removed or changed, and for every wall of confusion whether it is gone, new or remaining;
 * and the one-line summary of a change that the history and the comparison show.
 */
import type { VsmDocument } from '../model/schema';
import {
  type Comparison,
  compareMaps,
  type FieldChange,
  type HandoffChange,
  handoffKey,
  matchHandoffs,
} from './compare';
import { describeHandoffChange, describeStepChange } from './change-rows';
import { plural } from './tables';

export { handoffKey };

export type ChangeMark = 'added' | 'removed' | 'changed';
/** A wall before is `removed` or `remaining`; a wall after is `added` or `remaining`. */
export type WallMark = 'removed' | 'added' | 'remaining';

/** One side's marks. Handoffs and walls are keyed by `handoffKey(from, to)` with this side's step ids. */
export interface SideMarks {
  /** Steps that did not change are absent. */
  steps: ReadonlyMap<string, { mark: ChangeMark; changes: FieldChange[] }>;
  /** Handoffs that did not change are absent. */
  handoffs: ReadonlyMap<string, { mark: ChangeMark; changes: HandoffChange[] }>;
  /** Every cross-team handoff of this side. */
  walls: ReadonlyMap<string, WallMark>;
}

export interface ChangeMarks {
  before: SideMarks;
  after: SideMarks;
}

/**
 * The marks of a comparison. A wall is a cross-team handoff: one before is `removed` when its
 * handoff is gone or no longer crosses teams after, one after is `added` when its handoff is new or
 * did not cross teams before; both `remaining` otherwise.
 */
export function changeMarks(before: VsmDocument, after: VsmDocument, comparison: Comparison): ChangeMarks {
  const beforeSteps = new Map<string, { mark: ChangeMark; changes: FieldChange[] }>();
  const afterSteps = new Map<string, { mark: ChangeMark; changes: FieldChange[] }>();
  for (const step of comparison.steps.removed) beforeSteps.set(step.id, { mark: 'removed', changes: [] });
  for (const step of comparison.steps.added) afterSteps.set(step.id, { mark: 'added', changes: [] });
  for (const step of comparison.steps.changed) {
    const idBefore = step.changes.find((change) => change.field === 'id')?.before;
    beforeSteps.set(typeof idBefore === 'string' ? idBefore : step.id, { mark: 'changed', changes: step.changes });
    afterSteps.set(step.id, { mark: 'changed', changes: step.changes });
  }

  const beforeHandoffs = new Map<string, { mark: ChangeMark; changes: HandoffChange[] }>();
  const afterHandoffs = new Map<string, { mark: ChangeMark; changes: HandoffChange[] }>();
  const key = ({ from, to }: { from: string; to: string }) => handoffKey(from, to);
  for (const handoff of comparison.handoffs.removed) beforeHandoffs.set(key(handoff), { mark: 'removed', changes: [] });
  for (const handoff of comparison.handoffs.added) afterHandoffs.set(key(handoff), { mark: 'added', changes: [] });
  for (const { before: b, after: a, changes } of comparison.handoffs.changed) {
    beforeHandoffs.set(key(b), { mark: 'changed', changes });
    afterHandoffs.set(key(a), { mark: 'changed', changes });
  }

  const wallsBefore = new Set(comparison.before.metrics.walls.map(key));
  const wallsAfter = new Set(comparison.after.metrics.walls.map(key));
  const matchBefore = new Map<string, string>();
  const matchAfter = new Map<string, string>();
  for (const [b, a] of matchHandoffs(before, after).pairs) {
    matchBefore.set(key(b), key(a));
    matchAfter.set(key(a), key(b));
  }
  const wallMarks = (walls: Set<string>, match: Map<string, string>, other: Set<string>, gone: WallMark) =>
    new Map<string, WallMark>(
      [...walls].map((wall) => {
        const matched = match.get(wall);
        return [wall, matched !== undefined && other.has(matched) ? 'remaining' : gone];
      }),
    );

  return {
    before: {
      steps: beforeSteps,
      handoffs: beforeHandoffs,
      walls: wallMarks(wallsBefore, matchBefore, wallsAfter, 'removed'),
    },
    after: {
      steps: afterSteps,
      handoffs: afterHandoffs,
      walls: wallMarks(wallsAfter, matchAfter, wallsBefore, 'added'),
    },
  };
}

/** At most this many changed fields are told one by one; more are counted. */
const TOLD_CHANGES = 2;

/**
 * One line for what changed from one map to another, as the history and the comparison show it:
 * "+2 steps, −1 wall, Build → Test: wait time 1d → 2h". Counts of steps and handoffs added and
 * removed and the net change in walls; then the changed fields, one by one when there are few.
 * Durations in the calendar of the map after, as in every comparison.
 */
export function changeSummary(
  before: VsmDocument,
  after: VsmDocument,
  comparison: Comparison = compareMaps(before, after),
): string {
  const parts: string[] = [];
  const count = (n: number, noun: string) => {
    if (n !== 0) parts.push(`${n > 0 ? '+' : '\u2212'}${plural(Math.abs(n), noun)}`);
  };
  const { steps, handoffs } = comparison;
  count(steps.added.length, 'step');
  count(-steps.removed.length, 'step');
  count(handoffs.added.length, 'handoff');
  count(-handoffs.removed.length, 'handoff');
  count(comparison.metrics.crossTeamHandoffs.delta ?? 0, 'wall');

  const told = [
    ...steps.changed.flatMap((step) =>
      // An id is the file's, not the room's.
      step.changes
        .filter((change) => change.field !== 'id')
        .map((change) => `${step.name}: ${describeStepChange(change, after.calendar)}`),
    ),
    ...handoffs.changed.flatMap((handoff) =>
      handoff.changes.map(
        (change) =>
          `${handoff.after.fromName} → ${handoff.after.toName}: ${describeHandoffChange(change, after.calendar)}`,
      ),
    ),
  ];
  if (told.length <= TOLD_CHANGES) parts.push(...told);
  else {
    if (steps.changed.length > 0) parts.push(`${plural(steps.changed.length, 'step')} changed`);
    if (handoffs.changed.length > 0) parts.push(`${plural(handoffs.changed.length, 'handoff')} changed`);
  }
  if (parts.length === 0) parts.push(...otherChanges(before, after));
  return parts.join(', ');
}

/**
 * What a history (the app's, `vsm db history`) says of a revision's change: its summary; the
 * oldest kept has none, and is "Created" when it is the map's first revision.
 */
export function revisionChangeText({ number, summary }: { number: number; summary: string | null }): string {
  return summary ?? (number === 1 ? 'Created' : 'The oldest revision kept');
}

/** What changed when no step or handoff did: the map's own fields, its teams, participants, ideas, notes or places. */
function otherChanges(before: VsmDocument, after: VsmDocument): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`renamed to ${after.name}`);
  if (before.state !== after.state) parts.push(`now the ${after.state} state`);
  if (!same(before.calendar, after.calendar)) parts.push('calendar changed');
  if (!same(before.teams, after.teams)) parts.push('teams changed');
  if (!same(before.participants, after.participants)) parts.push('participants changed');
  if (!same(before.ideas, after.ideas)) parts.push('ideas changed');
  if (before.notes !== after.notes) parts.push('notes changed');
  const places = (document: VsmDocument) => document.steps.map((step) => [step.id, step.position]);
  if (parts.length === 0 && !same(places(before), places(after))) parts.push('steps moved');
  return parts.length === 0 ? ['no change'] : parts;
}
