/**
 * The repair after a merge. Each person's edits keep the map valid, but two edits made at once can
 * break its rules once merged: two handoffs that together close a cycle, a handoff or an idea on a
 * step someone removed, dots of a participant someone removed. The repair restores the rules of
 * {@link ../model/validate} by undoing as few changes as it can, and says which changes it undid
 * and whose they were (the Yjs client that wrote them, and the participant that claimed it).
 *
 * The rule is a function of the merged Y.Doc alone, so every peer that has the same updates makes
 * the same repair and the same report, whatever order the updates came in:
 * - A removal wins over a change made at once to what was removed: that change is undone the way
 *   the removal would have undone it (the handoff goes, the idea's step or owner is cleared, the
 *   dots go, the step leaves the team), as the editor's removal does.
 * - Of the forward handoffs that close a cycle, the newest (by stamp, then client id, then key)
 *   loses its forward-ness: it becomes a rework loop back, as the editor makes a handoff drawn
 *   back against the flow. The map is then the one the two edits made one after the other give.
 * - A rework loop that no longer goes back (its forward path was cut at the same time) goes.
 * - One handoff per pair and unique ids need no repair: handoffs are keyed by their pair, and ids
 *   are random ({@link ./ids}).
 */
import type * as Y from 'yjs';
import { DEFAULT_REWORK } from '../model/commands';
import { buildForwardGraph, findCycles, reaches } from '../model/graph';
import { type Entry, liveMap, type LiveMap, orderedEntries, type Part } from './ydoc';

/** The origin of the repair's transaction: no person's undo manager tracks it. */
export const REPAIR_ORIGIN = 'flowmap-repair';

export type RepairRule =
  | 'team-removed'
  | 'step-removed'
  | 'cycle'
  | 'rework-not-back'
  | 'idea-step-removed'
  | 'owner-removed'
  | 'dots-of-removed';

/** One change the repair undid. */
export interface Undone {
  rule: RepairRule;
  /** The part changed: its list and key; `field` for a field of it, or the participant of dots. */
  part: Part;
  key: string;
  field?: string;
  /** What happened, in a sentence for the people told. */
  message: string;
  /** The Yjs client whose change was undone, and the participant who uses it, when known. */
  client: number;
  participant?: string;
}

/** The Yjs client that wrote a key's current value (`_map` holds Yjs's own record of each key). */
function writer<T>(map: Y.Map<T>, key: string): number {
  return map._map.get(key)?.id.client ?? -1;
}

function stampOf(entry: Entry): number {
  return Number(entry.get('stamp')) || 0;
}

/**
 * Repairs the merged map in one transaction (origin {@link REPAIR_ORIGIN}); answers what it undid,
 * in a stable order. A valid map is left untouched, with an empty answer.
 */
export function repair(doc: Y.Doc): Undone[] {
  const live = liveMap(doc);
  const undone: Undone[] = [];
  const tell = (change: Omit<Undone, 'participant'>) => {
    const participant = live.clients.get(String(change.client));
    undone.push(participant === undefined ? change : { ...change, participant });
  };
  doc.transact(() => {
    repairReferences(live, tell);
    repairHandoffs(live, tell);
  }, REPAIR_ORIGIN);
  return undone;
}

type Tell = (change: Omit<Undone, 'participant'>) => void;

function stepName(live: LiveMap, id: string): string {
  const name = live.parts.steps.get(id)?.get('name');
  return typeof name === 'string' ? name : id;
}

