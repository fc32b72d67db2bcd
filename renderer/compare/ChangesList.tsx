/**
 * What changed, entry by entry: steps added, removed and changed (each field before → after), and
 * the walls of confusion by team pair, removed (struck through), added and remaining. Choosing an
 * entry selects it on both maps where it is, and brings it into view.
 */
import type { Comparison, WallPair } from '../../shared/metrics/compare';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { describeStepChange } from '../../shared/metrics/tables';
import { formatDuration } from '../../shared/model/duration';
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

const showSteps = (ids: string[]): Shown | undefined =>
  ids.length === 0 ? undefined : { selection: stepsSelection(ids), ids };

/** The step of `other` that a step of `document` compares with: the same id, else the same name. */
function counterpart(document: VsmDocument, id: string, other: VsmDocument): string | undefined {
  if (other.steps.some((step) => step.id === id)) return id;
  const name = document.steps
    .find((step) => step.id === id)
    ?.name.trim()
    .toLowerCase();
  return other.steps.find((step) => step.name.trim().toLowerCase() === name)?.id;
}

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
  const { steps, walls } = comparison;
  const pairName = (pair: WallPair) => `${visibleText(pair.fromTeamName)} → ${visibleText(pair.toTeamName)}`;
  const delay = (pair: WallPair, document: VsmDocument) => formatDuration(pair.delay, document.calendar);
  const entry = (key: string, className: string, label: React.ReactNode, choice: Choice, detail?: string[]) => (
    <li key={key} className={`change ${className}`}>
      <button
        type="button"
        className="change-entry"
        onClick={() => {
          onChoose(choice);
        }}
      >
        <span className="change-symbol" aria-hidden="true">
          {SYMBOLS[className] ?? ''}
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
        {steps.changed.map((step) => {
          const beforeId = counterpart(after, step.id, before);
          return entry(
            `changed-${step.id}`,
            'changed',
            <>Changed: {visibleText(step.name)}</>,
            { before: showSteps(beforeId === undefined ? [] : [beforeId]), after: showSteps([step.id]) },
            step.changes.map((change) => describeStepChange(change, before.calendar, after.calendar)),
          );
        })}
      </ul>
      <h3>Walls of confusion</h3>
      <ul className="change-group" aria-label="Walls of confusion removed, added and remaining">
        {walls.removed.length + walls.added.length + walls.remaining.length === 0 && empty}
        {walls.removed.map((pair) =>
          entry(
            `wall-removed-${pair.fromTeam}-${pair.toTeam}`,
            'removed',
            <>
              Removed: <del>{`${pairName(pair)} (${delay(pair, before)})`}</del>
            </>,
            { before: showWalls(comparison.before.metrics, pair), after: undefined },
          ),
        )}
        {walls.added.map((pair) =>
          entry(
            `wall-added-${pair.fromTeam}-${pair.toTeam}`,
            'added',
            <>
              Added: <ins>{`${pairName(pair)} (${delay(pair, after)})`}</ins>
            </>,
            { before: undefined, after: showWalls(comparison.after.metrics, pair) },
          ),
        )}
        {walls.remaining.map((pair) =>
          entry(
            `wall-remaining-${pair.before.fromTeam}-${pair.before.toTeam}`,
            'remaining',
            <>{`Remaining: ${pairName(pair.after)} (${delay(pair.before, before)} → ${delay(pair.after, after)})`}</>,
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

/** Not by colour alone: each entry's kind by its symbol and its first word. */
const SYMBOLS: Record<string, string> = { added: '+', removed: '−', changed: '~', remaining: '=' };
