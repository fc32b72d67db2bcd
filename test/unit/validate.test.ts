import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../shared/model/validate';
import { issuesOf, map } from './helpers';

const doc = (raw: Record<string, unknown>) => ({ format: 'vsm/1', name: 'Test', ...raw });
const step = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  processTime: '1h',
  ...extra,
});

describe('validateDocument: the schema', () => {
  it('fills the defaults of spec section 1', () => {
    const document = map({ steps: [step('a')], handoffs: [{ from: 'a', to: 'a', rework: 0.1 }] });
    expect(document.state).toBe('current');
    expect(document.calendar).toEqual({ hoursPerDay: 8, daysPerWeek: 5 });
    expect(document.teams).toEqual([]);
    expect(document.ideas).toEqual([]);
    expect(document.steps[0]).toEqual({
      id: 'a',
      name: 'A',
      processTime: 60,
      leadTime: 60,
      percentCompleteAccurate: 100,
    });
    expect(document.handoffs[0]).toEqual({ from: 'a', to: 'a', rework: 0.1, waitTime: 0 });
  });

  it('reads durations in the map calendar', () => {
    const document = map({ calendar: { hoursPerDay: 6 }, steps: [step('a', { processTime: '1d', leadTime: '1w' })] });
    expect(document.calendar).toEqual({ hoursPerDay: 6, daysPerWeek: 5 });
    expect(document.steps[0]).toMatchObject({ processTime: 360, leadTime: 1800 });
  });

  it('requires the format, a name and process times', () => {
    expect(issuesOf({ name: 'x', steps: [{ id: 'a', name: 'A' }] })).toEqual([
      'format: is required',
      'steps[0].processTime: is required',
    ]);
    expect(issuesOf({ format: 'vsm/2', name: '' })).toEqual([
      'format: must be "vsm/1", not "vsm/2"',
      'name: must not be empty',
    ]);
    expect(issuesOf(doc({ name: 'x'.repeat(201) }))).toEqual(['name: is too long (at most 200 characters)']);
    expect(issuesOf([])).toEqual(['document: must be an object of named fields, not a list']);
    expect(issuesOf(null)).toEqual(['document: must be an object of named fields, not null']);
  });

  it('names unknown keys, with a hint for typos', () => {
    expect(issuesOf(doc({ steps: [step('a', { procesTime: 5 })], colour: 'red' }))).toEqual([
      'steps[0].procesTime: is not a field here (did you mean "processTime"?)',
      'colour: is not a field here (known fields: format, name, state, calendar, notes, teams, steps, handoffs, participants, ideas)',
    ]);
    expect(issuesOf(doc({ steps: [step('a', { position: { x: 1, y: 2, z: 3 } })] }))).toEqual([
      'steps[0].position.z: is not a field here (known fields: x, y)',
    ]);
  });

  it('refuses bad durations with the reason', () => {
    expect(issuesOf(doc({ steps: [step('a', { processTime: '3x' }), step('b', { leadTime: -1 })] }))).toEqual([
      'steps[0].processTime: "3x" has an unknown unit "x"; use m, h, d or w',
      'steps[1].leadTime: is negative (-1); durations are 0 or more',
    ]);
    expect(
      issuesOf(doc({ steps: [step('a')], handoffs: [{ from: 'a', to: 'a', rework: 0.5, waitTime: '' }] })),
    ).toEqual(['handoffs[0].waitTime: is empty; write a duration like "4h" or "2d 4h"']);
  });

  it('refuses a lead time below the process time', () => {
    expect(issuesOf(doc({ steps: [step('a', { processTime: '4h', leadTime: '2h' })] }))).toEqual([
      'steps[0].leadTime: is 2h, shorter than the process time (4h); lead time includes the process time',
    ]);
  });

  it('checks ranges: %C&A, probabilities, calendar, counts', () => {
    expect(
      issuesOf(
        doc({
          calendar: { hoursPerDay: 0, daysPerWeek: 8 },
          steps: [step('a', { percentCompleteAccurate: 101 }), step('b', { percentCompleteAccurate: -1, people: -2 })],
          handoffs: [
            { from: 'a', to: 'b', queue: 1.5 },
            { from: 'b', to: 'a', rework: 1 },
            { from: 'b', to: 'b', rework: 0 },
          ],
        }),
      ),
    ).toEqual([
      'calendar.hoursPerDay: must be at least 0.25, not 0 (working hours in a day, from 0.25 to 24)',
      'calendar.daysPerWeek: must be at most 7, not 8 (working days in a week, from 0.5 to 7)',
      'steps[0].percentCompleteAccurate: must be at most 100, not 101 (a percentage from 0 to 100)',
      'steps[1].percentCompleteAccurate: must be at least 0, not -1 (a percentage from 0 to 100)',
      'steps[1].people: must be at least 0, not -2',
      'handoffs[0].queue: must be a whole number, not 1.5',
      'handoffs[1].rework: must be below 1, not 1 (a probability: 0.3 means 30% of the work is sent back)',
      'handoffs[2].rework: must be above 0, not 0 (a probability: 0.3 means 30% of the work is sent back)',
    ]);
  });

  it('checks states and capabilities', () => {
    expect(
      issuesOf(
        doc({
          state: 'past',
          ideas: [
            { id: 'i1', text: 'x', capability: 'deploy-automation' },
            { id: 'i2', text: 'y', capability: 'magic' },
          ],
        }),
      ),
    ).toEqual([
      'state: "past" is not one of: current, future',
      'ideas[0].capability: "deploy-automation" is not one of the 24 known values (did you mean "deployment-automation"?)',
      expect.stringMatching(
        /^ideas\[1\]\.capability: "magic" is not one of: version-control, deployment-automation, .*transformational-leadership$/,
      ),
    ]);
  });
});

