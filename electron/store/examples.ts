/**
 * The example value stream of a first start: "Feature delivery", current and future state, from
 * the maps shipped in `assets/examples/`. Offered once: a library that had them deleted stays empty.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MapSummary } from '../../shared/api/types';
import type { Library } from './library';
import { getSetting, setSetting } from './settings';

const EXAMPLE_FILES = ['feature-delivery-current.json', 'feature-delivery-future.json'];

/** Imports the examples into a new, empty library; returns the current-state map when it did. */
export function addExamplesOnFirstStart(library: Library, examplesFolder: string): MapSummary | undefined {
  if (getSetting(library, 'examplesOffered')) return undefined;
  const empty = library.listStreams().length === 0 && library.listTrash().streams.length === 0;
  const imported = empty
    ? library.importFiles(
        EXAMPLE_FILES.map((name) => ({ name, text: readFileSync(join(examplesFolder, name), 'utf8') })),
      )
    : [];
  setSetting(library, 'examplesOffered', true);
  return imported.find((map) => map.state === 'current');
}
