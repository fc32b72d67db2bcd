/** The workshop's agenda (shared/workshop/agenda.ts): each stage's missing list, its concerns, and the order rules. */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../shared/metrics/flow';
import { fieldWords } from '../../shared/model/field-words';
import type { MapState, VsmDocument } from '../../shared/model/schema';
import {
  completeOrder,
  DEFAULT_PLAN,
  firstStage,
  moveStage,
  nameList,
  runningOrder,
  STAGE_BY_ID,
  STAGE_IDS,
  STAGES,
  type StageId,
  stagePosition,
  stepStage,
} from '../../shared/workshop/agenda';
import { LONGEST_MS, MINUTE_MS } from '../../shared/workshop/timer';
import { examplePath, map, readJson, valid } from './helpers';

const example = (name: string) => valid(readJson(examplePath(name)));

function missing(stage: StageId, document: VsmDocument, streamStates: readonly MapState[] | null = null) {
  return STAGE_BY_ID[stage]
    .missing({ document, metrics: computeMetrics(document), streamStates })
    .map((item) => item.text);
}

function concerns(stage: StageId, document: VsmDocument) {
  return STAGE_BY_ID[stage].concerns({ document, metrics: computeMetrics(document), streamStates: null });
}

/** Three steps in two teams, one after the other, without waits, lead times or %C&A. */
const bare = map(bareRaw());

