import { describe, expect, it } from 'vitest';
import { rankIdeas } from '../../shared/metrics/ideas';
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
