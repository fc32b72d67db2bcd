import { describe, expect, it } from 'vitest';
import {
  addIdea,
  addParticipant,
  addStep,
  addTeam,
  clearPositions,
  type CommandResult,
  connect,
  connectOrLoop,
  disconnect,
  copySteps,
  duplicateSteps,
  pasteSteps,
  insertStep,
  dotsOf,
  dotsSpent,
  handCountedVotes,
  moveDot,
  moveTeam,
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
} from '../../shared/model/commands';
import type { VsmDocument } from '../../shared/model/schema';
import { validateDocument } from '../../shared/model/validate';
import { map } from './helpers';

function ok(result: CommandResult): VsmDocument {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  expect(validateDocument(result.document).ok).toBe(true);
  return result.document;
}

function refusal(result: CommandResult): string {
  if (result.ok) throw new Error('expected the command to be refused');
  return result.error;
}

const base = () =>
  map({
    teams: [
      { id: 'dev', name: 'Development' },
      { id: 'ops', name: 'Operations' },
    ],
    steps: [
      { id: 'build', name: 'Build', processTime: '1d', leadTime: '1w', team: 'dev' },
      { id: 'test', name: 'Test', processTime: '4h', team: 'dev' },
      { id: 'deploy', name: 'Deploy', processTime: '1h', team: 'ops' },
    ],
    handoffs: [
      { from: 'build', to: 'test', waitTime: '1d' },
      { from: 'test', to: 'deploy' },
    ],
    ideas: [{ id: 'i1', text: 'Automate', step: 'deploy' }],
  });