describe('the agenda’s stages', () => {
  it('go in the workshop’s order, each with its own title, a prompt and a timebox', () => {
    expect(STAGES.map((stage) => stage.id)).toEqual([...STAGE_IDS]);
    for (const id of STAGE_IDS) expect(STAGE_BY_ID[id].id).toBe(id);
    // The list of all stages names its buttons by the titles ("Move Times up"): each is its own.
    const titles = STAGES.map((stage) => stage.title);
    expect(new Set(titles).size).toBe(STAGES.length);
    // %C&A is called what the inspector calls the field.
    expect(STAGE_BY_ID.quality.title).toBe(fieldWords('percentCompleteAccurate'));
    for (const stage of STAGES) {
      expect(stage.title.trim(), stage.id).toBe(stage.title);
      expect(stage.title, stage.id).not.toBe('');
      expect(stage.prompt.endsWith('?') || stage.prompt.endsWith('.'), stage.id).toBe(true);
      // A timebox a timer can run: whole minutes, at least one, at most its longest.
      expect(Number.isInteger(stage.minutes), stage.id).toBe(true);
      expect(stage.minutes, stage.id).toBeGreaterThan(0);
      expect(stage.minutes * MINUTE_MS, stage.id).toBeLessThanOrEqual(LONGEST_MS);
    }
  });

  it('say what an empty map misses', () => {
    const empty = map({});
    expect(missing('scope', empty)).toEqual(['The map has no steps yet: add its first and its last step']);
    for (const stage of ['steps', 'times', 'quality', 'walls'] as const) {
      expect(missing(stage, empty), stage).toEqual(['The map has no steps yet']);
    }
    expect(missing('ideas', empty)).toEqual(['No idea yet']);
    expect(missing('vote', empty)).toEqual(['No idea to vote on yet', 'No participant yet']);
    expect(missing('plan', empty)).toEqual(['No idea to plan yet']);
  });

  it('times: names the steps without a lead time and the handoffs without a wait', () => {
    expect(missing('times', bare)).toEqual([
      '3 steps have no lead time: Build, Test, Deploy',
      '2 handoffs have no wait: Build → Test, Test → Deploy',
    ]);
    expect(concerns('times', bare)).toEqual({
      steps: ['b', 't', 'd'],
      handoffs: [
        { from: 'b', to: 't' },
        { from: 't', to: 'd' },
      ],
    });
    const filled = map({
      ...bareRaw(),
      steps: bareRaw().steps.map((step, index) => (index === 0 ? { ...step, leadTime: '1d' } : step)),
      handoffs: [
        { from: 'b', to: 't', waitTime: '4h' },
        { from: 't', to: 'd' },
      ],
    });
    expect(missing('times', filled)).toEqual([
      '2 steps have no lead time: Test, Deploy',
      '1 handoff has no wait: Test → Deploy',
    ]);
  });

  it('times on the example: the one handoff without a wait, not the rework loop without one', () => {
    expect(missing('times', example('feature-delivery-current'))).toEqual([
      '1 handoff has no wait: Security review → Change advisory board',
    ]);
    expect(missing('times', example('clinic-visit'))).toEqual([
      '7 handoffs have no wait: Arrival and registration → Waiting room, Waiting room → Triage, Triage → Examination, Examination → Lab sample, Lab sample → Results review and 2 more',
    ]);
  });

  it('%C&A: none rated, then the ones still at the default', () => {
    expect(missing('quality', bare)).toEqual(['No step has a %C&A yet']);
    expect(missing('quality', example('clinic-visit'))).toEqual(['No step has a %C&A yet']);
    expect(missing('quality', example('feature-delivery-current'))).toEqual([
      '1 step still has the default %C&A: Capture idea',
    ]);
    expect(concerns('quality', example('feature-delivery-current')).steps).toEqual(['idea']);
  });

  it('scope: a flow with several first or last steps asks which is the trigger and which reaches the customer', () => {
    expect(missing('scope', bare)).toEqual([]);
    expect(concerns('scope', bare).steps).toEqual(['b', 'd']);
    const forked = map({ ...bareRaw(), handoffs: [{ from: 'b', to: 't' }] });
    expect(missing('scope', forked)).toEqual([
      'The flow starts at 2 steps: Build, Deploy; which is the trigger?',
      'The flow ends at 2 steps: Test, Deploy; which one reaches the customer?',
    ]);
    expect(missing('scope', example('feature-delivery-current'))).toEqual([]);
    expect(missing('scope', example('clinic-visit'))).toEqual(['No team yet: who does the work?']);
  });

  it('steps: the ones still unnamed, without a team, or without a handoff', () => {
    expect(missing('steps', bare)).toEqual([]);
    const drafted = map({
      steps: [
        { id: 'a', name: 'New step', processTime: '1h' },
        { id: 'b', name: 'Ship', processTime: '1h' },
      ],
    });
    expect(missing('steps', drafted)).toEqual([
      '1 step is still called “New step”: New step',
      '2 steps have no team: New step, Ship',
      '2 steps have no handoff: New step, Ship',
    ]);
    // What the items name, each once; a map without gaps highlights nothing.
    expect(concerns('steps', drafted)).toEqual({ steps: ['a', 'b'], handoffs: [] });
    expect(concerns('steps', bare)).toEqual({ steps: [], handoffs: [] });
    expect(missing('steps', example('clinic-visit'))).toEqual([
      '8 steps have no team: Arrival and registration, Waiting room, Triage, Examination, Lab sample and 3 more',
    ]);
  });

  it('walls: highlights the walls the metrics found; says when no handoff crosses teams', () => {
    const current = example('feature-delivery-current');
    expect(missing('walls', current)).toEqual([]);
    expect(concerns('walls', current).handoffs).toEqual(
      computeMetrics(current).walls.map(({ from, to }) => ({ from, to })),
    );
    expect(missing('walls', example('clinic-visit'))).toEqual([
      '8 steps have no team: Arrival and registration, Waiting room, Triage, Examination, Lab sample and 3 more',
      'No handoff crosses from one team to another yet',
    ]);
  });

  it('ideas: the walls that have no idea on either of their steps', () => {
    expect(missing('ideas', example('feature-delivery-current'))).toEqual([
      '1 wall has no idea: Write requirements → Develop feature',
    ]);
    expect(missing('ideas', bare)).toEqual(['No idea yet', '1 wall has no idea: Test → Deploy']);
  });

  it('vote: participants who have not voted, and ideas without a vote', () => {
    const room = map({
      ...bareRaw(),
      participants: [
        { id: 'ana', name: 'Ana Keller' },
        { id: 'ben', name: 'Ben Osei' },
      ],
      ideas: [{ id: 'i1', text: 'Automate the tests', step: 't' }],
    });
    expect(missing('vote', room)).toEqual([
      '2 participants have not voted: Ana Keller, Ben Osei',
      'No idea has a vote yet',
    ]);
    const voted = map({ ...room, ideas: [{ id: 'i1', text: 'Automate the tests', step: 't', votesBy: { ana: 2 } }] });
    expect(missing('vote', voted)).toEqual(['1 participant has not voted: Ben Osei']);
    expect(concerns('vote', voted).steps).toEqual(['t']);
    expect(missing('vote', example('feature-delivery-current'))).toEqual(['No participant yet']);
  });

  it('future state and compare: ask the stream’s maps, and say nothing until they are known', () => {
    expect(missing('future', bare, ['current'])).toEqual(['The stream has no future state yet']);
    expect(missing('compare', bare, ['current'])).toEqual(['The stream has no future state to compare with yet']);
    expect(missing('future', bare, ['current', 'future'])).toEqual([]);
    expect(missing('compare', bare, ['current', 'future'])).toEqual([]);
    expect(missing('future', bare, null)).toEqual([]);
    expect(missing('future', example('feature-delivery-future'), null)).toEqual([]);
    expect(missing('compare', example('feature-delivery-future'), null)).toEqual([]);
    expect(missing('compare', example('feature-delivery-current'), ['current', 'future'])).toEqual([]);
    expect(missing('compare', example('clinic-visit'), ['current'])).toEqual([
      'The stream has no future state to compare with yet',
    ]);
  });

  it('plan: the ideas not dropped without an owner, a due date or an effect', () => {
    const planned = map({
      ...bareRaw(),
      participants: [{ id: 'ana', name: 'Ana' }],
      ideas: [
        { id: 'i1', text: 'Automate the tests', step: 't', status: 'planned', owner: 'ana', due: '2027-03-31' },
        { id: 'i2', text: 'Deploy on merge', step: 'd', effect: '-1d' },
        { id: 'i3', text: 'A dropped one', status: 'dropped' },
      ],
    });
    expect(missing('plan', planned)).toEqual([
      '1 idea has no owner: Deploy on merge',
      '1 idea has no due date: Deploy on merge',
      '1 idea has no expected effect: Automate the tests',
    ]);
    expect(concerns('plan', planned).steps).toEqual(['t', 'd']);
    expect(missing('plan', example('feature-delivery-current'))).toEqual([
      'No idea is planned yet',
      '3 ideas have no owner: Automate the regression suite in the pipeline, Replace the change advisory board with peer review and automated checks, Shift security left: scanning in every build',
      '3 ideas have no due date: Automate the regression suite in the pipeline, Replace the change advisory board with peer review and automated checks, Shift security left: scanning in every build',
      '3 ideas have no expected effect: Automate the regression suite in the pipeline, Replace the change advisory board with peer review and automated checks, Shift security left: scanning in every build',
    ]);
  });

  it('names at most five, counts the rest, and shows invisible characters', () => {
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
    expect(nameList(['evil\u202egnp.exe'])).toBe('evil\\u202egnp.exe');
  });
});

