import fc from 'fast-check';
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
  copySteps,
  disconnect,
  duplicateSteps,
  insertStep,
  moveDot,
  moveTeam,
  pasteSteps,
  removeIdea,
  removeParticipant,
  removeStep,
  removeTeam,
  renameParticipant,
  renameTeam,
  setStepTeam,
  updateHandoff,
  updateIdea,
  updateMap,
  updateStep,
} from '../../shared/model/commands';
import {
  addIdeaOperation,
  addParticipantOperation,
  addStepOperation,
  addTeamOperation,
  applyOperation,
  applyOperations,
  checkOperations,
  duplicateStepsOperation,
  insertStepOperation,
  type Operation,
  type OperationName,
  operationSchema,
  pasteStepsOperation,
  replayOperations,
} from '../../shared/model/operations';
import type { VsmDocument } from '../../shared/model/schema';
import { map } from './helpers';

const base = () =>
  map({
    teams: [
      { id: 'dev', name: 'Development' },
      { id: 'ops', name: 'Operations' },
    ],
    steps: [
      { id: 'build', name: 'Build', processTime: '1d', leadTime: '1w', team: 'dev', notes: 'CI', people: 2 },
      { id: 'test', name: 'Test', processTime: '4h', team: 'dev', position: { x: 10, y: 20 } },
      { id: 'deploy', name: 'Deploy', processTime: '1h', team: 'ops', position: { x: 300, y: 20 } },
    ],
    handoffs: [
      { from: 'build', to: 'test', waitTime: '1d', queue: 3 },
      { from: 'test', to: 'deploy' },
      { from: 'test', to: 'build', rework: 0.1 },
    ],
    participants: [{ id: 'ana', name: 'Ana' }],
    ideas: [{ id: 'i1', text: 'Automate', step: 'deploy', capability: 'deployment-automation' }],
  });

const documentOf = (result: CommandResult): VsmDocument => {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.document;
};

/** Each operation with the command call it stands for (as the editor called the commands before). */
function everyOperation(document: VsmDocument): [Operation, (document: VsmDocument) => CommandResult][] {
  return [
    [
      addStepOperation(document, { name: 'Review', processTime: 30, team: 'dev' }),
      (d) => addStep(d, { name: 'Review', processTime: 30, team: 'dev' }),
    ],
    [
      { op: 'updateStep', id: 'build', fields: { name: 'Compile', leadTime: 600 } },
      (d) => updateStep(d, 'build', { name: 'Compile', leadTime: 600 }),
    ],
    [
      { op: 'updateStep', id: 'build', fields: { team: null, notes: null, people: null } },
      (d) => updateStep(d, 'build', { team: undefined, notes: undefined, people: undefined }),
    ],
    [{ op: 'setStepTeam', id: 'test', team: 'ops' }, (d) => setStepTeam(d, 'test', 'ops')],
    [{ op: 'setStepTeam', id: 'test', team: null }, (d) => setStepTeam(d, 'test', undefined)],
    [{ op: 'removeStep', id: 'test' }, (d) => removeStep(d, 'test')],
    [{ op: 'clearPositions' }, clearPositions],
    [
      { op: 'connect', handoff: { from: 'build', to: 'deploy', waitTime: 60 } },
      (d) => connect(d, { from: 'build', to: 'deploy', waitTime: 60 }),
    ],
    [{ op: 'connectOrLoop', from: 'deploy', to: 'build' }, (d) => connectOrLoop(d, 'deploy', 'build')],
    [{ op: 'disconnect', from: 'build', to: 'test' }, (d) => disconnect(d, 'build', 'test')],
    [
      { op: 'updateHandoff', from: 'build', to: 'test', fields: { waitTime: 30, queue: null } },
      (d) => updateHandoff(d, 'build', 'test', { waitTime: 30, queue: undefined }),
    ],
    [
      { op: 'updateHandoff', from: 'test', to: 'build', fields: { rework: 0.3 } },
      (d) => updateHandoff(d, 'test', 'build', { rework: 0.3 }),
    ],
    [insertStepOperation(document, 'test', 'deploy'), (d) => insertStep(d, 'test', 'deploy')],
    [
      pasteStepsOperation(document, copySteps(document, ['build', 'test'])),
      (d) => pasteSteps(d, copySteps(document, ['build', 'test'])),
    ],
    [duplicateStepsOperation(document, ['test', 'deploy']), (d) => duplicateSteps(d, ['test', 'deploy'])],
    [addTeamOperation(document, 'Security'), (d) => addTeam(d, { name: 'Security' })],
    [{ op: 'renameTeam', id: 'dev', name: 'Engineering' }, (d) => renameTeam(d, 'dev', 'Engineering')],
    [{ op: 'moveTeam', id: 'ops', index: 0 }, (d) => moveTeam(d, 'ops', 0)],
    [{ op: 'removeTeam', id: 'dev' }, (d) => removeTeam(d, 'dev')],
    [
      addIdeaOperation(document, { text: 'Pair on reviews', step: 'test' }),
      (d) => addIdea(d, { text: 'Pair on reviews', step: 'test' }),
    ],
    [
      { op: 'updateIdea', id: 'i1', fields: { votes: 4, capability: null, step: null } },
      (d) => updateIdea(d, 'i1', { votes: 4, capability: undefined, step: undefined }),
    ],
    [{ op: 'removeIdea', id: 'i1' }, (d) => removeIdea(d, 'i1')],
    [
      { op: 'updateIdea', id: 'i1', fields: { status: 'planned', owner: 'ana', due: '2027-03-31', effect: '-1w' } },
      (d) => updateIdea(d, 'i1', { status: 'planned', owner: 'ana', due: '2027-03-31', effect: '-1w' }),
    ],
    [addParticipantOperation(document, 'Ben Osei'), (d) => addParticipant(d, { name: 'Ben Osei' })],
    [{ op: 'renameParticipant', id: 'ana', name: 'Ana K.' }, (d) => renameParticipant(d, 'ana', 'Ana K.')],
    [{ op: 'removeParticipant', id: 'ana' }, (d) => removeParticipant(d, 'ana')],
    [{ op: 'moveDot', idea: 'i1', participant: 'ana', by: 1, budget: 3 }, (d) => moveDot(d, 'i1', 'ana', 1, 3)],
    [
      { op: 'updateMap', fields: { name: 'Renamed', calendar: { hoursPerDay: 6, daysPerWeek: 4 } } },
      (d) => updateMap(d, { name: 'Renamed', calendar: { hoursPerDay: 6, daysPerWeek: 4 } }),
    ],
  ];
}

