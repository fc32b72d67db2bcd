import { describe, expect, it } from 'vitest';
import { createViewportLink } from '../../renderer/canvas/viewport-link';

describe('the viewport link of the comparison canvases', () => {
  it('moves the other canvases, never the one that moved', () => {
    const link = createViewportLink();
    const seen: string[] = [];
    link.follow('before', (viewport) => seen.push(`before ${viewport.x}`));
    link.follow('after', (viewport) => seen.push(`after ${viewport.x}`));
    link.moved('after', { x: 10, y: 0, zoom: 1 });
    link.moved('before', { x: 20, y: 0, zoom: 1 });
    expect(seen).toEqual(['before 10', 'after 20']);
  });

  it('gives a canvas that joins the last move of another, and stops when it leaves', () => {
    const link = createViewportLink();
    link.moved('after', { x: 5, y: 6, zoom: 0.5 });
    const seen: number[] = [];
    const leave = link.follow('before', (viewport) => seen.push(viewport.x));
    expect(seen).toEqual([5]);
    leave();
    link.moved('after', { x: 7, y: 6, zoom: 0.5 });
    expect(seen).toEqual([5]);
    // Its own last move is not given back to it.
    link.follow('after', (viewport) => seen.push(viewport.x));
    expect(seen).toEqual([5]);
  });
});
