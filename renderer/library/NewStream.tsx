/**
 * "New value stream": its name, and what it starts from: an empty map or one of the templates the
 * back end offers (a radio group: the arrow keys choose, Enter creates).
 */
import { type SyntheticEvent, useEffect, useRef, useState } from 'react';
import type { TemplateId, TemplateSummary } from '../../shared/api/types';
import { call } from '../api/client';
import { useAct } from '../useAct';

const EMPTY = { id: 'empty', name: 'Empty', description: 'A map with no steps, teams or notes.' } as const;

export function NewStreamButton({
  startOpen,
  onCreate,
}: {
  startOpen: boolean;
  /** Creates the stream; `template` undefined: an empty map. */
  onCreate: (name: string, template: TemplateId | undefined) => Promise<void>;
}) {
  const [open, setOpen] = useState(startOpen);
  return (
    <>
      <button
        type="button"
        className="primary"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
        }}
      >
        New value stream
      </button>
      {open && (
        <NewStreamDialog
          onCreate={async (name, template) => {
            await onCreate(name, template);
            setOpen(false);
          }}
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function NewStreamDialog({
  onCreate,
  onClose,
}: {
  onCreate: (name: string, template: TemplateId | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<TemplateId | typeof EMPTY.id>(EMPTY.id);
  const [templates, setTemplates] = useState<readonly TemplateSummary[]>([]);
  // One stream per Create: a second Enter while the first is made does nothing, and a refusal stays
  // in the dialog with the name as typed.
  const { busy, problem, act } = useAct();
  useEffect(() => {
    dialog.current?.showModal();
    let current = true;
    call('listTemplates', {})
      .then((found) => {
        if (current) setTemplates(found);
      })
      .catch(() => {
        // Without the templates, an empty map is still offered.
      });
    return () => {
      current = false;
    };
  }, []);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy || name.trim() === '') return;
    act(() => onCreate(name.trim(), chosen === EMPTY.id ? undefined : chosen));
  };
  return (
    <dialog ref={dialog} className="new-stream" aria-labelledby="new-stream-title" onClose={onClose}>
      <form method="dialog" onSubmit={submit}>
        <h2 id="new-stream-title">New value stream</h2>
        <input
          aria-label="Name of the new value stream"
          placeholder="Name of the new value stream"
          value={name}
          autoFocus
          maxLength={200}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
        <fieldset>
          <legend>Start from</legend>
          {[EMPTY, ...templates].map((template) => (
            <label key={template.id} className="template-choice">
              <input
                type="radio"
                name="template"
                value={template.id}
                checked={chosen === template.id}
                aria-labelledby={`template-${template.id}-name`}
                aria-describedby={`template-${template.id}-description`}
                onChange={() => {
                  setChosen(template.id);
                }}
              />
              <span id={`template-${template.id}-name`} className="template-name">
                {template.name}
              </span>
              <span id={`template-${template.id}-description`} className="template-description">
                {template.description}
                {'steps' in template && template.steps > 0 && ` ${template.steps} steps.`}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            Create
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
        {problem && (
          <p className="message error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </dialog>
  );
}
