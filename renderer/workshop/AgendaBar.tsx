/**
 * The agenda in the editor: one row above the map (the facilitator needs the canvas at 1280×720;
 * the room reads the prompt in presentation mode) with the current stage, its prompt on one line
 * (the whole of it on demand), how much the map still misses for it (the list on demand, each item
 * a button that shows what it names), the timebox and the stages (go to, set the timebox, move up
 * and down, skip). Hidden, it takes no room.
 */
import { useId, useState } from 'react';
import type { FlowMetrics } from '../../shared/metrics/flow';
import type { MapState, VsmDocument } from '../../shared/model/schema';
import { type Concerns, moveStage, STAGE_BY_ID, stagePosition, type StageId } from '../../shared/workshop/agenda';
import { clockText, clockWords, hasStarted, isRunning, remainingAt } from '../../shared/workshop/timer';
import { ACTION_BY_ID, type ActionDefinition, ariaKey, keyLabel } from '../../shared/actions';
import { type BoundAction, MAC } from '../actions';
import { agendaActions, type AgendaUpdate, useClock } from './agenda-actions';
import { NumberField } from '../panels/fields';
import { type AgendaState, goToStage, setTimebox, TIMEBOX_MINUTES, toggleSkipped } from './agenda-state';

export function AgendaBar({
  agenda,
  update,
  document,
  metrics,
  streamStates,
  onShow,
}: {
  agenda: AgendaState;
  update: AgendaUpdate;
  document: VsmDocument;
  metrics: FlowMetrics;
  streamStates: readonly MapState[] | null;
  /** Selects and brings into view what a missing item names. */
  onShow: (concerns: Concerns) => void;
}) {
  const stage = STAGE_BY_ID[agenda.current];
  const missing = stage.missing({ document, metrics, streamStates });
  const position = stagePosition(agenda, agenda.current);
  const bound = agendaActions(agenda, update);
  const [missingOpen, setMissingOpen] = useState(false);
  const [promptOpen, setPromptOpen] = useState(false);
  const missingId = useId();
  const missingListId = useId();
  const promptId = useId();
  return (
    <section className="agenda" aria-label="Agenda">
      <div className="agenda-row">
        <div className="agenda-stage" aria-live="polite">
          <p className="agenda-position">
            <span aria-hidden="true">{position ? `${String(position.number)}/${String(position.of)}` : 'Skipped'}</span>
            <span className="visually-hidden">
              {position ? `Stage ${String(position.number)} of ${String(position.of)}` : 'Skipped stage'}
            </span>
          </p>
          <h2>{stage.title}</h2>
        </div>
        <p id={promptId} className={`agenda-prompt${promptOpen ? ' open' : ''}`}>
          {stage.prompt}
        </p>
        <button
          type="button"
          className="agenda-disclosure"
          aria-expanded={promptOpen}
          aria-controls={promptId}
          aria-label="The whole prompt"
          title={promptOpen ? 'Show the prompt on one line' : 'Show the whole prompt'}
          onClick={() => {
            setPromptOpen((open) => !open);
          }}
        >
          {promptOpen ? '▴' : '▾'}
        </button>
        <button
          type="button"
          className={`agenda-missing-toggle${missing.length === 0 ? ' done' : ''}`}
          aria-expanded={missingOpen}
          aria-controls={missingListId}
          onClick={() => {
            setMissingOpen((open) => !open);
          }}
        >
          {missing.length === 0 ? 'Nothing missing' : `Still missing (${String(missing.length)})`}
        </button>
        <AgendaTimer agenda={agenda} bound={bound} />
        <div className="agenda-moves" role="group" aria-label="Stages">
          <KeyedButton action={ACTION_BY_ID.previousStage} bound={bound.previousStage}>
            ← Previous
          </KeyedButton>
          <KeyedButton action={ACTION_BY_ID.nextStage} bound={bound.nextStage}>
            Next →
          </KeyedButton>
          <StageList agenda={agenda} update={update} />
        </div>
      </div>
      <div id={missingListId} className="agenda-missing" hidden={!missingOpen}>
        <h3 id={missingId}>Still missing</h3>
        {missing.length === 0 ? (
          <p className="agenda-done">Nothing: this stage has what it needs.</p>
        ) : (
          <ul aria-labelledby={missingId}>
            {missing.map((item) => (
              <li key={item.text}>
                {item.concerns.steps.length + item.concerns.handoffs.length > 0 ? (
                  <button
                    type="button"
                    className="link-button"
                    title="Select what it names on the map"
                    onClick={() => {
                      onShow(item.concerns);
                    }}
                  >
                    {item.text}
                  </button>
                ) : (
                  item.text
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** A button for an action with a shorter text than the action's label (its name too), its keys in its tooltip and announced. */
export function KeyedButton({
  action,
  bound,
  className,
  children,
}: {
  action: ActionDefinition;
  bound: BoundAction;
  className?: string;
  children: React.ReactNode;
}) {
  const keys = action.keys.map((binding) => keyLabel(binding, MAC)).join(' or ');
  return (
    <button
      type="button"
      className={className}
      onClick={bound.run}
      disabled={bound.disabled}
      aria-keyshortcuts={action.keys.map((binding) => ariaKey(binding, MAC)).join(' ') || undefined}
      title={keys ? `${action.description ?? action.label} (${keys})` : action.description}
    >
      {children}
    </button>
  );
}

/** The timebox: the time left as mm:ss (over time, counting up), and its buttons. */
export function AgendaTimer({
  agenda,
  bound,
  large = false,
}: {
  agenda: AgendaState;
  bound: ReturnType<typeof agendaActions>;
  large?: boolean;
}) {
  const running = isRunning(agenda.timer);
  const remaining = remainingAt(agenda.timer, useClock(running));
  const over = remaining < 0;
  const state = over ? 'Over time' : running ? 'Running' : hasStarted(agenda.timer) ? 'Paused' : 'Ready';
  return (
    <div className={`agenda-timer${over ? ' over' : ''}${large ? ' large' : ''}`}>
      <p className="agenda-clock" role="timer" aria-label={`Timebox: ${clockWords(remaining)}`}>
        {clockText(remaining)}
      </p>
      <p className="agenda-timer-state">{state}</p>
      <div className="agenda-timer-buttons">
        <KeyedButton action={ACTION_BY_ID.startPauseTimer} bound={bound.startPauseTimer} className="primary">
          {running ? 'Pause' : 'Start'}
        </KeyedButton>
        <KeyedButton action={ACTION_BY_ID.extendTimer} bound={bound.extendTimer}>
          +1 min
        </KeyedButton>
        <KeyedButton action={ACTION_BY_ID.resetTimer} bound={bound.resetTimer}>
          Reset
        </KeyedButton>
      </div>
    </div>
  );
}

/**
 * Every stage in the agenda's order: go to it, set its timebox, move it up or down, skip it or take
 * it back. A button that cannot act (the current stage's, an arrow at an end) is aria-disabled, not
 * disabled: the button pressed keeps the focus when it moves a stage to an end or makes it current.
 */
function StageList({ agenda, update }: { agenda: AgendaState; update: AgendaUpdate }) {
  const move = (id: StageId, by: -1 | 1) => {
    update((now) => ({ ...now, order: moveStage(now.order, id, by) }));
  };
  return (
    <details className="agenda-stages">
      <summary>All stages</summary>
      <ol>
        {agenda.order.map((id, index) => {
          const { title } = STAGE_BY_ID[id];
          const skipped = agenda.skipped.includes(id);
          const current = id === agenda.current;
          const first = index === 0;
          const last = index === agenda.order.length - 1;
          return (
            <li key={id} className={skipped ? 'skipped' : undefined} aria-current={current ? 'step' : undefined}>
              <button
                type="button"
                className="link-button agenda-stage-name"
                aria-disabled={current || undefined}
                onClick={() => {
                  if (!current) update((now) => goToStage(now, id));
                }}
              >
                {title}
                {skipped && <span className="agenda-skipped"> (skipped)</span>}
              </button>
              <NumberField
                label={`Minutes for ${title}`}
                labelHidden
                value={agenda.timeboxes[id]}
                min={TIMEBOX_MINUTES.min}
                max={TIMEBOX_MINUTES.max}
                whole
                onCommit={(minutes) => {
                  update((now) => setTimebox(now, id, minutes ?? now.timeboxes[id]));
                  return undefined;
                }}
              />
              <span className="agenda-stage-unit" aria-hidden="true">
                min
              </span>
              <button
                type="button"
                aria-label={`Move ${title} up`}
                title="Move up"
                aria-disabled={first || undefined}
                onClick={() => {
                  if (!first) move(id, -1);
                }}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${title} down`}
                title="Move down"
                aria-disabled={last || undefined}
                onClick={() => {
                  if (!last) move(id, 1);
                }}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={skipped ? `Take back ${title}` : `Skip ${title}`}
                onClick={() => {
                  update((now) => toggleSkipped(now, id));
                }}
              >
                {skipped ? 'Take back' : 'Skip'}
              </button>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
