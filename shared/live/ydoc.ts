/**
 * A `vsm/1` map in a Y.Doc, the shared document of a live session, and back. The layout:
 *
 * - `map`: the map's own fields (name, state, calendar, notes).
 * - `teams`, `steps`, `handoffs`, `participants`, `ideas`: one Y.Map each, keyed by id (a handoff
 *   by its pair of steps, {@link handoffKey}), whose values are one Y.Map per part holding its
 *   fields, so that two people changing different fields of one step both keep their change.
 *   Each part also holds its `order` key ({@link ./order}): the document's order of each list.
 * - An idea's `dots` are a Y.Map of its own, participant id to dots, so that dots placed by
 *   different people at once add up. Its typed `votes` are kept only while it has no dots.
 * - A handoff's `stamp` says when it last became a forward handoff ({@link nextStamp}); the repair
 *   after a merge undoes the newest of the handoffs that close a cycle.
 * - `clients`: which participant each Yjs client id is, so that a repair can say whose change it undid.
 *
 * Keying handoffs by their pair makes "one handoff per pair" hold by construction: two people who
 * connect the same two steps at once write the same key, and Yjs keeps one of the two.
 */
import * as Y from 'yjs';
import { FORMAT, KNOWN_FIELDS, type VsmDocument } from '../model/schema';
import { compareOrder, spreadKeys } from './order';

export const PARTS = ['teams', 'steps', 'handoffs', 'participants', 'ideas'] as const;
export type Part = (typeof PARTS)[number];

/** A part of the map as the Y.Doc holds it: its fields, with `order` (and for a handoff `stamp`). */
export type Entry = Y.Map<unknown>;

/** The Y.Maps of a live map's Y.Doc. */
export interface LiveMap {
  doc: Y.Doc;
  header: Y.Map<unknown>;
  parts: Record<Part, Y.Map<Entry>>;
  /** Yjs client id (as text) to the participant id of the person using that client. */
  clients: Y.Map<string>;
}

export function liveMap(doc: Y.Doc): LiveMap {
  const parts = Object.fromEntries(PARTS.map((part) => [part, doc.getMap<Entry>(part)])) as LiveMap['parts'];
  return { doc, header: doc.getMap('map'), parts, clients: doc.getMap('clients') };
}

/** The key of the handoff from one step to another: unambiguous whatever the ids hold. */
export function handoffKey(from: string, to: string): string {
  return JSON.stringify([from, to]);
}

/** The fields of each part that the Y.Doc holds as they are in the document (not the id, nor an idea's votes). */
const PLAIN_FIELDS: Record<Part, readonly string[]> = {
  teams: without(KNOWN_FIELDS.teams, ['id']),
  steps: without(KNOWN_FIELDS.steps, ['id']),
  handoffs: KNOWN_FIELDS.handoffs,
  participants: without(KNOWN_FIELDS.participants, ['id']),
  ideas: without(KNOWN_FIELDS.ideas, ['id', 'votes', 'votesBy']),
};

function without(fields: readonly string[], left: readonly string[]): string[] {
  return fields.filter((field) => !left.includes(field));
}

/** The map's own fields in the `map` Y.Map. */
const HEADER_FIELDS = ['name', 'state', 'calendar', 'notes'] as const;

/**
 * A new Y.Map for one part, with its fields (those `undefined` left out), order key and, for an
 * idea, its dots. Objects (a position, the calendar) are stored as one value: a move is one change.
 */
export function newEntry(fields: Record<string, unknown>, order: string): Entry {
  const entry: Entry = new Y.Map();
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) entry.set(field, value);
  entry.set('order', order);
  return entry;
}

function keyOf(part: Part, item: { id?: string; from?: string; to?: string }): string {
  return part === 'handoffs' ? handoffKey(item.from!, item.to!) : item.id!;
}

/**
 * Writes a map into an empty Y.Doc (the facilitator's back end does this once, when a session
 * starts; participants get the map by syncing). Lists get evenly spread order keys, handoffs stamp 0.
 */
export function toYDoc(document: VsmDocument, doc: Y.Doc = new Y.Doc()): Y.Doc {
  const live = liveMap(doc);
  doc.transact(() => {
    for (const field of HEADER_FIELDS) if (document[field] !== undefined) live.header.set(field, document[field]);
    for (const part of PARTS) {
      const items: readonly Record<string, unknown>[] = document[part];
      const keys = spreadKeys(items.length);
      items.forEach((item, i) => {
        const fields = Object.fromEntries(PLAIN_FIELDS[part].map((field) => [field, item[field]]));
        const entry = newEntry(fields, keys[i]!);
        if (part === 'handoffs') entry.set('stamp', 0);
        if (part === 'ideas') {
          const idea = item as VsmDocument['ideas'][number];
          const dots = new Y.Map<number>();
          for (const [person, count] of Object.entries(idea.votesBy ?? {})) dots.set(person, count);
          entry.set('dots', dots);
          if (idea.votesBy === undefined) entry.set('votes', idea.votes);
        }
        live.parts[part].set(keyOf(part, item), entry);
      });
    }
  });
  return doc;
}

/** The entries of one part in the list's order (order key, then key): the same on every peer. */
export function orderedEntries(map: Y.Map<Entry>): { key: string; entry: Entry }[] {
  return [...map.entries()]
    .map(([key, entry]) => {
      const order = entry.get('order');
      return { key, entry, sort: { order: typeof order === 'string' ? order : '', id: key } };
    })
    .sort((a, b) => compareOrder(a.sort, b.sort))
    .map(({ key, entry }) => ({ key, entry }));
}

/** A copy of a stored value: objects read from a Y.Map are Yjs's own and must not be changed. */
function copy(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/**
 * The map a Y.Doc holds, as a `vsm/1` document. What a peer wrote is not checked here: the caller
 * validates the result ({@link ../model/validate}) before it saves or shows it.
 */
export function fromYDoc(doc: Y.Doc): VsmDocument {
  const live = liveMap(doc);
  const document: Record<string, unknown> = { format: FORMAT };
  for (const field of HEADER_FIELDS) if (live.header.has(field)) document[field] = copy(live.header.get(field));
  for (const part of PARTS) {
    document[part] = orderedEntries(live.parts[part]).map(({ key, entry }) => {
      const item: Record<string, unknown> = part === 'handoffs' ? {} : { id: key };
      for (const field of PLAIN_FIELDS[part]) if (entry.has(field)) item[field] = copy(entry.get(field));
      if (part === 'ideas') Object.assign(item, ideaVotes(entry));
      return item;
    });
  }
  return document as VsmDocument;
}

/** An idea's votes: the sum of its dots when it has dots (or never had typed votes), else the typed votes. */
function ideaVotes(entry: Entry): { votes: number; votesBy?: Record<string, number> } {
  const dots = entry.get('dots');
  const votesBy = dots instanceof Y.Map ? (dots.toJSON() as Record<string, number>) : {};
  const typed = entry.get('votes');
  if (Object.keys(votesBy).length === 0 && typeof typed === 'number') return { votes: typed };
  return { votes: Object.values(votesBy).reduce((sum, n) => sum + n, 0), votesBy };
}

/**
 * The stamp for a handoff that becomes forward now: a hybrid logical clock, the wall clock unless a
 * stamp seen in the map is as late (then one more). A change made after seeing another always has
 * the later stamp; of two made at once, the one made later by the clocks does.
 */
export function nextStamp(live: LiveMap, now: number = Date.now()): number {
  let latest = 0;
  for (const entry of live.parts.handoffs.values()) latest = Math.max(latest, Number(entry.get('stamp')) || 0);
  return Math.max(now, latest + 1);
}
