/**
 * Edits as data: each edit command of {@link ./commands} as a named, serializable operation
 * (`{ op: 'updateStep', id, fields }`), the way xyflow's changes and VS Code's commands are data.
 * The editor records the operations it applies, a draft keeps them, and a window that lost a save
 * conflict applies them again on the newest revision; a live peer can send them. Operations are
 * plain JSON: a field to remove is `null` (JSON has no `undefined`). Operations that create steps,
 * teams or ideas carry the ids chosen when they were made, so that applying one again elsewhere
 * gives the same ids.
 */
import * as z from 'zod';
import {
  addIdea,
  addParticipant,
  addStep,
  addTeam,
  clearPositions,
  type CommandResult,
  connect,
  connectOrLoop,
  copyName,
  type CopiedSteps,
  disconnect,
  duplicateSteps,
  inSequence,
  insertStep,
  MOST_DOTS,
  moveDot,
  moveTeam,
  newStepIds,
  pasteSteps,
  removeIdea,
  removeParticipant,
  removeStep,
  removeTeam,
  renameParticipant,
  renameTeam,
  setStepTeam,
  uniqueId,
  updateHandoff,
  updateIdea,
  updateMap,
  updateStep,
} from './commands';
import { CAPABILITY_IDS } from './capabilities';
import { fieldWords } from './field-words';
import { formatPath } from './issues';
import type { Position, VsmDocument } from './schema';
import { calendarSchema, IDEA_STATUSES, positionSchema } from './schema';

// The shapes only: each value is checked by its command, which names what is wrong, as for typed input.
const id = z.string();
const minutes = z.number();

const stepInput = z.strictObject({
  id,
  name: z.string(),
  team: id.optional(),
  processTime: minutes.optional(),
  leadTime: minutes.optional(),
  percentCompleteAccurate: z.number().optional(),
  people: z.number().optional(),
  notes: z.string().optional(),
  position: positionSchema.optional(),
});

const stepPatch = z
  .strictObject({
    name: z.string(),
    team: id.nullable(),
    processTime: minutes,
    leadTime: minutes,
    percentCompleteAccurate: z.number(),
    people: z.number().nullable(),
    notes: z.string().nullable(),
    position: positionSchema,
  })
  .partial();

const handoffInput = z.strictObject({
  from: id,
  to: id,
  waitTime: minutes.optional(),
  queue: z.number().optional(),
  rework: z.number().optional(),
});

const handoffPatch = z
  .strictObject({ waitTime: minutes, queue: z.number().nullable(), rework: z.number().nullable() })
  .partial();

const ideaInput = z.strictObject({
  id,
  text: z.string(),
  step: id.optional(),
  votes: z.number().optional(),
  capability: z.enum(CAPABILITY_IDS).optional(),
  status: z.enum(IDEA_STATUSES).optional(),
  owner: id.optional(),
  due: z.string().optional(),
  effect: z.string().optional(),
});

const ideaPatch = z
  .strictObject({
    text: z.string(),
    step: id.nullable(),
    votes: z.number(),
    capability: z.enum(CAPABILITY_IDS).nullable(),
    status: z.enum(IDEA_STATUSES).nullable(),
    owner: id.nullable(),
    due: z.string().nullable(),
    effect: z.string().nullable(),
  })
  .partial();

const mapPatch = z
  .strictObject({
    name: z.string(),
    state: z.enum(['current', 'future']),
    calendar: calendarSchema,
    notes: z.string().nullable(),
  })
  .partial();

/** Copied steps, as the clipboard and a paste carry them: the shape; each part is checked by the paste. */
export const copiedStepsSchema = z.object({
  steps: z.array(z.looseObject({ id, name: z.string() })),
  handoffs: z.array(z.looseObject({ from: id, to: id })),
});

