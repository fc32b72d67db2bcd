import { describe, expect, it } from 'vitest';
import { CHANGE_COLOURS, CHANGE_SYMBOLS, SEVERITY_COLOURS, TEAM_COLOURS } from '../../shared/picture/palette';

type Vector = [number, number, number];

/** sRGB hex to linear RGB. */
function linear(hex: string): Vector {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [channel(1), channel(3), channel(5)];
}

/** Linear RGB to CIE Lab (D65). */
function lab([r, g, b]: Vector): Vector {
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** How a colour looks with a colour-vision deficiency: Machado, Oliveira and Fernandes (2009), severity 1. */
const DEFICIENCIES: Record<string, Vector[]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};
const simulate = (matrix: Vector[], colour: Vector): Vector =>
  matrix.map((row) => Math.min(1, Math.max(0, row[0] * colour[0] + row[1] * colour[1] + row[2] * colour[2]))) as Vector;

const distance = (a: Vector, b: Vector) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** The smallest CIE76 distance between two of the colours, as seen through `see`. */
function closestPair(see: (colour: Vector) => Vector): number {
  const seen = TEAM_COLOURS.map((hex) => lab(see(linear(hex))));
  let closest = Infinity;
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) closest = Math.min(closest, distance(seen[i]!, seen[j]!));
  return closest;
}

const luminance = ([r, g, b]: Vector) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const INK = '#1d2329';

describe('the team colours', () => {
  it('are eight, each pair far apart in Lab (CIE76 ΔE at least 30; 2.3 is a just noticeable difference)', () => {
    expect(TEAM_COLOURS).toHaveLength(8);
    expect(closestPair((colour) => colour)).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.keys(DEFICIENCIES))('stay apart for people with %s (ΔE at least 17)', (deficiency) => {
    expect(closestPair((colour) => simulate(DEFICIENCIES[deficiency]!, colour))).toBeGreaterThanOrEqual(17);
  });

  it('are light enough for dark text (contrast with the ink at least 6:1)', () => {
    const ink = luminance(linear(INK));
    for (const colour of TEAM_COLOURS) expect((luminance(linear(colour)) + 0.05) / (ink + 0.05)).toBeGreaterThan(6);
  });
});

describe('the walls’ severity colours', () => {
  it('carry white text, and read as text on white, at 4.5:1 or more (WCAG AA)', () => {
    for (const colour of Object.values(SEVERITY_COLOURS)) {
      expect(1.05 / (luminance(linear(colour)) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('the comparison’s change colours', () => {
  it('carry white text, and read as text on white, at 4.5:1 or more, each with its own symbol', () => {
    for (const colour of Object.values(CHANGE_COLOURS)) {
      expect(1.05 / (luminance(linear(colour)) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(Object.values(CHANGE_SYMBOLS)).size).toBe(Object.keys(CHANGE_COLOURS).length);
  });
});
