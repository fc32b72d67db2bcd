/**
 * The workshop's agenda (issue 13): the stages a value stream workshop goes through, in the order
 * of DORA's value stream mapping guide and Martin & Osterling's "Value Stream Mapping" — scope,
 * steps, times, %C&A, walls, ideas, vote, future state, compare, plan. Each stage has the prompt the
 * facilitator reads to the room, a default timebox, what it concerns on the canvas and what the map
 * still lacks for it, in words. Pure: the editor and presentation mode draw it, nothing here
 * touches the DOM.
 *
 * A map's document cannot tell a field left out from one given its default (a lead time defaults
 * to the process time, %C&A to 100, a wait to 0): a field at its default counts as not given yet,
 * which is what it is on a map being drawn in the room.
 */
import { dotsSpent } from '../model/commands';
import { handoffKey } from '../metrics/compare';
import type { FlowMetrics } from '../metrics/flow';
import { fieldWords } from '../model/field-words';
import type { Handoff, MapState, Step, VsmDocument } from '../model/schema';
import { visibleText } from '../model/visible-text';

export const STAGE_IDS = [
  'scope',
  'steps',
  'times',
  'quality',
  'walls',
  'ideas',
  'vote',
  'future',
  'compare',
  'plan',
] as const;
export type StageId = (typeof STAGE_IDS)[number];

/** What a stage looks at: the map, its metrics, and the states of its stream's maps (null: not known yet). */
export interface StageContext {
  document: VsmDocument;
  metrics: FlowMetrics;
  streamStates: readonly MapState[] | null;
}

/** What a stage concerns on the canvas: steps and handoffs (by `from`/`to`) to highlight. */
export interface Concerns {
  steps: string[];
  handoffs: { from: string; to: string }[];
}

/** One thing the map still lacks for a stage, and the steps or handoffs it names (empty: nothing on the canvas). */
export interface MissingItem {
  text: string;
  concerns: Concerns;
}

export interface Stage {
  id: StageId;
  title: string;
  /** What the facilitator asks the room. */
  prompt: string;
  /** The default timebox. */
  minutes: number;
  concerns: (context: StageContext) => Concerns;
  missing: (context: StageContext) => MissingItem[];
}

/** The most names a missing item lists; the rest are counted ("and 4 more"). */
const MOST_NAMES = 5;

/** `Build, Test, Deploy`, or `A, B, C, D, E and 3 more`. */
export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, MOST_NAMES).map(visibleText).join(', ');
  return names.length > MOST_NAMES ? `${shown} and ${names.length - MOST_NAMES} more` : shown;
}

/** `1 step`, `3 steps`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const has = (n: number, singular: string, plural: string) => (n === 1 ? singular : plural);

const NOTHING: Concerns = { steps: [], handoffs: [] };
const ofSteps = (steps: readonly Step[]): Concerns => ({ steps: steps.map((step) => step.id), handoffs: [] });
const ofHandoffs = (handoffs: readonly { from: string; to: string }[]): Concerns => ({
  steps: [],
  handoffs: handoffs.map(({ from, to }) => ({ from, to })),
});

/** Everything a stage's missing items name, each step and handoff once. */
function concernsOf(items: readonly MissingItem[]): Concerns {
  const stepIds = new Set(items.flatMap((item) => item.concerns.steps));
  const handoffs = new Map(items.flatMap((item) => item.concerns.handoffs).map((h) => [handoffKey(h.from, h.to), h]));
  return { steps: [...stepIds], handoffs: [...handoffs.values()] };
}

/** "3 steps have no team: A, B, C", naming the steps on the canvas. */
function stepsItem(steps: readonly Step[], what: (n: number) => string): MissingItem[] {
  if (steps.length === 0) return [];
  return [
    {
      text: `${count(steps.length, 'step')} ${what(steps.length)}: ${nameList(steps.map((s) => s.name))}`,
      concerns: ofSteps(steps),
    },
  ];
}

/** "Build → Test" for each handoff, by its steps' names. */
function handoffNames(document: VsmDocument, handoffs: readonly { from: string; to: string }[]): string[] {
  const names = new Map(document.steps.map((step) => [step.id, step.name]));
  return handoffs.map(({ from, to }) => `${names.get(from) ?? from} → ${names.get(to) ?? to}`);
}

/** The forward handoffs (rework loops go back; their wait is optional). */
function forwardHandoffs(document: VsmDocument): Handoff[] {
  return document.handoffs.filter((handoff) => handoff.rework === undefined);
}

function noSteps({ document }: StageContext): MissingItem[] {
  return document.steps.length === 0 ? [{ text: 'The map has no steps yet', concerns: NOTHING }] : [];
}