export const operationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('addStep'), step: stepInput }),
  z.strictObject({ op: z.literal('updateStep'), id, fields: stepPatch }),
  z.strictObject({ op: z.literal('setStepTeam'), id, team: id.nullable() }),
  z.strictObject({ op: z.literal('removeStep'), id }),
  z.strictObject({ op: z.literal('clearPositions') }),
  z.strictObject({ op: z.literal('connect'), handoff: handoffInput }),
  z.strictObject({ op: z.literal('connectOrLoop'), from: id, to: id }),
  z.strictObject({ op: z.literal('disconnect'), from: id, to: id }),
  z.strictObject({ op: z.literal('updateHandoff'), from: id, to: id, fields: handoffPatch }),
  z.strictObject({ op: z.literal('insertStep'), from: id, to: id, id, name: z.string() }),
  z.strictObject({
    op: z.literal('pasteSteps'),
    copied: copiedStepsSchema,
    ids: z.array(id),
    offset: positionSchema.optional(),
  }),
  z.strictObject({
    op: z.literal('duplicateSteps'),
    ids: z.array(id),
    newIds: z.array(id),
    offset: positionSchema.optional(),
  }),
  z.strictObject({ op: z.literal('addTeam'), id, name: z.string() }),
  z.strictObject({ op: z.literal('renameTeam'), id, name: z.string() }),
  z.strictObject({ op: z.literal('moveTeam'), id, index: z.number() }),
  z.strictObject({ op: z.literal('removeTeam'), id }),
  z.strictObject({ op: z.literal('addIdea'), idea: ideaInput }),
  z.strictObject({ op: z.literal('updateIdea'), id, fields: ideaPatch }),
  z.strictObject({ op: z.literal('removeIdea'), id }),
  z.strictObject({ op: z.literal('updateMap'), fields: mapPatch }),
  z.strictObject({ op: z.literal('addParticipant'), id, name: z.string() }),
  z.strictObject({ op: z.literal('renameParticipant'), id, name: z.string() }),
  z.strictObject({ op: z.literal('removeParticipant'), id }),
  z.strictObject({
    op: z.literal('moveDot'),
    idea: id,
    participant: id,
    by: z.union([z.literal(1), z.literal(-1)]),
    budget: z.number().int().min(0).max(MOST_DOTS),
  }),
]);

export type Operation = z.output<typeof operationSchema>;

/**
 * Operations checked for their shape, as they come from the editor, a draft or a peer: one that is
 * not plain JSON (a number that is not finite, an unknown field) is refused, naming the field.
 */
export function checkOperations(value: unknown): { ok: true; operations: Operation[] } | { ok: false; error: string } {
  const parsed = z.array(operationSchema).safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, operations: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  return { ok: false, error: `Not a valid edit: ${problems.join('; ')}` };
}
export type OperationName = Operation['op'];
export type StepPatch = z.output<typeof stepPatch>;
export type HandoffPatch = z.output<typeof handoffPatch>;
export type IdeaPatch = z.output<typeof ideaPatch>;

/** A patch as the commands take it: `null` (remove the field) becomes `undefined`. */
function unset<T extends object>(patch: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value ?? undefined])) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