const roundTrip = (operation: Operation): Operation =>
  operationSchema.parse(JSON.parse(JSON.stringify(operation)) as unknown);

describe('operations', () => {
  it('cover every command, one operation each', () => {
    const named = new Set<OperationName>(everyOperation(base()).map(([operation]) => operation.op));
    expect([...named].sort()).toEqual(operationSchema.options.map((option) => option.shape.op.value).sort());
  });

  it('survive JSON and zod unchanged, and apply as the commands they stand for', () => {
    const document = base();
    for (const [operation, command] of everyOperation(document)) {
      expect(roundTrip(operation), operation.op).toEqual(operation);
      const applied = applyOperation(document, roundTrip(operation));
      expect(applied, operation.op).toEqual(command(document));
      expect(applied.ok, operation.op).toBe(true);
    }
  });

  it('change the workshop data as written here, not only as their commands do', () => {
    // Ana owns the idea and has a dot on it, so that removing her has something to take.
    const document = documentOf(updateIdea(base(), 'i1', { owner: 'ana', votesBy: { ana: 1 } }));
    const idea = { id: 'i1', text: 'Automate', step: 'deploy', capability: 'deployment-automation' };
    const apply = (operation: Operation) => documentOf(applyOperation(document, roundTrip(operation)));

    const added = apply(addParticipantOperation(document, 'Ben Osei'));
    expect(added.participants).toEqual([
      { id: 'ana', name: 'Ana' },
      { id: 'ben-osei', name: 'Ben Osei' },
    ]);
    expect(added.ideas).toEqual([{ ...idea, owner: 'ana', votesBy: { ana: 1 }, votes: 1 }]);

    const renamed = apply({ op: 'renameParticipant', id: 'ana', name: 'Ana K.' });
    expect(renamed.participants).toEqual([{ id: 'ana', name: 'Ana K.' }]);
    expect(renamed.ideas).toEqual([{ ...idea, owner: 'ana', votesBy: { ana: 1 }, votes: 1 }]);

    const removed = apply({ op: 'removeParticipant', id: 'ana' });
    expect(removed.participants).toEqual([]);
    expect(removed.ideas).toEqual([{ ...idea, votes: 0 }]);

    const given = apply({ op: 'moveDot', idea: 'i1', participant: 'ana', by: 1, budget: 2 });
    expect(given.ideas).toEqual([{ ...idea, owner: 'ana', votesBy: { ana: 2 }, votes: 2 }]);
    const takenBack = apply({ op: 'moveDot', idea: 'i1', participant: 'ana', by: -1, budget: 2 });
    expect(takenBack.ideas).toEqual([{ ...idea, owner: 'ana', votes: 0 }]);
    expect(applyOperation(given, { op: 'moveDot', idea: 'i1', participant: 'ana', by: 1, budget: 2 })).toEqual({
      ok: false,
      error: 'Ana has no dots left: all 2 are spent. Take one back from another idea first.',
    });
  });

  it('carry the ids they create, so that applying one again elsewhere gives the same ids', () => {
    const document = base();
    const adding = addStepOperation(document, { name: 'Build', processTime: 5 });
    expect(adding).toMatchObject({ step: { id: 'build-2' } });
    // Where "build" is free, the command alone would take it; the operation keeps the id it was made with.
    const elsewhere = documentOf(removeStep(document, 'build'));
    expect(documentOf(applyOperation(elsewhere, adding)).steps.at(-1)?.id).toBe('build-2');
    const duplicating = duplicateStepsOperation(document, ['test']);
    expect(documentOf(applyOperation(elsewhere, duplicating)).steps.at(-1)?.id).toBe('test-copy');
    expect(duplicating).toMatchObject({ newIds: ['test-copy'] });
  });

  it('are refused as their commands are, and zod names a malformed one', () => {
    expect(applyOperation(base(), { op: 'removeStep', id: 'nope' })).toEqual(removeStep(base(), 'nope'));
    const parsed = operationSchema.safeParse({ op: 'updateStep', id: 'build', fields: { colour: 'red' } });
    expect(parsed.success).toBe(false);
    expect(operationSchema.safeParse({ op: 'explode' }).success).toBe(false);
    // A round's budget of dots is bounded as the board bounds it.
    const dot = { op: 'moveDot', idea: 'i1', participant: 'ana', by: 1 };
    expect(operationSchema.safeParse({ ...dot, budget: 99 }).success).toBe(true);
    expect(operationSchema.safeParse({ ...dot, budget: 100 }).success).toBe(false);
    // JSON would carry NaN as null, which means "remove the field": such an operation is refused.
    const notJson = { op: 'updateHandoff', from: 'test', to: 'build', fields: { rework: Number.NaN } };
    expect(checkOperations([notJson])).toEqual({
      ok: false,
      error: expect.stringMatching(/^Not a valid edit: \[0\]\.fields\.rework: /) as unknown,
    });
  });
});

