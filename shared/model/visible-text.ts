/**
 * User text made safe to show: a name may hold control characters (`ESC[2J` clears a terminal)
 * or bidi overrides (U+202E makes "evil\u202Egnp.exe" read as "evilexe.png"). Each such character is
 * shown as its `\uXXXX` escape, the notation of JSON, so `vsm … --json` stays valid JSON and
 * reads back to the same text. Tab and line feed are kept: they are how text is laid out.
 */

// C0 controls but tab and line feed, DEL and the C1 controls; then the bidi controls: ALM, LRM,
// RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `"a\u001b[2Jb"` -> `a\u001b[2Jb` with the escape as six visible characters. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
