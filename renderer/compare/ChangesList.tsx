/**
 * What changed, entry by entry: steps added, removed and changed (each field before → after),
 * handoffs added, removed and changed (waits, queues, rework), and the walls of confusion by team
 * pair, removed (struck through), added and remaining. Choosing an entry selects it on both maps
 * where it is, and brings it into view.
 */
import {
  type ChangedStep,
  type Comparison,
  type HandoffRef,
  handoffKey,
  type WallPair,
} from '../../shared/metrics/compare';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { describeHandoffChange, describeStepChange, handoffName } from '../../shared/metrics/tables';
import type { ChangeMark } from '../../shared/metrics/change-marks';
import { CHANGE_SYMBOLS } from '../../shared/picture/palette';
import { formatDuration } from '../../shared/model/duration';
import type { Calendar } from '../../shared/model/duration';
import { visibleText } from '../../shared/model/visible-text';
import { type Selection, stepsSelection } from '../state/editor';

/** What is shown on one map: its selection, and the steps to bring into view. */
export interface Shown {
  selection: Selection;
  ids: string[];
}

/** An entry chosen: what each map shows of it (undefined: it is not on that map). */
export interface Choice {
  before: Shown | undefined;
  after: Shown | undefined;
}

const showSteps = (ids: string[]): Shown | undefined =>
  ids.length === 0 ? undefined : { selection: stepsSelection(ids), ids };

/** A changed step's id before: its id change's, else the same. */
function idBefore(step: ChangedStep): string {
  const changed = step.changes.find((change) => change.field === 'id')?.before;
  return typeof changed === 'string' ? changed : step.id;
}

const showHandoff = ({ from, to }: HandoffRef): Shown => ({
  selection: { kind: 'handoff', from, to },
  ids: [from, to],
});
const shownHandoffName = (handoff: HandoffRef) => visibleText(handoffName(handoff));

/** The handoffs across a team pair's walls on one side: both their steps in view. */
function showWalls(metrics: FlowMetrics, pair: WallPair): Shown | undefined {
  const walls = metrics.walls.filter((wall) => wall.fromTeam === pair.fromTeam && wall.toTeam === pair.toTeam);
  const [first] = walls;
  if (!first) return undefined;
  return {
    selection: walls.length === 1 ? { kind: 'handoff', from: first.from, to: first.to } : undefined,
    ids: [...new Set(walls.flatMap((wall) => [wall.from, wall.to]))],
  };
}

/** `calendar`: the map after's, in which a comparison writes its durations. */
export function ChangesList({
  comparison,
  calendar,
  onChoose,
}: {
  comparison: Comparison;
  calendar: Calendar;
  onChoose: (choice: Choice) => void;
}) {
  const { steps, handoffs, walls } = comparison;
  const pairName = (pair: WallPair) => `${visibleText(pair.fromTeamName)} → ${visibleText(pair.toTeamName)}`;
  const delay = (pair: WallPair) => formatDuration(pair.delay, calendar);
  const entry = (
    key: string,
    className: ChangeMark | 'remaining',
    label: React.ReactNode,
    choice: Choice,
    detail?: string[],
  ) => (
    <li key={key} className={`change ${className}`}>
      <button
        type="button"
        className="change-entry"
        onClick={() => {
          onChoose(choice);
        }}
      >
        <span className="change-symbol" aria-hidden="true">
          {className === 'remaining' ? REMAINING_SYMBOL : CHANGE_SYMBOLS[className]}
        </span>
        {label}
      </button>
      {detail && detail.length > 0 && (
        <ul className="change-fields">
          {detail.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </li>
  );
  const empty = <li className="change none">None</li>;
  return (
    <section className="changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">What changed</h2>
      <h3>Steps</h3>
      <ul className="change-group" aria-label="Steps added, removed and changed">
        {steps.added.length + steps.removed.length + steps.changed.length === 0 && empty}
        {steps.added.map((step) =>
          entry(`added-${step.id}`, 'added', <>Added: {visibleText(step.name)}</>, {
            before: undefined,
            after: showSteps([step.id]),
          }),
        )}
        {steps.removed.map((step) =>
          entry(`removed-${step.id}`, 'removed', <>Removed: {visibleText(step.name)}</>, {
            before: showSteps([step.id]),
            after: undefined,
          }),
        )}
        {steps.changed.map((step) =>
          entry(
            `changed-${step.id}`,
            'changed',
            <>Changed: {visibleText(step.name)}</>,
            { before: showSteps([idBefore(step)]), after: showSteps([step.id]) },
            step.changes.map((change) => describeStepChange(change, calendar)),
          ),
        )}
      </ul>
      <h3>Handoffs</h3>
      <ul className="change-group" aria-label="Handoffs added, removed and changed">
        {handoffs.added.length + handoffs.removed.length + handoffs.changed.length === 0 && empty}
        {handoffs.added.map((handoff) =>
          entry(
            `handoff-added-${handoffKey(handoff.from, handoff.to)}`,
            'added',
            <>Added: {shownHandoffName(handoff)}</>,
            {
              before: undefined,
              after: showHandoff(handoff),
            },
          ),
        )}
        {handoffs.removed.map((handoff) =>
          entry(
            `handoff-removed-${handoffKey(handoff.from, handoff.to)}`,
            'removed',
            <>Removed: {shownHandoffName(handoff)}</>,
            {
              before: showHandoff(handoff),
              after: undefined,
            },
          ),
        )}
        {handoffs.changed.map((handoff) =>
          entry(
            `handoff-changed-${handoffKey(handoff.after.from, handoff.after.to)}`,
            'changed',
            <>Changed: {shownHandoffName(handoff.after)}</>,
            { before: showHandoff(handoff.before), after: showHandoff(handoff.after) },
            handoff.changes.map((change) => describeHandoffChange(change, calendar)),
          ),
        )}
      </ul>
      <h3>Walls of confusion</h3>
      <ul className="change-group" aria-label="Walls of confusion removed, added and remaining">
        {walls.removed.length + walls.added.length + walls.remaining.length === 0 && empty}
        {walls.removed.map((pair) =>
          entry(
            `wall-removed-${pair.fromTeam}-${pair.toTeam}`,
            'removed',
            <>
              Removed: <del>{`${pairName(pair)} (${delay(pair)})`}</del>
            </>,
            { before: showWalls(comparison.before.metrics, pair), after: undefined },
          ),
        )}
        {walls.added.map((pair) =>
          entry(
            `wall-added-${pair.fromTeam}-${pair.toTeam}`,
            'added',
            <>
              Added: <ins>{`${pairName(pair)} (${delay(pair)})`}</ins>
            </>,
            { before: undefined, after: showWalls(comparison.after.metrics, pair) },
          ),
        )}
        {walls.remaining.map((pair) =>
          entry(
            `wall-remaining-${pair.before.fromTeam}-${pair.before.toTeam}`,
            'remaining',
            <>{`Remaining: ${pairName(pair.after)} (${delay(pair.before)} → ${delay(pair.after)})`}</>,
            {
              before: showWalls(comparison.before.metrics, pair.before),
              after: showWalls(comparison.after.metrics, pair.after),
            },
          ),
        )}
      </ul>
    </section>
  );
}

/** Not by colour alone: each entry's kind by its symbol and its first word. A wall that remains: `=`. */
const REMAINING_SYMBOL = '=';
