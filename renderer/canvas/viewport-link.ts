/**
 * Canvases that pan and zoom together: a canvas that moves (the user, a fit, a focus) tells the
 * link, the others follow. Outside React's state, so that a pan draws no screen again, only the
 * canvases' viewports.
 */
import type { Viewport } from '@xyflow/react';

export interface ViewportLink {
  /** A canvas moved: the others follow. */
  moved: (canvas: string, viewport: Viewport) => void;
  /** Calls `follow` with every move of another canvas, from the last one on; returns the unsubscribe. */
  follow: (canvas: string, follow: (viewport: Viewport) => void) => () => void;
}

export function createViewportLink(): ViewportLink {
  const followers = new Map<string, (viewport: Viewport) => void>();
  let last: { canvas: string; viewport: Viewport } | undefined;
  return {
    moved: (canvas, viewport) => {
      last = { canvas, viewport };
      for (const [other, follow] of followers) if (other !== canvas) follow(viewport);
    },
    follow: (canvas, follow) => {
      followers.set(canvas, follow);
      if (last && last.canvas !== canvas) follow(last.viewport);
      return () => {
        followers.delete(canvas);
      };
    },
  };
}
