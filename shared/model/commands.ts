/**
 * Edit commands: pure functions from a valid document to a valid document, or a reason why the
 * edit cannot be made. The editor's store calls these and nothing else to change a map. Unchanged
 * parts keep their identity, so views can skip what did not change.
 */
import { buildForwardGraph, reaches } from './graph';
import { fieldWords } from './field-words';
import { fromZodIssues, moreProblems, suggestion } from './issues';
import {
  type Handoff,
  handoffSchema,
  type Idea,
  ideaSchema,
  type Participant,
  participantSchema,
  type Position,
  type Step,
  stepSchema,
  type Team,
  teamSchema,
  type VsmDocument,
  MAP_LIMITS,
  mapHeaderSchema,
} from './schema';
import type * as z from 'zod';

export type CommandResult = { ok: true; document: VsmDocument } | { ok: false; error: string };

/** The edited document, unless it has grown over the size limits (then the edit is refused). */
function done(document: VsmDocument): CommandResult {
  for (const [section, { most, noun }] of Object.entries(MAP_LIMITS)) {
    if (document[section as keyof typeof MAP_LIMITS].length > most) {
      return refused(`A map has at most ${most.toLocaleString('en-US')} ${noun}s.`);
    }
  }
  return { ok: true, document };
}
const refused = (error: string): CommandResult => ({ ok: false, error });