describe('step commands', () => {
  it('adds a step with an id made from its name', () => {
    const document = ok(addStep(base(), { name: 'Code review', processTime: 120, team: 'dev' }));
    expect(document.steps.at(-1)).toEqual({
      id: 'code-review',
      name: 'Code review',
      processTime: 120,
      leadTime: 120,
      percentCompleteAccurate: 100,
      team: 'dev',
    });
    const again = ok(addStep(document, { name: 'Code review' }));
    expect(again.steps.at(-1)?.id).toBe('code-review-2');
  });

  it('refuses steps that break the rules, saying why', () => {
    expect(refusal(addStep(base(), { id: 'build', name: 'Again' }))).toBe('A step with the id "build" already exists.');
    expect(refusal(addStep(base(), { name: '' }))).toBe('New step: Name must not be empty');
    expect(refusal(addStep(base(), { name: 'X', team: 'dv' }))).toBe('There is no team "dv" (did you mean "dev"?).');
    expect(refusal(updateStep(base(), 'build', { processTime: 5000 }))).toMatch(
      /^Step "Build": Lead time is 1w, shorter than the process time \(2w 3h 20m\)/,
    );
    expect(refusal(updateStep(base(), 'build', { percentCompleteAccurate: 150 }))).toMatch(
      /: %C&A must be at most 100/,
    );
    expect(refusal(updateStep(base(), 'nope', { name: 'x' }))).toBe('There is no step "nope".');
  });

  it('updates fields and keeps the other parts as they were', () => {
    const before = base();
    const after = ok(updateStep(before, 'test', { leadTime: 960, notes: 'flaky' }));
    expect(after.steps[1]).toMatchObject({ id: 'test', leadTime: 960, notes: 'flaky' });
    expect(after.steps[0]).toBe(before.steps[0]);
    expect(after.handoffs).toBe(before.handoffs);
  });

  it('moves a step between teams and out of any team', () => {
    expect(ok(setStepTeam(base(), 'test', 'ops')).steps[1]?.team).toBe('ops');
    const loose = ok(setStepTeam(base(), 'test', undefined)).steps[1]!;
    expect('team' in loose).toBe(false);
  });

  it('inserts a step into a handoff, keeping its wait before the new step', () => {
    const document = ok(insertStep(base(), 'build', 'test', 'Code review'));
    expect(document.steps.at(-1)).toMatchObject({ id: 'code-review', name: 'Code review', team: 'dev' });
    expect(document.handoffs).toEqual([
      { from: 'build', to: 'code-review', waitTime: 480 },
      { from: 'code-review', to: 'test', waitTime: 0 },
      { from: 'test', to: 'deploy', waitTime: 0 },
    ]);
    expect(refusal(insertStep(base(), 'test', 'build'))).toBe('There is no forward handoff from "test" to "build".');
  });

  it('duplicates a step beside itself, without its handoffs', () => {
    const document = ok(duplicateSteps(ok(updateStep(base(), 'build', { position: { x: 100, y: 20 } })), ['build']));
    expect(document.steps.at(-1)).toEqual({
      id: 'build-copy',
      name: 'Build (copy)',
      team: 'dev',
      processTime: 480,
      leadTime: 2400,
      percentCompleteAccurate: 100,
      position: { x: 140, y: 50 },
    });
    expect(document.handoffs).toHaveLength(2);
    expect(refusal(duplicateSteps(base(), ['build', 'nope']))).toBe('There is no step "nope".');
  });

  it('copies steps with the handoffs among them and pastes them into another map, loops included', () => {
    const source = ok(connect(ok(setStepTeam(base(), 'test', 'ops')), { from: 'test', to: 'build', rework: 0.25 }));
    const copied = copySteps(source, ['test', 'build']);
    expect(copied.steps.map((step) => step.id)).toEqual(['build', 'test']);
    // build -> test and the loop back; test -> deploy leaves the copy.
    expect(copied.handoffs.map((handoff) => `${handoff.from}>${handoff.to}`)).toEqual(['build>test', 'test>build']);

    // Into a map that has the "dev" team but not "ops", the loop listed before the handoff it needs.
    const target = map({
      teams: [{ id: 'dev', name: 'Dev' }],
      steps: [{ id: 'build', name: 'Build', processTime: '1h' }],
    });
    const pasted = ok(pasteSteps(target, { steps: copied.steps, handoffs: [...copied.handoffs].reverse() }));
    expect(pasted.steps.map((step) => [step.id, step.team])).toEqual([
      ['build', undefined],
      ['build-2', 'dev'],
      ['test', undefined],
    ]);
    expect(pasted.handoffs).toEqual([
      { from: 'build-2', to: 'test', waitTime: 480 },
      { from: 'test', to: 'build-2', waitTime: 0, rework: 0.25 },
    ]);
    // A bad part refuses the paste, naming the field; nothing is half-pasted.
    const bad = { steps: [{ ...copied.steps[0]!, percentCompleteAccurate: 140 }], handoffs: [] };
    expect(refusal(pasteSteps(target, bad))).toMatch(/: %C&A must be at most 100/);
  });

  it('forgets positions for an automatic layout', () => {
    const placed = ok(updateStep(base(), 'test', { position: { x: 10, y: 20 } }));
    const cleared = ok(clearPositions(placed));
    expect(cleared.steps.every((step) => step.position === undefined)).toBe(true);
    expect(clearPositions(cleared)).toEqual({ ok: true, document: cleared });
  });

  it('removes a step with its handoffs and detaches its ideas', () => {
    const document = ok(removeStep(base(), 'deploy'));
    expect(document.steps.map((step) => step.id)).toEqual(['build', 'test']);
    expect(document.handoffs).toEqual([{ from: 'build', to: 'test', waitTime: 480 }]);
    expect(document.ideas).toEqual([{ id: 'i1', text: 'Automate', votes: 0 }]);
  });
});