describe('applying operations again on a newer revision', () => {
  it('names a dot given by a participant the other window removed', () => {
    const mine = base();
    const other = documentOf(removeParticipant(mine, 'ana'));
    const replayed = replayOperations(mine, other, [
      { op: 'moveDot', idea: 'i1', participant: 'ana', by: 1, budget: 3 },
      { op: 'updateIdea', id: 'i1', fields: { status: 'doing' } },
    ]);
    expect(replayed.notApplied).toEqual([
      'Give a dot of "Ana" to idea "Automate": the participant was deleted in the other window',
    ]);
    expect(replayed.document.ideas[0]?.status).toBe('doing');
  });

  it('applies what still applies and names what does not, with the reason', () => {
    const mine = base();
    const theirs = documentOf(removeStep(documentOf(renameTeam(mine, 'dev', 'Engineering')), 'deploy'));
    const review = addStepOperation(mine, { name: 'Review', processTime: 30 });
    const operations: Operation[] = [
      { op: 'updateStep', id: 'deploy', fields: { name: 'Ship' } },
      { op: 'updateStep', id: 'build', fields: { leadTime: 600 } },
      review,
      { op: 'connect', handoff: { from: 'test', to: 'review' } },
      { op: 'connect', handoff: { from: 'review', to: 'deploy' } },
      { op: 'removeIdea', id: 'i1' },
    ];
    const replayed = replayOperations(mine, theirs, operations);
    expect(replayed.notApplied).toEqual([
      'Rename step "Deploy" to "Ship": the step was deleted in the other window',
      'Connect "Review" to "Ship": the step was deleted in the other window',
    ]);
    expect(replayed.applied).toEqual([operations[1], review, operations[3], operations[5]]);
    expect(replayed.document.teams[0]?.name).toBe('Engineering');
    expect(replayed.document.steps.map((step) => step.id)).toEqual(['build', 'test', 'review']);
    expect(replayed.document.ideas).toEqual([]);
  });

  it("keeps this window's new parts when the other window made parts with the same ids: they get ids of their own", () => {
    const mine = base();
    const theirs = documentOf(
      addIdea(documentOf(addStep(mine, { id: 'review', name: 'Their review', processTime: 5 })), { text: 'Theirs' }),
    );
    const review = addStepOperation(mine, { name: 'Review', processTime: 30 });
    const idea = addIdeaOperation(mine, { text: 'Mine', step: 'review' });
    const operations: Operation[] = [
      review,
      { op: 'updateStep', id: 'review', fields: { notes: 'mine' } },
      idea,
      { op: 'updateIdea', id: 'idea', fields: { votes: 3 } },
    ];
    expect(
      [review, idea].map((one) => (one.op === 'addStep' ? one.step.id : one.op === 'addIdea' ? one.idea.id : '')),
    ).toEqual(['review', 'idea']);
    const replayed = replayOperations(mine, theirs, operations);
    expect(replayed.notApplied).toEqual([]);
    const steps = replayed.document.steps.map((one) => [one.id, one.name, one.notes]);
    expect(steps).toContainEqual(['review', 'Their review', undefined]);
    expect(steps).toContainEqual(['review-2', 'Review', 'mine']);
    const ideas = replayed.document.ideas.map((one) => [one.id, one.text, one.step, one.votes]);
    expect(ideas).toContainEqual(['idea', 'Theirs', undefined, 0]);
    expect(ideas).toContainEqual(['idea-2', 'Mine', 'review-2', 3]);
    // What was applied says the ids it used, so that saving and replaying it again gives the same map.
    expect(applyOperations(theirs, replayed.applied)).toEqual({ ok: true, document: replayed.document });
  });
});

