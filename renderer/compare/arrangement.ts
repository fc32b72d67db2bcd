/** Where the two maps of a comparison stand when they are shown apart. */

type Box = { width: number; height: number };

/**
 * One above the other when that shows the larger map larger at fit (wide maps in a wide view, as
 * most streams are at 1280×720), else side by side; `map` is the larger map's size, `view` the room
 * both maps share.
 */
export function arrangement(map: Box, view: Box): 'stacked' | 'beside' {
  const fit = (width: number, height: number) => Math.min(width / map.width, height / map.height);
  return fit(view.width, view.height / 2) >= fit(view.width / 2, view.height) ? 'stacked' : 'beside';
}