describe('handoff commands', () => {
  it('connects steps forward and back (rework)', () => {
    const forward = ok(connect(base(), { from: 'build', to: 'deploy', waitTime: 30 }));
    expect(forward.handoffs.at(-1)).toEqual({ from: 'build', to: 'deploy', waitTime: 30 });
    const rework = ok(connect(base(), { from: 'deploy', to: 'build', rework: 0.1 }));
    expect(rework.handoffs.at(-1)).toEqual({ from: 'deploy', to: 'build', waitTime: 0, rework: 0.1 });
  });

  it('refuses cycles, duplicates, rework that does not go back and unknown steps', () => {
    expect(refusal(connect(base(), { from: 'deploy', to: 'build' }))).toBe(
      '"Build" already comes before "Deploy", so this handoff would make a cycle; make it a rework loop instead.',
    );
    expect(refusal(connect(base(), { from: 'test', to: 'test' }))).toBe(
      'A forward handoff cannot go from "Test" to itself; make it a rework loop.',
    );
    expect(refusal(connect(base(), { from: 'build', to: 'test' }))).toBe('"Build" already hands off to "Test".');
    expect(refusal(connect(base(), { from: 'build', to: 'deploy', rework: 0.2 }))).toBe(
      'A rework loop goes back: "Deploy" does not come before "Build".',
    );
    expect(refusal(connect(base(), { from: 'build', to: 'deplyo' }))).toBe(
      'There is no step "deplyo" (did you mean "deploy"?).',
    );
    expect(refusal(connect(base(), { from: 'test', to: 'build', rework: 2 }))).toMatch(
      /^Handoff: Rework probability must be below 1/,
    );
  });

  it('connects as drawn: forward, or back as a rework loop', () => {
    expect(ok(connectOrLoop(base(), 'build', 'deploy')).handoffs.at(-1)).toEqual({
      from: 'build',
      to: 'deploy',
      waitTime: 0,
    });
    expect(ok(connectOrLoop(base(), 'deploy', 'build')).handoffs.at(-1)).toEqual({
      from: 'deploy',
      to: 'build',
      waitTime: 0,
      rework: 0.2,
    });
    expect(ok(connectOrLoop(base(), 'test', 'test')).handoffs.at(-1)).toMatchObject({
      from: 'test',
      to: 'test',
      rework: 0.2,
    });
    expect(refusal(connectOrLoop(base(), 'build', 'test'))).toBe('"Build" already hands off to "Test".');
  });

  it('updates and removes handoffs', () => {
    const updated = ok(updateHandoff(base(), 'build', 'test', { waitTime: 60, queue: 4 }));
    expect(updated.handoffs[0]).toEqual({ from: 'build', to: 'test', waitTime: 60, queue: 4 });
    expect(refusal(updateHandoff(base(), 'build', 'test', { rework: 0.5 }))).toBe(
      'A rework loop goes back: "Test" does not come before "Build".',
    );
    const removed = ok(disconnect(base(), 'build', 'test'));
    expect(removed.handoffs).toEqual([{ from: 'test', to: 'deploy', waitTime: 0 }]);
    expect(refusal(disconnect(base(), 'deploy', 'build'))).toBe('There is no handoff from "deploy" to "build".');
  });

  it('takes away rework loops whose way back is removed', () => {
    const withLoop = ok(connect(base(), { from: 'deploy', to: 'build', rework: 0.1 }));
    expect(ok(disconnect(withLoop, 'build', 'test')).handoffs).toEqual([{ from: 'test', to: 'deploy', waitTime: 0 }]);
    expect(ok(removeStep(withLoop, 'test')).handoffs).toEqual([]);
    const selfLoop = ok(connect(base(), { from: 'test', to: 'test', rework: 0.1 }));
    expect(ok(disconnect(selfLoop, 'build', 'test')).handoffs).toHaveLength(2);
  });

  it('turns a rework loop into a forward handoff only when that makes no cycle', () => {
    const withLoop = ok(connect(base(), { from: 'deploy', to: 'build', rework: 0.1 }));
    expect(refusal(updateHandoff(withLoop, 'deploy', 'build', { rework: undefined }))).toMatch(/would make a cycle/);
  });
});