/** The steps no forward handoff comes into (first) or goes out of (last). */
function ends(document: VsmDocument): { first: Step[]; last: Step[] } {
  const forward = forwardHandoffs(document);
  const into = new Set(forward.map((handoff) => handoff.to));
  const outOf = new Set(forward.map((handoff) => handoff.from));
  return {
    first: document.steps.filter((step) => !into.has(step.id)),
    last: document.steps.filter((step) => !outOf.has(step.id)),
  };
}

const withoutLeadTime = (document: VsmDocument) => document.steps.filter((step) => step.leadTime === step.processTime);
const withoutWait = (document: VsmDocument) => forwardHandoffs(document).filter((handoff) => handoff.waitTime === 0);
const unrated = (document: VsmDocument) => document.steps.filter((step) => step.percentCompleteAccurate === 100);
const withoutTeam = (document: VsmDocument) => document.steps.filter((step) => step.team === undefined);
const liveIdeas = (document: VsmDocument) => document.ideas.filter((idea) => idea.status !== 'dropped');

const scope: Stage = {
  id: 'scope',
  title: 'Outcome and scope',
  prompt:
    'What outcome do we want from this stream? What starts it (the trigger), who is its customer, and which are its first and last steps?',
  minutes: 10,
  concerns: ({ document }) => {
    const { first, last } = ends(document);
    return ofSteps([...new Set([...first, ...last])]);
  },
  missing: (context) => {
    const { document } = context;
    if (document.steps.length === 0) {
      return [{ text: 'The map has no steps yet: add its first and its last step', concerns: NOTHING }];
    }
    const { first, last } = ends(document);
    const items: MissingItem[] = [];
    if (document.steps.length > 1 && first.length > 1) {
      items.push({
        text: `The flow starts at ${count(first.length, 'step')}: ${nameList(first.map((s) => s.name))}; which is the trigger?`,
        concerns: ofSteps(first),
      });
    }
    if (document.steps.length > 1 && last.length > 1) {
      items.push({
        text: `The flow ends at ${count(last.length, 'step')}: ${nameList(last.map((s) => s.name))}; which one reaches the customer?`,
        concerns: ofSteps(last),
      });
    }
    if (document.teams.length === 0) items.push({ text: 'No team yet: who does the work?', concerns: NOTHING });
    return items;
  },
};

const steps: Stage = {
  id: 'steps',
  title: 'Steps',
  prompt:
    'Walk the work from the trigger to the customer, or backwards from delivery: what happens next, and who does it?',
  minutes: 20,
  concerns: (context) => concernsOf(steps.missing(context)),
  missing: (context) => {
    const { document } = context;
    if (document.steps.length === 0) return noSteps(context);
    const connected = new Set(document.handoffs.flatMap((handoff) => [handoff.from, handoff.to]));
    return [
      ...stepsItem(
        document.steps.filter((step) => step.name === 'New step'),
        (n) => has(n, 'is still called “New step”', 'are still called “New step”'),
      ),
      ...stepsItem(withoutTeam(document), (n) => has(n, 'has no team', 'have no team')),
      ...(document.steps.length > 1
        ? stepsItem(
            document.steps.filter((step) => !connected.has(step.id)),
            (n) => has(n, 'has no handoff', 'have no handoff'),
          )
        : []),
    ];
  },
};

const times: Stage = {
  id: 'times',
  title: 'Times',
  prompt:
    'For each step: how long is it worked on (process time), how long from arriving to leaving (lead time), and how long does work wait before it?',
  minutes: 20,
  concerns: ({ document }) => ({
    steps: withoutLeadTime(document).map((step) => step.id),
    handoffs: ofHandoffs(withoutWait(document)).handoffs,
  }),
  missing: (context) => {
    const { document } = context;
    if (document.steps.length === 0) return noSteps(context);
    const waitless = withoutWait(document);
    return [
      ...stepsItem(withoutLeadTime(document), (n) => `${has(n, 'has', 'have')} no ${fieldWords('leadTime')}`),
      ...(waitless.length > 0
        ? [
            {
              text: `${count(waitless.length, 'handoff')} ${has(waitless.length, 'has', 'have')} no wait: ${nameList(handoffNames(document, waitless))}`,
              concerns: ofHandoffs(waitless),
            },
          ]
        : []),
    ];
  },
};

