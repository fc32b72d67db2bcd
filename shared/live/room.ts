/**
 * The room of a live session: what the facilitator decides for everyone (what participants may
 * change, the dots each has, whether the counts are hidden, the agenda's stage and its timer). It
 * lives in the Y.Doc's `room` map beside the map itself, so it reaches every participant as the map
 * does; only the facilitator writes it (the server undoes anyone else's change).
 */
import * as Y from 'yjs';
import type { Timer } from '../workshop/timer';
import type { LiveMap } from './ydoc';

/** The facilitator's transaction origin (participants' edits carry their participant id). */
export const FACILITATOR = 'facilitator';

/**
 * What participants may change: nothing (`view`), ideas and their own dots (`vote`), or also the
 * map's steps and handoffs (`edit`).
 */
export type LiveMode = 'view' | 'vote' | 'edit';
export const LIVE_MODES: readonly LiveMode[] = ['view', 'vote', 'edit'];

export interface Room {
  mode: LiveMode;
  dotsPerPerson: number;
  votesHidden: boolean;
  /** The agenda's current stage, as the room is asked it. */
  stage: { title: string; prompt: string } | null;
  timer: Timer | null;
}

export const DEFAULT_ROOM: Room = { mode: 'vote', dotsPerPerson: 3, votesHidden: false, stage: null, timer: null };

/** The Y.Doc's room map. */
export function roomMap(live: LiveMap): Y.Map<unknown> {
  return live.doc.getMap('room');
}

/** The room as the Y.Doc holds it, with the defaults for what is not set (or not of its type). */
export function readRoom(live: LiveMap): Room {
  const map = roomMap(live);
  const mode = map.get('mode');
  const dots = map.get('dotsPerPerson');
  const stage = map.get('stage');
  const timer = map.get('timer');
  return {
    mode: LIVE_MODES.includes(mode as LiveMode) ? (mode as LiveMode) : DEFAULT_ROOM.mode,
    dotsPerPerson: typeof dots === 'number' && Number.isInteger(dots) && dots >= 0 ? dots : DEFAULT_ROOM.dotsPerPerson,
    votesHidden: map.get('votesHidden') === true,
    // Objects read from a Y.Map are Yjs's own: copied, so that changing them changes nothing shared.
    stage: typeof stage === 'object' && stage !== null ? { ...(stage as NonNullable<Room['stage']>) } : null,
    timer: typeof timer === 'object' && timer !== null ? { ...(timer as Timer) } : null,
  };
}

/** Writes what changed of the room, in one transaction (fields equal to the Y.Doc's are left alone). */
export function writeRoom(live: LiveMap, patch: Partial<Room>, origin: unknown = FACILITATOR): void {
  const map = roomMap(live);
  const changed = Object.entries(patch).filter(
    ([field, value]) => JSON.stringify(map.get(field) ?? null) !== JSON.stringify(value ?? null),
  );
  if (changed.length === 0) return;
  live.doc.transact(() => {
    for (const [field, value] of changed) map.set(field, value ?? null);
  }, origin);
}
