/**
 * The map's agenda as a screen follows it (renderer/workshop/agenda-state.ts keeps it): the
 * editor and presentation mode of a map read the one in this browser's storage.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { type AgendaState, agendaKey, readAgenda, writeAgenda } from './agenda-state';

// The windows of one app share the storage: a change here is told to every screen of this window,
// and the `storage` event tells those of other windows.
const listeners = new Set<() => void>();
const cache = new Map<string, { text: string | null; agenda: AgendaState }>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The map's agenda, the same object until it changes (what useSyncExternalStore needs). */
function snapshot(mapId: string): AgendaState {
  const text = window.localStorage.getItem(agendaKey(mapId));
  const known = cache.get(mapId);
  if (known !== undefined && known.text === text) return known.agenda;
  const agenda = readAgenda(window.localStorage, mapId);
  cache.set(mapId, { text, agenda });
  return agenda;
}

/** The map's agenda, followed as it changes, and a function that changes it. */
export function useAgenda(mapId: string): [AgendaState, (change: (agenda: AgendaState) => AgendaState) => void] {
  const agenda = useSyncExternalStore(subscribe, () => snapshot(mapId));
  const update = useCallback(
    (change: (agenda: AgendaState) => AgendaState) => {
      const before = snapshot(mapId);
      const after = change(before);
      if (after === before) return;
      writeAgenda(window.localStorage, mapId, after);
      for (const listener of listeners) listener();
    },
    [mapId],
  );
  return [agenda, update];
}