const quality: Stage = {
  id: 'quality',
  title: fieldWords('percentCompleteAccurate'),
  prompt:
    'For each step: how often does the work it receives arrive complete and accurate, usable without asking, fixing or waiting for more?',
  minutes: 10,
  concerns: ({ document }) => ofSteps(unrated(document)),
  missing: (context) => {
    const { document } = context;
    if (document.steps.length === 0) return noSteps(context);
    const left = unrated(document);
    const words = fieldWords('percentCompleteAccurate');
    if (left.length === document.steps.length) {
      return [{ text: `No step has a ${words} yet`, concerns: ofSteps(left) }];
    }
    return stepsItem(left, (n) => `${has(n, 'still has', 'still have')} the default ${words}`);
  },
};

const walls: Stage = {
  id: 'walls',
  title: 'Walls of confusion',
  prompt:
    'Where does work cross from one team to another? What is lost or waited for at each crossing, and which one hurts most?',
  minutes: 10,
  concerns: ({ metrics }) => ofHandoffs(metrics.walls),
  missing: (context) => {
    const { document, metrics } = context;
    if (document.steps.length === 0) return noSteps(context);
    const items = stepsItem(withoutTeam(document), (n) => has(n, 'has no team', 'have no team'));
    if (metrics.walls.length === 0) {
      items.push({ text: 'No handoff crosses from one team to another yet', concerns: NOTHING });
    }
    return items;
  },
};

/** The walls of the map whose two steps have no idea yet. */
function wallsWithoutIdeas(document: VsmDocument, metrics: FlowMetrics) {
  const withIdeas = new Set(document.ideas.flatMap((idea) => (idea.step === undefined ? [] : [idea.step])));
  return metrics.walls.filter((wall) => !withIdeas.has(wall.from) && !withIdeas.has(wall.to));
}

const ideas: Stage = {
  id: 'ideas',
  title: 'Ideas',
  prompt:
    'What would remove a wait, a wall or rework? Write one idea per note, on the step it improves or on the whole stream.',
  minutes: 15,
  concerns: ({ document, metrics }) => ofHandoffs(wallsWithoutIdeas(document, metrics)),
  missing: ({ document, metrics }) => {
    const items: MissingItem[] = [];
    if (document.ideas.length === 0) items.push({ text: 'No idea yet', concerns: NOTHING });
    const bare = wallsWithoutIdeas(document, metrics);
    if (bare.length > 0) {
      items.push({
        text: `${count(bare.length, 'wall')} ${has(bare.length, 'has', 'have')} no idea: ${nameList(handoffNames(document, bare))}`,
        concerns: ofHandoffs(bare),
      });
    }
    return items;
  },
};

const vote: Stage = {
  id: 'vote',
  title: 'Vote',
  prompt: 'Each of you spends your dots on the ideas that would help the stream most. Which come first?',
  minutes: 10,
  concerns: ({ document }) => ({
    steps: [...new Set(document.ideas.flatMap((idea) => (idea.step === undefined ? [] : [idea.step])))],
    handoffs: [],
  }),
  missing: ({ document }) => {
    const items: MissingItem[] = [];
    if (document.ideas.length === 0) items.push({ text: 'No idea to vote on yet', concerns: NOTHING });
    if (document.participants.length === 0) items.push({ text: 'No participant yet', concerns: NOTHING });
    const waiting = document.participants.filter((participant) => dotsSpent(document, participant.id) === 0);
    if (document.ideas.length > 0 && waiting.length > 0) {
      items.push({
        text: `${count(waiting.length, 'participant')} ${has(waiting.length, 'has', 'have')} not voted: ${nameList(waiting.map((p) => p.name))}`,
        concerns: NOTHING,
      });
    }
    if (document.ideas.length > 0 && document.ideas.every((idea) => idea.votes === 0)) {
      items.push({ text: 'No idea has a vote yet', concerns: NOTHING });
    }
    return items;
  },
};

/** Whether the stream has a future state (this map, or another of its maps); null when its maps are not known. */
function hasFutureState({ document, streamStates }: StageContext): boolean | null {
  if (document.state === 'future') return true;
  return streamStates === null ? null : streamStates.includes('future');
}

const future: Stage = {
  id: 'future',
  title: 'Future state',
  prompt:
    'Draw the stream as it could be in a few months with the chosen ideas: which steps go, which merge, which waits shrink?',
  minutes: 30,
  concerns: () => NOTHING,
  missing: (context) =>
    hasFutureState(context) === false ? [{ text: 'The stream has no future state yet', concerns: NOTHING }] : [],
};

const compare: Stage = {
  id: 'compare',
  title: 'Compare',
  prompt:
    'Put the current and the future state side by side: how much shorter is the lead time, and which walls are gone?',
  minutes: 10,
  concerns: () => NOTHING,
  missing: (context) =>
    hasFutureState(context) === false
      ? [{ text: 'The stream has no future state to compare with yet', concerns: NOTHING }]
      : [],
};

