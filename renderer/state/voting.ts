/**
 * The room's voting round: how many dots each participant has, and whether the counts are hidden
 * until revealed. The `vsm/1` format has no field for either (the dots themselves are document
 * data, each idea's `votesBy`), so they are the app's, per map, in local storage under
 * `flowmap.voting.<mapId>`; a value that is damaged or of another shape falls back to the defaults.
 */
import type { RoomStorage } from './room-storage';
import * as z from 'zod';
import { MOST_DOTS } from '../../shared/model/commands';

export const votingSchema = z.strictObject({
  /** Dots per participant for the round. */
  dots: z.number().int().min(1).max(MOST_DOTS),
  /** The counts are hidden until revealed: the board and the canvas badges show "?", and the ranking holds still. */
  hidden: z.boolean(),
});

export type Voting = z.output<typeof votingSchema>;

export const DEFAULT_VOTING: Voting = { dots: 3, hidden: false };

export const votingKey = (mapId: string) => `flowmap.voting.${mapId}`;

/** The map's voting round as last set, or the defaults (3 dots, counts shown). */
export function readVoting(storage: RoomStorage, mapId: string): Voting {
  const text = storage.getItem(votingKey(mapId));
  if (text === null) return DEFAULT_VOTING;
  try {
    const parsed = votingSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_VOTING;
  } catch {
    return DEFAULT_VOTING;
  }
}

export function writeVoting(storage: RoomStorage, mapId: string, voting: Voting): void {
  storage.setItem(votingKey(mapId), JSON.stringify(votingSchema.parse(voting)));
}
