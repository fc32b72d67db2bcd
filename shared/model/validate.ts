/**
 * Validation of a `vsm/1` document: the schema (types, ranges, durations, unknown keys) and the
 * rules across objects (unique ids, references, forward handoffs without cycles, rework loops that
 * go back). Every problem is reported at once, each with its field path.
 */
import { buildForwardGraph, findCycles, reaches } from './graph';
import { fromZodIssues, type Issue, suggestion } from './issues';
import { calendarSchema, documentSchema, KNOWN_FIELDS, type VsmDocument } from './schema';
import { type Calendar, DEFAULT_CALENDAR } from './duration';

/** The mark of a document that passed {@link validateDocument}; a spread copy (an edit) loses it. */
declare class Validated {
  private readonly validated: true;
}

/** A document {@link validateDocument} found valid: the only function that makes one. */
export type ValidDocument = VsmDocument & Validated;

export type ValidationResult = { ok: true; document: ValidDocument } | { ok: false; issues: Issue[] };

/** Checks a parsed JSON/YAML value and returns the typed document (durations in minutes) or every issue. */
export function validateDocument(raw: unknown): ValidationResult {
  const calendar = documentCalendar(raw);
  const parsed = documentSchema(calendar).safeParse(raw, { reportInput: true });
  if (parsed.success) {
    const issues = checkRelations(parsed.data);
    return issues.length === 0
      ? { ok: true, document: parsed.data as ValidDocument }
      : { ok: false, issues: sortIssues(issues) };
  }
  // The schema failed somewhere; the relations between the parts are still checked, so that one
  // round of fixes is enough.
  const issues = [...fromZodIssues(parsed.error.issues), ...checkRelations(relationsOf(raw))];
  return { ok: false, issues: sortIssues(issues) };
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
  ideas: readonly ({ id: string; step?: string | undefined } | undefined)[];
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
    ideas: list('ideas').map((idea) => identified(idea['id'], (id) => ({ id, step: text(idea['step']) }))),
  };
}

function checkRelations(parts: Relations): Issue[] {
  const issues: Issue[] = [];
  const stepIdList = parts.steps.flatMap((step) => (step ? [step.id] : []));
  const teamIdList = parts.teams.flatMap((team) => (team ? [team.id] : []));
  const stepIds = new Set(stepIdList);
  const teamIds = new Set(teamIdList);

  checkUniqueIds('teams', 'team', parts.teams, issues);
  checkUniqueIds('steps', 'step', parts.steps, issues);
  checkUniqueIds('ideas', 'idea', parts.ideas, issues);

  parts.steps.forEach((step, i) => {
    if (step?.team !== undefined && !teamIds.has(step.team)) {
      issues.push({ path: `steps[${i}].team`, message: unknownReference('team', step.team, teamIdList) });
    }
  });

  const seenPairs = new Map<string, number>();
  parts.handoffs.forEach((handoff, i) => {
    if (!handoff) return;
    for (const end of ['from', 'to'] as const) {
      if (!stepIds.has(handoff[end])) {
        issues.push({ path: `handoffs[${i}].${end}`, message: unknownReference('step', handoff[end], stepIdList) });
      }
    }
    const pair = JSON.stringify([handoff.from, handoff.to]);
    const first = seenPairs.get(pair);
    if (first === undefined) seenPairs.set(pair, i);
    else {
      issues.push({
        path: `handoffs[${i}]`,
        message: `repeats handoffs[${first}] (${handoff.from} → ${handoff.to}); two steps have at most one handoff between them`,
      });
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
    issues.push({
      path: `handoffs[${closing}]`,
      message:
        cycle.length === 1
          ? `goes from "${names[0]}" to itself; a handoff back is a rework loop: give it "rework" (a probability)`
          : `forward handoffs form a cycle: ${[...names, names[0]].join(' → ')}; make the handoff that goes back a rework loop by giving it "rework" (a probability)`,
    });
  }

  parts.handoffs.forEach((handoff, i) => {
    if (handoff?.rework === undefined) return;
    const source = graph.indexOf.get(handoff.from);
    const target = graph.indexOf.get(handoff.to);
    if (source === undefined || target === undefined) return;
    if (!reaches(graph, target, source)) {
      issues.push({
        path: `handoffs[${i}]`,
        message: `is a rework loop that does not go back: "${handoff.to}" does not come before "${handoff.from}" on any forward path`,
      });
    }
  });

  parts.ideas.forEach((idea, i) => {
    if (idea?.step !== undefined && !stepIds.has(idea.step)) {
      issues.push({ path: `ideas[${i}].step`, message: unknownReference('step', idea.step, stepIdList) });
    }
  });
  return issues;
}

function checkUniqueIds(
  section: keyof Relations,
  noun: string,
  parts: readonly ({ id: string } | undefined)[],
  issues: Issue[],
): void {
  const firstIndex = new Map<string, number>();
  parts.forEach((part, i) => {
    if (!part) return;
    const first = firstIndex.get(part.id);
    if (first === undefined) firstIndex.set(part.id, i);
    else {
      issues.push({
        path: `${section}[${i}].id`,
        message: `"${part.id}" is already the id of ${section}[${first}]; ${noun} ids must be unique`,
      });
    }
  });
}

function unknownReference(noun: 'step' | 'team', id: string, known: readonly string[]): string {
  if (known.length === 0) return `no ${noun} has the id "${id}" (the map has no ${noun}s)`;
  return `no ${noun} has the id "${id}"${suggestion(id, known)}`;
}

/** Orders issues as the document is read: by section, then by index, then as found. */
function sortIssues(issues: Issue[]): Issue[] {
  const sections: readonly string[] = KNOWN_FIELDS.document;
  const key = (issue: Issue): [number, number] => {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(issue.path);
    const section = match ? sections.indexOf(match[1]!) : -1;
    return [section === -1 ? sections.length : section, match?.[2] === undefined ? -1 : Number(match[2])];
  };
  const seen = new Set<string>();
  return issues
    .filter((issue) => {
      const id = `${issue.path}\n${issue.message}`;
      return !seen.has(id) && Boolean(seen.add(id));
    })
    .map((issue, order) => ({ issue, order, key: key(issue) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.order - b.order)
    .map(({ issue }) => issue);
}
