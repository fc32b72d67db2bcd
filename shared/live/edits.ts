/**
 * Edits of a live map's Y.Doc. Each is one transaction with the editing person's `origin`, so
 * that their {@link ./undo} manager tracks it and nobody else's. The values are checked where the
 * edit is made (the editor's commands on the document the Y.Doc holds); here they are written as
 * they come, and {@link ./repair} restores the rules across parts after concurrent edits merge.
 */
import * as Y from 'yjs';
import type { Handoff } from '../model/schema';
import { type IdKind, newId } from './ids';
import { keyBetween } from './order';
import { type Entry, handoffKey, type LiveMap, newEntry, nextStamp, orderedEntries, type Part } from './ydoc';

/** The kind of id each part's new entries get. */
const ID_KINDS: Record<Exclude<Part, 'handoffs'>, IdKind> = {
  teams: 'team',
  steps: 'step',
  participants: 'participant',
  ideas: 'idea',
};

/** A field's new value, or `null` to remove the field. */
export type Patch = Record<string, unknown>;

function lastOrder(map: Y.Map<Entry>): string | null {
  const entries = orderedEntries(map);
  return entries.length === 0 ? null : String(entries[entries.length - 1]!.entry.get('order'));
}

/** Adds a team, step, participant or idea at the end of its list; answers its new, random id. */
export function addPart(
  live: LiveMap,
  part: Exclude<Part, 'handoffs'>,
  fields: Record<string, unknown>,
  origin: unknown,
): string {
  const id = newId(ID_KINDS[part]);
  live.doc.transact(() => {
    const entry = newEntry(fields, keyBetween(lastOrder(live.parts[part]), null));
    if (part === 'ideas') entry.set('dots', new Y.Map<number>());
    live.parts[part].set(id, entry);
  }, origin);
  return id;
}

/** Connects two steps, at the end of the handoffs; stamped, for {@link ./repair} to tell the newest. */
export function connect(
  live: LiveMap,
  handoff: Omit<Handoff, 'waitTime'> & { waitTime?: number },
  origin: unknown,
): void {
  live.doc.transact(() => {
    const entry = newEntry({ waitTime: 0, ...handoff }, keyBetween(lastOrder(live.parts.handoffs), null));
    entry.set('stamp', nextStamp(live));
    live.parts.handoffs.set(handoffKey(handoff.from, handoff.to), entry);
  }, origin);
}

/**
 * Changes fields of a part (`null` removes one). A handoff whose `rework` is removed becomes a
 * forward handoff now, and is stamped again.
 */
export function updatePart(live: LiveMap, part: Part, key: string, patch: Patch, origin: unknown): void {
  const entry = live.parts[part].get(key);
  if (!entry) return;
  live.doc.transact(() => {
    for (const [field, value] of Object.entries(patch)) {
      if (value === null) entry.delete(field);
      else entry.set(field, value);
    }
    if (part === 'handoffs' && patch['rework'] === null) entry.set('stamp', nextStamp(live));
  }, origin);
}

/** Moves a part to `index` of its list (counted without it): one new order key, between its new neighbours. */
export function movePart(live: LiveMap, part: Part, key: string, index: number, origin: unknown): void {
  const entry = live.parts[part].get(key);
  if (!entry) return;
  const others = orderedEntries(live.parts[part]).filter((other) => other.key !== key);
  const orderAt = (i: number) => (i >= 0 && i < others.length ? String(others[i]!.entry.get('order')) : null);
  live.doc.transact(() => entry.set('order', keyBetween(orderAt(index - 1), orderAt(index))), origin);
}

/** Removes a step with its handoffs; its ideas stay, on the map as a whole. */
export function removeStep(live: LiveMap, id: string, origin: unknown): void {
  live.doc.transact(() => {
    live.parts.steps.delete(id);
    for (const [key, handoff] of [...live.parts.handoffs.entries()]) {
      if (handoff.get('from') === id || handoff.get('to') === id) live.parts.handoffs.delete(key);
    }
    for (const idea of live.parts.ideas.values()) if (idea.get('step') === id) idea.delete('step');
  }, origin);
}

/** Removes a team; its steps stay, in no team. */
export function removeTeam(live: LiveMap, id: string, origin: unknown): void {
  live.doc.transact(() => {
    live.parts.teams.delete(id);
    for (const step of live.parts.steps.values()) if (step.get('team') === id) step.delete('team');
  }, origin);
}

/** Removes a participant with their dots, and clears what they own (spec section 6). */
export function removeParticipant(live: LiveMap, id: string, origin: unknown): void {
  live.doc.transact(() => {
    live.parts.participants.delete(id);
    for (const idea of live.parts.ideas.values()) {
      (idea.get('dots') as Y.Map<number>).delete(id);
      if (idea.get('owner') === id) idea.delete('owner');
    }
  }, origin);
}

/** Removes a handoff (by its key) or an idea. */
export function removePart(live: LiveMap, part: 'handoffs' | 'ideas', key: string, origin: unknown): void {
  live.doc.transact(() => {
    live.parts[part].delete(key);
  }, origin);
}

/**
 * Sets a participant's dots on an idea (0 takes them all back). Dots replace the typed votes, as
 * in the editor: votes given by dots are the dots' sum.
 */
export function setDots(live: LiveMap, ideaId: string, participantId: string, count: number, origin: unknown): void {
  const idea = live.parts.ideas.get(ideaId);
  if (!idea) return;
  live.doc.transact(() => {
    const dots = idea.get('dots') as Y.Map<number>;
    if (count === 0) dots.delete(participantId);
    else dots.set(participantId, count);
    if (idea.has('votes')) idea.delete('votes');
  }, origin);
}

/** Says which participant uses this Y.Doc's client, for the reports of {@link ./repair}. */
export function claimClient(live: LiveMap, participantId: string): void {
  live.clients.set(String(live.doc.clientID), participantId);
}
