import { describe, expect, it } from 'vitest';
import type { RoomStorage } from '../../renderer/state/room-storage';
import { DEFAULT_VOTING, readVoting, votingKey, writeVoting } from '../../renderer/state/voting';

/** Web Storage as the browser gives it, in memory. */
function memoryStorage(): RoomStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('the voting round, kept per map', () => {
  it('starts with 3 dots per participant and the counts shown', () => {
    expect(readVoting(memoryStorage(), 'm1')).toEqual({ dots: 3, hidden: false });
  });

  it('reads back what was set, for its map only', () => {
    const storage = memoryStorage();
    writeVoting(storage, 'm1', { dots: 5, hidden: true });
    expect(readVoting(storage, 'm1')).toEqual({ dots: 5, hidden: true });
    expect(readVoting(storage, 'm2')).toEqual(DEFAULT_VOTING);
  });

  it('falls back to the defaults on a damaged or old value', () => {
    const storage = memoryStorage();
    for (const text of ['{', '{"dots":0,"hidden":false}', '{"dots":3}', '{"dots":3,"hidden":false,"more":1}', '7']) {
      storage.setItem(votingKey('m1'), text);
      expect(readVoting(storage, 'm1'), text).toEqual(DEFAULT_VOTING);
    }
  });
});
