import { describe, expect, it } from 'vitest';
import { groupIdeas, rankIdeas } from '../../shared/metrics/ideas';
import { map } from './helpers';

describe('rankIdeas', () => {
  const document = map({
    participants: [{ id: 'ana', name: 'Ana' }],
    steps: [{ id: 'a', name: 'A', processTime: 1 }],
    ideas: [
      { id: 'few', text: 'Few', votes: 1 },
      { id: 'tie1', text: 'Tie one', votesBy: { ana: 3 }, step: 'a', status: 'planned' },
      { id: 'tie2', text: 'Tie two', votes: 3 },
      { id: 'none', text: 'None' },
    ],
  });

  it('ranks by votes, most first, ties in document order, a missing status proposed', () => {
    expect(rankIdeas(document)).toEqual([
      { id: 'tie1', text: 'Tie one', votes: 3, step: 'a', status: 'planned' },
      { id: 'tie2', text: 'Tie two', votes: 3, step: null, status: 'proposed' },
      { id: 'few', text: 'Few', votes: 1, step: null, status: 'proposed' },
      { id: 'none', text: 'None', votes: 0, step: null, status: 'proposed' },
    ]);
  });
});

describe('groupIdeas', () => {
  const document = map({
    participants: [{ id: 'ana', name: 'Ana' }],
    steps: [
      { id: 'a', name: 'Build', processTime: 1 },
      { id: 'b', name: 'Deploy', processTime: 1 },
    ],
    ideas: [
      { id: 'i1', text: 'One', step: 'b', votes: 1, capability: 'test-automation' },
      { id: 'i2', text: 'Two', votes: 2, status: 'done' },
      { id: 'i3', text: 'Three', step: 'b', votesBy: { ana: 4 }, capability: 'version-control' },
      { id: 'i4', text: 'Four', step: 'a', votes: 0, capability: 'test-automation', status: 'planned' },
    ],
  });
  const shape = (groups: ReturnType<typeof groupIdeas>) =>
    groups.map((group) => `${group.title}: ${group.ideas.map((idea) => idea.id).join(' ')}`);

  it('groups by step in the map’s order, then the whole stream, each ranked by votes', () => {
    expect(shape(groupIdeas(document, 'step', true))).toEqual(['Build: i4', 'Deploy: i3 i1', 'Whole stream: i2']);
  });

  it('groups by capability in the catalogue’s order and by status in the plan’s order', () => {
    expect(shape(groupIdeas(document, 'capability', true))).toEqual([
      'Version control: i3',
      'Test automation: i1 i4',
      'No capability: i2',
    ]);
    expect(shape(groupIdeas(document, 'status', true))).toEqual(['Proposed: i3 i1', 'Planned: i4', 'Done: i2']);
  });

  it('keeps the document’s order while a voting round hides the counts', () => {
    expect(shape(groupIdeas(document, 'step', false))).toEqual(['Build: i4', 'Deploy: i1 i3', 'Whole stream: i2']);
  });
});
