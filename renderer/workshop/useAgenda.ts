/**
 * The map's agenda as a screen follows it (renderer/workshop/agenda-state.ts keeps it): the
 * editor and presentation mode of a map read the one in this browser's storage.
 */
import { useCallback } from 'react';
import type { RoomStorage } from '../state/room-storage';
import { useRoomSetting } from '../useRoomSetting';
import { type AgendaState, agendaKey, readAgenda, writeAgenda } from './agenda-state';

/** The map's agenda, followed as it changes, and a function that changes it. */
export function useAgenda(mapId: string): [AgendaState, (change: (agenda: AgendaState) => AgendaState) => void] {
  const read = useCallback((storage: RoomStorage) => readAgenda(storage, mapId), [mapId]);
  const write = useCallback(
    (storage: RoomStorage, agenda: AgendaState) => {
      writeAgenda(storage, mapId, agenda);
    },
    [mapId],
  );
  return useRoomSetting(agendaKey(mapId), read, write);
}
