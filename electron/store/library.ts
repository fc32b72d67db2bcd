/**
 * The library: value streams, their maps (one current state, any number of labelled future states)
 * and each map's revision history, in one SQLite file. Typed, synchronous functions for the API
 * handlers and the command line. Every write is one transaction; a save carries the revision it
 * was based on and is refused when the map has moved on since.
 */
import { randomBytes } from 'node:crypto';
import type {
  ImportFile,
  MapSummary,
  OpenedMap,
  RevisionInfo,
  SavedMap,
  StreamSummary,
  Trash,
} from '../../shared/api/types';
import { changeSummary } from '../../shared/metrics/change-marks';
import { computeMetrics } from '../../shared/metrics/flow';
import { describeIssues, MAX_REPORTED_ISSUES, moreProblems } from '../../shared/model/issues';
import { type MapState, STATE_LABELS, type VsmDocument } from '../../shared/model/schema';
import {
  checkDocumentSize,
  formatFromFileName,
  parseDocumentText,
  serializeDocument,
  type TextFormat,
} from '../../shared/model/text';
import { type ValidDocument, validateDocument } from '../../shared/model/validate';
import { type Connection, openDatabase } from './database';
import { fromSqliteError, LibraryError, type LibraryErrorCode } from './errors';
import { PRUNE_EVERY, revisionsToPrune } from './pruning';

export interface LibraryOptions {
  /** The clock, in milliseconds since 1970; tests move it. */
  now?: () => number;
  /** Only read it (`vsm db list`, `export`): a read-only file or folder opens; writes are refused. */
  readOnly?: boolean;
}

interface MapRow {
  id: string;
  stream_id: string;
  stream_name: string;
  state: MapState;
  label: string;
  position: number;
  name: string;
  step_count: number;
  lead_time: number;
  flow_efficiency: number | null;
  hours_per_day: number;
  days_per_week: number;
  head: number;
  created_at: number;
  updated_at: number;
  trashed_at: number | null;
  stream_trashed_at: number | null;
}

interface RevisionRow {
  number: number;
  created_at: number;
  name: string | null;
  restored_from: number | null;
  summary: string | null;
  /** The revision the summary was measured against; 0 for none; NULL not measured yet. */
  summary_base: number | null;
}

/** A revision's summary and the revision it was measured against. */
type MeasuredSummary = Pick<RevisionRow, 'summary' | 'summary_base'>;

interface StreamRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  trashed_at: number | null;
}

const STREAM_COLUMNS = 'id, name, created_at, updated_at, trashed_at';
const MAP_COLUMNS = `m.id, m.stream_id, s.name AS stream_name, m.state, m.label, m.position, m.name, m.step_count,
  m.lead_time, m.flow_efficiency, m.hours_per_day, m.days_per_week, m.head, m.created_at, m.updated_at, m.trashed_at, s.trashed_at AS stream_trashed_at`;

export class Library {
  private readonly statements;
  private readonly now: () => number;
  private readonly readOnly: boolean;
  /**
   * Summaries measured that the file could not keep (a read-only library, or a write refused), by
   * map and revision: the history reads them from here rather than measuring the same ones again
   * at every request, which never got past them.
   */
  private readonly unkeptSummaries = new Map<string, Map<number, MeasuredSummary>>();

