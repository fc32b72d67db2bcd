/**
 * The idea board: every idea of the map in one panel, added one after the other from one field,
 * grouped by step, capability or status and ranked by votes; the room's participants with their
 * dots, spent with + and − on the ideas; and each idea's place in the plan (status, owner, due
 * date, expected effect). It is the one place ideas are edited (the inspector lists a step's and
 * opens them here). Every change is an edit of the editor (undoable, saved like any other).
 */
import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { ACTION_BY_ID, keyLabel } from '../../shared/actions';
import { CAPABILITY_CHOICES } from '../../shared/model/capabilities';
import { dotsOf, dotsSpent, handCountedVotes, MOST_DOTS } from '../../shared/model/commands';
import { plural } from '../../shared/metrics/tables';
import { groupIdeas, IDEA_GROUPINGS, type IdeaGrouping, STATUS_WORDS } from '../../shared/metrics/ideas';
import {
  addIdeaOperation,
  addParticipantOperation,
  type IdeaPatch,
  type Operation,
} from '../../shared/model/operations';
import { IDEA_STATUSES, type Idea, type Participant, type VsmDocument } from '../../shared/model/schema';
import { visibleText } from '../../shared/model/visible-text';
import { MAC } from '../actions';
import { ChoiceField, NumberField, TextField } from '../panels/fields';
import type { Voting } from '../state/voting';

const STATUS_CHOICES = IDEA_STATUSES.map((value) => ({ value, label: STATUS_WORDS[value] }));

/** The map's steps as an idea's place: each id with its name. */
function stepChoices(document: VsmDocument) {
  return document.steps.map((step) => ({ value: step.id, label: visibleText(step.name) }));
}

/** The id of the board's "new idea" field, where the focus starts unless the board opens on an idea. */
const NEW_IDEA_ID = 'new-idea';

/** What finds an idea's card on the board, to focus it. */
const ideaCard = (id: string) => `.idea-card[data-idea="${CSS.escape(id)}"]`;

/** The key that undoes, as the toolbar's tooltip shows it. */
const UNDO_KEY = keyLabel(ACTION_BY_ID.undo.keys[0], MAC);

/**
 * Moves the focus, once the board has drawn the change, to what a selector finds in it: the element
 * acted on (a removed idea, a closed confirmation) is gone, and the focus would fall to the page.
 */
function useFocusLater(root: RefObject<HTMLElement | null>, first: string | undefined) {
  const [selector, setSelector] = useState(first);
  useEffect(() => {
    if (selector === undefined) return;
    const element = root.current?.querySelector<HTMLElement>(selector);
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: 'nearest' });
    setSelector(undefined);
  }, [root, selector]);
  return setSelector;
}

export interface IdeaBoardProps {
  document: VsmDocument;
  /** Applies operations as one edit; returns why they were refused. */
  edit: (...operations: Operation[]) => string | undefined;
  /** The step selected on the canvas: a new idea goes on it unless another is chosen. */
  selectedStep: string | undefined;
  /** The idea the board opens on, its card focused; without one the "New idea" field takes the focus. */
  openOn: string | undefined;
  voting: Voting;
  onVoting: (change: Partial<Voting>) => void;
  /** Opens the stream's future state with the idea's step selected. */
  onTry: (idea: Idea) => void;
}