/** Parses one part with its schema; the error names the fields in words ("Lead time is 1h, shorter…"), not by their keys. */
function parsePart<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const { issues, more } = fromZodIssues(parsed.error.issues);
  const problems = issues.map(({ path, message }) => {
    const words = path.split('.').map(fieldWords).join(' ');
    return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${message}`;
  });
  if (more > 0) problems.push(moreProblems(more));
  return { ok: false, error: `${what}: ${problems.join('; ')}` };
}

/** A part with a patch applied; a field patched to `undefined` is removed. */
function merged(part: object, patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...part, ...patch }).filter(([, value]) => value !== undefined));
}

/** A new id from a name: `Code review` -> `code-review`, `code-review-2` when taken. */
export function uniqueId(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function findStep(document: VsmDocument, id: string): Step | undefined {
  return document.steps.find((step) => step.id === id);
}

function missing(noun: string, id: string, known: readonly { id: string }[]): string {
  return `There is no ${noun} "${id}"${suggestion(
    id,
    known.map((item) => item.id),
  )}.`;
}

// Steps

export type StepInput = Partial<Omit<Step, 'name'>> & { name: string };

/** Adds a step at the end; its id is made from its name unless given. */
export function addStep(document: VsmDocument, input: StepInput): CommandResult {
  const taken = new Set(document.steps.map((step) => step.id));
  const id = input.id ?? uniqueId(input.name, taken, 'step');
  if (taken.has(id)) return refused(`A step with the id "${id}" already exists.`);
  const parsed = parsePart(stepSchema(document.calendar), { processTime: 0, ...input, id }, 'New step');
  if (!parsed.ok) return refused(parsed.error);
  const teamProblem = checkTeam(document, parsed.value.team);
  if (teamProblem) return refused(teamProblem);
  return done({ ...document, steps: [...document.steps, parsed.value] });
}

/** Changes fields of a step (not its id). `team: undefined` takes the step out of its team. */
export function updateStep(document: VsmDocument, id: string, patch: Partial<Omit<Step, 'id'>>): CommandResult {
  const step = findStep(document, id);
  if (!step) return refused(missing('step', id, document.steps));
  const parsed = parsePart(stepSchema(document.calendar), merged(step, patch), `Step "${step.name}"`);
  if (!parsed.ok) return refused(parsed.error);
  const teamProblem = checkTeam(document, parsed.value.team);
  if (teamProblem) return refused(teamProblem);
  return done({ ...document, steps: document.steps.map((other) => (other === step ? parsed.value : other)) });
}

function checkTeam(document: VsmDocument, team: string | undefined): string | undefined {
  if (team === undefined || document.teams.some((other) => other.id === team)) return undefined;
  return missing('team', team, document.teams);
}

/** Puts a step in a team's swimlane, or in none. */
export function setStepTeam(document: VsmDocument, stepId: string, teamId: string | undefined): CommandResult {
  return updateStep(document, stepId, { team: teamId });
}

/**
 * Removes a step with its handoffs; rework loops that went back through it go too (see
 * {@link withReworkThatGoesBack}). Its improvement ideas stay, no longer attached to a step.
 */
export function removeStep(document: VsmDocument, id: string): CommandResult {
  const step = findStep(document, id);
  if (!step) return refused(missing('step', id, document.steps));
  const steps = document.steps.filter((other) => other !== step);
  return done({
    ...document,
    steps,
    handoffs: withReworkThatGoesBack(
      steps,
      document.handoffs.filter((handoff) => handoff.from !== id && handoff.to !== id),
    ),
    ideas: document.ideas.map((idea) => {
      if (idea.step !== id) return idea;
      const { step: _detached, ...rest } = idea;
      return rest;
    }),
  });
}

/**
 * Handoffs without the rework loops that no longer go back. Taking a forward handoff away can cut
 * the only path a loop went back along; such a loop has lost its meaning, and keeping it would
 * leave an invalid map. The editor's undo brings both back.
 */
function withReworkThatGoesBack(steps: readonly Step[], handoffs: readonly Handoff[]): Handoff[] {
  const graph = buildForwardGraph(
    steps.map((step) => step.id),
    handoffs,
  );
  return handoffs.filter(
    (handoff) =>
      handoff.rework === undefined || reaches(graph, graph.indexOf.get(handoff.to)!, graph.indexOf.get(handoff.from)!),
  );
}

/** Forgets where steps were placed, so that they are laid out by the flow again (auto layout). */
export function clearPositions(document: VsmDocument): CommandResult {
  if (document.steps.every((step) => step.position === undefined)) return done(document);
  return done({
    ...document,
    steps: document.steps.map((step) => {
      if (step.position === undefined) return step;
      const { position: _position, ...rest } = step;
      return rest;
    }),
  });
}

// Handoffs

export type HandoffInput = Partial<Handoff> & Pick<Handoff, 'from' | 'to'>;

/**
 * Connects two steps. A forward handoff may not close a cycle; a rework handoff (with `rework`)
 * must go back, to the same step or one before it.
 */
export function connect(document: VsmDocument, input: HandoffInput): CommandResult {
  const parsed = parsePart(handoffSchema(document.calendar), input, 'Handoff');
  if (!parsed.ok) return refused(parsed.error);
  const problem = checkConnection(document, parsed.value);
  return problem ? refused(problem) : done({ ...document, handoffs: [...document.handoffs, parsed.value] });
}

/** A rework loop drawn on the canvas starts at this probability; the inspector changes it. */
export const DEFAULT_REWORK = 0.2;

/**
 * Connects two steps the way a drag on the canvas means it: a forward handoff, or, when `to` comes
 * before `from` (or is `from`), a rework loop back with probability {@link DEFAULT_REWORK}.
 */
export function connectOrLoop(document: VsmDocument, from: string, to: string): CommandResult {
  const graph = buildForwardGraph(
    document.steps.map((step) => step.id),
    document.handoffs,
  );
  const [source, target] = [graph.indexOf.get(from), graph.indexOf.get(to)];
  const goesBack = source !== undefined && target !== undefined && reaches(graph, target, source);
  return connect(document, goesBack ? { from, to, rework: DEFAULT_REWORK } : { from, to });
}

function checkConnection(document: VsmDocument, handoff: Handoff, replacing?: Handoff): string | undefined {
  const from = findStep(document, handoff.from);
  const to = findStep(document, handoff.to);
  if (!from) return missing('step', handoff.from, document.steps);
  if (!to) return missing('step', handoff.to, document.steps);
  const others = document.handoffs.filter((other) => other !== replacing);
  if (others.some((other) => other.from === handoff.from && other.to === handoff.to)) {
    return `"${from.name}" already hands off to "${to.name}".`;
  }
  const graph = buildForwardGraph(
    document.steps.map((step) => step.id),
    others,
  );
  const source = graph.indexOf.get(from.id)!;
  const target = graph.indexOf.get(to.id)!;
  if (handoff.rework === undefined) {
    if (reaches(graph, target, source)) {
      return source === target
        ? `A forward handoff cannot go from "${from.name}" to itself; make it a rework loop.`
        : `"${to.name}" already comes before "${from.name}", so this handoff would make a cycle; make it a rework loop instead.`;
    }
  } else if (!reaches(graph, target, source)) {
    return `A rework loop goes back: "${to.name}" does not come before "${from.name}".`;
  }
  return undefined;
}

function findHandoff(document: VsmDocument, from: string, to: string): Handoff | undefined {
  return document.handoffs.find((handoff) => handoff.from === from && handoff.to === to);
}

/** Removes the handoff between two steps, with rework loops that went back only along it. */
export function disconnect(document: VsmDocument, from: string, to: string): CommandResult {
  const handoff = findHandoff(document, from, to);
  if (!handoff) return refused(`There is no handoff from "${from}" to "${to}".`);
  const handoffs = document.handoffs.filter((other) => other !== handoff);
  return done({
    ...document,
    handoffs: handoff.rework === undefined ? withReworkThatGoesBack(document.steps, handoffs) : handoffs,
  });
}

/**
 * Changes a handoff's wait, queue or rework probability. Adding `rework` makes a forward handoff a
 * loop back (it must go back); removing it makes a loop a forward handoff (it must not close a cycle).
 */
export function updateHandoff(
  document: VsmDocument,
  from: string,
  to: string,
  patch: Partial<Omit<Handoff, 'from' | 'to'>>,
): CommandResult {
  const handoff = findHandoff(document, from, to);
  if (!handoff) return refused(`There is no handoff from "${from}" to "${to}".`);
  const parsed = parsePart(handoffSchema(document.calendar), merged(handoff, patch), 'Handoff');
  if (!parsed.ok) return refused(parsed.error);
  const handoffs = document.handoffs.map((other) => (other === handoff ? parsed.value : other));
  if ((parsed.value.rework === undefined) === (handoff.rework === undefined)) return done({ ...document, handoffs });
  const problem = checkConnection(document, parsed.value, handoff);
  if (problem) return refused(problem);
  // A forward handoff turned into a loop may have been the way back of other loops.
  return done({ ...document, handoffs: withReworkThatGoesBack(document.steps, handoffs) });
}

/** The ids new steps with these names get, in order, as {@link addStep} makes them one after the other. */
export function newStepIds(document: VsmDocument, names: readonly string[]): string[] {
  const taken = new Set(document.steps.map((step) => step.id));
  return names.map((name) => {
    const id = uniqueId(name, taken, 'step');
    taken.add(id);
    return id;
  });
}

/**
 * Puts a new step into a handoff: A -> B becomes A -> new -> B. The first half keeps the handoff's
 * wait and queue; the new step starts in the receiving step's team. Its id is made from its name
 * unless given.
 */
export function insertStep(
  document: VsmDocument,
  from: string,
  to: string,
  name = 'New step',
  id?: string,
): CommandResult {
  const handoff = findHandoff(document, from, to);
  if (!handoff || handoff.rework !== undefined)
    return refused(`There is no forward handoff from "${from}" to "${to}".`);
  const receiver = findStep(document, to)!;
  const sender = findStep(document, from)!;
  const added = addStep(document, {
    ...(id !== undefined && { id }),
    name,
    processTime: 60,
    ...(receiver.team !== undefined && { team: receiver.team }),
    ...(sender.position &&
      receiver.position && {
        position: { x: Math.round((sender.position.x + receiver.position.x) / 2), y: receiver.position.y },
      }),
  });
  if (!added.ok) return added;
  const step = added.document.steps.at(-1)!;
  const { waitTime: _wait, queue: _queue, ...rest } = handoff;
  return done({
    ...added.document,
    handoffs: added.document.handoffs.flatMap((other) =>
      other === handoff
        ? [
            { ...handoff, to: step.id },
            { ...rest, from: step.id, waitTime: 0 },
          ]
        : [other],
    ),
  });
}

/** Steps and the handoffs between them, as copied to paste into this map or another. */
export interface CopiedSteps {
  steps: Step[];
  handoffs: Handoff[];
}

/** What copying these steps takes: the steps, in document order, and the handoffs among them. */
export function copySteps(document: VsmDocument, ids: readonly string[]): CopiedSteps {
  const chosen = new Set(ids);
  return {
    steps: document.steps.filter((step) => chosen.has(step.id)),
    handoffs: document.handoffs.filter((handoff) => chosen.has(handoff.from) && chosen.has(handoff.to)),
  };
}

/** Where copies stand from their originals unless told: a nudge down and right. */
export const PASTE_OFFSET: Position = { x: 40, y: 30 };

/**
 * Adds copies of steps (from this map or another) at the end, beside where they were, with the
 * handoffs between them. The copies get the ids given, one per copied step, else ids made anew from
 * the names; a step keeps its team when this map has that team. Copied parts are checked like typed
 * ones: a bad part refuses the whole paste.
 */
export function pasteSteps(
  document: VsmDocument,
  copied: CopiedSteps,
  ids: readonly string[] = newStepIds(
    document,
    copied.steps.map((step) => step.name),
  ),
  /** How far from where they were copied the copies stand (the editor finds one where they cover no step). */
  offset: Position = PASTE_OFFSET,
): CommandResult {
  if (ids.length !== copied.steps.length) {
    return refused(`${copied.steps.length} steps are pasted, but ${ids.length} ids were given for them.`);
  }
  const newIds = new Map<string, string>();
  const stepCommands = copied.steps.map((step, index) => (current: VsmDocument) => {
    const { id, team, position, ...fields } = step;
    const result = addStep(current, {
      ...fields,
      id: ids[index]!,
      ...(team !== undefined && current.teams.some((candidate) => candidate.id === team) && { team }),
      ...(position && { position: { x: position.x + offset.x, y: position.y + offset.y } }),
    });
    if (result.ok) newIds.set(id, result.document.steps.at(-1)!.id);
    return result;
  });
  // Forward handoffs first: a rework loop needs the path it goes back along.
  const handoffs = [...copied.handoffs].sort((a, b) => Number(a.rework !== undefined) - Number(b.rework !== undefined));
  const handoffCommands = handoffs.map((handoff) => (current: VsmDocument) => {
    const from = newIds.get(handoff.from);
    const to = newIds.get(handoff.to);
    return from === undefined || to === undefined ? done(current) : connect(current, { ...handoff, from, to });
  });
  return inSequence(document, [...stepCommands, ...handoffCommands]);
}

/** Commands applied one after the other, as one edit: the first refusal refuses them all. */
export function inSequence(
  document: VsmDocument,
  commands: readonly ((document: VsmDocument) => CommandResult)[],
): CommandResult {
  let current = document;
  for (const command of commands) {
    const result = command(current);
    if (!result.ok) return result;
    current = result.document;
  }
  return done(current);
}

/** A duplicated step's name. */
export function copyName(name: string): string {
  return `${name} (copy)`.slice(0, 200);
}

/**
 * Copies of steps beside them, named "(copy)", with the handoffs between them (not those to other
 * steps). The copies get the ids given (one per step, in document order), else ids made from their names.
 */
export function duplicateSteps(
  document: VsmDocument,
  ids: readonly string[],
  newIds?: readonly string[],
  offset?: Position,
): CommandResult {
  const unknown = ids.find((id) => !findStep(document, id));
  if (unknown !== undefined) return refused(missing('step', unknown, document.steps));
  const copied = copySteps(document, ids);
  const steps = copied.steps.map((step) => ({ ...step, name: copyName(step.name) }));
  return pasteSteps(document, { ...copied, steps }, newIds, offset);
}

// Teams

/** Adds a team (a swimlane) at the bottom; its id is made from its name unless given. */
export function addTeam(document: VsmDocument, input: { id?: string; name: string }): CommandResult {
  const taken = new Set(document.teams.map((team) => team.id));
  const id = input.id ?? uniqueId(input.name, taken, 'team');
  if (taken.has(id)) return refused(`A team with the id "${id}" already exists.`);
  const parsed = parsePart(teamSchema, { id, name: input.name }, 'New team');
  if (!parsed.ok) return refused(parsed.error);
  return done({ ...document, teams: [...document.teams, parsed.value] });
}

/** Renames a team. */
export function renameTeam(document: VsmDocument, id: string, name: string): CommandResult {
  const team = document.teams.find((other) => other.id === id);
  if (!team) return refused(missing('team', id, document.teams));
  const parsed = parsePart(teamSchema, { id, name }, `Team "${team.name}"`);
  if (!parsed.ok) return refused(parsed.error);
  return done({ ...document, teams: document.teams.map((other) => (other === team ? parsed.value : other)) });
}

/** Moves a team's swimlane to position `index` (0 = top). */
export function moveTeam(document: VsmDocument, id: string, index: number): CommandResult {
  const team = document.teams.find((other) => other.id === id);
  if (!team) return refused(missing('team', id, document.teams));
  if (!Number.isInteger(index) || index < 0 || index >= document.teams.length) {
    return refused(`A team can move to positions 0 to ${document.teams.length - 1}, not ${index}.`);
  }
  const teams: Team[] = document.teams.filter((other) => other !== team);
  teams.splice(index, 0, team);
  return done({ ...document, teams });
}

/** Removes a team; its steps stay on the map without a team. */
export function removeTeam(document: VsmDocument, id: string): CommandResult {
  const team = document.teams.find((other) => other.id === id);
  if (!team) return refused(missing('team', id, document.teams));
  return done({
    ...document,
    teams: document.teams.filter((other) => other !== team),
    steps: document.steps.map((step) => {
      if (step.team !== id) return step;
      const { team: _removed, ...rest } = step;
      return rest;
    }),
  });
}

// Improvement ideas

export type IdeaInput = Partial<Idea> & Pick<Idea, 'text'>;

/** Adds an improvement idea, on a step or on the map as a whole. */
export function addIdea(document: VsmDocument, input: IdeaInput): CommandResult {
  const taken = new Set(document.ideas.map((idea) => idea.id));
  const id = input.id ?? uniqueId('idea', taken, 'idea');
  if (taken.has(id)) return refused(`An idea with the id "${id}" already exists.`);
  const parsed = parsePart(ideaSchema, { ...input, id }, 'New idea');
  if (!parsed.ok) return refused(parsed.error);
  const unknown = unknownReferenceOf(document, parsed.value);
  if (unknown !== undefined) return refused(unknown);
  return done({ ...document, ideas: [...document.ideas, parsed.value] });
}

/** What an idea names that the map does not have: its step, its owner or a voter. */
function unknownReferenceOf(document: VsmDocument, idea: Idea): string | undefined {
  if (idea.step !== undefined && !findStep(document, idea.step)) return missing('step', idea.step, document.steps);
  const people = [...Object.keys(idea.votesBy ?? {}), ...(idea.owner === undefined ? [] : [idea.owner])];
  const stranger = people.find((person) => !document.participants.some((participant) => participant.id === person));
  return stranger === undefined ? undefined : missing('participant', stranger, document.participants);
}

/** Changes an idea's text, step, votes, capability or its place in the plan. */
export function updateIdea(document: VsmDocument, id: string, patch: Partial<Omit<Idea, 'id'>>): CommandResult {
  const idea = document.ideas.find((other) => other.id === id);
  if (!idea) return refused(missing('idea', id, document.ideas));
  // Votes given by dots follow the dots, unless the patch says otherwise (then they must agree).
  const input = merged(idea, patch);
  const byDots = input['votesBy'] !== undefined && patch.votes === undefined;
  const parsed = parsePart(ideaSchema, byDots ? { ...input, votes: undefined } : input, 'Idea');
  if (!parsed.ok) return refused(parsed.error);
  const unknown = unknownReferenceOf(document, parsed.value);
  if (unknown !== undefined) return refused(unknown);
  return done({ ...document, ideas: document.ideas.map((other) => (other === idea ? parsed.value : other)) });
}

/** Removes an idea. */
export function removeIdea(document: VsmDocument, id: string): CommandResult {
  const idea = document.ideas.find((other) => other.id === id);
  if (!idea) return refused(missing('idea', id, document.ideas));
  return done({ ...document, ideas: document.ideas.filter((other) => other !== idea) });
}

// Participants and their dots (spec section 6)

function findParticipant(document: VsmDocument, id: string): Participant | undefined {
  return document.participants.find((participant) => participant.id === id);
}

/** Adds someone to the workshop; their id is made from their name unless given. */
export function addParticipant(document: VsmDocument, input: { id?: string; name: string }): CommandResult {
  const taken = new Set(document.participants.map((participant) => participant.id));
  const id = input.id ?? uniqueId(input.name, taken, 'participant');
  if (taken.has(id)) return refused(`A participant with the id "${id}" already exists.`);
  const parsed = parsePart(participantSchema, { id, name: input.name }, 'New participant');
  if (!parsed.ok) return refused(parsed.error);
  return done({ ...document, participants: [...document.participants, parsed.value] });
}

/** Renames a participant; their dots and what they own stay theirs. */
export function renameParticipant(document: VsmDocument, id: string, name: string): CommandResult {
  const participant = findParticipant(document, id);
  if (!participant) return refused(missing('participant', id, document.participants));
  const parsed = parsePart(participantSchema, { id, name }, `Participant "${participant.name}"`);
  if (!parsed.ok) return refused(parsed.error);
  return done({
    ...document,
    participants: document.participants.map((other) => (other === participant ? parsed.value : other)),
  });
}

/** An idea with these dots: its votes are their sum, and without any dots it has none. */
function withDots(idea: Idea, votesBy: Record<string, number>): Idea {
  const { votesBy: _before, ...rest } = idea;
  const votes = Object.values(votesBy).reduce((sum, n) => sum + n, 0);
  return Object.keys(votesBy).length === 0 ? { ...rest, votes } : { ...rest, votesBy, votes };
}

/** Removes a participant with their dots (the votes follow) and clears what they own (spec section 6). */
export function removeParticipant(document: VsmDocument, id: string): CommandResult {
  const participant = findParticipant(document, id);
  if (!participant) return refused(missing('participant', id, document.participants));
  return done({
    ...document,
    participants: document.participants.filter((other) => other !== participant),
    ideas: document.ideas.map((idea) => {
      const voted = idea.votesBy !== undefined && Object.hasOwn(idea.votesBy, id);
      if (idea.owner !== id && !voted) return idea;
      const { owner, ...rest } = idea;
      const kept = owner === id ? rest : { ...rest, owner };
      if (!voted) return kept;
      const { [id]: _dots, ...others } = idea.votesBy ?? {};
      return withDots(kept, others);
    }),
  });
}

/** The most dots a participant can have in one round. */
export const MOST_DOTS = 99;

/**
 * A participant's dots on one idea. Only the idea's own entries count: an id is any text, and
 * `constructor` or `toString` must not read what every object inherits.
 */
export function dotsOf(idea: Idea, participant: string): number {
  return idea.votesBy !== undefined && Object.hasOwn(idea.votesBy, participant) ? (idea.votesBy[participant] ?? 0) : 0;
}

/** How many dots a participant has put on the map's ideas. */
export function dotsSpent(document: VsmDocument, participant: string): number {
  return document.ideas.reduce((sum, idea) => sum + dotsOf(idea, participant), 0);
}

/**
 * The votes an idea carries that were counted by hand and typed in, not given as dots (it has no
 * `votesBy`); 0 when it has dots or none at all. The first dot replaces them ({@link moveDot}).
 */
export function handCountedVotes(idea: Idea): number {
  return idea.votesBy === undefined ? idea.votes : 0;
}

/**
 * Puts one of a participant's dots on an idea (`by` 1) or takes one back (`by` -1). A participant
 * has `budget` dots for the round; none can be taken back from an idea they gave none. The first
 * dot on an idea whose votes were counted by hand replaces them ({@link handCountedVotes}): where
 * dots are given, the votes are their sum (spec section 6).
 */
export function moveDot(
  document: VsmDocument,
  ideaId: string,
  participantId: string,
  by: 1 | -1,
  budget: number,
): CommandResult {
  const idea = document.ideas.find((other) => other.id === ideaId);
  if (!idea) return refused(missing('idea', ideaId, document.ideas));
  const participant = findParticipant(document, participantId);
  if (!participant) return refused(missing('participant', participantId, document.participants));
  const given = dotsOf(idea, participantId);
  if (by < 0 && given === 0) {
    return refused(`${participant.name} has no dot on this idea to take back.`);
  }
  if (by > 0 && dotsSpent(document, participantId) >= budget) {
    return refused(
      `${participant.name} has no dots left: all ${budget} are spent. Take one back from another idea first.`,
    );
  }
  const { [participantId]: _given, ...others } = idea.votesBy ?? {};
  const votesBy = given + by === 0 ? others : { ...idea.votesBy, [participantId]: given + by };
  return done({
    ...document,
    ideas: document.ideas.map((other) => (other === idea ? withDots(idea, votesBy) : other)),
  });
}

// The map itself

/**
 * Changes the map's name, state, calendar or notes (the parking lot; `notes: undefined` removes
 * them). Durations stay the same number of minutes.
 */
export function updateMap(
  document: VsmDocument,
  patch: {
    name?: string;
    state?: VsmDocument['state'];
    calendar?: VsmDocument['calendar'];
    notes?: string | undefined;
  },
): CommandResult {
  const parsed = parsePart(
    mapHeaderSchema,
    {
      name: patch.name ?? document.name,
      state: patch.state ?? document.state,
      calendar: patch.calendar ?? document.calendar,
      notes: 'notes' in patch ? patch.notes : document.notes,
    },
    'Map',
  );
  if (!parsed.ok) return refused(parsed.error);
  const { notes, ...header } = parsed.value;
  const { notes: _before, ...rest } = document;
  return done({ ...rest, ...header, ...(notes !== undefined && { notes }) });
}
