import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../shared/model/json-syntax';

describe('locateJsonError', () => {
  it('finds nothing wrong in valid JSON, however nested', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(locateJsonError(JSON.stringify(value, null, 1))).toBeUndefined();
      }),
    );
    expect(locateJsonError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
  });

  it('points at the first character that breaks the grammar', () => {
    expect(locateJsonError('{"a":1}x')).toBe(7);
    expect(locateJsonError('[1,]')).toBe(3);
    expect(locateJsonError('{"a" 1}')).toBe(5);
    expect(locateJsonError('"abc')).toBe(4);
    expect(locateJsonError('{"a": tru}')).toBe(6);
    expect(locateJsonError('"\\x"')).toBe(2);
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[],:"\\ 01-.eatrufnl'.split('')), maxLength: 12 }),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(locateJsonError(text) === undefined).toBe(valid);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