/** Applies one operation with its command; nothing else changes a document. */
export function applyOperation(document: VsmDocument, operation: Operation): CommandResult {
  switch (operation.op) {
    case 'addStep':
      return addStep(document, operation.step);
    case 'updateStep':
      return updateStep(document, operation.id, unset(operation.fields));
    case 'setStepTeam':
      return setStepTeam(document, operation.id, operation.team ?? undefined);
    case 'removeStep':
      return removeStep(document, operation.id);
    case 'clearPositions':
      return clearPositions(document);
    case 'connect':
      return connect(document, operation.handoff);
    case 'connectOrLoop':
      return connectOrLoop(document, operation.from, operation.to);
    case 'disconnect':
      return disconnect(document, operation.from, operation.to);
    case 'updateHandoff':
      return updateHandoff(document, operation.from, operation.to, unset(operation.fields));
    case 'insertStep':
      return insertStep(document, operation.from, operation.to, operation.name, operation.id);
    case 'pasteSteps':
      return pasteSteps(document, operation.copied as unknown as CopiedSteps, operation.ids, operation.offset);
    case 'duplicateSteps':
      return duplicateSteps(document, operation.ids, operation.newIds, operation.offset);
    case 'addTeam':
      return addTeam(document, { id: operation.id, name: operation.name });
    case 'renameTeam':
      return renameTeam(document, operation.id, operation.name);
    case 'moveTeam':
      return moveTeam(document, operation.id, operation.index);
    case 'removeTeam':
      return removeTeam(document, operation.id);
    case 'addIdea':
      return addIdea(document, operation.idea);
    case 'updateIdea':
      return updateIdea(document, operation.id, unset(operation.fields));
    case 'removeIdea':
      return removeIdea(document, operation.id);
    case 'updateMap':
      return updateMap(document, unset(operation.fields));
    case 'addParticipant':
      return addParticipant(document, { id: operation.id, name: operation.name });
    case 'renameParticipant':
      return renameParticipant(document, operation.id, operation.name);
    case 'removeParticipant':
      return removeParticipant(document, operation.id);
    case 'moveDot':
      return moveDot(document, operation.idea, operation.participant, operation.by, operation.budget);
  }
}

/** Operations applied one after the other, as one edit: the first refusal refuses them all. */
export function applyOperations(document: VsmDocument, operations: readonly Operation[]): CommandResult {
  return inSequence(
    document,
    operations.map((operation) => (current: VsmDocument) => applyOperation(current, operation)),
  );
}

// Operations that create: the ids are chosen here, against the document they are made on.

type StepFields = Omit<z.input<typeof stepInput>, 'id'>;

export function addStepOperation(document: VsmDocument, step: StepFields): Operation {
  return { op: 'addStep', step: { ...step, id: newStepIds(document, [step.name])[0]! } };
}

/**
 * A new step and, when it follows one, the handoff into it from that step with its wait: the
 * operations of one edit.
 */
export function addStepAfterOperations(
  document: VsmDocument,
  step: StepFields,
  after?: { from: string; waitTime?: number },
): Operation[] {
  const added = addStepOperation(document, step);
  if (added.op !== 'addStep' || after === undefined) return [added];
  const handoff = {
    from: after.from,
    to: added.step.id,
    ...(after.waitTime !== undefined && { waitTime: after.waitTime }),
  };
  return [added, { op: 'connect', handoff }];
}

export function insertStepOperation(document: VsmDocument, from: string, to: string, name = 'New step'): Operation {
  return { op: 'insertStep', from, to, name, id: newStepIds(document, [name])[0]! };
}

/** A paste; `offset`, where the copies stand from where they were copied (by default the commands' nudge). */
export function pasteStepsOperation(document: VsmDocument, copied: CopiedSteps, offset?: Position): Operation {
  const ids = newStepIds(
    document,
    copied.steps.map((step) => step.name),
  );
  return { op: 'pasteSteps', copied, ids, ...(offset && { offset }) };
}

/** A duplication; `offset` as for a paste. */
export function duplicateStepsOperation(document: VsmDocument, ids: readonly string[], offset?: Position): Operation {
  const chosen = new Set(ids);
  const names = document.steps.filter((step) => chosen.has(step.id)).map((step) => copyName(step.name));
  return { op: 'duplicateSteps', ids: [...ids], newIds: newStepIds(document, names), ...(offset && { offset }) };
}

export function addTeamOperation(document: VsmDocument, name: string): Operation {
  const taken = new Set(document.teams.map((team) => team.id));
  return { op: 'addTeam', id: uniqueId(name, taken, 'team'), name };
}

export function addIdeaOperation(document: VsmDocument, idea: Omit<z.input<typeof ideaInput>, 'id'>): Operation {
  const taken = new Set(document.ideas.map((other) => other.id));
  return { op: 'addIdea', idea: { ...idea, id: uniqueId('idea', taken, 'idea') } };
}

