/**
 * A setting of the room (renderer/state/room-storage.ts) as the screens that show it follow it: the
 * screens of this window are told of a change at once, those of other windows (the editor and
 * presentation mode on the projector) by the `storage` event.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { RoomStorage } from './state/room-storage';

const listeners = new Set<() => void>();
const cache = new Map<string, { text: string | null; value: unknown }>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The setting under `key`, the same object until its stored text changes (as useSyncExternalStore needs). */
function snapshot<T>(key: string, read: (storage: RoomStorage) => T): T {
  const text = window.localStorage.getItem(key);
  const known = cache.get(key);
  if (known !== undefined && known.text === text) return known.value as T;
  const value = read(window.localStorage);
  cache.set(key, { text, value });
  return value;
}

/** A setting followed as it changes, and a function that changes it. */
export function useRoomSetting<T>(
  key: string,
  read: (storage: RoomStorage) => T,
  write: (storage: RoomStorage, value: T) => void,
): [T, (change: (value: T) => T) => void] {
  const value = useSyncExternalStore(subscribe, () => snapshot(key, read));
  const update = useCallback(
    (change: (value: T) => T) => {
      const before = snapshot(key, read);
      const after = change(before);
      if (after === before) return;
      write(window.localStorage, after);
      for (const listener of listeners) listener();
    },
    [key, read, write],
  );
  return [value, update];
}
