import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareOrder, isOrderKey, keyBetween, spreadKeys } from '../../../shared/live/order';

const key = fc.stringMatching(/^[0-9A-Za-z]{0,6}[1-9A-Za-z]$/);

describe('order keys', () => {
  it('makes a key strictly between any two keys, and at either end', () => {
    fc.assert(
      fc.property(key, key, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (a, b, r) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        const made = keyBetween(low, high, () => r);
        expect(isOrderKey(made)).toBe(true);
        expect(low < made && made < high).toBe(true);
        expect(keyBetween(null, low) < low).toBe(true);
        expect(keyBetween(high, null) > high).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a gap that is not there', () => {
    expect(() => keyBetween('V', 'V')).toThrow(/no order key between/);
    expect(() => keyBetween('b', 'a')).toThrow(/no order key between/);
  });

  // Keys without an integer part grow by about a digit every four items added at one end: a session
  // adds tens of steps, not thousands. Spread keys (a map going live) start short.
  it('keeps keys short when items go one after another at the end, and in a gap again and again', () => {
    let last: string | null = null;
    for (let i = 0; i < 200; i++) last = keyBetween(last, null);
    expect(last!.length).toBeLessThan(60);
    const low = '1';
    let high = '2';
    for (let i = 0; i < 100; i++) high = keyBetween(low, high);
    expect(high.length).toBeLessThan(110);
  });

  it('spreads keys evenly, ascending, as short as the count allows', () => {
    for (const count of [0, 1, 2, 61, 62, 1_000, 5_000]) {
      const keys = spreadKeys(count);
      expect(keys).toHaveLength(count);
      keys.forEach((k, i) => {
        expect(isOrderKey(k)).toBe(true);
        if (i > 0) expect(keys[i - 1]! < k).toBe(true);
      });
      if (count > 0) expect(Math.max(...keys.map((k) => k.length))).toBe(count < 62 ? 1 : count < 3_844 ? 2 : 3);
    }
    expect(spreadKeys(3)).toEqual(spreadKeys(3));
  });

  it('gives two people who put an item in the same gap at once an order that is the same on both sides', () => {
    const [ana, ben] = [new Y.Doc(), new Y.Doc()];
    const [first, last] = spreadKeys(2);
    const list = (doc: Y.Doc) => doc.getMap<string>('order');
    list(ana).set('first', first!);
    list(ana).set('last', last!);
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    list(ana).set('ana', keyBetween(first!, last!));
    list(ben).set('ben', keyBetween(first!, last!));
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    const sorted = (doc: Y.Doc) =>
      [...list(doc).entries()]
        .map(([id, order]) => ({ id, order }))
        .sort(compareOrder)
        .map(({ id }) => id);
    expect(sorted(ana)).toEqual(sorted(ben));
    expect(sorted(ana)[0]).toBe('first');
    expect(sorted(ana)[3]).toBe('last');
    expect(list(ana).get('ana')).not.toBe(list(ana).get('ben'));
  });
});
