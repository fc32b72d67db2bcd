/** The `?` overlay: every action of the editor that has keys (shared/actions.ts), then what the canvas does by itself. */
import { Fragment, useEffect, useRef } from 'react';
import { CANVAS_GESTURES, keyLabel } from '../../shared/actions';
import { actionsIn, MAC } from '../actions';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  const rows = [
    ...actionsIn('overlay').map((action) => ({
      keys: action.keys.map((binding) => keyLabel(binding, MAC)),
      does: action.description ?? action.label,
    })),
    ...CANVAS_GESTURES.map(({ keys, does }) => ({ keys: [keys], does })),
  ];
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {rows.map(({ keys, does }) => (
            <tr key={does}>
              <th scope="row">
                {keys.map((key, index) => (
                  <Fragment key={key}>
                    {index > 0 && ' or '}
                    <kbd>{key}</kbd>
                  </Fragment>
                ))}
              </th>
              <td>{does}</td>
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