describe('validateDocument: relations between parts', () => {
  it('refuses duplicate ids of teams, steps and ideas', () => {
    expect(
      issuesOf(
        doc({
          teams: [
            { id: 't', name: 'T' },
            { id: 't', name: 'U' },
          ],
          steps: [step('a'), step('a')],
          ideas: [
            { id: 'i', text: 'x' },
            { id: 'i', text: 'y' },
          ],
        }),
      ),
    ).toEqual([
      'teams[1].id: "t" is already the id of teams[0]; team ids must be unique',
      'steps[1].id: "a" is already the id of steps[0]; step ids must be unique',
      'ideas[1].id: "i" is already the id of ideas[0]; idea ids must be unique',
    ]);
  });

  it('refuses dangling references, suggesting the id meant', () => {
    expect(
      issuesOf(
        doc({
          teams: [{ id: 'dev', name: 'Development' }],
          steps: [step('build', { team: 'devs' }), step('test')],
          handoffs: [{ from: 'build', to: 'tset' }],
          ideas: [{ id: 'i', text: 'x', step: 'nowhere' }],
        }),
      ),
    ).toEqual([
      'steps[0].team: no team has the id "devs" (did you mean "dev"?)',
      'handoffs[0].to: no step has the id "tset" (did you mean "test"?)',
      'ideas[0].step: no step has the id "nowhere"',
    ]);
    expect(issuesOf(doc({ steps: [step('a', { team: 'x' })] }))).toEqual([
      'steps[0].team: no team has the id "x" (the map has no teams)',
    ]);
  });

  it('refuses forward cycles, naming the steps in the cycle', () => {
    expect(
      issuesOf(
        doc({
          steps: [step('a'), step('b'), step('c'), step('d')],
          handoffs: [
            { from: 'a', to: 'b' },
            { from: 'b', to: 'c' },
            { from: 'c', to: 'a' },
            { from: 'd', to: 'd' },
          ],
        }),
      ),
    ).toEqual([
      'handoffs[2]: forward handoffs form a cycle: a → b → c → a; make the handoff that goes back a rework loop by giving it "rework" (a probability)',
      'handoffs[3]: goes from "d" to itself; a handoff back is a rework loop: give it "rework" (a probability)',
    ]);
  });

  it('reports each separate cycle once', () => {
    const issues = issuesOf(
      doc({
        steps: ['a', 'b', 'c', 'd', 'e'].map((id) => step(id)),
        handoffs: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
          { from: 'b', to: 'c' },
          { from: 'c', to: 'd' },
          { from: 'd', to: 'e' },
          { from: 'e', to: 'c' },
        ],
      }),
    );
    expect(issues).toHaveLength(2);
    expect(issues[0]).toContain('a → b → a');
    expect(issues[1]).toContain('c → d → e → c');
  });

  it('refuses rework loops that do not go back', () => {
    expect(
      issuesOf(
        doc({
          steps: [step('a'), step('b'), step('c')],
          handoffs: [
            { from: 'a', to: 'b' },
            { from: 'a', to: 'b', rework: 0.2 },
            { from: 'a', to: 'c', rework: 0.2 },
          ],
        }),
      ),
    ).toEqual([
      'handoffs[1]: repeats handoffs[0] (a → b); two steps have at most one handoff between them',
      'handoffs[1]: is a rework loop that does not go back: "b" does not come before "a" on any forward path',
      'handoffs[2]: is a rework loop that does not go back: "c" does not come before "a" on any forward path',
    ]);
  });

  it('accepts rework to the step itself and to any step before it on a forward path', () => {
    const document = map({
      steps: [step('a'), step('b'), step('c')],
      handoffs: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a', rework: 0.1 },
        { from: 'c', to: 'c', rework: 0.1 },
      ],
    });
    expect(document.handoffs).toHaveLength(4);
  });

  it('reports schema errors and relation errors together, in document order', () => {
    expect(
      issuesOf(
        doc({
          steps: [step('a', { processTime: '3x' }), step('b')],
          handoffs: [
            { from: 'a', to: 'b' },
            { from: 'b', to: 'a' },
            { from: 'b', to: 'zz', waitTime: 'soon' },
          ],
        }),
      ),
    ).toEqual([
      'steps[0].processTime: "3x" has an unknown unit "x"; use m, h, d or w',
      'handoffs[1]: forward handoffs form a cycle: a → b → a; make the handoff that goes back a rework loop by giving it "rework" (a probability)',
      'handoffs[2].waitTime: "soon" is not a duration; write numbers with units, like "2d 4h"',
      'handoffs[2].to: no step has the id "zz"',
    ]);
  });

  it('accepts a map with no steps (a new map)', () => {
    expect(validateDocument({ format: 'vsm/1', name: 'New map' }).ok).toBe(true);
  });
});