describe('operations as data (property)', () => {
  const stepIds = ['build', 'test', 'deploy', 'new-step', 'new-step-2'];
  const step = fc.constantFrom(...stepIds);
  const team = fc.constantFrom('dev', 'ops', 'new-team');
  const nameText = fc.constantFrom('New step', 'Build', 'Zürich café', ' ');
  const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
  /** Operations as a window or a peer could send them, made against `document` (ids included). */
  const operation = (document: VsmDocument): fc.Arbitrary<Operation> =>
    fc.oneof(
      fc
        .record({ name: nameText, processTime: fc.integer({ min: 0, max: 5000 }) })
        .map((fields) => addStepOperation(document, fields)),
      fc.record({
        op: fc.constant('updateStep' as const),
        id: step,
        fields: fc.record(
          { name: nameText, team: maybe(team), leadTime: fc.integer({ min: 0, max: 9000 }), notes: maybe(fc.string()) },
          { requiredKeys: [] },
        ),
      }),
      fc.record({ op: fc.constant('setStepTeam' as const), id: step, team: maybe(team) }),
      fc.record({ op: fc.constant('removeStep' as const), id: step }),
      fc.constant({ op: 'clearPositions' as const }),
      fc.record({ op: fc.constant('connectOrLoop' as const), from: step, to: step }),
      fc.record({ op: fc.constant('disconnect' as const), from: step, to: step }),
      fc.record({
        op: fc.constant('updateHandoff' as const),
        from: step,
        to: step,
        fields: fc.record(
          { queue: maybe(fc.integer({ min: 0, max: 9 })), rework: maybe(fc.double({ min: 0.05, max: 0.9 })) },
          { requiredKeys: [] },
        ),
      }),
      fc.tuple(step, step).map(([from, to]) => insertStepOperation(document, from, to)),
      fc.subarray(stepIds).map((ids) => duplicateStepsOperation(document, ids)),
      fc.subarray(stepIds).map((ids) => pasteStepsOperation(document, copySteps(document, ids))),
      nameText.map((name) => addTeamOperation(document, name)),
      fc.record({ op: fc.constant('removeTeam' as const), id: team }),
      fc.record({ op: fc.constant('moveTeam' as const), id: team, index: fc.integer({ min: -1, max: 3 }) }),
      fc.record({ text: fc.string({ minLength: 1 }), step }).map((idea) => addIdeaOperation(document, idea)),
      fc.record({ op: fc.constant('removeIdea' as const), id: fc.constantFrom('i1', 'idea') }),
      fc.record({ op: fc.constant('updateMap' as const), fields: fc.record({ name: nameText }) }),
      nameText.map((name) => addParticipantOperation(document, name)),
      fc.record({ op: fc.constant('removeParticipant' as const), id: fc.constantFrom('ana', 'new-step') }),
      fc.record({
        op: fc.constant('moveDot' as const),
        idea: fc.constantFrom('i1', 'idea'),
        participant: fc.constantFrom('ana', 'build'),
        by: fc.constantFrom(1 as const, -1 as const),
        budget: fc.integer({ min: 0, max: 3 }),
      }),
    );

  it('a random sequence applied directly and after a JSON round trip makes the same document', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 25 }), (seeds) => {
        // Each operation is made against the document it is applied to, as the editor makes them.
        let direct = base();
        let viaJson = base();
        for (const seed of seeds) {
          const [made] = fc.sample(operation(direct), { seed, numRuns: 1 });
          // One that is not plain JSON (a rework of NaN would come back as null: "remove") is refused
          // before it is applied, as the editor refuses it.
          if (!checkOperations([made]).ok) continue;
          const sent = roundTrip(made!);
          expect(sent).toEqual(made);
          const one = applyOperation(direct, made!);
          const other = applyOperation(viaJson, sent);
          expect(other).toEqual(one);
          if (one.ok) direct = one.document;
          if (other.ok) viaJson = other.document;
        }
        expect(viaJson).toEqual(direct);
      }),
      { numRuns: 80 },
    );
  });
});
