/**
 * What a workshop leaves (spec section 6) as rows: the ideas ranked with their voters, the plan
 * (the ideas the room took on) and the participants. The workshop summary prints them as tables and
 * the plan's CSV writes the same ideas with the same words.
 */
import { dotsSpent } from '../model/commands';
import { ACCELERATE_CAPABILITIES } from '../model/capabilities';
import type { IdeaStatus, VsmDocument } from '../model/schema';
import { rankIdeas, statusOf } from './ideas';
import { formatDay } from './format';
import { plural, type Table } from './tables';

/** An idea as the plan reads it: every field in words, names instead of ids. */
export interface PlanRow {
  /** 1 for the idea with the most votes (ties keep the document's order). */
  rank: number;
  idea: string;
  /** The step's name; empty for an idea on the whole stream. */
  step: string;
  /** The capability's name (Accelerate); empty when none is given. */
  capability: string;
  votes: number;
  /** `Ana Keller 2, Ben Osei 1`: who spent dots on it, most first. */
  voters: string;
  status: IdeaStatus;
  /** The owner's name; empty when no one owns it. */
  owner: string;
  /** The due date as written (YYYY-MM-DD); empty when none is given. */
  due: string;
  effect: string;
}

/** Statuses of the ideas the room took on: these make the plan. */
const IN_PLAN: readonly IdeaStatus[] = ['planned', 'doing', 'done'];

/** Every idea of the map, ranked, in words. */
export function planRows(document: VsmDocument): PlanRow[] {
  const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
  const person = new Map(document.participants.map((participant, order) => [participant.id, { participant, order }]));
  const ideas = new Map(document.ideas.map((idea) => [idea.id, idea]));
  return rankIdeas(document).map((ranked, index) => {
    const idea = ideas.get(ranked.id)!;
    const dots = Object.entries(idea.votesBy ?? {})
      .filter(([, count]) => count > 0)
      .sort(([a, countA], [b, countB]) => countB - countA || (person.get(a)?.order ?? 0) - (person.get(b)?.order ?? 0));
    return {
      rank: index + 1,
      idea: idea.text,
      step: idea.step === undefined ? '' : (stepName.get(idea.step) ?? idea.step),
      capability: idea.capability === undefined ? '' : ACCELERATE_CAPABILITIES[idea.capability],
      votes: idea.votes,
      voters: dots.map(([id, count]) => `${person.get(id)?.participant.name ?? id} ${count}`).join(', '),
      status: statusOf(idea),
      owner: idea.owner === undefined ? '' : (person.get(idea.owner)?.participant.name ?? idea.owner),
      due: idea.due ?? '',
      effect: idea.effect ?? '',
    };
  });
}

/** The ideas ranked by votes, with who voted for them. */
export function rankedIdeasTable(rows: readonly PlanRow[]): Table {
  return {
    columns: [
      { header: '#', align: 'right' },
      { header: 'Idea' },
      { header: 'Step' },
      { header: 'Votes', align: 'right' },
      { header: 'Voters' },
      { header: 'Status' },
    ],
    rows: rows.map((row) => [String(row.rank), row.idea, row.step, String(row.votes), row.voters, row.status]),
  };
}

/** The plan: the ideas planned, under way or done, in rank order, with owner, due date and expected effect. */
export function planTable(rows: readonly PlanRow[]): Table {
  return {
    columns: [
      { header: '#', align: 'right' },
      { header: 'Idea' },
      { header: 'Owner' },
      { header: 'Due' },
      { header: 'Status' },
      { header: 'Expected effect' },
    ],
    rows: rows
      .filter((row) => IN_PLAN.includes(row.status))
      .map((row) => [String(row.rank), row.idea, row.owner, row.due && formatDay(row.due), row.status, row.effect]),
  };
}

/** Who was in the room: their dots spent and the ideas they own. */
export function participantsTable(document: VsmDocument): Table {
  return {
    columns: [{ header: 'Participant' }, { header: 'Dots spent', align: 'right' }, { header: 'Owns' }],
    rows: document.participants.map((participant) => {
      const dots = dotsSpent(document, participant.id);
      const owned = document.ideas.filter((idea) => idea.owner === participant.id).length;
      return [participant.name, String(dots), owned === 0 ? '' : plural(owned, 'idea')];
    }),
  };
}