const plan: Stage = {
  id: 'plan',
  title: 'Plan',
  prompt: 'For the ideas we chose: who owns each one, by when, and what effect do we expect?',
  minutes: 15,
  concerns: ({ document }) => ({
    steps: [...new Set(liveIdeas(document).flatMap((idea) => (idea.step === undefined ? [] : [idea.step])))],
    handoffs: [],
  }),
  missing: ({ document }) => {
    const live = liveIdeas(document);
    if (live.length === 0) return [{ text: 'No idea to plan yet', concerns: NOTHING }];
    const items: MissingItem[] = [];
    const ideasItem = (which: typeof live, what: string) => {
      if (which.length === 0) return;
      const steps = [...new Set(which.flatMap((idea) => (idea.step === undefined ? [] : [idea.step])))];
      items.push({
        text: `${count(which.length, 'idea')} ${has(which.length, 'has', 'have')} no ${what}: ${nameList(which.map((idea) => idea.text))}`,
        concerns: { steps, handoffs: [] },
      });
    };
    if (live.every((idea) => (idea.status ?? 'proposed') === 'proposed')) {
      items.push({ text: 'No idea is planned yet', concerns: NOTHING });
    }
    ideasItem(
      live.filter((idea) => idea.owner === undefined),
      'owner',
    );
    ideasItem(
      live.filter((idea) => idea.due === undefined),
      'due date',
    );
    ideasItem(
      live.filter((idea) => idea.effect === undefined),
      'expected effect',
    );
    return items;
  },
};

/** Every stage, in the agenda's default order. */
export const STAGES: readonly Stage[] = [scope, steps, times, quality, walls, ideas, vote, future, compare, plan];

export const STAGE_BY_ID = Object.fromEntries(STAGES.map((stage) => [stage.id, stage])) as Record<StageId, Stage>;

/** A room's agenda: its stages in the order it takes them, and those it leaves out. */
export interface AgendaPlan {
  order: readonly StageId[];
  skipped: readonly StageId[];
}

export const DEFAULT_PLAN: AgendaPlan = { order: STAGE_IDS, skipped: [] };

/**
 * An order that holds every stage once: the ids given (unknown ones and repeats dropped), and each
 * stage they leave out right after the stage it follows by default (the first one first).
 */
export function completeOrder(order: readonly string[]): StageId[] {
  const known = new Set<string>(STAGE_IDS);
  const kept = [...new Set(order.filter((id): id is StageId => known.has(id)))];
  STAGE_IDS.forEach((id, index) => {
    if (kept.includes(id)) return;
    kept.splice(index === 0 ? 0 : kept.indexOf(STAGE_IDS[index - 1]!) + 1, 0, id);
  });
  return kept;
}

/** The order with a stage moved one place earlier (-1) or later (+1); at an end it stays. */
export function moveStage(order: readonly StageId[], id: StageId, by: -1 | 1): StageId[] {
  const moved = [...order];
  const from = moved.indexOf(id);
  const to = from + by;
  if (from === -1 || to < 0 || to >= moved.length) return moved;
  [moved[from], moved[to]] = [moved[to]!, moved[from]!];
  return moved;
}

/** The stages the room goes through: the order without the skipped ones. */
export function runningOrder(plan: AgendaPlan): StageId[] {
  return plan.order.filter((id) => !plan.skipped.includes(id));
}

/**
 * The stage after (+1) or before (-1) `current` that is not skipped; `current` itself at an end.
 * From a skipped stage it goes to the next (or previous) one not skipped in the order.
 */
export function stepStage(plan: AgendaPlan, current: StageId, by: -1 | 1): StageId {
  const at = plan.order.indexOf(current);
  for (let index = at + by; index >= 0 && index < plan.order.length; index += by) {
    const id = plan.order[index]!;
    if (!plan.skipped.includes(id)) return id;
  }
  return current;
}

/** The stage to start on: the first not skipped (the first of all when every one is). */
export function firstStage(plan: AgendaPlan): StageId {
  return runningOrder(plan)[0] ?? plan.order[0] ?? STAGE_IDS[0];
}

/** "Stage 3 of 8" as the room counts: among the stages not skipped (null for a skipped one). */
export function stagePosition(plan: AgendaPlan, current: StageId): { number: number; of: number } | null {
  const running = runningOrder(plan);
  const index = running.indexOf(current);
  return index === -1 ? null : { number: index + 1, of: running.length };
}