export function addParticipantOperation(document: VsmDocument, name: string): Operation {
  const taken = new Set(document.participants.map((participant) => participant.id));
  return { op: 'addParticipant', id: uniqueId(name, taken, 'participant'), name };
}

// Applying a window's operations again on a newer revision

/** The steps, teams, ideas and participants an operation acts on (they must exist), and those it creates. */
interface Parts {
  step: string[];
  team: string[];
  idea: string[];
  participant: string[];
}

type PartKind = keyof Parts;
type IdMapper = (kind: PartKind, id: string, role: 'uses' | 'creates') => string;

/**
 * The operation with each id of a step, team or idea it acts on or creates passed through `map`:
 * the one list of where each operation holds which ids, for reading them and for renaming them.
 */
function mapIds(operation: Operation, map: IdMapper): Operation {
  const uses = (kind: PartKind, id: string) => map(kind, id, 'uses');
  const usesIf = <T extends string | null | undefined>(kind: PartKind, id: T): T =>
    (typeof id === 'string' ? uses(kind, id) : id) as T;
  const creates = (kind: PartKind, id: string) => map(kind, id, 'creates');
  switch (operation.op) {
    case 'addStep':
      return {
        ...operation,
        step: { ...operation.step, id: creates('step', operation.step.id), team: usesIf('team', operation.step.team) },
      };
    case 'updateStep':
      return {
        ...operation,
        id: uses('step', operation.id),
        fields:
          'team' in operation.fields
            ? { ...operation.fields, team: usesIf('team', operation.fields.team) }
            : operation.fields,
      };
    case 'setStepTeam':
      return { ...operation, id: uses('step', operation.id), team: usesIf('team', operation.team) };
    case 'removeStep':
      return { ...operation, id: uses('step', operation.id) };
    case 'connect':
      return {
        ...operation,
        handoff: {
          ...operation.handoff,
          from: uses('step', operation.handoff.from),
          to: uses('step', operation.handoff.to),
        },
      };
    case 'connectOrLoop':
    case 'disconnect':
    case 'updateHandoff':
      return { ...operation, from: uses('step', operation.from), to: uses('step', operation.to) };
    case 'insertStep':
      return {
        ...operation,
        from: uses('step', operation.from),
        to: uses('step', operation.to),
        id: creates('step', operation.id),
      };
    case 'pasteSteps':
      return { ...operation, ids: operation.ids.map((one) => creates('step', one)) };
    case 'duplicateSteps':
      return {
        ...operation,
        ids: operation.ids.map((one) => uses('step', one)),
        newIds: operation.newIds.map((one) => creates('step', one)),
      };
    case 'addTeam':
      return { ...operation, id: creates('team', operation.id) };
    case 'renameTeam':
    case 'moveTeam':
    case 'removeTeam':
      return { ...operation, id: uses('team', operation.id) };
    case 'addIdea':
      return {
        ...operation,
        idea: {
          ...operation.idea,
          id: creates('idea', operation.idea.id),
          step: usesIf('step', operation.idea.step),
          owner: usesIf('participant', operation.idea.owner),
        },
      };
    case 'updateIdea':
      return {
        ...operation,
        id: uses('idea', operation.id),
        fields: {
          ...operation.fields,
          ...('step' in operation.fields && { step: usesIf('step', operation.fields.step) }),
          ...('owner' in operation.fields && { owner: usesIf('participant', operation.fields.owner) }),
        },
      };
    case 'addParticipant':
      return { ...operation, id: creates('participant', operation.id) };
    case 'renameParticipant':
    case 'removeParticipant':
      return { ...operation, id: uses('participant', operation.id) };
    case 'moveDot':
      return {
        ...operation,
        idea: uses('idea', operation.idea),
        participant: uses('participant', operation.participant),
      };
    case 'removeIdea':
      return { ...operation, id: uses('idea', operation.id) };
    case 'clearPositions':
    case 'updateMap':
      return operation;
  }
}

