/**
 * What changed, entry by entry: steps added, removed and changed (each field before → after),
 * handoffs added, removed and changed (waits, queues, rework), and the walls of confusion by team
 * pair, removed (struck through), added and remaining. Choosing an entry selects it on both maps
 * where it is, and brings it into view.
 */
import type { ChangeMark } from '../../shared/metrics/change-marks';
import {
  changeRows,
  type HandoffChangeRow,
  type PartChangeRow,
  type WallChangeRow,
} from '../../shared/metrics/change-rows';
import { type Comparison, type HandoffRef, handoffKey, type WallPair } from '../../shared/metrics/compare';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { CHANGE_SYMBOLS } from '../../shared/picture/palette';
import type { VsmDocument } from '../../shared/model/schema';
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

const showStep = (id: string | undefined): Shown | undefined =>
  id === undefined ? undefined : { selection: stepsSelection([id]), ids: [id] };

const showHandoff = (handoff: HandoffRef | undefined): Shown | undefined =>
  handoff === undefined
    ? undefined
    : { selection: { kind: 'handoff', from: handoff.from, to: handoff.to }, ids: [handoff.from, handoff.to] };

/** The handoffs across a team pair's walls on one side: both their steps in view. */
function showWalls(metrics: FlowMetrics, pair: WallPair | undefined): Shown | undefined {
  if (pair === undefined) return undefined;
  const walls = metrics.walls.filter((wall) => wall.fromTeam === pair.fromTeam && wall.toTeam === pair.toTeam);
  const [first] = walls;
  if (!first) return undefined;
  return {
    selection: walls.length === 1 ? { kind: 'handoff', from: first.from, to: first.to } : undefined,
    ids: [...new Set(walls.flatMap((wall) => [wall.from, wall.to]))],
  };
}

/** The first word of an entry: `Added: Deploy`. */
const KIND_WORDS: Record<ChangeMark | 'remaining', string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  remaining: 'Remaining',
};

/** The rows of what changed (changeRows), each an entry that selects what it names on both maps. */
export function ChangesList({
  before,
  after,
  comparison,
  onChoose,
}: {
  before: VsmDocument;
  after: VsmDocument;
  comparison: Comparison;
  onChoose: (choice: Choice) => void;
}) {
  const rows = changeRows(before, after, comparison);
  const entry = (
    key: string,
    className: ChangeMark | 'remaining',
    label: React.ReactNode,
    choice: Choice,
    detail: string[] = [],
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
      {detail.length > 0 && (
        <ul className="change-fields">
          {detail.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </li>
  );
  /** A step's or a handoff's entry: `show` finds it on a side. */
  const partEntry = <Ref,>(key: string, row: PartChangeRow<Ref>, show: (ref: Ref | undefined) => Shown | undefined) =>
    entry(
      key,
      row.kind,
      <>
        {KIND_WORDS[row.kind]}: {visibleText(row.name)}
      </>,
      { before: show(row.before), after: show(row.after) },
      row.changes,
    );
  const handoffEntry = (row: HandoffChangeRow) => {
    const { from, to } = (row.after ?? row.before)!;
    return partEntry(`handoff-${row.kind}-${handoffKey(from, to)}`, row, showHandoff);
  };
  const wallEntry = (row: WallChangeRow) => {
    const { fromTeam, toTeam } = (row.before ?? row.after)!;
    const text = `${visibleText(row.name)} (${row.delay})`;
    return entry(
      `wall-${row.kind}-${fromTeam}-${toTeam}`,
      row.kind,
      <>
        {KIND_WORDS[row.kind]}:{' '}
        {row.kind === 'removed' ? <del>{text}</del> : row.kind === 'added' ? <ins>{text}</ins> : text}
      </>,
      {
        before: showWalls(comparison.before.metrics, row.before),
        after: showWalls(comparison.after.metrics, row.after),
      },
    );
  };
  const empty = <li className="change none">None</li>;
  return (
    <section className="changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">What changed</h2>
      <h3>Steps</h3>
      <ul className="change-group" aria-label="Steps added, removed and changed">
        {rows.steps.length === 0
          ? empty
          : rows.steps.map((row) => partEntry(`${row.kind}-${row.after ?? row.before}`, row, showStep))}
      </ul>
      <h3>Handoffs</h3>
      <ul className="change-group" aria-label="Handoffs added, removed and changed">
        {rows.handoffs.length === 0 ? empty : rows.handoffs.map(handoffEntry)}
      </ul>
      <h3>Walls of confusion</h3>
      <ul className="change-group" aria-label="Walls of confusion removed, added and remaining">
        {rows.walls.length === 0 ? empty : rows.walls.map(wallEntry)}
      </ul>
    </section>
  );
}

/** Not by colour alone: each entry's kind by its symbol and its first word. A wall that remains: `=`. */
const REMAINING_SYMBOL = '=';
