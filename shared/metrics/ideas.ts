/** The workshop's ideas as the room ranks them (spec section 6). */
import { ACCELERATE_CAPABILITIES } from '../model/capabilities';
import { type Idea, IDEA_STATUSES, type IdeaStatus, type VsmDocument } from '../model/schema';

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

/** How the idea board groups the ideas. */
export const IDEA_GROUPINGS = { step: 'Step', capability: 'Capability', status: 'Status' } as const;
export type IdeaGrouping = keyof typeof IDEA_GROUPINGS;

export interface IdeaGroup {
  /** The step's id, the capability's, the status, or '' for the ideas on the whole stream (without a capability). */
  key: string;
  title: string;
  ideas: Idea[];
}

/** What the ideas of each status are called on the board. */
export const STATUS_WORDS: Record<IdeaStatus, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  doing: 'Doing',
  done: 'Done',
  dropped: 'Dropped',
};

/**
 * The ideas in groups, in the order of the map's steps (then the whole stream), of the capability
 * catalogue (then none) or of the statuses; only groups with ideas. Within a group they are ranked
 * by votes ({@link rankIdeas}), or, `ranked` false (a voting round hides the counts), in the
 * document's order, which the dots being given do not change.
 */
export function groupIdeas(document: VsmDocument, by: IdeaGrouping, ranked: boolean): IdeaGroup[] {
  const rank = new Map(rankIdeas(document).map((idea, index) => [idea.id, index]));
  const order = ranked ? [...document.ideas].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!) : document.ideas;
  const groups: { key: string; title: string }[] =
    by === 'step'
      ? [...document.steps.map((step) => ({ key: step.id, title: step.name })), { key: '', title: 'Whole stream' }]
      : by === 'capability'
        ? [
            ...Object.entries(ACCELERATE_CAPABILITIES).map(([key, title]) => ({ key, title })),
            { key: '', title: 'No capability' },
          ]
        : IDEA_STATUSES.map((status) => ({ key: status, title: STATUS_WORDS[status] }));
  const keyOf = (idea: Idea): string =>
    by === 'step' ? (idea.step ?? '') : by === 'capability' ? (idea.capability ?? '') : statusOf(idea);
  return groups
    .map((group) => ({ ...group, ideas: order.filter((idea) => keyOf(idea) === group.key) }))
    .filter((group) => group.ideas.length > 0);
}
