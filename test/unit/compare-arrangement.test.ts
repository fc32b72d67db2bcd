import { describe, expect, it } from 'vitest';
import { arrangement } from '../../renderer/compare/arrangement';

describe('the arrangement of two maps shown apart', () => {
  const view = { width: 800, height: 500 };
  it('stacks wide maps, which then fit at a larger zoom', () => {
    // Side by side 400 px wide: zoom 0.16; stacked 250 px tall: zoom 0.31.
    expect(arrangement({ width: 2500, height: 800 }, view)).toBe('stacked');
  });
  it('puts tall maps side by side', () => {
    // Stacked 250 px tall: zoom 0.21; side by side 400 × 500: zoom 0.33.
    expect(arrangement({ width: 1000, height: 1200 }, view)).toBe('beside');
  });
});
