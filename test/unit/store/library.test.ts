import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/handlers';
import { LibraryError } from '../../../electron/store/errors';
import type { Library } from '../../../electron/store/library';
import { getSetting, noteRecentMap, setSetting } from '../../../electron/store/settings';
import { addStep } from '../../../shared/model/commands';
import type { VsmDocument } from '../../../shared/model/schema';
import type { ValidDocument } from '../../../shared/model/validate';
import { valid } from '../helpers';
import { exampleFile, manualClock, openLibrary, tempLibrary } from './helpers';

function failure(work: () => unknown): LibraryError {
  try {
    work();
  } catch (error) {
    if (error instanceof LibraryError) return error;
    throw error;
  }
  throw new Error('expected a LibraryError');
}

function withStep(document: VsmDocument, name: string): ValidDocument {
  const result = addStep(document, { name, processTime: 30 });
  if (!result.ok) throw new Error(result.error);
  return valid(result.document);
}

function importExamples(library: Library) {
  return library.importFiles([
    exampleFile('feature-delivery-current'),
    exampleFile('feature-delivery-future'),
    exampleFile('clinic-visit'),
  ]);
}

describe('value streams and maps', () => {
  it('creates a stream with an empty current state and lists it', () => {
    const library = tempLibrary();
    const opened = library.createStream('Onboarding');
    expect(opened.revision).toBe(1);
    expect(opened.document).toMatchObject({ format: 'vsm/1', name: 'Onboarding', state: 'current', steps: [] });
    expect(opened.summary).toMatchObject({
      streamName: 'Onboarding',
      state: 'current',
      label: 'Current state',
      stepCount: 0,
    });
    const [stream] = library.listStreams();
    expect(stream?.name).toBe('Onboarding');
    expect(stream?.maps.map((map) => map.id)).toEqual([opened.summary.id]);
  });

  it('imports the examples as streams: same name, one stream with its current and future states', () => {
    const library = tempLibrary();
    const imported = importExamples(library);
    expect(imported.map((map) => [map.name, map.label])).toEqual([
      ['Feature delivery', 'Current state'],
      ['Feature delivery', 'Future state'],
      [expect.stringMatching(/^Clinic visit/), 'Current state'],
    ]);
    const streams = library.listStreams();
    expect(streams).toHaveLength(2);
    const delivery = streams.find((stream) => stream.name === 'Feature delivery')!;
    expect(delivery.maps.map((map) => map.state)).toEqual(['current', 'future']);
    expect(delivery.maps[0]).toMatchObject({ stepCount: 8, leadTime: 26640 });
    expect(delivery.maps[0]?.flowEfficiency).toBeCloseTo(0.1261, 4);
    expect(library.openMap(imported[0]!.id).document.steps[0]?.name).toBe('Capture idea');
  });

  it('imports all or none, naming every bad file and field', () => {
    const library = tempLibrary();
    const error = failure(() =>
      library.importFiles([
        exampleFile('clinic-visit'),
        { name: 'broken.yaml', text: 'format: vsm/1\nname: Broken\nsteps:\n  - { id: a, name: A, processTime: 3x }\n' },
        { name: 'worse.json', text: '{' },
      ]),
    );
    expect(error.code).toBe('invalid');
    const lines = error.message.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Nothing was imported:',
      'broken.yaml: steps[0].processTime: "3x" has an unknown unit "x"; use m, h, d or w',
    ]);
    expect(lines[2]).toMatch(/^worse\.json: document: is not valid JSON/);
    expect(lines).toHaveLength(3);
    expect(library.listMaps()).toEqual([]);
    expect(library.listStreams()).toEqual([]);
  });

  it('gives a second current state of the same name its own stream', () => {
    const library = tempLibrary();
    library.importFiles([exampleFile('feature-delivery-current'), exampleFile('feature-delivery-current')]);
    expect(library.listStreams().map((stream) => stream.maps.length)).toEqual([1, 1]);
  });

  it('searches names, labels and step names, in any case, by part of a word', () => {
    const library = tempLibrary();
    importExamples(library);
    expect(library.search('ADVISORY').map((map) => map.label)).toEqual(['Current state']);
    expect(library.search('pipel')).toHaveLength(0);
    expect(library.search('security scans').map((map) => map.label)).toEqual(['Future state']);
    expect(library.search('clinic')).toHaveLength(1);
    expect(library.search('feature')).toHaveLength(2);
    expect(library.search('  ')).toHaveLength(3);
    const [delivery] = library.listStreams().filter((stream) => stream.name === 'Feature delivery');
    library.renameStream(delivery!.id, 'Ünïcode stream');
    expect(library.search('ÜNÏCODE')).toHaveLength(2);
  });
});

