/**
 * A one-line summary of each revision's change from the revision kept before it ("+2 steps, −1
 * wall, wait 1d → 2h"), for the history list. It is written with the revision at save time (the
 * revision before is at hand then), together with the number of the revision it was measured
 * against. Pruning can delete that one: a summary whose `summary_base` is no longer the revision
 * just before is measured again when the history is read, as are those of revisions saved before
 * this migration (`summary_base` NULL). `summary_base` 0 means there is no kept revision before
 * (the first one, or the oldest kept), and the summary is NULL.
 */
import type { Migration } from './index';

export const migration: Migration = {
  version: 2,
  name: 'revision-summaries',
  sql: `
    ALTER TABLE revisions ADD COLUMN summary TEXT;
    ALTER TABLE revisions ADD COLUMN summary_base INTEGER;
  `,
};
