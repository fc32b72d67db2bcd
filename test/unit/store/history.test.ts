/** A map's history: revisions with the summary of their change, names, restores, old libraries. */
import Database from 'better-sqlite3';
import { chmodSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/handlers';
import type { Library } from '../../../electron/store/library';
import type { ExportedFile } from '../../../shared/api/types';
import { KEEP_RECENT, PRUNE_EVERY } from '../../../electron/store/pruning';
import { changeSummary } from '../../../shared/metrics/change-marks';
import { addStep } from '../../../shared/model/commands';
import type { VsmDocument } from '../../../shared/model/schema';
import { valid } from '../helpers';
import { manualClock, openLibrary, tempLibrary } from './helpers';

function withStep(document: VsmDocument, name: string): VsmDocument {
  const result = addStep(document, { name, processTime: 30 });
  if (!result.ok) throw new Error(result.error);
  return result.document;
}

/** A map saved `saves` times, a step more each time; the clock moves `spacing` ms before each save. */
function growingMap(library: Library, clock: ReturnType<typeof manualClock>, saves: number, spacing: number) {
  const opened = library.createStream('Workshop');
  let { document, revision } = opened;
  for (let n = 0; n < saves; n++) {
    clock.advance(spacing);
    document = withStep(document, `Step ${n}`);
    ({ revision } = library.saveMap(opened.summary.id, valid(document), revision));
  }
  return opened.summary.id;
}

/** Each revision's summary against the revision listed after it (the one kept before it). */
function expectedSummaries(library: Library, id: string): (string | null)[] {
  const numbers = library.history(id).map((revision) => revision.number);
  return numbers.map((number, index) => {
    const before = numbers[index + 1];
    return before === undefined
      ? null
      : changeSummary(library.openRevision(id, before), library.openRevision(id, number));
  });
}

describe('revision summaries', () => {
  it('says what each save changed from the revision before; the first revision has none', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const id = growingMap(library, clock, 3, 60_000);
    const history = library.history(id);
    expect(history.map((revision) => revision.number)).toEqual([4, 3, 2, 1]);
    expect(history.map((revision) => revision.summary)).toEqual(['+1 step', '+1 step', '+1 step', null]);
    expect(history.map((revision) => revision.summary)).toEqual(expectedSummaries(library, id));
  });

  it('opens a long history at once and measures its summaries a few at a time, the newest first, each kept', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    // Saved without the back end: no summary is measured yet but the first's (it has none).
    const id = growingMap(library, clock, 5, 60_000);
    const stored = () =>
      library.connection
        .prepare<[string], { summary: string | null; summary_base: number | null }>(
          'SELECT summary, summary_base FROM revisions WHERE map_id = ? ORDER BY number DESC',
        )
        .all(id);
    const unmeasured = stored();
    expect(unmeasured.map((row) => row.summary_base)).toEqual([null, null, null, null, null, 0]);

    const opened = library.history(id, { measure: 0 });
    expect(opened.map((revision) => [revision.number, revision.measured, revision.summary])).toEqual(
      [6, 5, 4, 3, 2, 1].map((number) => [number, number === 1, null]),
    );
    expect(stored()).toEqual(unmeasured);

    const batches: boolean[][] = [];
    let list = opened;
    while (list.some((revision) => !revision.measured)) {
      list = library.history(id, { measure: 2 });
      batches.push(list.map((revision) => revision.measured));
    }
    expect(batches).toEqual([
      [true, true, false, false, false, true],
      [true, true, true, true, false, true],
      [true, true, true, true, true, true],
    ]);
    expect(list.map((revision) => revision.summary)).toEqual(expectedSummaries(library, id));
    expect(stored().map((row) => row.summary)).toEqual(list.map((revision) => revision.summary));
    expect(stored().map((row) => row.summary_base)).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it("measures a save's summary once the save has answered, not in its time", async () => {
    const library = tempLibrary();
    const opened = library.createStream('Autosaved');
    const id = opened.summary.id;
    const stored = library.connection.prepare<[string], { summary: string | null; summary_base: number | null }>(
      'SELECT summary, summary_base FROM revisions WHERE map_id = ? AND number = 2',
    );
    const answer = await dispatch({ library }, 'saveMap', {
      id,
      document: withStep(opened.document, 'Plan'),
      baseRevision: 1,
    });
    expect(answer).toMatchObject({ ok: true, value: { revision: 2 } });
    expect(stored.get(id)).toEqual({ summary: null, summary_base: null });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stored.get(id)).toEqual({ summary: '+1 step', summary_base: 1 });
  });

  it('measures a restore against the revision it follows', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const id = growingMap(library, clock, 3, 60_000);
    library.restoreRevision(id, 2, 4);
    const [restored] = library.history(id);
    expect(restored).toMatchObject({ number: 5, restoredFrom: 2 });
    expect(restored?.summary).toBe('−2 steps');
    expect(restored?.summary).toBe(changeSummary(library.openRevision(id, 4), library.openRevision(id, 5)));
  });

  it('measures a summary again when the revision it was measured against is pruned, and keeps it', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    // One save a minute for a day: pruning keeps the newest ones and one an hour of the older ones.
    const id = growingMap(library, clock, KEEP_RECENT + 3 * PRUNE_EVERY, 60_000);
    const history = library.history(id);
    const numbers = history.map((revision) => revision.number);
    expect(numbers.length).toBeLessThan(KEEP_RECENT + 3 * PRUNE_EVERY);
    const gap = numbers.findIndex(
      (number, index) => numbers[index + 1] !== undefined && numbers[index + 1] !== number - 1,
    );
    expect(gap).toBeGreaterThan(0);
    expect(history[gap]?.summary).toBe(`+${numbers[gap]! - numbers[gap + 1]!} steps`);
    expect(history.map((revision) => revision.summary)).toEqual(expectedSummaries(library, id));
    // Kept: the library's file has the summary measured against the revision kept before it now.
    const stored = library.connection
      .prepare<[string, number], { summary: string | null; summary_base: number }>(
        'SELECT summary, summary_base FROM revisions WHERE map_id = ? AND number = ?',
      )
      .get(id, numbers[gap]!);
    expect(stored).toEqual({ summary: history[gap]!.summary, summary_base: numbers[gap + 1] });
  });

  /** Measures a history a batch at a time, as the history panel asks, and gives up after 10 rounds rather than hang. */
  function measuredInBatches(library: Library, id: string): boolean[][] {
    const batches: boolean[][] = [];
    let list = library.history(id, { measure: 0 });
    while (list.some((revision) => !revision.measured) && batches.length < 10) {
      list = library.history(id, { measure: 2 });
      batches.push(list.map((revision) => revision.measured));
    }
    return batches;
  }

  const MEASURED_IN_THREES = [
    [true, true, false, false, false, true],
    [true, true, true, true, false, true],
    [true, true, true, true, true, true],
  ];

  it('measures the history of a read-only library file in memory, each summary once, and leaves the file as it was', () => {
    const clock = manualClock();
    const writable = tempLibrary(clock);
    const id = growingMap(writable, clock, 5, 60_000);
    const path = writable.path;
    writable.close();
    chmodSync(path, 0o444);
    const before = readFileSync(path);

    const library = openLibrary(path, { readOnly: true });
    expect(measuredInBatches(library, id)).toEqual(MEASURED_IN_THREES);
    expect(library.history(id, { measure: 0 }).map((revision) => revision.summary)).toEqual([
      ...Array<string>(5).fill('+1 step'),
      null,
    ]);
    // What the app's back end does after a save: it stops once none is left.
    expect(library.measureSummaries(id, 1)).toBe(0);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('keeps in memory the summaries a library refuses to write, and measures the rest of the history', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const id = growingMap(library, clock, 5, 60_000);
    // SQLite itself refuses every write from now on (SQLITE_READONLY), as for a file made read-only.
    library.connection.pragma('query_only = ON');
    expect(() => {
      library.renameStream(library.listStreams()[0]!.id, 'Renamed');
    }).toThrow(/cannot be written/);
    expect(measuredInBatches(library, id)).toEqual(MEASURED_IN_THREES);
    expect(library.measureSummaries(id, 1)).toBe(0);
    expect(library.history(id).map((revision) => revision.summary)).toEqual(expectedSummaries(library, id));
    // Written again once the library can be: a summary measured since is kept in the file.
    library.connection.pragma('query_only = OFF');
    clock.advance(60_000);
    const { document, revision } = library.openMap(id);
    library.saveMap(id, valid(withStep(document, 'Later')), revision);
    expect(library.measureSummaries(id)).toBe(0);
    const stored = library.connection
      .prepare<[string], { summary_base: number | null }>(
        'SELECT summary_base FROM revisions WHERE map_id = ? ORDER BY number DESC LIMIT 1',
      )
      .get(id);
    expect(stored).toEqual({ summary_base: 6 });
  });

  it('gives a library from before summaries its summaries, read-only without changing the file', () => {
    const clock = manualClock();
    const first = tempLibrary(clock);
    const id = growingMap(first, clock, 3, 60_000);
    const expected = first.history(id).map((revision) => revision.summary);
    const path = first.path;
    first.close();
    // The library as the first schema left it.
    const db = new Database(path);
    db.exec('ALTER TABLE revisions DROP COLUMN summary; ALTER TABLE revisions DROP COLUMN summary_base');
    db.pragma('user_version = 1');
    db.close();

    const readOnly = openLibrary(path, { readOnly: true });
    expect(readOnly.history(id).map((revision) => revision.summary)).toEqual(expected);
    readOnly.close();
    const untouched = new Database(path, { readonly: true });
    expect(untouched.pragma('user_version', { simple: true })).toBe(1);
    untouched.close();

    const migrated = openLibrary(path);
    expect(migrated.history(id).map((revision) => revision.summary)).toEqual(expected);
  });
});

