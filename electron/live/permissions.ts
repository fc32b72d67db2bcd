/**
 * What a participant's change may touch, by the room's mode ({@link ../../shared/live/room}). The
 * server checks each transaction a participant's connection applies, from the events Yjs made of it,
 * and undoes the whole transaction when any part of it is not theirs to make:
 * - everyone: never the room, nor the participants (the server admits and removes people), nor
 *   another person's dots; their own dots add up to at most the room's dots per person; the client
 *   table (`clients`) only says that a client is theirs.
 * - `vote`: also new ideas (holding no one else's dots) and their own dots; nothing else.
 * - `edit`: also the map's header, teams, steps, handoffs and ideas.
 * - `view`: nothing (the connection is read-only as well, so changes do not even reach the map).
 */
import * as Y from 'yjs';
import { type LiveMode, readRoom } from '../../shared/live/room';
import { liveMap } from '../../shared/live/ydoc';

/** A changed Y type's place in the document: the root's name, then the keys down to it. */
function placeOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string[] {
  const keys: string[] = [];
  let current: Y.AbstractType<unknown> = type;
  while (current._item !== null) {
    keys.unshift(current._item.parentSub ?? '');
    current = current._item.parent as Y.AbstractType<unknown>;
  }
  for (const [name, root] of doc.share) if (root === current) return [name, ...keys];
  return ['?', ...keys];
}

/** The roots a participant may change in each mode (the checks below narrow `ideas` and `clients`). */
const ROOTS: Record<LiveMode, readonly string[]> = {
  view: [],
  vote: ['ideas', 'clients'],
  edit: ['map', 'teams', 'steps', 'handoffs', 'ideas', 'clients'],
};

const MODE_WORDS: Record<LiveMode, string> = { view: 'view-only', vote: 'vote-only', edit: 'open for editing' };

/** The dots of an idea entry, person to count (an entry without a dots map has none). */
function dotsOf(entry: Y.Map<unknown> | undefined): Map<string, number> {
  const dots: unknown = entry?.get('dots');
  const counts = dots instanceof Y.Map ? (dots.toJSON() as Record<string, number>) : {};
  return new Map(Object.entries(counts));
}

/**
 * Why participant `me`'s transaction is refused in `mode` (the room's mode before it: a transaction
 * that changes the mode too is judged by the mode it was made in), or undefined when it may stand.
 */
export function refusal(transaction: Y.Transaction, me: string, mode: LiveMode): string | undefined {
  const { doc } = transaction;
  const live = liveMap(doc);
  let raisedOwnDots = false;
  for (const [type, events] of transaction.changedParentTypes) {
    if (type._item !== null) continue; // Roots only: each root's list holds the events of everything under it.
    for (const event of events) {
      const [root = '?', ...keys] = placeOf(doc, event.target as Y.AbstractType<unknown>);
      if (!ROOTS[mode].includes(root))
        return `participants cannot change the ${root}: the session is ${MODE_WORDS[mode]}`;
      // Only maps change here: the map's parts and their fields are all Y.Maps.
      const target = event.target as unknown as Y.Map<unknown>;
      for (const [key, change] of event.changes.keys) {
        if (root === 'clients' && (change.action === 'delete' || target.get(key) !== me))
          return 'a client can only be said to be your own';
        if (root !== 'ideas') continue;
        const isDots = keys.length === 2 && keys[1] === 'dots';
        if (isDots && key !== me) return "only the facilitator changes another person's dots";
        if (isDots) raisedOwnDots ||= Number(target.get(key) ?? 0) > Number(change.oldValue ?? 0);
        if (keys.length === 1 && key === 'dots') return "only the facilitator changes another person's dots";
        const ownDotsOrNewIdea = isDots || (keys.length === 0 && change.action === 'add');
        if (mode === 'vote' && !ownDotsOrNewIdea)
          return `participants cannot change ideas: the session is ${MODE_WORDS.vote}`;
        if (keys.length === 0 && change.action !== 'delete') {
          const dots = dotsOf(live.parts.ideas.get(key));
          if ([...dots.keys()].some((person) => person !== me)) return "a new idea cannot hold another person's dots";
          raisedOwnDots ||= (dots.get(me) ?? 0) > 0;
        }
      }
    }
  }
  if (!raisedOwnDots) return undefined;
  // Only placing more dots can overspend: a lower budget set after the vote leaves what was spent alone.
  const spent = [...live.parts.ideas.values()].reduce((sum, idea) => sum + (dotsOf(idea).get(me) ?? 0), 0);
  const { dotsPerPerson } = readRoom(live);
  if (spent > dotsPerPerson) return `each person has ${dotsPerPerson} dots, and these changes would spend ${spent}`;
  return undefined;
}