describe('saving and history', () => {
  it('saves revisions and refuses a save based on an old revision', () => {
    const library = tempLibrary();
    const opened = library.createStream('Release');
    const first = library.saveMap(opened.summary.id, withStep(opened.document, 'Build'), 1);
    expect(first.revision).toBe(2);
    expect(first.summary.stepCount).toBe(1);
    const conflict = failure(() => library.saveMap(opened.summary.id, withStep(opened.document, 'Other window'), 1));
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toBe(
      'The map "Release" changed since revision 1 (it is at revision 2 now): open it again, or save your version as a copy.',
    );
    expect(library.openMap(opened.summary.id).document.steps.map((step) => step.name)).toEqual(['Build']);
  });

  it('keeps the version that lost a conflict as a new map in the same stream, leaving the other intact', async () => {
    const library = tempLibrary();
    const opened = library.createStream('Release');
    library.saveMap(opened.summary.id, withStep(opened.document, 'Build'), 1);
    const mine = withStep(opened.document, 'Mine');
    const copy = library.saveAsCopy(opened.summary.id, mine);
    expect(copy).toMatchObject({ streamId: opened.summary.streamId, state: 'future', label: 'Current state (copy)' });
    expect(library.openMap(copy.id).document).toEqual({ ...(mine as VsmDocument), state: 'future' });
    expect(library.openMap(opened.summary.id).document.steps.map((step) => step.name)).toEqual(['Build']);
    expect(library.saveAsCopy(copy.id, mine).label).toBe('Current state (copy) (copy)');
    expect(library.saveAsCopy(opened.summary.id, mine).label).toBe('Current state (copy) 2');
    const invalid = await dispatch({ library }, 'saveAsCopy', {
      id: opened.summary.id,
      document: { ...(mine as VsmDocument), name: '' },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(library.listStreams()[0]?.maps).toHaveLength(4);
  });

  it('makes no revision when nothing changed', () => {
    const library = tempLibrary();
    const opened = library.createStream('Same');
    expect(library.saveMap(opened.summary.id, valid(opened.document), 1).revision).toBe(1);
  });

  it('refuses invalid documents where they come in, and changes nothing', async () => {
    const library = tempLibrary();
    const opened = library.createStream('Strict');
    const broken = {
      ...opened.document,
      steps: [{ id: 'a', name: 'A', processTime: -5, leadTime: 1, percentCompleteAccurate: 100 }],
    };
    const answer = await dispatch({ library }, 'saveMap', { id: opened.summary.id, document: broken, baseRevision: 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(answer.ok || answer.error.message).toContain('steps[0].processTime: is negative');
    expect(library.history(opened.summary.id)).toHaveLength(1);
  });

  it('answers a save with the summary and revision, not the document', () => {
    const library = tempLibrary();
    const opened = library.createStream('Answer');
    const saved = library.saveMap(opened.summary.id, withStep(opened.document, 'Plan'), 1);
    expect(saved).toEqual({ summary: library.openMap(opened.summary.id).summary, revision: 2 });
  });

  it('keeps every revision and restores an old one as a new revision', () => {
    const clock = manualClock();
    const library = tempLibrary(clock);
    const opened = library.createStream('History');
    const id = opened.summary.id;
    let document = valid(opened.document);
    for (const name of ['Plan', 'Build', 'Ship']) {
      clock.advance(60_000);
      document = withStep(document, name);
      library.saveMap(id, document, library.openMap(id).revision);
    }
    expect(library.history(id).map((revision) => revision.number)).toEqual([4, 3, 2, 1]);
    expect(library.openRevision(id, 2).steps.map((step) => step.name)).toEqual(['Plan']);
    const restored = library.restoreRevision(id, 2, 4);
    expect(restored.revision).toBe(5);
    expect(restored.document.steps.map((step) => step.name)).toEqual(['Plan']);
    expect(library.history(id)[0]).toMatchObject({ number: 5, restoredFrom: 2 });
    expect(failure(() => library.restoreRevision(id, 3, 4)).code).toBe('conflict');
    expect(failure(() => library.openRevision(id, 99)).code).toBe('not-found');
  });

  it('renames maps (a new revision) and streams, and relabels future states', () => {
    const library = tempLibrary();
    const [current, future] = importExamples(library);
    const renamed = library.renameMap(current!.id, 'Feature delivery 2026', 1);
    expect(renamed).toMatchObject({ revision: 2, summary: { name: 'Feature delivery 2026' } });
    library.relabelMap(future!.id, '6 months');
    expect(library.openMap(future!.id).summary.label).toBe('6 months');
    expect(
      failure(() => {
        library.relabelMap(current!.id, 'Now');
      }).message,
    ).toBe('The current state is always labelled "Current state".');
    expect(
      failure(() => {
        library.renameStream(current!.streamId, ' ');
      }).code,
    ).toBe('invalid');
  });
});

describe('duplicate and derive', () => {
  it('derives labelled future states from the current state', () => {
    const library = tempLibrary();
    const opened = library.createStream('Payments');
    const derived = library.deriveFutureState(opened.summary.id, '6 months');
    expect(derived).toMatchObject({ state: 'future', label: '6 months', streamId: opened.summary.streamId });
    expect(library.openMap(derived.id).document.state).toBe('future');
    expect(library.deriveFutureState(opened.summary.id, '6 months').label).toBe('6 months 2');
    expect(library.deriveFutureState(opened.summary.id).label).toBe('Future state');
  });

  it('duplicates a future state within its stream and a current state into a new stream', () => {
    const library = tempLibrary();
    const [current, future] = importExamples(library);
    expect(library.duplicateMap(future!.id)).toMatchObject({
      streamId: future!.streamId,
      label: 'Future state (copy)',
    });
    const copy = library.duplicateMap(current!.id);
    expect(copy.streamId).not.toBe(current!.streamId);
    expect(copy).toMatchObject({ streamName: 'Feature delivery (copy)', state: 'current' });
  });

  it('duplicates a whole stream', () => {
    const library = tempLibrary();
    const [current] = importExamples(library);
    const copy = library.duplicateStream(current!.streamId);
    expect(copy.name).toBe('Feature delivery (copy)');
    expect(copy.maps.map((map) => map.label)).toEqual(['Current state', 'Future state']);
  });
});

describe('trash', () => {
  it('moves maps and streams to the trash and back; emptying it is explicit', () => {
    const library = tempLibrary();
    const [current, future, clinic] = importExamples(library);
    library.trashMap(future!.id);
    expect(library.listMaps().map((map) => map.id)).not.toContain(future!.id);
    expect(failure(() => library.openMap(future!.id)).message).toBe(
      'The map "Feature delivery" is in the trash: restore it first.',
    );
    library.trashStream(clinic!.streamId);
    expect(library.listMaps()).toHaveLength(1);
    const trash = library.listTrash();
    expect(trash.maps.map((map) => map.id)).toEqual([future!.id]);
    expect(trash.streams.map((stream) => stream.id)).toEqual([clinic!.streamId]);

    library.restoreMap(future!.id);
    library.restoreStream(clinic!.streamId);
    expect(library.listMaps()).toHaveLength(3);

    library.trashMap(current!.id);
    library.trashStream(clinic!.streamId);
    expect(library.emptyTrash()).toEqual({ streams: 1, maps: 1 });
    expect(library.listMaps().map((map) => map.id)).toEqual([future!.id]);
    expect(library.listTrash()).toEqual({ streams: [], maps: [] });
  });

  it('keeps one current state per stream, when saving and when restoring from the trash', () => {
    const library = tempLibrary();
    const opened = library.createStream('One current');
    const future = library.deriveFutureState(opened.summary.id, 'Later');
    const promoted = valid({ ...library.openMap(future.id).document, state: 'current' });
    const refused = failure(() => library.saveMap(future.id, promoted, 1));
    expect(refused.message).toBe(
      'The value stream "One current" has a current state already; this map stays a future state.',
    );
    expect(library.openMap(future.id).summary.state).toBe('future');

    library.trashMap(opened.summary.id);
    expect(library.saveMap(future.id, promoted, 1).summary.state).toBe('current');
    const error = failure(() => {
      library.restoreMap(opened.summary.id);
    });
    expect(error.message).toBe(
      'The value stream "One current" has a current state already: trash that one first to restore this one.',
    );
    expect(library.listTrash().maps.map((map) => map.id)).toEqual([opened.summary.id]);
  });
});

describe('export and settings', () => {
  it('exports a map as vsm/1 JSON or YAML that imports back the same', () => {
    const library = tempLibrary();
    const [current] = importExamples(library);
    const yaml = library.exportMap(current!.id, 'yaml');
    expect(yaml).toMatch(/^format: vsm\/1\nname: Feature delivery\n/);
    const [again] = library.importFiles([{ name: 'again.yaml', text: yaml }]);
    expect(library.openMap(again!.id).document).toEqual(library.openMap(current!.id).document);
  });

  it('keeps settings typed, with defaults, across reopening', () => {
    const library = tempLibrary();
    expect(getSetting(library, 'recentMaps')).toEqual([]);
    expect(getSetting(library, 'defaultCalendar')).toEqual({ hoursPerDay: 8, daysPerWeek: 5 });
    setSetting(library, 'windowState', { x: 10, y: 20, width: 1280, height: 720, maximized: false });
    noteRecentMap(library, 'a');
    noteRecentMap(library, 'b');
    noteRecentMap(library, 'a');
    library.close();
    const reopened = openLibrary(library.path);
    expect(getSetting(reopened, 'recentMaps')).toEqual(['a', 'b']);
    expect(getSetting(reopened, 'windowState')).toEqual({ x: 10, y: 20, width: 1280, height: 720, maximized: false });
    expect(() => {
      setSetting(reopened, 'windowState', { x: 0, y: 0, width: 10, height: 10, maximized: false });
    }).toThrow();
  });
});