function partsOf(operation: Operation): { uses: Parts; creates: Parts } {
  const uses: Parts = { step: [], team: [], idea: [], participant: [] };
  const creates: Parts = { step: [], team: [], idea: [], participant: [] };
  mapIds(operation, (kind, id, role) => {
    (role === 'uses' ? uses : creates)[kind].push(id);
    return id;
  });
  return { uses, creates };
}

/**
 * The operation with the parts it creates given ids of their own in `current` when the other window
 * took theirs (both added an idea, say), and every id renamed so far passed on: the parts a window
 * made are its own even where both windows chose the same id.
 */
function withFreeIds(
  operation: Operation,
  current: VsmDocument,
  renamed: Record<PartKind, Map<string, string>>,
): Operation {
  return mapIds(operation, (kind, id, role) => {
    if (role === 'uses') return renamed[kind].get(id) ?? id;
    const taken = new Set(current[SECTIONS[kind]].map((part) => part.id));
    if (!taken.has(id)) return id;
    const fresh = uniqueId(id, new Set([...taken, ...renamed[kind].values()]), kind);
    renamed[kind].set(id, fresh);
    return fresh;
  });
}

const quoted = (text: string) => `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;

const fieldList = (fields: object) => Object.keys(fields).map(fieldWords).join(', ');

/** What an operation does, in words, with the names it had in `document` (where it was made). */
export function describeOperation(document: VsmDocument, operation: Operation): string {
  const step = (stepId: string) => quoted(document.steps.find((one) => one.id === stepId)?.name ?? stepId);
  const team = (teamId: string) => quoted(document.teams.find((one) => one.id === teamId)?.name ?? teamId);
  const idea = (ideaId: string) => quoted(document.ideas.find((one) => one.id === ideaId)?.text ?? ideaId);
  const person = (participantId: string) =>
    quoted(document.participants.find((one) => one.id === participantId)?.name ?? participantId);
  switch (operation.op) {
    case 'addStep':
      return `Add step ${quoted(operation.step.name)}`;
    case 'updateStep': {
      const { name, ...others } = operation.fields;
      if (name !== undefined && Object.keys(others).length === 0)
        return `Rename step ${step(operation.id)} to ${quoted(name)}`;
      if (Object.keys(operation.fields).every((key) => key === 'position' || key === 'team'))
        return `Move step ${step(operation.id)}`;
      return `Change the ${fieldList(operation.fields)} of step ${step(operation.id)}`;
    }
    case 'setStepTeam':
      return operation.team === null
        ? `Take step ${step(operation.id)} out of its team`
        : `Put step ${step(operation.id)} in team ${team(operation.team)}`;
    case 'removeStep':
      return `Delete step ${step(operation.id)}`;
    case 'clearPositions':
      return 'Auto layout';
    case 'connect':
      return `Connect ${step(operation.handoff.from)} to ${step(operation.handoff.to)}`;
    case 'connectOrLoop':
      return `Connect ${step(operation.from)} to ${step(operation.to)}`;
    case 'disconnect':
      return `Delete the handoff ${step(operation.from)} → ${step(operation.to)}`;
    case 'updateHandoff':
      return `Change the ${fieldList(operation.fields)} of the handoff ${step(operation.from)} → ${step(operation.to)}`;
    case 'insertStep':
      return `Insert step ${quoted(operation.name)} between ${step(operation.from)} and ${step(operation.to)}`;
    case 'pasteSteps':
      return `Paste ${operation.copied.steps.map((one) => quoted(one.name)).join(', ')}`;
    case 'duplicateSteps':
      return `Duplicate ${operation.ids.map(step).join(', ')}`;
    case 'addTeam':
      return `Add team ${quoted(operation.name)}`;
    case 'renameTeam':
      return `Rename team ${team(operation.id)} to ${quoted(operation.name)}`;
    case 'moveTeam':
      return `Move the lane of team ${team(operation.id)}`;
    case 'removeTeam':
      return `Remove team ${team(operation.id)}`;
    case 'addIdea':
      return `Add idea ${quoted(operation.idea.text)}`;
    case 'updateIdea':
      return `Change the ${fieldList(operation.fields)} of idea ${idea(operation.id)}`;
    case 'removeIdea':
      return `Delete idea ${idea(operation.id)}`;
    case 'updateMap':
      return `Change the map's ${fieldList(operation.fields)}`;
    case 'addParticipant':
      return `Add participant ${quoted(operation.name)}`;
    case 'renameParticipant':
      return `Rename participant ${person(operation.id)} to ${quoted(operation.name)}`;
    case 'removeParticipant':
      return `Remove participant ${person(operation.id)}`;
    case 'moveDot':
      return operation.by > 0
        ? `Give a dot of ${person(operation.participant)} to idea ${idea(operation.idea)}`
        : `Take back a dot of ${person(operation.participant)} from idea ${idea(operation.idea)}`;
  }
}