/** Changes to what someone removed at the same time: undone as the removal undoes them. */
function repairReferences(live: LiveMap, tell: Tell): void {
  const { teams, steps, participants, handoffs, ideas } = live.parts;
  for (const { key, entry } of orderedEntries(steps)) {
    const team = entry.get('team');
    if (team === undefined || (typeof team === 'string' && teams.has(team))) continue;
    tell({
      rule: 'team-removed',
      part: 'steps',
      key,
      field: 'team',
      client: writer(entry, 'team'),
      message: `"${stepName(live, key)}" was put in a team that was removed at the same time: it is in no team now.`,
    });
    entry.delete('team');
  }
  for (const { key, entry } of orderedEntries(handoffs)) {
    const [from, to] = [String(entry.get('from')), String(entry.get('to'))];
    if (steps.has(from) && steps.has(to)) continue;
    tell({
      rule: 'step-removed',
      part: 'handoffs',
      key,
      client: writer(handoffs, key),
      message: `The handoff "${stepName(live, from)}" → "${stepName(live, to)}" was made to a step removed at the same time: it is gone.`,
    });
    handoffs.delete(key);
  }
  for (const { key, entry } of orderedEntries(ideas)) {
    const step = entry.get('step');
    if (step !== undefined && !(typeof step === 'string' && steps.has(step))) {
      tell({
        rule: 'idea-step-removed',
        part: 'ideas',
        key,
        field: 'step',
        client: writer(entry, 'step'),
        message: `The idea "${String(entry.get('text'))}" was put on a step removed at the same time: it is on the map as a whole now.`,
      });
      entry.delete('step');
    }
    const owner = entry.get('owner');
    if (owner !== undefined && !(typeof owner === 'string' && participants.has(owner))) {
      tell({
        rule: 'owner-removed',
        part: 'ideas',
        key,
        field: 'owner',
        client: writer(entry, 'owner'),
        message: `The idea "${String(entry.get('text'))}" was given to a participant removed at the same time: it has no owner now.`,
      });
      entry.delete('owner');
    }
    const dots = entry.get('dots') as Y.Map<number>;
    for (const voter of [...dots.keys()].sort()) {
      if (participants.has(voter)) continue;
      tell({
        rule: 'dots-of-removed',
        part: 'ideas',
        key,
        field: voter,
        client: writer(dots, voter),
        message: `Dots on the idea "${String(entry.get('text'))}" came from a participant removed at the same time: they are gone.`,
      });
      dots.delete(voter);
    }
  }
}

/** Forward handoffs that close a cycle, then rework loops that no longer go back. */
function repairHandoffs(live: LiveMap, tell: Tell): void {
  const stepIds = orderedEntries(live.parts.steps).map(({ key }) => key);
  const handoffs = orderedEntries(live.parts.handoffs);
  const graphNow = () =>
    buildForwardGraph(
      stepIds,
      handoffs.map(({ entry }) => ({
        from: String(entry.get('from')),
        to: String(entry.get('to')),
        rework: entry.get('rework'),
      })),
    );
  for (let cycles = findCycles(graphNow()); cycles.length > 0; cycles = findCycles(graphNow())) {
    // One handoff a cycle at a time: a group of steps may hold several cycles, and one change can end them all.
    for (const cycle of cycles) {
      const graph = graphNow();
      const members = cycle.map((edge) => handoffs[graph.edgeHandoff[edge]!]!);
      const newest = members.reduce((a, b) => (isNewer(b, a) ? b : a));
      const [from, to] = [String(newest.entry.get('from')), String(newest.entry.get('to'))];
      tell({
        rule: 'cycle',
        part: 'handoffs',
        key: newest.key,
        field: 'rework',
        client: writer(newest.entry, 'stamp'),
        message: `The handoff "${stepName(live, from)}" → "${stepName(live, to)}" closed a cycle of forward handoffs with changes made at the same time: it is a rework loop back now.`,
      });
      newest.entry.set('rework', DEFAULT_REWORK);
    }
  }
  const graph = graphNow();
  for (const { key, entry } of handoffs) {
    if (entry.get('rework') === undefined) continue;
    const [from, to] = [String(entry.get('from')), String(entry.get('to'))];
    if (reaches(graph, graph.indexOf.get(to)!, graph.indexOf.get(from)!)) continue;
    tell({
      rule: 'rework-not-back',
      part: 'handoffs',
      key,
      client: writer(entry, 'stamp'),
      message: `The rework loop "${stepName(live, from)}" → "${stepName(live, to)}" no longer goes back: the path it went back along was cut at the same time. It is gone.`,
    });
    live.parts.handoffs.delete(key);
  }
}

/** Whether one handoff's last change to forward is newer than another's: stamp, then client id, then key. */
function isNewer(a: { key: string; entry: Entry }, b: { key: string; entry: Entry }): boolean {
  const [stampA, stampB] = [stampOf(a.entry), stampOf(b.entry)];
  if (stampA !== stampB) return stampA > stampB;
  const [clientA, clientB] = [writer(a.entry, 'stamp'), writer(b.entry, 'stamp')];
  if (clientA !== clientB) return clientA > clientB;
  return a.key > b.key;
}
