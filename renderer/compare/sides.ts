/**
 * The two sides of a comparison as the address names them: a map's id (its latest revision), or
 * `ID@N` for revision N of map ID.
 */
import type { MapSummary } from '../../shared/api/types';
import { revisionLabel, type VsmDocument } from '../../shared/model/schema';
import { call } from '../api/client';

export interface Side {
  id: string;
  /** A revision of the map; undefined: the map as it is now. */
  revision: number | undefined;
}

/** A side in the address: `ID` or `ID@N`. */
export const SIDE_PATTERN = String.raw`[\w-]+(?:@\d+)?`;

export function parseSide(text: string): Side {
  const [id = text, revision] = text.split('@');
  return { id, revision: revision === undefined ? undefined : Number(revision) };
}

export function sideText({ id, revision }: Side): string {
  return revision === undefined ? id : `${id}@${revision}`;
}

/** The address of the comparison of two sides (map ids or `ID@N`). */
export function compareHref(before: string, after: string): string {
  return `#/compare/${before}/${after}`;
}

/**
 * The two maps of a stream in the order they compare: the current state before, else the one
 * asked from first.
 */
export function compareOrder(from: MapSummary, other: MapSummary): [string, string] {
  return other.state === 'current' && from.state !== 'current' ? [other.id, from.id] : [from.id, other.id];
}

export interface LoadedSide {
  side: Side;
  summary: MapSummary;
  document: VsmDocument;
  /** What headings call it: the map's label ("Current state", "In 3 months"), with its revision. */
  label: string;
}

export async function loadSide(side: Side): Promise<LoadedSide> {
  const opened = await call('openMap', { id: side.id });
  if (side.revision === undefined) {
    return { side, summary: opened.summary, document: opened.document, label: opened.summary.label };
  }
  const document = await call('openRevision', { id: side.id, number: side.revision });
  return { side, summary: opened.summary, document, label: revisionLabel(opened.summary.label, side.revision) };
}
