/**
 * The first schema: value streams, their maps, and every map's revisions.
 *
 * Documents, not normalized rows: a map is edited, saved, exported, compared and restored as one
 * `vsm/1` document, and every revision is a whole snapshot of it. Splitting steps and handoffs into
 * tables would mean copying those rows on every save to keep history, and joining them back on every
 * open. So each revision holds the document as JSON, and `maps` keeps what lists and search need
 * (name, step names, lead time, flow efficiency, last change) in indexed columns, written in the
 * same transaction as the revision. Search looks for a substring in lower-cased copies of the names
 * (`search_name`, `search_text`): a thousand maps scan in well under a millisecond, and people search
 * for parts of words ("deplo"), which a full-text index would not find.
 */
import type { Migration } from './index';

export const migration: Migration = {
  version: 1,
  name: 'library',
  sql: `
    CREATE TABLE streams (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      search_name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      trashed_at INTEGER
    ) STRICT;

    CREATE TABLE maps (
      id TEXT PRIMARY KEY,
      stream_id TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (state IN ('current', 'future')),
      label TEXT NOT NULL,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      search_text TEXT NOT NULL,
      step_count INTEGER NOT NULL,
      lead_time REAL NOT NULL,
      flow_efficiency REAL,
      hours_per_day REAL NOT NULL,
      days_per_week REAL NOT NULL,
      head INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      trashed_at INTEGER
    ) STRICT;
    CREATE INDEX maps_by_stream ON maps (stream_id, position);
    CREATE INDEX maps_by_update ON maps (updated_at);
    CREATE UNIQUE INDEX one_current_state_per_stream ON maps (stream_id)
      WHERE state = 'current' AND trashed_at IS NULL;

    CREATE TABLE revisions (
      map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
      number INTEGER NOT NULL,
      document TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      name TEXT,
      restored_from INTEGER,
      PRIMARY KEY (map_id, number)
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
