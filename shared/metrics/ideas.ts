/** The workshop's ideas as the room ranks them (spec section 6). */
import type { Idea, IdeaStatus, VsmDocument } from '../model/schema';

export interface RankedIdea {
  id: string;
  text: string;
  votes: number;
  step: string | null;
  status: IdeaStatus;
}

/** An idea without a status is still only proposed. */
export function statusOf(idea: Idea): IdeaStatus {
  return idea.status ?? 'proposed';
}

/** The ideas by votes, most first; ties keep the document's order. */
export function rankIdeas(document: VsmDocument): RankedIdea[] {
  return document.ideas
    .map((idea, order) => ({ idea, order }))
    .sort((a, b) => b.idea.votes - a.idea.votes || a.order - b.order)
    .map(({ idea }) => ({
      id: idea.id,
      text: idea.text,
      votes: idea.votes,
      step: idea.step ?? null,
      status: statusOf(idea),
    }));
}
