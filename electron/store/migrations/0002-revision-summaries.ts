/**
 * A one-line summary of each revision's change from the revision kept before it ("+2 steps, −1
 * wall, wait 1d → 2h"), for the history list, with the number of the revision it was measured
 * against (`summary_base`). A save leaves both NULL, not measured: the back end measures it once
 * the save has answered (a comparison of two large maps takes longer than the save), and reading
 * the history measures any left, as those of revisions saved before this migration. Pruning can
 * delete the revision a summary was measured against: a summary whose `summary_base` is no longer
 * the revision just before is measured again. `summary_base` 0 means there is no kept revision
 * before (the first one, or the oldest kept), and the summary is NULL.
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
