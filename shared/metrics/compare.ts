/**
 * Before/after comparison of two maps (spec section 4): which steps and handoffs were added, removed
 * or changed, how every metric moved, and which walls of confusion fell, rose or remain.
 */
import type { Handoff, Step, Team, VsmDocument } from '../model/schema';
import { computeMetrics, type FlowMetrics, type TeamPair } from './flow';

/** The metrics of spec section 2 that are numbers, in the order reports show them. */
export const COMPARED_METRICS = [
  'leadTime',
  'processTime',
  'waitTime',
  'flowEfficiency',
  'totalWorkTime',
  'rolledCompleteAccurate',
  'reworkAdjustedLeadTime',
  'handoffs',
  'crossTeamHandoffs',
] as const satisfies readonly (keyof FlowMetrics)[];

export type ComparedMetric = (typeof COMPARED_METRICS)[number];

export interface MetricDelta {
  before: number | null;
  after: number | null;
  /** after - before; null when either side is null. */
  delta: number | null;
}

export type StepField =
  'id' | 'name' | 'team' | 'processTime' | 'leadTime' | 'percentCompleteAccurate' | 'people' | 'notes';

export interface FieldChange {
  field: StepField;
  before: string | number | null;
  after: string | number | null;
}

export interface StepRef {
  id: string;
  name: string;
}

export interface ChangedStep {
  /** The step as it is after. */
  id: string;
  name: string;
  changes: FieldChange[];
}

export type HandoffField = 'waitTime' | 'queue' | 'rework';

/** Minutes for the wait, a count for the queue, a probability for rework; null when the handoff has none. */
export interface HandoffChange {
  field: HandoffField;
  before: number | null;
  after: number | null;
}

/** A handoff on one side: that side's step ids and names. */
export interface HandoffRef {
  from: string;
  to: string;
  fromName: string;
  toName: string;
  rework: boolean;
}

export interface ChangedHandoff {
  before: HandoffRef;
  after: HandoffRef;
  changes: HandoffChange[];
}

/** A team pair's walls on one side; team ids are that side's, names for people. */
export interface WallPair extends TeamPair {
  fromTeamName: string;
  toTeamName: string;
}

export interface Comparison {
  before: { name: string; state: VsmDocument['state']; metrics: FlowMetrics };
  after: { name: string; state: VsmDocument['state']; metrics: FlowMetrics };
  metrics: Record<ComparedMetric, MetricDelta>;
  /** after / before - 1 for the lead time; null when before is 0. */
  leadTimeChange: number | null;
  steps: { added: StepRef[]; removed: StepRef[]; changed: ChangedStep[] };
  /** Handoffs matched through their steps' matching: before A → B is after A' → B' when A is A' and B is B'. */
  handoffs: { added: HandoffRef[]; removed: HandoffRef[]; changed: ChangedHandoff[] };
  walls: { removed: WallPair[]; added: WallPair[]; remaining: { before: WallPair; after: WallPair }[] };
}

/** Compares two valid documents. */
export function compareMaps(before: VsmDocument, after: VsmDocument): Comparison {
  const beforeMetrics = computeMetrics(before);
  const afterMetrics = computeMetrics(after);
  const metrics = Object.fromEntries(
    COMPARED_METRICS.map((name) => {
      const [b, a] = [beforeMetrics[name], afterMetrics[name]];
      return [name, { before: b, after: a, delta: a === null || b === null ? null : a - b }];
    }),
  ) as Record<ComparedMetric, MetricDelta>;

  const teams = matchByIdThenName(before.teams, after.teams);
  const steps = matchByIdThenName(before.steps, after.steps);
  const handoffs = matchHandoffs(before, after, steps.pairs);
  return {
    before: { name: before.name, state: before.state, metrics: beforeMetrics },
    after: { name: after.name, state: after.state, metrics: afterMetrics },
    metrics,
    leadTimeChange: beforeMetrics.leadTime > 0 ? afterMetrics.leadTime / beforeMetrics.leadTime - 1 : null,
    steps: compareSteps(before, after, steps),
    handoffs: compareHandoffs(before, after, handoffs),
    walls: compareWalls(before, after, beforeMetrics, afterMetrics, teams.pairs),
  };
}

