/**
 * Every migration, in order. Each is a numbered file (`0001-name.ts`) whose SQL takes the schema
 * from version N - 1 to N; `PRAGMA user_version` records the version a library is at.
 */
import { migration as library } from './0001-library';
import { migration as revisionSummaries } from './0002-revision-summaries';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [library, revisionSummaries];

/** The schema version this Flowmap writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
