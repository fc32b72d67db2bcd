/**
 * Validation of a `vsm/1` document: the schema (types, ranges, durations, unknown keys) and the
 * rules across objects (unique ids, references, forward handoffs without cycles, rework loops that
 * go back). Every problem is reported at once, each with its field path.
 */
import { buildForwardGraph, findCycles, reaches } from './graph';
import { IssueCollector, type IssueReport, suggestion } from './issues';
import { calendarSchema, documentSchema, KNOWN_FIELDS, MAP_LIMITS, type VsmDocument } from './schema';
import { type Calendar, DEFAULT_CALENDAR } from './duration';

/** The mark of a document that passed {@link validateDocument}; a spread copy (an edit) loses it. */
declare class Validated {
  private readonly validated: true;
}

/** A document {@link validateDocument} found valid: the only function that makes one. */
export type ValidDocument = VsmDocument & Validated;

/** Valid: the typed document; invalid: the first issues in document order, and how many more. */
export type ValidationResult = { ok: true; document: ValidDocument } | ({ ok: false } & IssueReport);

/**
 * Checks a parsed JSON/YAML value and returns the typed document (durations in minutes) or its
 * issues: the first {@link MAX_REPORTED_ISSUES} in document order and the count of the rest.
 */
export function validateDocument(raw: unknown): ValidationResult {
  const issues = new IssueCollector(KNOWN_FIELDS.document);
  // A map over the limits is refused before its parts are read: their checks would take seconds.
  checkSizes(raw, issues);
  if (issues.count > 0) return { ok: false, ...issues.report() };
  const calendar = documentCalendar(raw);
  const parsed = documentSchema(calendar).safeParse(raw, { reportInput: true });
  if (parsed.success) {
    checkRelations(parsed.data, issues);
    return issues.count === 0
      ? { ok: true, document: parsed.data as ValidDocument }
      : { ok: false, ...issues.report() };
  }
  // The schema failed somewhere; the relations between the parts are still checked, so that one
  // round of fixes is enough.
  issues.addZodIssues(parsed.error.issues);
  checkRelations(relationsOf(raw), issues);
  return { ok: false, ...issues.report() };
}

/** More fields than this in one object is no typo: the object is refused without naming each. */
const MAX_FIELDS = 50;

const count = (n: number) => n.toLocaleString('en-US');

/** The number of parts of each kind and the number of fields of each object, within their limits. */
function checkSizes(raw: unknown, issues: IssueCollector): void {
  if (!isRecord(raw)) return;
  checkFieldCount(raw, [], KNOWN_FIELDS.document, issues);
  if (isRecord(raw['calendar'])) checkFieldCount(raw['calendar'], ['calendar'], KNOWN_FIELDS.calendar, issues);
  for (const [section, { most, noun }] of Object.entries(MAP_LIMITS)) {
    const parts = raw[section];
    if (!Array.isArray(parts)) continue;
    if (parts.length > most) {
      issues.add([section], `has ${count(parts.length)} ${noun}s; a map has at most ${count(most)}`);
      continue;
    }
    parts.forEach((part: unknown, i) => {
      if (!isRecord(part)) return;
      checkFieldCount(part, [section, i], KNOWN_FIELDS[section as keyof typeof MAP_LIMITS], issues);
      const position = part['position'];
      if (section === 'steps' && isRecord(position)) {
        checkFieldCount(position, [section, i, 'position'], KNOWN_FIELDS.position, issues);
      }
    });
  }
}

function checkFieldCount(
  object: Record<string, unknown>,
  path: readonly PropertyKey[],
  known: readonly string[],
  issues: IssueCollector,
): void {
  const fields = Object.keys(object).length;
  if (fields > MAX_FIELDS) issues.add(path, `has ${count(fields)} fields; the known ones are ${known.join(', ')}`);
}