export interface Matching<T> {
  pairs: [T, T][];
  removed: T[];
  added: T[];
}

/** The id of the step of `after` that a comparison pairs with the step `stepId` of `before` (by id, then by name), if any. */
export function matchingStep(before: VsmDocument, after: VsmDocument, stepId: string): string | undefined {
  return matchByIdThenName(before.steps, after.steps).pairs.find(([one]) => one.id === stepId)?.[1].id;
}

/** Matches by id, then the rest by name (case and surrounding space ignored), in document order. */
function matchByIdThenName<T extends { id: string; name: string }>(
  before: readonly T[],
  after: readonly T[],
): Matching<T> {
  const afterById = new Map(after.map((item) => [item.id, item]));
  const pairs: [T, T][] = [];
  const matchedAfter = new Set<T>();
  const unmatchedBefore: T[] = [];
  for (const item of before) {
    const other = afterById.get(item.id);
    if (other) {
      pairs.push([item, other]);
      matchedAfter.add(other);
    } else unmatchedBefore.push(item);
  }
  const key = (item: T) => item.name.trim().toLowerCase();
  const afterByName = new Map<string, T>();
  for (const item of after) {
    if (!matchedAfter.has(item) && !afterByName.has(key(item))) afterByName.set(key(item), item);
  }
  const removed: T[] = [];
  for (const item of unmatchedBefore) {
    const other = afterByName.get(key(item));
    if (other) {
      pairs.push([item, other]);
      matchedAfter.add(other);
      afterByName.delete(key(item));
    } else removed.push(item);
  }
  return { pairs, removed, added: after.filter((item) => !matchedAfter.has(item)) };
}

const ref = ({ id, name }: StepRef): StepRef => ({ id, name });

function compareSteps(before: VsmDocument, after: VsmDocument, steps: Matching<Step>): Comparison['steps'] {
  const teamName = (document: VsmDocument, step: Step) =>
    step.team === undefined ? null : (document.teams.find((team) => team.id === step.team)?.name ?? step.team);
  const fields: [StepField, (document: VsmDocument, step: Step) => string | number | null][] = [
    ['id', (_, step) => step.id],
    ['name', (_, step) => step.name],
    ['team', teamName],
    ['processTime', (_, step) => step.processTime],
    ['leadTime', (_, step) => step.leadTime],
    ['percentCompleteAccurate', (_, step) => step.percentCompleteAccurate],
    ['people', (_, step) => step.people ?? null],
    ['notes', (_, step) => step.notes ?? null],
  ];
  const changed = steps.pairs.flatMap(([b, a]): ChangedStep[] => {
    const changes = fields.flatMap(([field, read]): FieldChange[] => {
      const [valueBefore, valueAfter] = [read(before, b), read(after, a)];
      return valueBefore === valueAfter ? [] : [{ field, before: valueBefore, after: valueAfter }];
    });
    return changes.length === 0 ? [] : [{ id: a.id, name: a.name, changes }];
  });
  return { added: steps.added.map(ref), removed: steps.removed.map(ref), changed };
}

/** Pairs each handoff before with the handoff after between the steps its steps became (one handoff per pair of steps). */
export function matchHandoffs(
  before: VsmDocument,
  after: VsmDocument,
  stepPairs: readonly [Step, Step][] = matchByIdThenName(before.steps, after.steps).pairs,
): Matching<Handoff> {
  const afterIdOf = new Map(stepPairs.map(([b, a]) => [b.id, a.id]));
  const afterByPair = new Map(after.handoffs.map((handoff) => [handoffKey(handoff.from, handoff.to), handoff]));
  const pairs: [Handoff, Handoff][] = [];
  const removed: Handoff[] = [];
  for (const handoff of before.handoffs) {
    const [from, to] = [afterIdOf.get(handoff.from), afterIdOf.get(handoff.to)];
    const other = from === undefined || to === undefined ? undefined : afterByPair.get(handoffKey(from, to));
    if (other) {
      pairs.push([handoff, other]);
      afterByPair.delete(handoffKey(other.from, other.to));
    } else removed.push(handoff);
  }
  const matched = new Set(pairs.map(([, a]) => a));
  return { pairs, removed, added: after.handoffs.filter((handoff) => !matched.has(handoff)) };
}