describe('validateDocument: workshop data (spec section 6)', () => {
  const participants = [
    { id: 'ana', name: 'Ana Keller' },
    { id: 'ben', name: 'Ben Osei' },
  ];
  const workshop = {
    notes: 'Parking lot: release train cadence',
    participants,
    steps: [step('cab')],
    ideas: [
      {
        id: 'i1',
        text: 'Automate the change approval',
        step: 'cab',
        capability: 'streamlining-change-approval',
        votesBy: { ana: 2, ben: 1 },
        status: 'planned',
        owner: 'ana',
        due: '2027-03-31',
        effect: '-1w lead time',
      },
    ],
  };

  it('reads participants, dots, the plan and notes; votes are the sum of the dots', () => {
    const result = validateDocument(doc(workshop));
    expect(result.ok && result.document.ideas[0]).toMatchObject({ votes: 3, status: 'planned', due: '2027-03-31' });
    expect(result.ok && result.document.participants).toEqual(participants);
    expect(result.ok && result.document.notes).toBe('Parking lot: release train cadence');
    // A document without any of it means what it meant before.
    const plain = validateDocument(doc({ ideas: [{ id: 'i', text: 'x', votes: 4 }] }));
    expect(plain.ok && plain.document.ideas[0]?.votes).toBe(4);
    expect(plain.ok && plain.document.participants).toEqual([]);
  });

  it('refuses votes that disagree with the dots, naming both figures', () => {
    const idea = { ...workshop.ideas[0], votes: 5 };
    expect(issuesOf(doc({ ...workshop, ideas: [idea] }))).toEqual([
      'ideas[0].votes: is 5, but the dots in votesBy add up to 3; leave votes out, or make them agree',
    ]);
    expect(validateDocument(doc({ ...workshop, ideas: [{ ...idea, votes: 3 }] })).ok).toBe(true);
  });

  it('refuses voters and owners who are not participants, and repeated participant ids', () => {
    const idea = { ...workshop.ideas[0], votesBy: { ana: 1, anna: 1 }, owner: 'carl' };
    expect(issuesOf(doc({ ...workshop, participants: [...participants, participants[0]], ideas: [idea] }))).toEqual([
      'participants[2].id: "ana" is already the id of participants[0]; participant ids must be unique',
      'ideas[0].votesBy.anna: no participant has the id "anna" (did you mean "ana"?)',
      'ideas[0].owner: no participant has the id "carl"',
    ]);
  });

  it('checks dots, statuses and dates', () => {
    const idea = { ...workshop.ideas[0], votesBy: { ana: -1 }, status: 'maybe', due: '31/03/2027' };
    expect(issuesOf(doc({ ...workshop, ideas: [idea] }))).toEqual([
      'ideas[0].votesBy.ana: must be at least 0, not -1',
      'ideas[0].status: "maybe" is not one of: proposed, planned, doing, done, dropped',
      'ideas[0].due: must be a date written YYYY-MM-DD, like 2027-03-31',
    ]);
    expect(issuesOf(doc({ ...workshop, ideas: [{ ...workshop.ideas[0], votesBy: ['ana', 'ben'] }] }))).toEqual([
      'ideas[0].votesBy: must be an object of participant ids and their dots, like { ana: 2 }',
    ]);
  });
});