describe('team, idea and map commands', () => {
  it('adds, renames, reorders and removes teams', () => {
    let document = ok(addTeam(base(), { name: 'Quality Assurance' }));
    expect(document.teams.at(-1)).toEqual({ id: 'quality-assurance', name: 'Quality Assurance' });
    document = ok(renameTeam(document, 'quality-assurance', 'QA'));
    document = ok(moveTeam(document, 'quality-assurance', 0));
    expect(document.teams.map((team) => team.id)).toEqual(['quality-assurance', 'dev', 'ops']);
    expect(refusal(moveTeam(document, 'dev', 3))).toBe('A team can move to positions 0 to 2, not 3.');
    expect(refusal(renameTeam(document, 'dev', ' '))).toBe('Team "Development": Name must not be empty');
    document = ok(removeTeam(document, 'dev'));
    expect(document.steps.filter((step) => step.team === undefined).map((step) => step.id)).toEqual(['build', 'test']);
  });

  it('adds, updates and removes ideas', () => {
    let document = ok(
      addIdea(base(), { text: 'Trunk-based development', step: 'build', capability: 'trunk-based-development' }),
    );
    expect(document.ideas.at(-1)).toEqual({
      id: 'idea',
      text: 'Trunk-based development',
      step: 'build',
      capability: 'trunk-based-development',
      votes: 0,
    });
    document = ok(updateIdea(document, 'idea', { votes: 3 }));
    expect(document.ideas.at(-1)?.votes).toBe(3);
    expect(refusal(updateIdea(document, 'idea', { step: 'nowhere' }))).toBe('There is no step "nowhere".');
    expect(refusal(addIdea(document, { text: 'x', capability: 'magic' as never }))).toMatch(
      /^New idea: Capability "magic" is not one of/,
    );
    document = ok(removeIdea(document, 'i1'));
    expect(document.ideas.map((idea) => idea.id)).toEqual(['idea']);
  });

  it('keeps an idea’s dots and owner to the map’s participants, and its votes to its dots', () => {
    let document: VsmDocument = { ...base(), participants: [{ id: 'ana', name: 'Ana' }] };
    document = ok(addIdea(document, { text: 'Pair on reviews', votesBy: { ana: 2 }, owner: 'ana' }));
    expect(document.ideas.at(-1)).toMatchObject({ votes: 2, votesBy: { ana: 2 }, owner: 'ana' });
    expect(refusal(updateIdea(document, 'idea', { owner: 'anna' }))).toBe(
      'There is no participant "anna" (did you mean "ana"?).',
    );
    expect(refusal(updateIdea(document, 'idea', { votesBy: { ben: 1 } }))).toBe('There is no participant "ben".');
    expect(refusal(updateIdea(document, 'idea', { votes: 5 }))).toMatch(/the dots in votesBy add up to 2/);
  });

  it("writes, changes and removes the map's notes (the parking lot), refusing notes too long", () => {
    const noted = ok(updateMap(base(), { notes: 'Parking lot: release cadence\nWho owns staging?' }));
    expect(noted.notes).toBe('Parking lot: release cadence\nWho owns staging?');
    expect(ok(updateMap(noted, { name: 'Renamed' })).notes).toBe(noted.notes);
    expect('notes' in ok(updateMap(noted, { notes: undefined }))).toBe(false);
    expect(refusal(updateMap(base(), { notes: 'x'.repeat(10_001) }))).toMatch(/^Map: Notes .*at most 10000/);
  });

  it('changes the map name, state and calendar', () => {
    const document = ok(
      updateMap(base(), { name: 'Release train', state: 'future', calendar: { hoursPerDay: 7.5, daysPerWeek: 5 } }),
    );
    expect(document).toMatchObject({
      name: 'Release train',
      state: 'future',
      calendar: { hoursPerDay: 7.5, daysPerWeek: 5 },
    });
    expect(refusal(updateMap(base(), { calendar: { hoursPerDay: 25, daysPerWeek: 5 } }))).toMatch(
      /^Map: Calendar hours per day must be at most 24/,
    );
  });

  it('makes ids from any name', () => {
    expect(uniqueId('Über-Review!', new Set(), 'step')).toBe('uber-review');
    expect(uniqueId('???', new Set(['step']), 'step')).toBe('step-2');
  });
});