/**
 * How one side names a handoff between two of its steps: its steps' ids as a JSON pair,
 * `["from","to"]`. Ids are any text, so no separator would do: with `from>to`, "a>b" → "c" and
 * "a" → "b>c" would be one handoff.
 */
export function handoffKey(from: string, to: string): string {
  return JSON.stringify([from, to]);
}

function handoffRef(document: VsmDocument, handoff: Handoff): HandoffRef {
  const name = (id: string) => document.steps.find((step) => step.id === id)?.name ?? id;
  const { from, to } = handoff;
  return { from, to, fromName: name(from), toName: name(to), rework: handoff.rework !== undefined };
}

function compareHandoffs(before: VsmDocument, after: VsmDocument, handoffs: Matching<Handoff>): Comparison['handoffs'] {
  const fields: [HandoffField, (handoff: Handoff) => number | null][] = [
    ['waitTime', (handoff) => handoff.waitTime],
    ['queue', (handoff) => handoff.queue ?? null],
    ['rework', (handoff) => handoff.rework ?? null],
  ];
  const changed = handoffs.pairs.flatMap(([b, a]): ChangedHandoff[] => {
    const changes = fields.flatMap(([field, read]): HandoffChange[] =>
      read(b) === read(a) ? [] : [{ field, before: read(b), after: read(a) }],
    );
    return changes.length === 0 ? [] : [{ before: handoffRef(before, b), after: handoffRef(after, a), changes }];
  });
  return {
    added: handoffs.added.map((handoff) => handoffRef(after, handoff)),
    removed: handoffs.removed.map((handoff) => handoffRef(before, handoff)),
    changed,
  };
}

function compareWalls(
  before: VsmDocument,
  after: VsmDocument,
  beforeMetrics: FlowMetrics,
  afterMetrics: FlowMetrics,
  teamPairs: readonly [Team, Team][],
): Comparison['walls'] {
  // Teams that match are the same team on both sides: key the after side's pairs by the before ids.
  const beforeIdOf = new Map(teamPairs.map(([b, a]) => [a.id, b.id]));
  const named = (document: VsmDocument, pair: TeamPair): WallPair => {
    const name = (id: string) => document.teams.find((team) => team.id === id)?.name ?? id;
    return { ...pair, fromTeamName: name(pair.fromTeam), toTeamName: name(pair.toTeam) };
  };
  const key = (from: string, to: string) => JSON.stringify([from, to]);
  const afterPairs = new Map(
    afterMetrics.teamPairs.map((pair) => [
      key(
        beforeIdOf.get(pair.fromTeam) ?? `after:${pair.fromTeam}`,
        beforeIdOf.get(pair.toTeam) ?? `after:${pair.toTeam}`,
      ),
      pair,
    ]),
  );
  const removed: WallPair[] = [];
  const remaining: { before: WallPair; after: WallPair }[] = [];
  const kept = new Set<TeamPair>();
  for (const pair of beforeMetrics.teamPairs) {
    const other = afterPairs.get(key(pair.fromTeam, pair.toTeam));
    if (other) {
      remaining.push({ before: named(before, pair), after: named(after, other) });
      kept.add(other);
    } else removed.push(named(before, pair));
  }
  const added = afterMetrics.teamPairs.filter((pair) => !kept.has(pair)).map((pair) => named(after, pair));
  return { removed, added, remaining };
}
