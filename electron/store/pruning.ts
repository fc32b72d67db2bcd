/**
 * How a map's history stays bounded without losing what matters. A workshop autosaves every few
 * seconds, so a map gathers thousands of revisions; people come back for "how it looked at the
 * end of Tuesday", not for each keystroke. Kept, always:
 * - the newest {@link KEEP_RECENT} revisions, every one;
 * - every named revision (a version handed out or marked by hand);
 * - of the rest, the newest revision of each hour for a week, then of each day.
 * So a map's history grows by at most about 24 × 7 + 1 a day of use beyond the recent ones.
 */

export const KEEP_RECENT = 100;
/** Pruning runs when this many revisions have been added since the newest kept one. */
export const PRUNE_EVERY = 50;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export interface RevisionStamp {
  number: number;
  createdAt: number;
  named: boolean;
}

/** The revision numbers to delete, given a map's revisions (any order) and the time now. */
export function revisionsToPrune(revisions: readonly RevisionStamp[], now: number): number[] {
  const newestFirst = [...revisions].sort((a, b) => b.number - a.number);
  const keptBuckets = new Set<string>();
  const prune: number[] = [];
  newestFirst.forEach((revision, index) => {
    if (index < KEEP_RECENT || revision.named) return;
    const age = now - revision.createdAt;
    const bucket =
      age < WEEK ? `h${Math.floor(revision.createdAt / HOUR)}` : `d${Math.floor(revision.createdAt / DAY)}`;
    // Newest first: the first revision seen in a bucket is the newest of that hour or day.
    if (keptBuckets.has(bucket)) prune.push(revision.number);
    else keptBuckets.add(bucket);
  });
  return prune;
}
