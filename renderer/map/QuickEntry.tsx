/**
 * The quick entry line above the canvas: "Code review, dev, 2h/2d, 85%, wait 1d" and Enter adds
 * that step after the selected one (or at the end of the flow), connected from it; the field
 * stays focused and empty for the next step. The grammar is shared/model/quick-entry's.
 */
import { useState } from 'react';
import { parseQuickEntry } from '../../shared/model/quick-entry';
import { addStepAfter, type EditorStore, flowEnd } from '../state/editor';

export const QUICK_ENTRY_ID = 'quick-entry';

export function QuickEntry({ store }: { store: EditorStore }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (text.trim() === '') return;
    const { document, selection } = store.getState();
    const parsed = parseQuickEntry(text, document.teams, document.calendar);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    const selected = selection?.kind === 'steps' && selection.ids.length === 1 ? selection.ids[0] : undefined;
    const after = selected ?? flowEnd(document);
    const { name, team, waitTime, ...times } = parsed.entry;
    if (after === undefined && waitTime !== undefined) {
      setError('Wait time: the first step of a flow waits for nothing; leave out "wait".');
      return;
    }
    const followed = document.steps.find((step) => step.id === after);
    const refusal = addStepAfter(store, {
      name,
      team: team ?? followed?.team ?? document.teams[0]?.id,
      after,
      ...(waitTime !== undefined && { waitTime }),
      ...times,
    });
    if (refusal !== undefined) {
      setError(refusal);
      return;
    }
    setText('');
    setError(undefined);
  };
  return (
    <div className="quick-entry">
      <label htmlFor={QUICK_ENTRY_ID}>Quick entry</label>
      <input
        id={QUICK_ENTRY_ID}
        value={text}
        placeholder="Code review, dev, 2h/2d, 85%, wait 1d"
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${QUICK_ENTRY_ID}-help ${QUICK_ENTRY_ID}-error` : `${QUICK_ENTRY_ID}-help`}
        onChange={(event) => {
          setText(event.target.value);
          // The line is being corrected: its old error no longer says what is wrong.
          setError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') submit();
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
      />
      <span id={`${QUICK_ENTRY_ID}-help`} className="field-hint">
        Name, then any of: team, PT/LT, %C&A, wait before it. Enter adds it after the selected step; / comes back.
      </span>
      {error && (
        <p id={`${QUICK_ENTRY_ID}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
