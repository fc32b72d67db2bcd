/** Every field of the selection: a step, a handoff, or (nothing selected) the map and its teams. */
import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import {
  addTeamOperation,
  applyOperation,
  duplicateStepsOperation,
  type HandoffPatch,
  insertStepOperation,
  type Operation,
  type StepPatch,
} from '../../shared/model/operations';
import { handoffKey } from '../../shared/metrics/compare';
import type { Handoff, Step, VsmDocument } from '../../shared/model/schema';
import {
  addStepAfter,
  connectAndAskWait,
  deleteSelection,
  editAndSelectNewSteps,
  type EditorStore,
} from '../state/editor';
import { DurationField, NumberField, TextField } from './fields';
import { visibleText } from '../../shared/model/visible-text';
import { handCountedVotes, PASTE_OFFSET } from '../../shared/model/commands';
import { statusOf, STATUS_WORDS } from '../../shared/metrics/ideas';
import { plural } from '../../shared/metrics/tables';
import { freeOffset, insertPlace, layoutMap } from '../../shared/picture/layout';
import { VisibleName } from '../VisibleName';

export function Inspector({
  store,
  votesHidden,
  onShowBoard,
}: {
  store: EditorStore;
  /** A voting round hides the counts until revealed: here too, as on the board and the canvas. */
  votesHidden: boolean;
  /** Opens the idea board, where ideas are edited, the room's dots given and the plan made: on an idea, or to add one. */
  onShowBoard: (idea?: string) => void;
}) {
  const document = useStore(store, (state) => state.document);
  const selection = useStore(store, (state) => state.selection);
  const steps =
    selection?.kind === 'steps' ? document.steps.filter((candidate) => selection.ids.includes(candidate.id)) : [];
  const step = steps.length === 1 ? steps[0] : undefined;
  const handoff =
    selection?.kind === 'handoff'
      ? document.handoffs.find((candidate) => candidate.from === selection.from && candidate.to === selection.to)
      : undefined;
  // The field needed next after an edit takes the focus, scrolled into view, its text selected to type over.
  const focusField = useStore(store, (state) => state.focusField);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusField === undefined) return;
    const field = section.current?.querySelector<HTMLInputElement>(`[data-field="${CSS.escape(focusField)}"]`);
    if (field) {
      field.focus({ preventScroll: true });
      field.scrollIntoView({ block: 'nearest' });
      field.select();
    }
    store.getState().focusOn(undefined);
  }, [focusField, selection, store]);
  return (
    <section ref={section} className="panel inspector" aria-labelledby="inspector-heading">
      <h2 id="inspector-heading">
        {step
          ? 'Step'
          : steps.length > 1
            ? `${steps.length} steps`
            : handoff
              ? handoff.rework === undefined
                ? 'Handoff'
                : 'Rework loop'
              : 'Map'}
      </h2>
      {step ? (
        <StepFields
          key={step.id}
          store={store}
          document={document}
          step={step}
          votesHidden={votesHidden}
          onShowBoard={onShowBoard}
        />
      ) : steps.length > 1 ? (
        <StepsFields store={store} document={document} steps={steps} />
      ) : handoff ? (
        <HandoffFields key={handoffKey(handoff.from, handoff.to)} store={store} document={document} handoff={handoff} />
      ) : (
        <MapFields store={store} document={document} />
      )}
    </section>
  );
}

