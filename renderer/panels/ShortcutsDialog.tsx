/** The `?` overlay: every keyboard shortcut of the editor. */
import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['N', 'Add a step (in the lane of the selected step), its name ready to type'],
  ['/', 'Quick entry: "Code review, dev, 2h/2d, 85%, wait 1d" and Enter adds that step after the selected one'],
  ['Enter in a step’s name', 'Add the next step after it, connected, in its lane'],
  ['Tab to a step, Enter', 'Select it'],
  ['Arrow keys (Shift: further)', 'Move the selected steps'],
  ['Shift+click, Ctrl+click (⌘-click)', 'Add a step to the selection, or take it out'],
  ['Shift+drag on the canvas', 'Select the steps inside a box'],
  ['Ctrl+A (⌘A)', 'Select every step'],
  ['Delete or Backspace', 'Delete the selected steps or handoff'],
  ['Escape', 'Clear the selection (the inspector shows the map)'],
  [
    'Ctrl+C, Ctrl+V (⌘C, ⌘V)',
    'Copy the selected steps, paste them with the handoffs between them (into this map or another)',
  ],
  ['Ctrl+Z (⌘Z)', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y (⇧⌘Z)', 'Redo'],
  ['Tab, Shift+Tab', 'Move between controls; Enter in a field applies it'],
  ['?', 'Show these shortcuts'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        On the canvas: drag a step to move it (into another lane to change its team), drag from its right edge onto
        another step to connect them (to an earlier step: a rework loop), double-click a step to rename it, double-click
        empty space to add a step there.
      </p>
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
