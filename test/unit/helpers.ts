import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { describeIssues } from '../../shared/model/issues';
import type { VsmDocument } from '../../shared/model/schema';
import { type ValidDocument, validateDocument } from '../../shared/model/validate';

export { EXAMPLE_NAMES, examplePath } from '../fixtures/examples';

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A valid document from a plain object written like a file; fails the test if it is not valid. */
export function map(raw: Record<string, unknown>): VsmDocument {
  return valid({ format: 'vsm/1', name: 'Test map', ...raw });
}

/** The document validated, as the API's input makes it for a save; fails the test if it is not valid. */
export function valid(document: unknown): ValidDocument {
  const result = validateDocument(document);
  if (!result.ok) throw new Error(`invalid test map:\n${describeIssues(result).join('\n')}`);
  return result.document;
}

/** The issues of an invalid document, as `path: message` lines. */
export function issuesOf(raw: unknown): string[] {
  const result = validateDocument(raw);
  if (result.ok) throw new Error('expected the document to be invalid');
  return describeIssues(result);
}

/** Deep equality where numbers may differ by a relative error of at most 1e-9. */
export function expectClose(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > 1e-9 * scale) {
      expect.fail(`${path}: ${actual} differs from ${expected} by more than 1e-9 relative`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is a list`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((item, i) => {
      expectClose((actual as unknown[])[i], item, `${path}[${i}]`);
    });
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual, `${path} is an object`).toBe('object');
    for (const [key, value] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}
