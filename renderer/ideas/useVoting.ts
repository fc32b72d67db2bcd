import { useState } from 'react';
import { readVoting, type Voting, writeVoting } from '../state/voting';

/** The map's voting round, kept in local storage as it changes. */
export function useVoting(mapId: string): [Voting, (change: Partial<Voting>) => void] {
  const [voting, setVoting] = useState(() => readVoting(window.localStorage, mapId));
  return [
    voting,
    (change) => {
      const next = { ...voting, ...change };
      writeVoting(window.localStorage, mapId, next);
      setVoting(next);
    },
  ];
}
