/**
 * Ids for parts made during a live session. The editor makes ids from names (`code-review`,
 * `code-review-2`), which two people adding "Code review" at once would both choose; a live id is
 * random instead: 128 bits, as many as a UUID, so two peers never mint the same one.
 * `crypto.getRandomValues` and not `crypto.randomUUID`: a participant's page comes over plain HTTP
 * from the facilitator's address on the local network, which is no secure context, and browsers
 * offer `randomUUID` only in secure contexts.
 */

/** The parts of a map that have ids, and the prefix of their live ids. */
export const ID_PREFIXES = { team: 'team', step: 'step', idea: 'idea', participant: 'person' } as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford's base 32, lower case
const RANDOM_BYTES = 16;

/** A new random id such as `step-9x4kq…` (26 base-32 characters after the prefix): valid in `vsm/1`. */
export function newId(kind: IdKind): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_BYTES));
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET.charAt((value >>> bits) & 31);
    }
  }
  if (bits > 0) text += ALPHABET.charAt((value << (5 - bits)) & 31);
  return `${ID_PREFIXES[kind]}-${text}`;
}