describe('named revisions', () => {
  it('names, renames and unnames a revision through the API', async () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const id = growingMap(library, clock, 2, 60_000);
    const name = (number: number, text: string | null) =>
      dispatch({ library }, 'nameRevision', { id, number, name: text });
    expect(await name(2, '  start of workshop ')).toEqual({ ok: true, value: null });
    expect(library.history(id).find((revision) => revision.number === 2)?.name).toBe('start of workshop');
    await name(2, 'agreed future state');
    expect(library.history(id).find((revision) => revision.number === 2)?.name).toBe('agreed future state');
    await name(2, null);
    expect(library.history(id).find((revision) => revision.number === 2)?.name).toBeNull();
    expect(await name(9, 'nowhere')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await name(2, 'x'.repeat(201))).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('the before/after report of revisions', () => {
  it('compares a past revision with the map now, calling it by its revision', async () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const id = growingMap(library, clock, 2, 60_000);
    const answer = await dispatch({ library }, 'exportComparison', {
      beforeId: id,
      afterId: id,
      beforeRevision: 1,
      format: 'svg',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const file = answer.value as ExportedFile;
    const svg = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(file.fileName).toContain('revision 1');
    expect(svg).toContain('Workshop: Current state, revision 1 → Current state');
    expect(
      await dispatch({ library }, 'exportComparison', { beforeId: id, afterId: id, afterRevision: 9 }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('a damaged revision', () => {
  it('is said to be damaged in the history, whose other revisions still read', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const id = growingMap(library, clock, 3, 60_000);
    library.connection
      .prepare('UPDATE revisions SET document = ?, summary_base = NULL WHERE map_id = ? AND number = 2')
      .run('{"format":"vsm/1"}', id);
    library.connection.prepare('UPDATE revisions SET summary_base = NULL WHERE map_id = ? AND number = 3').run(id);
    expect(library.history(id).map((revision) => revision.summary)).toEqual([
      '+1 step',
      'could not be read: a revision is damaged',
      'could not be read: a revision is damaged',
      null,
    ]);
  });
});
