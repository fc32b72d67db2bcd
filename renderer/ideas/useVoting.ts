/** The map's voting round as a screen follows it: set in the editor, followed by presentation mode. */
import { useCallback } from 'react';
import type { RoomStorage } from '../state/room-storage';
import { useRoomSetting } from '../useRoomSetting';
import { readVoting, type Voting, votingKey, writeVoting } from '../state/voting';

/** The map's voting round, followed as it changes, and a function that changes part of it. */
export function useVoting(mapId: string): [Voting, (change: Partial<Voting>) => void] {
  const read = useCallback((storage: RoomStorage) => readVoting(storage, mapId), [mapId]);
  const write = useCallback(
    (storage: RoomStorage, voting: Voting) => {
      writeVoting(storage, mapId, voting);
    },
    [mapId],
  );
  const [voting, update] = useRoomSetting(votingKey(mapId), read, write);
  const change = useCallback(
    (part: Partial<Voting>) => {
      update((before) => ({ ...before, ...part }));
    },
    [update],
  );
  return [voting, change];
}