export function IdeaBoard({ document, edit, selectedStep, openOn, voting, onVoting, onTry }: IdeaBoardProps) {
  const [grouping, setGrouping] = useState<IdeaGrouping>('step');
  const [voter, setVoter] = useState<string>();
  const [problem, setProblem] = useState<string>();
  // What the last dot did beyond the count: it replaced the votes counted by hand on its idea.
  const [replaced, setReplaced] = useState<{ idea: string; text: string }>();
  const section = useRef<HTMLElement>(null);
  const focusLater = useFocusLater(
    section,
    openOn !== undefined && document.ideas.some((idea) => idea.id === openOn) ? ideaCard(openOn) : `#${NEW_IDEA_ID}`,
  );
  const act = (...operations: Operation[]) => {
    const refusal = edit(...operations);
    setProblem(refusal);
    setReplaced(undefined);
    return refusal;
  };
  const chosen = document.participants.find((participant) => participant.id === voter);
  const groups = groupIdeas(document, grouping, !voting.hidden);
  const shown = groups.flatMap((group) => group.ideas);
  const moveDot = (idea: Idea, by: 1 | -1) => {
    if (!chosen) return;
    const handCounted = by > 0 ? handCountedVotes(idea) : 0;
    const refusal = act({ op: 'moveDot', idea: idea.id, participant: chosen.id, by, budget: voting.dots });
    if (refusal !== undefined || handCounted === 0) return;
    // A hidden round does not say the count it replaced.
    const votes = voting.hidden ? 'The hand-counted votes' : plural(handCounted, 'hand-counted vote');
    const them = handCounted === 1 && !voting.hidden ? 'it' : 'them';
    setReplaced({
      idea: idea.id,
      text: `${votes} replaced by ${visibleText(chosen.name)}’s dot; ${UNDO_KEY} brings ${them} back`,
    });
  };
  // The focus goes on to the next idea as shown (else the one before, else the "New idea" field).
  const removeIdea = (idea: Idea) => {
    const index = shown.indexOf(idea);
    const neighbour = shown[index + 1] ?? shown[index - 1];
    if (act({ op: 'removeIdea', id: idea.id }) === undefined)
      focusLater(neighbour ? ideaCard(neighbour.id) : `#${NEW_IDEA_ID}`);
  };
  // Said while the dot is there: undone, the hand count is back on the card and the words would be stale.
  const replacedNow = document.ideas.some((idea) => idea.id === replaced?.idea && idea.votesBy !== undefined);
  return (
    <section ref={section} className="panel idea-board" aria-labelledby="idea-board-heading">
      <h2 id="idea-board-heading">Ideas ({document.ideas.length})</h2>
      <NewIdea document={document} selectedStep={selectedStep} act={act} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <details className="room">
        <summary>
          {`Participants (${String(document.participants.length)}) · ${plural(voting.dots, 'dot')} each`}
        </summary>
        <Participants document={document} voting={voting} onVoting={onVoting} act={act} focusLater={focusLater} />
      </details>
      <div className="voting-round" role="group" aria-label="Dot voting">
        <label htmlFor="voter">Voting as</label>
        <select
          id="voter"
          value={chosen?.id ?? ''}
          onChange={(event) => {
            setVoter(event.target.value || undefined);
          }}
        >
          <option value="">Choose a participant…</option>
          {document.participants.map((participant) => (
            <option key={participant.id} value={participant.id}>
              {visibleText(participant.name)}
            </option>
          ))}
        </select>
        {/* The label says what a press does (it changes), so no aria-pressed: both would say the state twice. */}
        <button
          type="button"
          onClick={() => {
            onVoting({ hidden: !voting.hidden });
          }}
        >
          {voting.hidden ? 'Reveal the votes' : 'Hide the votes until revealed'}
        </button>
        {voting.hidden && (
          <p className="field-hint">The votes are hidden: the ideas keep their order until revealed.</p>
        )}
      </div>
      <div className="field idea-grouping" role="radiogroup" aria-label="Group the ideas by">
        <span aria-hidden="true">Group by</span>
        {Object.entries(IDEA_GROUPINGS).map(([key, label]) => (
          <label key={key}>
            <input
              type="radio"
              name="idea-grouping"
              checked={grouping === key}
              onChange={() => {
                setGrouping(key as IdeaGrouping);
              }}
            />
            {label}
          </label>
        ))}
      </div>
      {groups.map((group) => (
        <section key={group.key} className="idea-group" aria-label={group.title}>
          <h3>{visibleText(group.title)}</h3>
          <ol>
            {group.ideas.map((idea) => (
              <li key={idea.id}>
                <IdeaCard
                  document={document}
                  idea={idea}
                  voter={chosen}
                  voting={voting}
                  act={act}
                  onDot={(by) => {
                    moveDot(idea, by);
                  }}
                  onRemove={() => {
                    removeIdea(idea);
                  }}
                  onTry={() => {
                    onTry(idea);
                  }}
                />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {/* Always there, so that what comes into it is announced; it stays in view at the panel's foot. */}
      <p className="board-news" role="status">
        {replacedNow ? replaced?.text : ''}
      </p>
    </section>
  );
}

/** The one field ideas are added from: Enter adds, and the field is empty for the next one. */
function NewIdea({
  document,
  selectedStep,
  act,
}: {
  document: VsmDocument;
  selectedStep: string | undefined;
  act: (...operations: Operation[]) => string | undefined;
}) {
  const [text, setText] = useState('');
  const [step, setStep] = useState<string>();
  const on = step ?? (document.steps.some((one) => one.id === selectedStep) ? selectedStep : undefined) ?? '';
  return (
    <form
      className="new-idea"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') return;
        const operation = addIdeaOperation(document, { text: text.trim(), ...(on !== '' && { step: on }) });
        if (act(operation) === undefined) setText('');
      }}
    >
      <div className="field">
        <label htmlFor={NEW_IDEA_ID}>New idea</label>
        <input
          id={NEW_IDEA_ID}
          value={text}
          placeholder="Type an idea, Enter adds it"
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
      </div>
      <ChoiceField
        label="On"
        value={on === '' ? undefined : on}
        none="The whole stream"
        choices={stepChoices(document)}
        onChange={(step) => {
          setStep(step ?? '');
        }}
      />
    </form>
  );
}

const NEW_PARTICIPANT_ID = 'new-participant';

/** The room: add by name, rename, remove (saying how many dots go), each with the dots they have left. */
function Participants({
  document,
  voting,
  onVoting,
  act,
  focusLater,
}: {
  document: VsmDocument;
  voting: Voting;
  onVoting: (change: Partial<Voting>) => void;
  act: (...operations: Operation[]) => string | undefined;
  focusLater: (selector: string) => void;
}) {
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<Participant>();
  const dotsId = useId();
  return (
    <fieldset className="participants">
      {/* The room's summary row above says it to the eye; the legend names the group. */}
      <legend className="visually-hidden">Participants ({document.participants.length})</legend>
      <div className="field">
        <label htmlFor={dotsId}>Dots per participant</label>
        <input
          id={dotsId}
          type="number"
          min={1}
          max={MOST_DOTS}
          value={voting.dots}
          onChange={(event) => {
            const dots = Number(event.target.value);
            if (Number.isInteger(dots) && dots >= 1 && dots <= MOST_DOTS) onVoting({ dots });
          }}
        />
      </div>
      <ul>
        {document.participants.map((participant, index) => {
          const left = voting.dots - dotsSpent(document, participant.id);
          return (
            <li key={participant.id} className="participant" data-participant={participant.id}>
              <TextField
                label={`Participant ${index + 1}`}
                value={participant.name}
                onCommit={(renamed) => act({ op: 'renameParticipant', id: participant.id, name: renamed })}
              />
              <span className="dots-left">{`${Math.max(0, left)} of ${voting.dots} dots left`}</span>
              <button
                type="button"
                className="remove-participant"
                aria-label={`Remove ${participant.name}`}
                onClick={() => {
                  setRemoving(participant);
                }}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {removing && (
        <RemoveParticipant
          document={document}
          participant={removing}
          onDone={(remove) => {
            // Kept, the focus is back on their Remove button; removed, on the next one's (else the name field).
            const index = document.participants.findIndex((participant) => participant.id === removing.id);
            const neighbour = document.participants[index + 1] ?? document.participants[index - 1];
            const gone = remove && act({ op: 'removeParticipant', id: removing.id }) === undefined;
            const focused = gone ? neighbour : removing;
            focusLater(
              focused ? `[data-participant="${CSS.escape(focused.id)}"] .remove-participant` : `#${NEW_PARTICIPANT_ID}`,
            );
            setRemoving(undefined);
          }}
        />
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') return;
          if (act(addParticipantOperation(document, name.trim())) === undefined) setName('');
        }}
      >
        <div className="field">
          <label htmlFor={NEW_PARTICIPANT_ID}>Add a participant</label>
          <input
            id={NEW_PARTICIPANT_ID}
            value={name}
            placeholder="Their name, Enter adds them"
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
        </div>
      </form>
    </fieldset>
  );
}

/** What removing a participant takes with them, said before it is done. */
function RemoveParticipant({
  document,
  participant,
  onDone,
}: {
  document: VsmDocument;
  participant: Participant;
  onDone: (remove: boolean) => void;
}) {
  const dots = dotsSpent(document, participant.id);
  const owned = document.ideas.filter((idea) => idea.owner === participant.id).length;
  const name = visibleText(participant.name);
  const what = [
    `${dots === 0 ? 'no' : dots} dot${dots === 1 ? '' : 's'} on the ideas go${dots === 1 ? 'es' : ''} with them`,
    ...(owned > 0 ? [`${owned} idea${owned === 1 ? '' : 's'} they own will have no owner`] : []),
  ];
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label={`Remove ${name}?`}
      aria-describedby="remove-participant-what"
      // Escape keeps them, as a dialog's Escape cancels (and the editor's Escape must not clear the selection too).
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onDone(false);
      }}
    >
      <p id="remove-participant-what">
        Remove {name}? {what.join('; ')}. Undo brings them back.
      </p>
      <div className="field-buttons">
        <button
          type="button"
          className="danger"
          // The choice is made here, at once: the focus comes to it.
          autoFocus
          onClick={() => {
            onDone(true);
          }}
        >
          Remove {name} and {dots === 1 ? 'their dot' : `their ${dots} dots`}
        </button>
        <button
          type="button"
          onClick={() => {
            onDone(false);
          }}
        >
          Keep {name}
        </button>
      </div>
    </div>
  );
}

/**
 * An idea: its text, its votes (marked when they were counted by hand, which the first dot
 * replaces), the chosen participant's − and +, and its plan on demand. The card takes the focus
 * when the board opens on it or the idea before it is removed.
 */
function IdeaCard({
  document,
  idea,
  voter,
  voting,
  act,
  onDot,
  onRemove,
  onTry,
}: {
  document: VsmDocument;
  idea: Idea;
  voter: Participant | undefined;
  voting: Voting;
  act: (...operations: Operation[]) => string | undefined;
  onDot: (by: 1 | -1) => void;
  onRemove: () => void;
  onTry: () => void;
}) {
  const update = (fields: IdeaPatch) => act({ op: 'updateIdea', id: idea.id, fields });
  const field = useId();
  const text = visibleText(idea.text);
  const given = voter ? dotsOf(idea, voter.id) : 0;
  const noneLeft = voter !== undefined && dotsSpent(document, voter.id) >= voting.dots;
  const handCounted = handCountedVotes(idea) > 0;
  return (
    <div className="idea-card" role="group" aria-label={`Idea: ${text}`} data-idea={idea.id} tabIndex={-1}>
      <TextField label="Idea" value={idea.text} onCommit={(changed) => update({ text: changed })} />
      <div className="idea-votes">
        {/* Read as the eye reads it, "4 votes": the number and its word are text, not a label. */}
        {voting.hidden ? (
          <span className="idea-count">
            <span className="votes" aria-hidden="true">
              ?
            </span>
            <span className="visually-hidden">Votes hidden</span>
            <span aria-hidden="true"> votes</span>
          </span>
        ) : (
          <span className="idea-count">
            <span className="votes">{idea.votes}</span> {idea.votes === 1 ? 'vote' : 'votes'}
            {handCounted && <span className="hand-counted">, counted by hand</span>}
          </span>
        )}
        {voter && (
          <>
            {/* aria-disabled, not disabled: the button keeps the focus when the last dot is given or taken back. */}
            <button
              type="button"
              aria-label={`Take back ${voter.name}’s dot from ${text}`}
              aria-disabled={given === 0 || undefined}
              onClick={() => {
                if (given > 0) onDot(-1);
              }}
            >
              −
            </button>
            {!voting.hidden && <span className="given">{`${visibleText(voter.name)}: ${given}`}</span>}
            <button
              type="button"
              aria-label={`Give ${voter.name}’s dot to ${text}`}
              aria-disabled={noneLeft || undefined}
              aria-describedby={noneLeft ? `${field}-none-left` : undefined}
              title={noneLeft ? `${voter.name} has no dots left` : undefined}
              onClick={() => {
                if (!noneLeft) onDot(1);
              }}
            >
              +
            </button>
            {noneLeft && (
              <span id={`${field}-none-left`} className="field-hint">
                {visibleText(voter.name)} has no dots left
              </span>
            )}
          </>
        )}
        {idea.step !== undefined && (
          <button type="button" className="try-idea" onClick={onTry}>
            Try it in the future state
          </button>
        )}
      </div>
      <details className="idea-details">
        <summary>{planSummary(document, idea)}</summary>
        <div className="idea-plan">
          <ChoiceField
            label="Step"
            value={idea.step}
            none="The whole stream"
            choices={stepChoices(document)}
            onChange={(step) => update({ step })}
          />
          <ChoiceField
            label="Capability"
            value={idea.capability}
            none="None"
            choices={CAPABILITY_CHOICES}
            onChange={(capability) => update({ capability })}
          />
          <ChoiceField
            label="Status"
            value={idea.status ?? 'proposed'}
            choices={STATUS_CHOICES}
            onChange={(status) => update({ status: status ?? 'proposed' })}
          />
          <ChoiceField
            label="Owner"
            value={idea.owner}
            none="No one yet"
            choices={document.participants.map((participant) => ({
              value: participant.id,
              label: visibleText(participant.name),
            }))}
            onChange={(owner) => update({ owner })}
          />
          <div className="field">
            <label htmlFor={`${field}-due`}>Due</label>
            <input
              id={`${field}-due`}
              type="date"
              value={idea.due ?? ''}
              onChange={(event) => update({ due: event.target.value || null })}
            />
          </div>
          {/* Votes without dots (a show of hands, sticky dots on the wall) are typed; given as dots, they are the dots' sum. */}
          {idea.votesBy === undefined && !voting.hidden && (
            <NumberField
              label="Votes counted by hand"
              value={idea.votes}
              min={0}
              max={1e6}
              onCommit={(votes) => update({ votes: votes ?? 0 })}
            />
          )}
        </div>
        <TextField
          label="Expected effect"
          value={idea.effect ?? ''}
          onCommit={(effect) => update({ effect: effect.trim() === '' ? null : effect })}
        />
        <div className="field-buttons">
          <button type="button" className="danger" aria-label={`Remove idea: ${text}`} onClick={onRemove}>
            Remove idea
          </button>
        </div>
      </details>
    </div>
  );
}

/** What the idea's closed plan says: its status, and its owner and due date when it has them. */
function planSummary(document: VsmDocument, idea: Idea): string {
  const owner = document.participants.find((participant) => participant.id === idea.owner);
  return [
    `Plan: ${STATUS_WORDS[idea.status ?? 'proposed']}`,
    ...(owner ? [visibleText(owner.name)] : []),
    ...(idea.due ? [`due ${idea.due}`] : []),
  ].join(' · ');
}
