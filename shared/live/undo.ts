/**
 * Each person's own undo. Every live edit is a transaction whose origin is the editing person
 * ({@link ./edits}); a person's undo manager tracks that origin alone, so the facilitator's
 * Ctrl+Z undoes the facilitator's edits and never a participant's dots, nor the repair's changes
 * ({@link ./repair}), nor anything that came in from another peer.
 */
import * as Y from 'yjs';
import { type LiveMap, PARTS } from './ydoc';

/**
 * An undo manager for the person whose edits carry `origin`. Edits closer together than
 * `captureTimeout` milliseconds undo as one, as typing a name does (Yjs's default: 500 ms).
 */
export function personalUndo(live: LiveMap, origin: unknown, captureTimeout = 500): Y.UndoManager {
  return new Y.UndoManager([live.header, ...PARTS.map((part) => live.parts[part])], {
    trackedOrigins: new Set([origin]),
    captureTimeout,
  });
}