export interface Replayed {
  /** The newer document with every operation that still applied. */
  document: VsmDocument;
  /** The operations that applied, in order. */
  applied: Operation[];
  /** One line per operation that did not apply: what it did, and why not. */
  notApplied: string[];
}

const KINDS = ['step', 'team', 'idea', 'participant'] as const;
const SECTIONS = { step: 'steps', team: 'teams', idea: 'ideas', participant: 'participants' } as const;

/**
 * Applies a window's operations, made on `base`, again on `latest` (a newer revision that another
 * window saved). Each applies on its own; one that no longer applies is named with the reason
 * ("Rename step "Deploy" to "Ship": the step was deleted in the other window"), and so is one that
 * acts on something an earlier one could not create.
 */
export function replayOperations(base: VsmDocument, latest: VsmDocument, operations: readonly Operation[]): Replayed {
  let mine = base;
  let current = latest;
  const applied: Operation[] = [];
  const notApplied: string[] = [];
  const lost: Parts = { step: [], team: [], idea: [], participant: [] };
  const renamed: Record<PartKind, Map<string, string>> = {
    step: new Map(),
    team: new Map(),
    idea: new Map(),
    participant: new Map(),
  };
  for (const made of operations) {
    const operation = withFreeIds(made, current, renamed);
    const { uses, creates } = partsOf(operation);
    const result = applyOperation(current, operation);
    const reason = actsOnLost(uses, lost) ?? (result.ok ? undefined : whyNot(mine, current, uses, result.error));
    if (reason === undefined && result.ok) {
      current = result.document;
      applied.push(operation);
    } else {
      notApplied.push(`${describeOperation(mine, made)}: ${reason}`);
      for (const kind of KINDS) lost[kind].push(...creates[kind]);
    }
    const own = applyOperation(mine, made);
    if (own.ok) mine = own.document;
  }
  return { document: current, applied, notApplied };
}

/** Why an operation is not applied when it acts on a part an earlier one could not add. */
function actsOnLost(uses: Parts, lost: Parts): string | undefined {
  const kind = KINDS.find((one) => uses[one].some((id) => lost[one].includes(id)));
  return kind && `the ${kind} it acts on could not be added`;
}

/** Why an operation made on `mine` is refused on `newer`: a part the other window deleted, or the command's reason. */
function whyNot(mine: VsmDocument, newer: VsmDocument, uses: Parts, refusal: string): string {
  const has = (document: VsmDocument, kind: keyof Parts, id: string) =>
    document[SECTIONS[kind]].some((part) => part.id === id);
  const deleted = KINDS.find((kind) => uses[kind].some((id) => has(mine, kind, id) && !has(newer, kind, id)));
  return deleted ? `the ${deleted} was deleted in the other window` : lowerFirst(refusal);
}

const lowerFirst = (text: string) => (text.startsWith('"') ? text : text.charAt(0).toLowerCase() + text.slice(1));
