import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFolder, backupIfDue, KEEP_BACKUPS, listBackups } from '../../../electron/store/backup';
import { KEEP_RECENT, PRUNE_EVERY, revisionsToPrune } from '../../../electron/store/pruning';
import { addStep, updateMap } from '../../../shared/model/commands';
import { valid } from '../helpers';
import { manualClock, openLibrary, tempLibrary } from './helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('revisionsToPrune', () => {
  const now = Date.UTC(2026, 10, 26, 12);
  const stamps = (count: number, spacing: number, named: number[] = []) =>
    Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      createdAt: now - (count - 1 - i) * spacing,
      named: named.includes(i + 1),
    }));

  it('keeps the newest revisions, all of them', () => {
    expect(revisionsToPrune(stamps(KEEP_RECENT, 1000), now)).toEqual([]);
  });

  it('keeps one revision an hour for a week, then one a day, and every named one', () => {
    // 2,000 revisions, one a minute: the newest 100, then the newest of each older hour.
    const minutely = stamps(2000, 60_000, [5, 1500]);
    const pruned = new Set(revisionsToPrune(minutely, now));
    const kept = minutely.filter((revision) => !pruned.has(revision.number));
    expect(kept.filter((revision) => revision.number > 2000 - KEEP_RECENT)).toHaveLength(KEEP_RECENT);
    expect(kept.map((revision) => revision.number)).toContain(5);
    expect(kept.map((revision) => revision.number)).toContain(1500);
    const olderHours = new Set(
      minutely
        .filter((revision) => revision.number <= 2000 - KEEP_RECENT)
        .map((revision) => Math.floor(revision.createdAt / HOUR)),
    );
    expect(kept.length).toBeLessThanOrEqual(KEEP_RECENT + olderHours.size + 2);
    expect(kept.length).toBeGreaterThanOrEqual(KEEP_RECENT + olderHours.size - 1);

    // One a day for ninety days, hourly: older than a week, only the day's newest stays.
    const hourly = stamps(90 * 24, HOUR);
    const keptHourly = hourly.length - revisionsToPrune(hourly, now).length;
    expect(keptHourly).toBeLessThanOrEqual(KEEP_RECENT + 7 * 24 + 90);
    expect(keptHourly).toBeGreaterThan(KEEP_RECENT + 80);
  });
});

describe('pruning in the library', () => {
  it('bounds a long history and keeps named revisions', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const opened = library.createStream('Workshop');
    const id = opened.summary.id;
    let { document, revision } = opened;
    const save = (n: number) => {
      const result =
        n < 20
          ? addStep(document, { name: `Step ${n}`, processTime: 5 })
          : updateMap(document, { name: `Workshop ${n}` });
      if (!result.ok) throw new Error(result.error);
      document = result.document;
      ({ revision } = library.saveMap(id, valid(document), revision));
    };
    for (let n = 0; n < 20; n++) {
      clock.advance(DAY);
      save(n);
    }
    library.nameRevision(id, 3, 'Handed out on day 3');
    // A workshop day of autosaves, one every 10 seconds.
    for (let n = 20; n < 20 + 6 * 360; n++) {
      clock.advance(10_000);
      save(n);
    }
    const history = library.history(id);
    expect(revision).toBe(1 + 20 + 6 * 360);
    expect(history.length).toBeLessThan(KEEP_RECENT + PRUNE_EVERY + 30);
    expect(history.find((entry) => entry.number === 3)?.name).toBe('Handed out on day 3');
    expect(library.openRevision(id, 3).steps).toHaveLength(2);
    expect(history[0]?.number).toBe(revision);
  });
});

describe('backups', () => {
  it('makes at most one backup a day, keeps the last seven, and each opens as a library', () => {
    const library = tempLibrary();
    library.createStream('Backed up');
    const folder = backupFolder(library.path);
    const first = backupIfDue(library, new Date('2026-11-01T08:00:00Z'));
    expect(first).toBe(join(folder, 'flowmap-2026-11-01.db'));
    expect(backupIfDue(library, new Date('2026-11-01T17:00:00Z'))).toBeUndefined();
    for (let day = 2; day <= 10; day++)
      backupIfDue(library, new Date(`2026-11-${String(day).padStart(2, '0')}T08:00:00Z`));
    expect(listBackups(folder)).toEqual(
      Array.from({ length: KEEP_BACKUPS }, (_, i) => `flowmap-2026-11-${String(10 - i).padStart(2, '0')}.db`),
    );
    writeFileSync(join(folder, 'notes.txt'), 'not a backup');
    backupIfDue(library, new Date('2026-11-11T08:00:00Z'));
    expect(readdirSync(folder)).toContain('notes.txt');
    const copy = openLibrary(join(folder, 'flowmap-2026-11-11.db'));
    expect(copy.listMaps().map((map) => map.name)).toEqual(['Backed up']);
  });
});