function documentCalendar(raw: unknown): Calendar {
  const parsed = calendarSchema.safeParse(isRecord(raw) ? (raw['calendar'] ?? {}) : {});
  return parsed.success ? parsed.data : DEFAULT_CALENDAR;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields that tie a document's parts together, with a hole where a part lacks its id. A valid
 * document is one; {@link relationsOf} reads them from a document that failed its schema.
 */
interface Relations {
  teams: readonly ({ id: string } | undefined)[];
  steps: readonly ({ id: string; team?: string | undefined } | undefined)[];
  handoffs: readonly ({ from: string; to: string; rework?: unknown } | undefined)[];
  ideas: readonly (
    | {
        id: string;
        step?: string | undefined;
        votesBy?: Readonly<Record<string, unknown>> | undefined;
        owner?: string | undefined;
      }
    | undefined
  )[];
  participants: readonly ({ id: string } | undefined)[];
}

function relationsOf(raw: unknown): Relations {
  const list = (key: keyof Relations): Record<string, unknown>[] => {
    const value = isRecord(raw) ? raw[key] : undefined;
    return Array.isArray(value) ? value.map((part) => (isRecord(part) ? part : {})) : [];
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const identified = <T>(id: unknown, part: (id: string) => T) => (typeof id === 'string' ? part(id) : undefined);
  return {
    teams: list('teams').map((team) => identified(team['id'], (id) => ({ id }))),
    steps: list('steps').map((step) => identified(step['id'], (id) => ({ id, team: text(step['team']) }))),
    handoffs: list('handoffs').map((handoff) => {
      const [from, to] = [text(handoff['from']), text(handoff['to'])];
      return from === undefined || to === undefined ? undefined : { from, to, rework: handoff['rework'] };
    }),
    ideas: list('ideas').map((idea) =>
      identified(idea['id'], (id) => ({
        id,
        step: text(idea['step']),
        votesBy: isRecord(idea['votesBy']) ? idea['votesBy'] : undefined,
        owner: text(idea['owner']),
      })),
    ),
    participants: list('participants').map((participant) => identified(participant['id'], (id) => ({ id }))),
  };
}

function checkRelations(parts: Relations, issues: IssueCollector): void {
  const stepIdList = parts.steps.flatMap((step) => (step ? [step.id] : []));
  const teamIdList = parts.teams.flatMap((team) => (team ? [team.id] : []));
  const stepIds = new Set(stepIdList);
  const teamIds = new Set(teamIdList);

  checkUniqueIds('teams', 'team', parts.teams, issues);
  checkUniqueIds('steps', 'step', parts.steps, issues);
  checkUniqueIds('ideas', 'idea', parts.ideas, issues);
  checkUniqueIds('participants', 'participant', parts.participants, issues);
  const participantIdList = parts.participants.flatMap((participant) => (participant ? [participant.id] : []));
  const participantIds = new Set(participantIdList);

  parts.steps.forEach((step, i) => {
    if (step?.team !== undefined && !teamIds.has(step.team)) {
      issues.add(['steps', i, 'team'], () => unknownReference('team', step.team!, teamIdList));
    }
  });

  const seenPairs = new Map<string, number>();
  parts.handoffs.forEach((handoff, i) => {
    if (!handoff) return;
    for (const end of ['from', 'to'] as const) {
      if (!stepIds.has(handoff[end])) {
        issues.add(['handoffs', i, end], () => unknownReference('step', handoff[end], stepIdList));
      }
    }
    const pair = JSON.stringify([handoff.from, handoff.to]);
    const first = seenPairs.get(pair);
    if (first === undefined) seenPairs.set(pair, i);
    else {
      issues.add(
        ['handoffs', i],
        `repeats handoffs[${first}] (${handoff.from} → ${handoff.to}); two steps have at most one handoff between them`,
      );
    }
  });

  const validSteps = parts.steps.filter((step) => step !== undefined);
  const graph = buildForwardGraph(
    validSteps.map((step) => step.id),
    parts.handoffs,
  );
  for (const cycle of findCycles(graph)) {
    const names = cycle.map((edge) => validSteps[graph.edgeFrom[edge]!]!.id);
    const closing = graph.edgeHandoff[cycle[cycle.length - 1]!]!;
    issues.add(['handoffs', closing], () =>
      cycle.length === 1
        ? `goes from "${names[0]}" to itself; a handoff back is a rework loop: give it "rework" (a probability)`
        : `forward handoffs form a cycle: ${cycleText(names)}; make the handoff that goes back a rework loop by giving it "rework" (a probability)`,
    );
  }

  parts.handoffs.forEach((handoff, i) => {
    if (handoff?.rework === undefined) return;
    const source = graph.indexOf.get(handoff.from);
    const target = graph.indexOf.get(handoff.to);
    if (source === undefined || target === undefined) return;
    if (!reaches(graph, target, source)) {
      issues.add(
        ['handoffs', i],
        `is a rework loop that does not go back: "${handoff.to}" does not come before "${handoff.from}" on any forward path`,
      );
    }
  });

  parts.ideas.forEach((idea, i) => {
    if (idea?.step !== undefined && !stepIds.has(idea.step)) {
      issues.add(['ideas', i, 'step'], () => unknownReference('step', idea.step!, stepIdList));
    }
    for (const voter of Object.keys(idea?.votesBy ?? {})) {
      if (!participantIds.has(voter)) {
        issues.add(['ideas', i, 'votesBy', voter], () => unknownReference('participant', voter, participantIdList));
      }
    }
    if (idea?.owner !== undefined && !participantIds.has(idea.owner)) {
      issues.add(['ideas', i, 'owner'], () => unknownReference('participant', idea.owner!, participantIdList));
    }
  });
}

/** `a → b → c → a`; a long cycle shows its start: `a → b → … (95 more) → a`. */
function cycleText(names: readonly string[]): string {
  const shown =
    names.length > MAX_CYCLE_SHOWN
      ? [...names.slice(0, MAX_CYCLE_SHOWN - 1), `… (${names.length - MAX_CYCLE_SHOWN + 1} more)`]
      : names;
  return [...shown, names[0]].join(' → ');
}

const MAX_CYCLE_SHOWN = 10;

function checkUniqueIds(
  section: keyof Relations,
  noun: string,
  parts: readonly ({ id: string } | undefined)[],
  issues: IssueCollector,
): void {
  const firstIndex = new Map<string, number>();
  parts.forEach((part, i) => {
    if (!part) return;
    const first = firstIndex.get(part.id);
    if (first === undefined) firstIndex.set(part.id, i);
    else {
      issues.add(
        [section, i, 'id'],
        `"${part.id}" is already the id of ${section}[${first}]; ${noun} ids must be unique`,
      );
    }
  });
}

function unknownReference(noun: 'step' | 'team' | 'participant', id: string, known: readonly string[]): string {
  if (known.length === 0) return `no ${noun} has the id "${id}" (the map has no ${noun}s)`;
  return `no ${noun} has the id "${id}"${suggestion(id, known)}`;
}