/** The team of the selected steps: when they are in several teams, it says so until one is chosen. */
function TeamField({
  document,
  steps,
  onChange,
}: {
  document: VsmDocument;
  steps: Step[];
  onChange: (team: string | undefined) => void;
}) {
  const teams = new Set(steps.map((step) => step.team ?? ''));
  return (
    <div className="field">
      <label htmlFor="step-team">Team</label>
      <select
        id="step-team"
        value={teams.size === 1 ? [...teams][0] : 'mixed'}
        onChange={(event) => {
          onChange(event.target.value || undefined);
        }}
      >
        {teams.size > 1 && (
          <option value="mixed" disabled>
            Several teams
          </option>
        )}
        <option value="">No team</option>
        {document.teams.map((team) => (
          <option key={team.id} value={team.id}>
            {visibleText(team.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Duplicate and delete the selected steps (one or several). */
function StepButtons({ store, ids }: { store: EditorStore; ids: string[] }) {
  const noun = ids.length === 1 ? 'step' : 'steps';
  return (
    <div className="field-buttons">
      <button
        type="button"
        onClick={() => {
          const now = store.getState().document;
          const chosen = new Set(ids);
          const offset = freeOffset(
            layoutMap(now),
            now,
            now.steps.filter((step) => chosen.has(step.id)),
            PASTE_OFFSET,
          );
          editAndSelectNewSteps(store, duplicateStepsOperation(now, ids, offset));
        }}
      >
        Duplicate {noun}
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => {
          deleteSelection(store);
        }}
      >
        Delete {noun}
      </button>
    </div>
  );
}

/** Several steps: what they share can be changed at once (their team), and they can be duplicated or deleted together. */
function StepsFields({ store, document, steps }: { store: EditorStore; document: VsmDocument; steps: Step[] }) {
  const { edit } = store.getState();
  const ids = steps.map((step) => step.id);
  return (
    <form
      className="fields"
      onSubmit={(event) => {
        event.preventDefault();
      }}
      aria-label={`${steps.length} steps`}
    >
      <ul className="selected-steps">
        {steps.map((step) => (
          <li key={step.id}>
            <VisibleName text={step.name} />
          </li>
        ))}
      </ul>
      <TeamField
        document={document}
        steps={steps}
        onChange={(team) => edit(...ids.map((id): Operation => ({ op: 'setStepTeam', id, team: team ?? null })))}
      />
      <StepButtons store={store} ids={ids} />
    </form>
  );
}

function StepFields({
  store,
  document,
  step,
  votesHidden,
  onShowBoard,
}: {
  store: EditorStore;
  document: VsmDocument;
  step: Step;
  votesHidden: boolean;
  onShowBoard: (idea?: string) => void;
}) {
  const { edit } = store.getState();
  const update = (fields: StepPatch) => edit({ op: 'updateStep', id: step.id, fields });
  return (
    <form
      className="fields"
      onSubmit={(event) => {
        event.preventDefault();
      }}
      aria-label={`Step ${step.name}`}
    >
      <TextField
        label="Name"
        field="name"
        value={step.name}
        onCommit={(name) => update({ name })}
        // Enter names the step and adds the next one after it, in its lane, its name ready to type: one undo step.
        onEnter={(name) => {
          const rename: Operation[] = name === step.name ? [] : [{ op: 'updateStep', id: step.id, fields: { name } }];
          const refusal = addStepAfter(store, { team: step.team, after: step.id }, rename);
          if (refusal === undefined) store.getState().focusOn('name');
          return refusal;
        }}
      />
      <DurationField
        label="Process time"
        minutes={step.processTime}
        calendar={document.calendar}
        // Lead time includes process time: it grows with it rather than refusing the change.
        onCommit={(processTime) =>
          update({ processTime, ...(processTime > step.leadTime && { leadTime: processTime }) })
        }
      />
      <DurationField
        label="Lead time"
        minutes={step.leadTime}
        calendar={document.calendar}
        onCommit={(leadTime) => update({ leadTime })}
      />
      <NumberField
        label="%C&A"
        value={step.percentCompleteAccurate}
        min={0}
        max={100}
        step={0.1}
        onCommit={(value) => update({ percentCompleteAccurate: value })}
      />
      {/* After the figures, so that Tab goes from the name through PT, LT and %C&A. */}
      <TeamField document={document} steps={[step]} onChange={(team) => update({ team: team ?? null })} />
      <NumberField
        label="People"
        value={step.people}
        min={0}
        max={100000}
        step={0.5}
        optional
        onCommit={(people) => update({ people: people ?? null })}
      />
      <TextField
        label="Notes"
        value={step.notes ?? ''}
        multiline
        onCommit={(notes) => update({ notes: notes.trim() === '' ? null : notes })}
      />
      <HandoffsFrom store={store} document={document} step={step} />
      <Ideas document={document} step={step} votesHidden={votesHidden} onShowBoard={onShowBoard} />
      <StepButtons store={store} ids={[step.id]} />
    </form>
  );
}

/**
 * Where a step hands off to: each handoff opens in the inspector, and a new one is made by choosing
 * the receiving step (to an earlier step, a rework loop), as dragging on the canvas does.
 */
function HandoffsFrom({ store, document, step }: { store: EditorStore; document: VsmDocument; step: Step }) {
  const { select } = store.getState();
  const names = new Map(document.steps.map((other) => [other.id, other.name]));
  const outgoing = document.handoffs.filter((handoff) => handoff.from === step.id);
  const receivers = document.steps.filter((other) => !outgoing.some((handoff) => handoff.to === other.id));
  const [problem, setProblem] = useState<string>();
  return (
    <fieldset className="handoffs">
      <legend>Hands off to ({outgoing.length})</legend>
      {outgoing.length > 0 && (
        <ul>
          {outgoing.map((handoff) => (
            <li key={handoff.to}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  select({ kind: 'handoff', from: handoff.from, to: handoff.to });
                }}
              >
                {handoff.rework === undefined ? '→' : '↺'} {names.get(handoff.to)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="new-handoff">Add a handoff to</label>
        <select
          id="new-handoff"
          value=""
          onChange={(event) => {
            const to = event.target.value;
            if (to !== '') setProblem(connectAndAskWait(store, step.id, to));
          }}
          aria-describedby={problem ? 'new-handoff-problem' : undefined}
        >
          <option value="">Choose a step…</option>
          {receivers.map((other) => (
            <option key={other.id} value={other.id}>
              {visibleText(other.name)}
            </option>
          ))}
        </select>
        {problem && (
          <p id="new-handoff-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </fieldset>
  );
}

/**
 * The improvement ideas (kaizen bursts) on a step, each with its votes and status. The idea board
 * is the one place ideas are edited, voted on and planned: each opens there, its card focused, and
 * a new one is added there, on this step.
 */
function Ideas({
  document,
  step,
  votesHidden,
  onShowBoard,
}: {
  document: VsmDocument;
  step: Step;
  votesHidden: boolean;
  onShowBoard: (idea?: string) => void;
}) {
  const ideas = document.ideas.filter((idea) => idea.step === step.id);
  const hint = useId();
  return (
    <fieldset className="ideas">
      <legend>Improvement ideas ({ideas.length})</legend>
      {ideas.length > 0 && (
        <ul className="step-idea-list">
          {ideas.map((idea) => (
            <li key={idea.id}>
              <button
                type="button"
                className="link"
                aria-describedby={hint}
                onClick={() => {
                  onShowBoard(idea.id);
                }}
              >
                <VisibleName text={idea.text} />
              </button>
              <span className="idea-meta">
                {votesHidden
                  ? 'Votes hidden until revealed'
                  : `${plural(idea.votes, 'vote')}${handCountedVotes(idea) > 0 ? ', counted by hand' : ''}`}
                {` · ${STATUS_WORDS[statusOf(idea)]}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p id={hint} className="field-hint">
        The idea board is where ideas are edited, voted on and planned.
      </p>
      <div className="field-buttons">
        <button
          type="button"
          aria-describedby={hint}
          onClick={() => {
            onShowBoard();
          }}
        >
          Add idea
        </button>
      </div>
    </fieldset>
  );
}

function HandoffFields({ store, document, handoff }: { store: EditorStore; document: VsmDocument; handoff: Handoff }) {
  const { edit } = store.getState();
  const name = (id: string) => document.steps.find((step) => step.id === id)?.name ?? id;
  const update = (fields: HandoffPatch) => edit({ op: 'updateHandoff', from: handoff.from, to: handoff.to, fields });
  return (
    <form
      className="fields"
      onSubmit={(event) => {
        event.preventDefault();
      }}
      aria-label={`Handoff from ${name(handoff.from)} to ${name(handoff.to)}`}
    >
      <p>
        {name(handoff.from)} → {name(handoff.to)}
      </p>
      <DurationField
        label="Wait time"
        field="waitTime"
        minutes={handoff.waitTime}
        calendar={document.calendar}
        onCommit={(waitTime) => update({ waitTime })}
      />
      {handoff.rework === undefined ? (
        <NumberField
          label="Queue (items)"
          value={handoff.queue}
          min={0}
          max={1e9}
          optional
          onCommit={(queue) => update({ queue: queue ?? null })}
        />
      ) : (
        <NumberField
          label="Rework probability (%)"
          value={Math.round(handoff.rework * 1000) / 10}
          min={0.1}
          max={99.9}
          step={0.1}
          onCommit={(percent) => update({ rework: (percent ?? 0) / 100 })}
        />
      )}
      <div className="field-buttons">
        {handoff.rework === undefined && (
          <button
            type="button"
            onClick={() => {
              const now = store.getState().document;
              const inserted = insertStepOperation(now, handoff.from, handoff.to);
              editAndSelectNewSteps(store, inserted, ...insertedPlace(now, inserted));
            }}
          >
            Insert a step
          </button>
        )}
        <button
          type="button"
          className="danger"
          onClick={() => {
            deleteSelection(store);
          }}
        >
          Delete {handoff.rework === undefined ? 'handoff' : 'rework loop'}
        </button>
      </div>
    </form>
  );
}

/**
 * The step put into a handoff where it covers no step: the command places it halfway between the
 * two steps (when both have a place), which a step in between may hold.
 */
function insertedPlace(document: VsmDocument, inserted: Operation): Operation[] {
  const result = applyOperation(document, inserted);
  const step = result.ok ? result.document.steps.at(-1) : undefined;
  if (!step?.position) return [];
  const position = insertPlace(layoutMap(document), step.team, step.position);
  return position === step.position ? [] : [{ op: 'updateStep', id: step.id, fields: { position } }];
}

function MapFields({ store, document }: { store: EditorStore; document: VsmDocument }) {
  const { edit } = store.getState();
  const calendar = document.calendar;
  return (
    <form
      className="fields"
      onSubmit={(event) => {
        event.preventDefault();
      }}
      aria-label="Map"
    >
      <TextField
        label="Map name"
        value={document.name}
        onCommit={(name) => edit({ op: 'updateMap', fields: { name } })}
      />
      <NumberField
        label="Hours per day"
        value={calendar.hoursPerDay}
        min={0.5}
        max={24}
        step={0.5}
        onCommit={(hoursPerDay) =>
          edit({ op: 'updateMap', fields: { calendar: { ...calendar, hoursPerDay: hoursPerDay ?? 8 } } })
        }
      />
      <NumberField
        label="Days per week"
        value={calendar.daysPerWeek}
        min={0.5}
        max={7}
        step={0.5}
        onCommit={(daysPerWeek) =>
          edit({ op: 'updateMap', fields: { calendar: { ...calendar, daysPerWeek: daysPerWeek ?? 5 } } })
        }
      />
      <TextField
        label="Notes (parking lot)"
        field="map-notes"
        value={document.notes ?? ''}
        multiline
        onCommit={(notes) => edit({ op: 'updateMap', fields: { notes: notes.trim() === '' ? null : notes } })}
      />
      <fieldset className="teams">
        <legend>Teams (swimlanes, top to bottom)</legend>
        {document.teams.map((team, index) => (
          <div key={team.id} className="team-row">
            <TextField
              label={`Team ${index + 1}`}
              field={`team:${team.id}`}
              value={team.name}
              onCommit={(name) => edit({ op: 'renameTeam', id: team.id, name })}
            />
            <button
              type="button"
              aria-label={`Move ${team.name} up`}
              disabled={index === 0}
              onClick={() => edit({ op: 'moveTeam', id: team.id, index: index - 1 })}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move ${team.name} down`}
              disabled={index === document.teams.length - 1}
              onClick={() => edit({ op: 'moveTeam', id: team.id, index: index + 1 })}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`Remove ${team.name}`}
              onClick={() => edit({ op: 'removeTeam', id: team.id })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => {
            // The new team's name is ready to type over.
            const operation = addTeamOperation(document, `Team ${document.teams.length + 1}`);
            if (edit(operation) === undefined && operation.op === 'addTeam')
              store.getState().focusOn(`team:${operation.id}`);
          }}
        >
          Add team
        </button>
      </fieldset>
    </form>
  );
}