describe('participants and their dots (spec section 6)', () => {
  const workshop = (): VsmDocument => ({
    ...base(),
    participants: [
      { id: 'ana', name: 'Ana Keller' },
      { id: 'ben', name: 'Ben Osei' },
    ],
    ideas: [
      { id: 'i1', text: 'Automate', step: 'deploy', votesBy: { ana: 2, ben: 1 }, votes: 3, owner: 'ana' },
      { id: 'i2', text: 'Pair on reviews', votesBy: { ana: 1 }, votes: 1, owner: 'ben' },
      { id: 'i3', text: 'Smaller batches', votes: 4 },
    ],
  });

  it('adds participants with ids of their own, made from their names', () => {
    let document = ok(addParticipant(workshop(), { name: 'Ana Kéller' }));
    expect(document.participants.at(-1)).toEqual({ id: 'ana-keller', name: 'Ana Kéller' });
    document = ok(addParticipant(document, { name: 'Ana Keller' }));
    expect(document.participants.at(-1)?.id).toBe('ana-keller-2');
    expect(refusal(addParticipant(document, { id: 'ana', name: 'Another Ana' }))).toBe(
      'A participant with the id "ana" already exists.',
    );
  });

  it('requires a name, and one no longer than other names', () => {
    expect(refusal(addParticipant(workshop(), { name: '  ' }))).toBe('New participant: Name must not be empty');
    expect(refusal(addParticipant(workshop(), { name: 'x'.repeat(201) }))).toBe(
      'New participant: Name is too long (at most 200 characters)',
    );
    expect(refusal(renameParticipant(workshop(), 'ana', ''))).toBe('Participant "Ana Keller": Name must not be empty');
  });

  it('renames a participant, who keeps their dots and what they own', () => {
    const before = workshop();
    const document = ok(renameParticipant(before, 'ana', 'Ana K.'));
    expect(document.participants[0]).toEqual({ id: 'ana', name: 'Ana K.' });
    expect(document.ideas).toBe(before.ideas);
    expect(document.ideas[0]).toMatchObject({ votesBy: { ana: 2, ben: 1 }, owner: 'ana' });
    expect(refusal(renameParticipant(workshop(), 'anna', 'Anna'))).toBe(
      'There is no participant "anna" (did you mean "ana"?).',
    );
  });

  it('removes a participant with their dots, the votes following, and clears what they owned', () => {
    const before = workshop();
    const document = ok(removeParticipant(before, 'ana'));
    expect(document.participants.map((participant) => participant.id)).toEqual(['ben']);
    expect(document.ideas[0]).toEqual({ id: 'i1', text: 'Automate', step: 'deploy', votesBy: { ben: 1 }, votes: 1 });
    // Without any dots left, an idea has no votes (and no empty votesBy).
    expect(document.ideas[1]).toEqual({ id: 'i2', text: 'Pair on reviews', votes: 0, owner: 'ben' });
    // An idea the participant had nothing to do with is the same object.
    expect(document.ideas[2]).toBe(before.ideas[2]);
    expect(refusal(removeParticipant(before, 'carl'))).toBe('There is no participant "carl".');
  });

  it('gives and takes back one dot at a time, within the budget, saying why not in words', () => {
    let document = workshop();
    expect(dotsSpent(document, 'ana')).toBe(3);
    expect(refusal(moveDot(document, 'i3', 'ana', 1, 3))).toBe(
      'Ana Keller has no dots left: all 3 are spent. Take one back from another idea first.',
    );
    document = ok(moveDot(document, 'i3', 'ana', 1, 5));
    // The first dot on an idea with typed votes replaces them: its votes are its dots.
    expect(document.ideas[2]).toMatchObject({ votesBy: { ana: 1 }, votes: 1 });
    document = ok(moveDot(document, 'i1', 'ben', 1, 3));
    expect(document.ideas[0]).toMatchObject({ votesBy: { ana: 2, ben: 2 }, votes: 4 });
    document = ok(moveDot(document, 'i2', 'ana', -1, 5));
    expect(document.ideas[1]).toEqual({ id: 'i2', text: 'Pair on reviews', votes: 0, owner: 'ben' });
    expect(refusal(moveDot(document, 'i2', 'ana', -1, 5))).toBe('Ana Keller has no dot on this idea to take back.');
    expect(refusal(moveDot(document, 'i9', 'ana', 1, 5))).toMatch(/^There is no idea "i9"/);
    expect(refusal(moveDot(document, 'i1', 'carl', 1, 5))).toBe('There is no participant "carl".');
  });

  it('tells the votes counted by hand from the dots: the first dot replaces them', () => {
    const document = workshop();
    expect(document.ideas.map(handCountedVotes)).toEqual([0, 0, 4]);
    const dotted = ok(moveDot(document, 'i3', 'ben', 1, 3));
    expect(handCountedVotes(dotted.ideas[2]!)).toBe(0);
    expect(dotted.ideas[2]).toMatchObject({ votesBy: { ben: 1 }, votes: 1 });
    // Taken back, the dot leaves no votes: the hand count is not what is left.
    const takenBack = ok(moveDot(dotted, 'i3', 'ben', -1, 3));
    expect(takenBack.ideas[2]).toEqual({ id: 'i3', text: 'Smaller batches', votes: 0 });
    expect(handCountedVotes(takenBack.ideas[2]!)).toBe(0);
  });

  it('counts only an idea’s own dots, whatever the ids: "constructor" is a name like any other', () => {
    let document = ok(addParticipant(workshop(), { name: 'Constructor' }));
    expect(document.participants.at(-1)?.id).toBe('constructor');
    expect(dotsSpent(document, 'constructor')).toBe(0);
    document = ok(moveDot(document, 'i1', 'constructor', 1, 1));
    expect(document.ideas[0]).toMatchObject({ votesBy: { ana: 2, ben: 1, constructor: 1 }, votes: 4 });
    expect(refusal(moveDot(document, 'i2', 'constructor', 1, 1))).toMatch(/^Constructor has no dots left/);
    expect(refusal(moveDot(document, 'i2', 'toString', -1, 1))).toBe('There is no participant "toString".');
    const removed = ok(removeParticipant(document, 'constructor'));
    expect(removed.ideas[0]).toMatchObject({ votesBy: { ana: 2, ben: 1 }, votes: 3 });
    expect(removed.ideas[1]).toBe(document.ideas[1]);
  });

  it('gives a participant called "__proto__" dots of their own, not a prototype', () => {
    let document = ok(addParticipant(workshop(), { id: '__proto__', name: 'Proto' }));
    document = ok(moveDot(document, 'i1', '__proto__', 1, 2));
    document = ok(moveDot(document, 'i1', '__proto__', 1, 2));
    expect(Object.entries(document.ideas[0]?.votesBy ?? {})).toEqual([
      ['ana', 2],
      ['ben', 1],
      ['__proto__', 2],
    ]);
    expect(document.ideas[0]?.votes).toBe(5);
    expect(dotsSpent(document, '__proto__')).toBe(2);
    expect(refusal(moveDot(document, 'i2', '__proto__', 1, 2))).toMatch(/^Proto has no dots left/);
    document = ok(moveDot(document, 'i1', '__proto__', -1, 2));
    expect(dotsOf(document.ideas[0]!, '__proto__')).toBe(1);
    // An idea's edit goes through the idea's schema again: the dots must survive it.
    document = ok(updateIdea(document, 'i1', { text: 'Automate the deployment' }));
    expect(document.ideas[0]).toMatchObject({ votes: 4 });
    expect(Object.hasOwn(document.ideas[0]?.votesBy ?? {}, '__proto__')).toBe(true);
    const removed = ok(removeParticipant(document, '__proto__'));
    expect(removed.ideas[0]).toMatchObject({ votesBy: { ana: 2, ben: 1 }, votes: 3 });
  });
});