describe('the agenda’s order', () => {
  const [first, second, third, fourth, fifth] = STAGE_IDS;
  const last = STAGE_IDS[STAGE_IDS.length - 1]!;

  it('keeps every stage once: unknown and repeated ids dropped, left-out ones back in their place', () => {
    expect(completeOrder([...STAGE_IDS])).toEqual([...STAGE_IDS]);
    expect(completeOrder([])).toEqual([...STAGE_IDS]);
    // The last stage taken first: the others after it, in their own order.
    expect(completeOrder([last, first, last, 'nonsense'])).toEqual([last, ...STAGE_IDS.slice(0, -1)]);
    const everyOther = [...STAGE_IDS].reverse().filter((_, index) => index % 2 === 0);
    const known = new Set<string>(STAGE_IDS);
    for (const given of [[last, first], [fourth, second], everyOther, ['nonsense', second, second]]) {
      const order = completeOrder(given);
      expect([...order].sort(), given.join()).toEqual([...STAGE_IDS].sort());
      // The stages given keep their order; each one left out comes right after the one it follows
      // by default (the first stage first).
      expect(order.filter((id) => given.includes(id))).toEqual([...new Set(given)].filter((id) => known.has(id)));
      STAGE_IDS.forEach((id, index) => {
        if (given.includes(id)) return;
        expect(order[order.indexOf(id) - 1], `${given.join()}: ${id}`).toBe(STAGE_IDS[index - 1]);
      });
    }
  });

  it('moves a stage up and down, not past the ends', () => {
    const order = [...STAGE_IDS];
    expect(moveStage(order, third, -1)).toEqual([first, third, second, ...order.slice(3)]);
    expect(moveStage(order, third, 1)).toEqual([first, second, fourth, third, ...order.slice(4)]);
    expect(moveStage(order, first, -1)).toEqual(order);
    expect(moveStage(order, last, 1)).toEqual(order);
  });

  it('goes over skipped stages, stays at the ends, and counts only the stages taken', () => {
    const plan = { order: [...STAGE_IDS], skipped: [second, fourth] };
    expect(runningOrder(plan)).toEqual(STAGE_IDS.filter((id) => id !== second && id !== fourth));
    expect(stepStage(plan, first, 1)).toBe(third);
    expect(stepStage(plan, third, 1)).toBe(fifth);
    expect(stepStage(plan, fifth, -1)).toBe(third);
    expect(stepStage(plan, first, -1)).toBe(first);
    expect(stepStage(plan, last, 1)).toBe(last);
    // From a skipped stage: the next one taken.
    expect(stepStage(plan, second, 1)).toBe(third);
    expect(stagePosition(plan, third)).toEqual({ number: 2, of: STAGE_IDS.length - 2 });
    expect(stagePosition(plan, second)).toBeNull();
    expect(firstStage({ order: [...STAGE_IDS], skipped: [first] })).toBe(second);
    expect(firstStage(DEFAULT_PLAN)).toBe(first);
    expect(firstStage({ order: [...STAGE_IDS], skipped: [...STAGE_IDS] })).toBe(first);
    // In the room's order, not the default one.
    const reversed = { order: [...STAGE_IDS].reverse(), skipped: [] };
    expect(firstStage(reversed)).toBe(last);
    expect(stepStage(reversed, second, 1)).toBe(first);
    expect(stagePosition(reversed, first)).toEqual({ number: STAGE_IDS.length, of: STAGE_IDS.length });
  });
});

function bareRaw() {
  return {
    teams: [
      { id: 'dev', name: 'Development' },
      { id: 'ops', name: 'Operations' },
    ],
    steps: [
      { id: 'b', name: 'Build', team: 'dev', processTime: '1h' },
      { id: 't', name: 'Test', team: 'dev', processTime: '2h' },
      { id: 'd', name: 'Deploy', team: 'ops', processTime: '30m' },
    ],
    handoffs: [
      { from: 'b', to: 't' },
      { from: 't', to: 'd' },
    ],
  };
}
