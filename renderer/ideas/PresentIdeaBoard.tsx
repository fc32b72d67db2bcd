/**
 * The idea board for the room, in presentation mode: every idea ranked by votes (in the map's order
 * while a voting round hides the counts, which show "?"), with its step, status and owner, in type
 * that reads from the back of the room (idea text 26 px and more).
 */
import { rankIdeas, STATUS_WORDS } from '../../shared/metrics/ideas';
import type { VsmDocument } from '../../shared/model/schema';
import { VisibleName } from '../VisibleName';
import type { Voting } from '../state/voting';

export function PresentIdeaBoard({
  document,
  voting,
  top,
  bottom,
}: {
  document: VsmDocument;
  voting: Voting;
  /** Where the board starts: below the presentation's header. */
  top: number;
  /** Where it ends: above the agenda's strip when the agenda is in use, else the window's foot. */
  bottom: number;
}) {
  const ranked = rankIdeas(document);
  const ideas = voting.hidden ? document.ideas.map((idea) => ranked.find((one) => one.id === idea.id)!) : ranked;
  const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
  const ownerOf = new Map(document.ideas.map((idea) => [idea.id, idea.owner]));
  const participantName = new Map(document.participants.map((participant) => [participant.id, participant.name]));
  return (
    <section className="present-ideas" aria-labelledby="present-ideas-heading" style={{ top, bottom }}>
      <h2 id="present-ideas-heading">
        Ideas ({ideas.length}){voting.hidden ? ' · votes hidden until revealed' : ', most votes first'}
      </h2>
      {ideas.length === 0 ? (
        <p>No ideas yet.</p>
      ) : (
        <ol>
          {ideas.map((idea) => {
            const owner = ownerOf.get(idea.id);
            return (
              <li key={idea.id} className="present-idea">
                {/* The room reads the number; a screen reader reads it with its word, as text (not a label). */}
                {voting.hidden ? (
                  <span className="present-idea-votes">
                    <span aria-hidden="true">?</span>
                    <span className="visually-hidden">Votes hidden</span>
                  </span>
                ) : (
                  <span className="present-idea-votes">
                    {idea.votes}
                    <span className="visually-hidden">{idea.votes === 1 ? ' vote' : ' votes'}</span>
                  </span>
                )}
                <span className="present-idea-text">
                  <VisibleName text={idea.text} />
                </span>
                <span className="present-idea-where">
                  {idea.step === null ? 'Whole stream' : <VisibleName text={stepName.get(idea.step) ?? idea.step} />}
                  {` · ${STATUS_WORDS[idea.status]}`}
                  {owner !== undefined && (
                    <>
                      {' · '}
                      <VisibleName text={participantName.get(owner) ?? owner} />
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
