import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { computeMetrics } from '../../shared/metrics/flow';
import { parseDocumentText, serializeDocument } from '../../shared/model/text';
import { COPIED_EXAMPLES_DIR, SHARED_EXAMPLES_DIR } from '../fixtures/examples';
import { EXAMPLE_NAMES, examplePath, expectClose, readJson } from './helpers';

/** The figures in `*.expected.json` come from an independent implementation of the spec. */
const text = (name: string) => readFileSync(examplePath(name), 'utf8');

describe.each(EXAMPLE_NAMES)('example %s', (name) => {
  const source = text(name);
  const expected = readJson(examplePath(name, '.expected.json'));

  const metricsOf = (source: string, format: 'json' | 'yaml') => {
    const parsed = parseDocumentText(source, format);
    if (!parsed.ok) throw new Error(`${name} is invalid: ${JSON.stringify(parsed.issues)}`);
    return computeMetrics(parsed.document);
  };

  it('gives the expected figures from JSON', () => {
    expectClose(metricsOf(source, 'json'), expected);
  });

  it('gives the same figures when rewritten as YAML', () => {
    expectClose(metricsOf(stringify(JSON.parse(source)), 'yaml'), expected);
  });

  it('gives the same figures after a write and read in Flowmap\u2019s own YAML', () => {
    const parsed = parseDocumentText(source, 'json');
    if (!parsed.ok) throw new Error('invalid');
    expectClose(metricsOf(serializeDocument(parsed.document, 'yaml'), 'yaml'), expected);
  });
});

describe('the copy of the examples in test/fixtures/examples', () => {
  const shared = existsSync(SHARED_EXAMPLES_DIR);
  if (!shared)
    console.log('../shared/examples is not beside this clone: the tests use the copy in test/fixtures/examples.');
  it.skipIf(!shared)('holds exactly what ../shared/examples holds', () => {
    expect(readdirSync(COPIED_EXAMPLES_DIR).sort()).toEqual(readdirSync(SHARED_EXAMPLES_DIR).sort());
    for (const file of readdirSync(SHARED_EXAMPLES_DIR)) {
      expect(readFileSync(join(COPIED_EXAMPLES_DIR, file), 'utf8'), file).toBe(
        readFileSync(join(SHARED_EXAMPLES_DIR, file), 'utf8'),
      );
    }
  });
});

describe('the examples shipped in assets/', () => {
  it.each(EXAMPLE_NAMES)('%s is the same map as the example', (name) => {
    const shipped = readFileSync(new URL(`../../assets/examples/${name}.json`, import.meta.url), 'utf8');
    expect(JSON.parse(shipped)).toEqual(JSON.parse(text(name)));
  });
});
