/**
 * Order keys for the lanes, steps and other lists of a live map: fractional indexing (as Figma and
 * the `fractional-indexing` package do it). A key is a base-62 fraction written without its "0."
 * and without trailing zeros, so plain string comparison (`<`, never `localeCompare`) is the order
 * of the values. Moving an item writes one key, between its new neighbours' keys; nothing else is
 * renumbered, so two people moving different items never touch the same field. A key made between
 * two neighbours ends in random digits: two people who put items in the same gap at once get
 * different keys, and lists sort by key and then id, so the merged order is the same everywhere.
 */

export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
/** Random digits at the end of a new key: 62^4, about 15 million, ways to fill one gap. */
const JITTER_DIGITS = 4;

function digitValue(key: string, at: number): number {
  const value = DIGITS.indexOf(key[at] ?? '0');
  if (value < 0) throw new Error(`"${key}" is not an order key`);
  return value;
}

/** Whether `key` is one this module makes: base-62 digits, not empty, no trailing zero. */
export function isOrderKey(key: unknown): key is string {
  return typeof key === 'string' && /^[0-9A-Za-z]*[1-9A-Za-z]$/.test(key);
}

/**
 * The shortest key strictly between `low` and `high` (Greenspan's midpoint); `low` '' is 0 and
 * `high` null is 1. Deterministic: {@link keyBetween} adds the random end.
 */
function midpoint(low: string, high: string | null): string {
  if (high !== null) {
    let common = 0;
    while ((low[common] ?? '0') === high[common]) common++;
    if (common > 0) return high.slice(0, common) + midpoint(low.slice(common), high.slice(common));
  }
  const lowDigit = low === '' ? 0 : digitValue(low, 0);
  const highDigit = high === null ? BASE : digitValue(high, 0);
  if (highDigit - lowDigit > 1) return DIGITS[Math.round((lowDigit + highDigit) / 2)]!;
  // Neighbouring digits: the high key's first digit alone is between them, when the high key goes on.
  if (high !== null && high.length > 1) return high[0]!;
  return DIGITS[lowDigit]! + midpoint(low.slice(1), null);
}

/**
 * A new key strictly between `before` and `after` (null: the start or the end of the list), ending
 * in random digits. `random` returns numbers in [0, 1) (tests pass a seeded one).
 */
export function keyBetween(before: string | null, after: string | null, random: () => number = Math.random): string {
  const low = before ?? '';
  if (after !== null && !(low < after)) throw new Error(`no order key between "${before}" and "${after}"`);
  let key = midpoint(low, after);
  // Random digits may only follow a key that is not the start of `after`: then any end stays below it.
  while (after !== null && after.startsWith(key)) key = midpoint(key, after);
  let jitter = '';
  for (let i = 0; i < JITTER_DIGITS; i++) jitter += DIGITS[Math.floor(random() * BASE)]!;
  // The last digit may not be 0 (a trailing zero would make two spellings of one value).
  return key + jitter.slice(0, -1) + DIGITS[1 + Math.floor(random() * (BASE - 1))]!;
}

/**
 * `count` ascending keys spread evenly over (0, 1), all of the shortest length that holds them:
 * the keys of a map's lists when it goes live. Without randomness, so a map always gets the same keys.
 */
export function spreadKeys(count: number): string[] {
  let width = 1;
  while (BASE ** width < count + 1) width++;
  const span = BASE ** width;
  return Array.from({ length: count }, (_, i) => {
    let value = Math.floor(((i + 1) * span) / (count + 1));
    let key = '';
    for (let place = 0; place < width; place++) {
      key = DIGITS[value % BASE]! + key;
      value = Math.floor(value / BASE);
    }
    return key.replace(/0+$/, '');
  });
}

/** Compares two entries by order key, then by id: the one order of a live list on every peer. */
export function compareOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