  private constructor(
    private readonly db: Connection,
    readonly path: string,
    options: LibraryOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.readOnly = options.readOnly ?? false;
    this.statements = {
      mapById: db.prepare<[string], MapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps m JOIN streams s ON s.id = m.stream_id WHERE m.id = ?`,
      ),
      liveMaps: db.prepare<[], MapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps m JOIN streams s ON s.id = m.stream_id
         WHERE m.trashed_at IS NULL AND s.trashed_at IS NULL ORDER BY m.updated_at DESC, m.id`,
      ),
      search: db.prepare<[{ needle: string }], MapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps m JOIN streams s ON s.id = m.stream_id
         WHERE m.trashed_at IS NULL AND s.trashed_at IS NULL
           AND (instr(m.search_text, @needle) > 0 OR instr(s.search_name, @needle) > 0)
         ORDER BY m.updated_at DESC, m.id`,
      ),
      mapsOfStreams: db.prepare<[], MapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps m JOIN streams s ON s.id = m.stream_id
         ORDER BY m.stream_id, m.state = 'future', m.position`,
      ),
      mapsOfStream: db.prepare<[string], MapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps m JOIN streams s ON s.id = m.stream_id
         WHERE m.stream_id = ? ORDER BY m.state = 'future', m.position`,
      ),
      streamById: db.prepare<[string], StreamRow>(`SELECT ${STREAM_COLUMNS} FROM streams WHERE id = ?`),
      streams: db.prepare<[], StreamRow>(`SELECT ${STREAM_COLUMNS} FROM streams ORDER BY updated_at DESC, id`),
      insertStream: db.prepare(
        'INSERT INTO streams (id, name, search_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      touchStream: db.prepare('UPDATE streams SET updated_at = ? WHERE id = ?'),
      renameStream: db.prepare('UPDATE streams SET name = ?, search_name = ?, updated_at = ? WHERE id = ?'),
      trashStream: db.prepare('UPDATE streams SET trashed_at = ? WHERE id = ?'),
      insertMap: db.prepare(
        `INSERT INTO maps (id, stream_id, state, label, position, name, search_text, step_count, lead_time,
           flow_efficiency, hours_per_day, days_per_week, head, created_at, updated_at)
         VALUES (@id, @streamId, @state, @label, @position, @name, @searchText, @stepCount, @leadTime,
           @flowEfficiency, @hoursPerDay, @daysPerWeek, 1, @now, @now)`,
      ),
      updateMapHead: db.prepare(
        `UPDATE maps SET head = @head, state = @state, name = @name, search_text = @searchText,
           step_count = @stepCount, lead_time = @leadTime, flow_efficiency = @flowEfficiency,
           hours_per_day = @hoursPerDay, days_per_week = @daysPerWeek, updated_at = @now
         WHERE id = @id`,
      ),
      setLabel: db.prepare('UPDATE maps SET label = ?, updated_at = ? WHERE id = ?'),
      trashMap: db.prepare('UPDATE maps SET trashed_at = ? WHERE id = ?'),
      nextPosition: db.prepare<[string], { next: number }>(
        'SELECT coalesce(max(position), -1) + 1 AS next FROM maps WHERE stream_id = ?',
      ),
      labelsOfStream: db.prepare<[string], { label: string }>('SELECT label FROM maps WHERE stream_id = ?'),
      insertRevision: db.prepare(
        `INSERT INTO revisions (map_id, number, document, created_at, restored_from, summary, summary_base)
         VALUES (@mapId, @number, @document, @createdAt, @restoredFrom, @summary, @summaryBase)`,
      ),
      revision: db.prepare<[string, number], { document: string }>(
        'SELECT document FROM revisions WHERE map_id = ? AND number = ?',
      ),
      history: db.prepare<[string], RevisionRow>(
        `SELECT number, created_at, name, restored_from, summary, summary_base FROM revisions
         WHERE map_id = ? ORDER BY number DESC`,
      ),
      setSummary: db.prepare('UPDATE revisions SET summary = ?, summary_base = ? WHERE map_id = ? AND number = ?'),
      nameRevision: db.prepare('UPDATE revisions SET name = ? WHERE map_id = ? AND number = ?'),
      deleteRevision: db.prepare('DELETE FROM revisions WHERE map_id = ? AND number = ?'),
      idTaken: db.prepare<[string, string], { taken: number }>(
        'SELECT EXISTS (SELECT 1 FROM streams WHERE id = ?) OR EXISTS (SELECT 1 FROM maps WHERE id = ?) AS taken',
      ),
      emptyTrashMaps: db.prepare('DELETE FROM maps WHERE trashed_at IS NOT NULL'),
      emptyTrashStreams: db.prepare('DELETE FROM streams WHERE trashed_at IS NOT NULL'),
      setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** Opens the library at `path`, creating it (and its folder) when missing. */
  static open(path: string, options: LibraryOptions = {}): Library {
    return new Library(openDatabase(path, { readOnly: options.readOnly }), path, options);
  }

  close(): void {
    this.db.close();
  }

  /** The SQLite connection, for the settings and backup modules of this folder. */
  get connection(): Connection {
    return this.db;
  }

  // Reading

  /** Live value streams with their live maps, the most recently changed first. */
  listStreams(): StreamSummary[] {
    return this.streamsWhere(
      (stream) => stream.trashed_at === null,
      (map) => map.trashed_at === null,
    );
  }

  /** Live maps, the most recently changed first. */
  listMaps(): MapSummary[] {
    return this.statements.liveMaps.all().map(toSummary);
  }

  /** Live maps whose value stream's name, own name, label or a step's name contains `query` (any case). */
  search(query: string): MapSummary[] {
    const needle = query.trim().toLowerCase();
    return needle === '' ? this.listMaps() : this.statements.search.all({ needle }).map(toSummary);
  }

  openMap(id: string): OpenedMap {
    const row = this.liveMap(id);
    return { summary: toSummary(row), document: this.readRevision(id, row.head), revision: row.head };
  }

  /**
   * A map's revisions, newest first, each with the summary of its change from the revision kept
   * before it. Summaries not measured yet ({@link measureSummaries}) are measured now, the newest
   * first, at most `measure` of them (all unless told): a history that opens at once asks for none
   * and then for a few at a time, so that a long history of large maps fills in as it is measured
   * (a comparison of two 500-step maps takes a while). Those left are `measured: false`.
   */
  history(mapId: string, { measure = Infinity }: { measure?: number } = {}): RevisionInfo[] {
    this.anyMap(mapId);
    const { rows, left } = this.measuredRevisions(mapId, measure);
    return rows.map((row) => ({
      number: row.number,
      createdAt: row.created_at,
      name: row.name,
      restoredFrom: row.restored_from,
      ...(left.has(row) ? { summary: null, measured: false } : { summary: row.summary, measured: true }),
    }));
  }

  /**
   * Measures the summaries of a map's revisions that have none yet, the newest first, at most
   * `count` of them (all unless told), and keeps them when the library can be written; answers how
   * many are left. A save does not measure its revision's summary (a comparison of two 500-step
   * maps takes longer than the save): the back end measures it once the save has answered, and the
   * history any that are left. A summary measured against a revision pruned since is measured
   * again, as are those of a library from before summaries.
   */
  measureSummaries(mapId: string, count = Infinity): number {
    this.anyMap(mapId);
    return this.measuredRevisions(mapId, count).left.size;
  }

  /** A map's revisions, newest first, with up to `count` of their summaries measured ({@link measureSummaries}), and the rows left unmeasured. */
  private measuredRevisions(mapId: string, count: number): { rows: RevisionRow[]; left: Set<RevisionRow> } {
    const unkept = this.unkeptSummaries.get(mapId) ?? new Map<number, MeasuredSummary>();
    const rows = this.statements.history.all(mapId).map((row) => ({ ...row, ...unkept.get(row.number) }));
    const stale = rows.flatMap((row, index) => {
      const base = rows[index + 1]?.number ?? 0;
      return row.summary_base === base ? [] : [{ row, base }];
    });
    const measured = stale.slice(0, Math.max(0, count));
    const left = new Set(stale.slice(measured.length).map(({ row }) => row));
    if (measured.length === 0) return { rows, left };
    const documents = new Map<number, VsmDocument>();
    const documentOf = (number: number) => {
      const document = documents.get(number) ?? this.readRevision(mapId, number);
      documents.set(number, document);
      return document;
    };
    for (const { row, base } of measured) {
      row.summary = base === 0 ? null : summaryOf(() => changeSummary(documentOf(base), documentOf(row.number)));
      row.summary_base = base;
    }
    if (!this.readOnly && this.keptSummaries(mapId, measured)) {
      for (const { row } of measured) unkept.delete(row.number);
    } else {
      for (const { row } of measured) unkept.set(row.number, { summary: row.summary, summary_base: row.summary_base });
    }
    this.unkeptSummaries.set(mapId, unkept);
    return { rows, left };
  }

  /**
   * Writes measured summaries to the file; false when it cannot be written now (read-only, full or
   * locked by another program): a summary is only ever a saving of time, so the history goes on.
   */
  private keptSummaries(mapId: string, measured: readonly { row: RevisionRow }[]): boolean {
    try {
      this.write(() => {
        for (const { row } of measured)
          this.statements.setSummary.run(row.summary, row.summary_base, mapId, row.number);
      });
      return true;
    } catch (error) {
      if (error instanceof LibraryError && UNWRITABLE.has(error.code)) return false;
      throw error;
    }
  }

  /** A past revision's document, read-only. */
  openRevision(mapId: string, number: number): VsmDocument {
    this.anyMap(mapId);
    return this.readRevision(mapId, number);
  }

  /** What is in the trash: streams, and maps trashed on their own. */
  listTrash(): Trash {
    const streams = this.streamsWhere(
      (stream) => stream.trashed_at !== null,
      () => true,
    );
    const maps = this.statements.mapsOfStreams
      .all()
      .filter((row) => row.trashed_at !== null && row.stream_trashed_at === null)
      .map(toSummary);
    return { streams, maps };
  }

  // Writing

  /** A new value stream with an empty current-state map of the same name (or the given document). */
  createStream(name: string, document?: VsmDocument): OpenedMap {
    const initial = document ?? checked({ format: 'vsm/1', name, state: 'current' });
    const mapId = this.write(() => {
      const streamId = this.newStream(name);
      return this.newMap(streamId, { ...initial, state: 'current' }, STATE_LABELS.current);
    });
    return this.openMap(mapId);
  }

  /**
   * Saves a new revision of a map. `baseRevision` is the revision the document was made from; when
   * the map has moved on since, the save is refused (two windows on one map never overwrite each
   * other silently). Saving the same document again makes no revision. The document was validated
   * where it came in (the API's input, a file's import): it is not validated again.
   */
  saveMap(id: string, document: ValidDocument, baseRevision: number): SavedMap {
    const summary = this.write(() => {
      const row = this.liveMap(id);
      if (row.head !== baseRevision) {
        throw new LibraryError(
          'conflict',
          `The map "${row.name}" changed since revision ${baseRevision} (it is at revision ${row.head} now): open it again, or save your version as a copy.`,
        );
      }
      this.addRevision(row, document, null);
      return toSummary(this.liveMap(id));
    });
    return { summary, revision: summary.revision };
  }

  /**
   * Keeps a window's version of a map (one that lost a save conflict) as a new map in the same
   * stream. A stream has one current state, so the copy is a future state, labelled after the map.
   */
  saveAsCopy(mapId: string, document: ValidDocument): MapSummary {
    const mine: VsmDocument = document;
    const newId = this.write(() => {
      const row = this.liveMap(mapId);
      const label = this.freeLabel(row.stream_id, `${row.label} (copy)`);
      return this.newMap(row.stream_id, { ...mine, state: 'future' }, label);
    });
    return toSummary(this.liveMap(newId));
  }

  /** Makes a past revision the newest again, as a new revision; no revision is ever deleted by it. */
  restoreRevision(mapId: string, number: number, baseRevision: number): OpenedMap {
    this.write(() => {
      const row = this.liveMap(mapId);
      if (row.head !== baseRevision) {
        throw new LibraryError(
          'conflict',
          `The map "${row.name}" changed since revision ${baseRevision}: open it again first.`,
        );
      }
      this.addRevision(row, this.readRevision(mapId, number), number);
    });
    return this.openMap(mapId);
  }

  /** Names a revision ("Handed out after the workshop"); named revisions are never pruned. `null` unnames. */
  nameRevision(mapId: string, number: number, name: string | null): void {
    this.anyMap(mapId);
    this.write(() => {
      const result = this.statements.nameRevision.run(name?.trim() || null, mapId, number);
      if (result.changes === 0) throw new LibraryError('not-found', `The map has no revision ${number}.`);
    });
  }

  renameStream(id: string, name: string): void {
    const clean = requiredText(name, 'A value stream');
    this.write(() => {
      this.stream(id);
      this.statements.renameStream.run(clean, clean.toLowerCase(), this.now(), id);
    });
  }

  /** Renames a map: a new revision of its document with the new name. */
  renameMap(id: string, name: string, baseRevision: number): OpenedMap {
    const document = checked({ ...this.openMap(id).document, name });
    return { ...this.saveMap(id, document, baseRevision), document };
  }

  /** Relabels a future state ("6 months" -> "Q3"). The current state keeps its label. */
  relabelMap(id: string, label: string): void {
    const clean = requiredText(label, 'A future state label');
    this.write(() => {
      const row = this.liveMap(id);
      if (row.state === 'current')
        throw new LibraryError('invalid', `The current state is always labelled "${STATE_LABELS.current}".`);
      this.statements.setLabel.run(clean, this.now(), id);
    });
  }

  /** A future state of the map's stream, starting as a copy of the map (usually its current state). */
  deriveFutureState(mapId: string, label?: string): MapSummary {
    const { document, summary } = this.openMap(mapId);
    const newId = this.write(() =>
      this.newMap(
        summary.streamId,
        { ...document, state: 'future' },
        this.freeLabel(summary.streamId, label ?? STATE_LABELS.future),
      ),
    );
    return toSummary(this.liveMap(newId));
  }

  /**
   * A copy of a map. A future state is copied within its stream; a current state becomes the current
   * state of a new stream, as a stream has one current state.
   */
  duplicateMap(mapId: string): MapSummary {
    const { document, summary } = this.openMap(mapId);
    const newId = this.write(() => {
      if (summary.state === 'future') {
        return this.newMap(summary.streamId, document, this.freeLabel(summary.streamId, `${summary.label} (copy)`));
      }
      const streamId = this.newStream(`${summary.streamName} (copy)`);
      return this.newMap(streamId, document, STATE_LABELS.current);
    });
    return toSummary(this.liveMap(newId));
  }

  /** A copy of a value stream with all its live maps (their latest revisions). */
  duplicateStream(streamId: string): StreamSummary {
    const stream = this.stream(streamId);
    const maps = this.liveMapsOf(streamId);
    const newId = this.write(() => {
      const id = this.newStream(`${stream.name} (copy)`);
      for (const map of maps) this.newMap(id, this.readRevision(map.id, map.head), map.label);
      return id;
    });
    return { ...toStreamSummary(this.stream(newId)), maps: this.liveMapsOf(newId).map(toSummary) };
  }

  /** Moves a map to the trash. */
  trashMap(id: string): void {
    this.write(() => {
      this.liveMap(id);
      this.statements.trashMap.run(this.now(), id);
    });
  }

  /** Moves a value stream, with its maps, to the trash. */
  trashStream(id: string): void {
    this.write(() => {
      const stream = this.stream(id);
      if (stream.trashed_at !== null)
        throw new LibraryError('not-found', `The value stream "${stream.name}" is already in the trash.`);
      this.statements.trashStream.run(this.now(), id);
    });
  }

  /** Takes a map out of the trash (its stream must not be in the trash). */
  restoreMap(id: string): void {
    this.write(() => {
      const row = this.anyMap(id);
      if (row.stream_trashed_at !== null) {
        throw new LibraryError(
          'invalid',
          `"${row.name}" belongs to the value stream "${row.stream_name}", which is in the trash: restore the stream.`,
        );
      }
      try {
        this.statements.trashMap.run(null, id);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new LibraryError(
            'invalid',
            `The value stream "${row.stream_name}" has a current state already: trash that one first to restore this one.`,
          );
        }
        throw error;
      }
    });
  }

  /** Takes a value stream, with the maps it had, out of the trash. */
  restoreStream(id: string): void {
    this.write(() => {
      this.stream(id);
      this.statements.trashStream.run(null, id);
    });
  }

  /** Deletes everything in the trash, for good. Returns how many streams and maps went. */
  emptyTrash(): { streams: number; maps: number } {
    return this.write(() => {
      const maps = this.statements.emptyTrashMaps.run().changes;
      const streams = this.statements.emptyTrashStreams.run().changes;
      return { streams, maps };
    });
  }

  /**
   * Imports `vsm/1` files, all or none: every file is read and validated first, and one bad file
   * means nothing is added (the error names each file and field). Maps of the same name in one import
   * become one value stream: its current state and its future states.
   */
  importFiles(files: readonly ImportFile[]): MapSummary[] {
    const documents: { file: string; document: VsmDocument }[] = [];
    const errors: string[] = [];
    let more = 0;
    for (const file of files) {
      const tooLarge = checkDocumentSize(Buffer.byteLength(file.text));
      if (tooLarge) {
        errors.push(`"${file.name}" ${tooLarge}.`);
        continue;
      }
      const parsed = parseDocumentText(file.text, formatFromFileName(file.name));
      if (parsed.ok) documents.push({ file: file.name, document: parsed.document });
      else {
        // The first problems of all the files together, as many as one file shows.
        const room = MAX_REPORTED_ISSUES - errors.length;
        const lines = describeIssues({ issues: parsed.issues, more: 0 });
        for (const line of lines.slice(0, room)) errors.push(`${file.name}: ${line}`);
        more += Math.max(0, lines.length - room) + parsed.more;
      }
    }
    if (more > 0) errors.push(moreProblems(more));
    if (errors.length > 0) throw new LibraryError('invalid', `Nothing was imported:\n${errors.join('\n')}`);

    const ids = this.write(() => {
      const streamOfName = new Map<string, string>();
      const withCurrent = new Set<string>();
      return documents.map(({ document }) => {
        let streamId = streamOfName.get(document.name);
        // A second current state of the same name cannot share the stream: it gets its own.
        if (streamId === undefined || (document.state === 'current' && withCurrent.has(streamId))) {
          streamId = this.newStream(document.name);
          if (!streamOfName.has(document.name)) streamOfName.set(document.name, streamId);
        }
        if (document.state === 'future') {
          return this.newMap(streamId, document, this.freeLabel(streamId, STATE_LABELS.future));
        }
        withCurrent.add(streamId);
        return this.newMap(streamId, document, STATE_LABELS.current);
      });
    });
    return ids.map((id) => toSummary(this.liveMap(id)));
  }

  /** A map's latest revision as `vsm/1` text. */
  exportMap(id: string, format: TextFormat): string {
    return serializeDocument(this.openMap(id).document, format);
  }

  /** A stored setting's JSON value, or undefined. Typed access lives in `settings.ts`. */
  readSetting(key: string): unknown {
    const row = this.statements.setting.get(key);
    if (!row) return undefined;
    try {
      return JSON.parse(row.value);
    } catch {
      return undefined;
    }
  }

  writeSetting(key: string, value: unknown): void {
    this.write(() => this.statements.putSetting.run(key, JSON.stringify(value)));
  }

  // Inside

  /** Runs `work` in one transaction; SQLite's write failures become clear LibraryErrors. */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      if (error instanceof LibraryError) throw error;
      throw fromSqliteError(error, this.path) ?? error;
    }
  }

  private newId(): string {
    for (;;) {
      // 8 characters of base 32: short enough to type in `vsm db export`, 40 bits of randomness.
      const id = [...randomBytes(8)].map((byte) => 'abcdefghjkmnpqrstuvwxyz023456789'[byte & 31]).join('');
      if (!this.statements.idTaken.get(id, id)!.taken) return id;
    }
  }

  private newStream(name: string): string {
    const id = this.newId();
    const now = this.now();
    const clean = requiredText(name, 'A value stream');
    this.statements.insertStream.run(id, clean, clean.toLowerCase(), now, now);
    return id;
  }

  private newMap(streamId: string, document: VsmDocument, label: string): string {
    const id = this.newId();
    const now = this.now();
    this.statements.insertMap.run({
      id,
      streamId,
      state: document.state,
      label,
      position: this.statements.nextPosition.get(streamId)!.next,
      now,
      ...derivedColumns(document, label),
    });
    this.statements.insertRevision.run({
      mapId: id,
      number: 1,
      document: JSON.stringify(document),
      createdAt: now,
      restoredFrom: null,
      summary: null,
      summaryBase: 0,
    });
    this.statements.touchStream.run(now, streamId);
    return id;
  }

  private addRevision(row: MapRow, document: VsmDocument, restoredFrom: number | null): void {
    const json = JSON.stringify(document);
    if (restoredFrom === null && json === this.statements.revision.get(row.id, row.head)?.document) return;
    const head = row.head + 1;
    const now = this.now();
    this.statements.insertRevision.run({
      mapId: row.id,
      number: head,
      document: json,
      createdAt: now,
      restoredFrom,
      // Measured after the save (measureSummaries).
      summary: null,
      summaryBase: null,
    });
    try {
      this.statements.updateMapHead.run({
        id: row.id,
        head,
        state: document.state,
        now,
        ...derivedColumns(document, row.label),
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new LibraryError(
          'invalid',
          `The value stream "${row.stream_name}" has a current state already; this map stays a future state.`,
        );
      }
      throw error;
    }
    this.statements.touchStream.run(now, row.stream_id);
    if (head % PRUNE_EVERY === 0) this.prune(row.id, now);
  }

  private prune(mapId: string, now: number): void {
    const stamps = this.statements.history
      .all(mapId)
      .map((revision) => ({ number: revision.number, createdAt: revision.created_at, named: revision.name !== null }));
    for (const number of revisionsToPrune(stamps, now)) this.statements.deleteRevision.run(mapId, number);
  }

  private readRevision(mapId: string, number: number): ValidDocument {
    const row = this.statements.revision.get(mapId, number);
    if (!row) throw new LibraryError('not-found', `The map has no revision ${number} (it may have been pruned).`);
    const result = validateDocument(JSON.parse(row.document));
    if (!result.ok) {
      throw new LibraryError(
        'damaged',
        `Revision ${number} of map ${mapId} is damaged: ${describeIssues(result).join('; ')}`,
      );
    }
    return result.document;
  }

  private anyMap(id: string): MapRow {
    const row = this.statements.mapById.get(id);
    if (!row) throw new LibraryError('not-found', `There is no map with the id "${id}".`);
    return row;
  }

  private liveMap(id: string): MapRow {
    const row = this.anyMap(id);
    if (row.trashed_at !== null || row.stream_trashed_at !== null) {
      throw new LibraryError('not-found', `The map "${row.name}" is in the trash: restore it first.`);
    }
    return row;
  }

  private stream(id: string): StreamRow {
    const row = this.statements.streamById.get(id);
    if (!row) throw new LibraryError('not-found', `There is no value stream with the id "${id}".`);
    return row;
  }

  private liveMapsOf(streamId: string): MapRow[] {
    return this.statements.mapsOfStream.all(streamId).filter((row) => row.trashed_at === null);
  }

  private freeLabel(streamId: string, wanted: string): string {
    const taken = new Set(this.statements.labelsOfStream.all(streamId).map((row) => row.label));
    if (!taken.has(wanted)) return wanted;
    for (let n = 2; ; n++) if (!taken.has(`${wanted} ${n}`)) return `${wanted} ${n}`;
  }

  private streamsWhere(keepStream: (row: StreamRow) => boolean, keepMap: (row: MapRow) => boolean): StreamSummary[] {
    const mapsByStream = new Map<string, MapSummary[]>();
    for (const row of this.statements.mapsOfStreams.all()) {
      if (!keepMap(row)) continue;
      const list = mapsByStream.get(row.stream_id) ?? [];
      list.push(toSummary(row));
      mapsByStream.set(row.stream_id, list);
    }
    return this.statements.streams
      .all()
      .filter(keepStream)
      .map((row) => ({ ...toStreamSummary(row), maps: mapsByStream.get(row.id) ?? [] }));
  }
}

function checked(raw: unknown): ValidDocument {
  const result = validateDocument(raw);
  if (!result.ok) throw new LibraryError('invalid', `The map is not valid: ${describeIssues(result).join('; ')}`);
  return result.document;
}

function requiredText(text: string, what: string): string {
  const clean = text.trim();
  if (clean === '' || clean.length > 200)
    throw new LibraryError('invalid', `${what} needs a name of 1 to 200 characters.`);
  return clean;
}

/** The columns of `maps` that come from the document: for lists and search. */
function derivedColumns(document: VsmDocument, label: string) {
  const metrics = computeMetrics(document);
  const searchText = [document.name, label, ...document.steps.map((step) => step.name)].join('\n').toLowerCase();
  return {
    name: document.name,
    searchText,
    stepCount: document.steps.length,
    leadTime: metrics.leadTime,
    flowEfficiency: metrics.flowEfficiency,
    hoursPerDay: document.calendar.hoursPerDay,
    daysPerWeek: document.calendar.daysPerWeek,
  };
}

function toStreamSummary(row: StreamRow): Omit<StreamSummary, 'maps'> {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
  };
}

function toSummary(row: MapRow): MapSummary {
  return {
    id: row.id,
    streamId: row.stream_id,
    streamName: row.stream_name,
    name: row.name,
    state: row.state,
    label: row.label,
    stepCount: row.step_count,
    leadTime: row.lead_time,
    flowEfficiency: row.flow_efficiency,
    calendar: { hoursPerDay: row.hours_per_day, daysPerWeek: row.days_per_week },
    revision: row.head,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at ?? row.stream_trashed_at,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Why a write is refused while the library still reads. */
const UNWRITABLE: ReadonlySet<LibraryErrorCode> = new Set(['read-only', 'disk-full', 'busy']);

/** A revision's summary; a damaged revision (or the one before it) is said to be so, and the rest of the history still reads. */
function summaryOf(measure: () => string): string {
  try {
    return measure();
  } catch (error) {
    if (error instanceof LibraryError && error.code === 'damaged') return 'could not be read: a revision is damaged';
    throw error;
  }
}
