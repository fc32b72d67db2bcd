/**
 * Export of the open map: the PDF report or the workshop summary (page size and orientation), an
 * SVG or PNG picture, the vsm/1 file, or the plan as CSV. What is exported is the map as saved in the library: unsaved edits are saved first.
 * The comparison offers its report through the same dialog, with its own choices.
 */
import { useEffect, useRef, useState } from 'react';
import { type ExportFormat, type MapReport, PAGE_SIZES, type PageSize } from '../../shared/api/types';

/** What the dialog offers: a format, and for a map's PDF which report. */
interface ExportOption {
  format: ExportFormat;
  report?: MapReport;
  label: string;
}

const MAP_CHOICES: readonly ExportOption[] = [
  { format: 'pdf', label: 'PDF report: the map, its figures, walls and ideas' },
  {
    format: 'pdf',
    report: 'summary',
    label: 'Workshop summary (PDF): the map, walls, ideas and voters, the plan, notes',
  },
  { format: 'csv', label: 'Plan (CSV): every idea ranked, with status, owner and due date' },
  { format: 'svg', label: 'SVG picture of the map' },
  { format: 'png', label: 'PNG picture of the map' },
  { format: 'json', label: 'vsm/1 file (JSON)' },
  { format: 'yaml', label: 'vsm/1 file (YAML)' },
];

interface ExportChoice {
  format: ExportFormat;
  report: MapReport;
  page: PageSize;
  landscape: boolean;
}

export function ExportDialog({
  open,
  title = 'Export the map',
  choices = MAP_CHOICES,
  onClose,
  onExport,
}: {
  open: boolean;
  title?: string;
  /** The formats offered, the first one chosen at first. */
  choices?: readonly ExportOption[];
  onClose: () => void;
  /** Resolves once the file is handed to the browser (or the save dialog); rejects with a message. */
  onExport: (choice: ExportChoice) => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<ExportChoice>({
    format: choices[0]?.format ?? 'pdf',
    report: choices[0]?.report ?? 'map',
    page: 'A4',
    landscape: true,
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  const pdf = choice.format === 'pdf';
  return (
    <dialog ref={dialog} aria-labelledby="export-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setProblem(undefined);
          onExport(choice)
            .then(onClose)
            .catch((failure: unknown) => {
              setProblem(failure instanceof Error ? failure.message : String(failure));
            })
            .finally(() => {
              setBusy(false);
            });
        }}
      >
        <h2 id="export-title">{title}</h2>
        <fieldset>
          <legend>Format</legend>
          {choices.map(({ format, report = 'map', label }) => (
            <label key={`${format} ${report}`} className="choice">
              <input
                type="radio"
                name="export-format"
                value={report === 'map' ? format : report}
                checked={choice.format === format && choice.report === report}
                onChange={() => {
                  setChoice({ ...choice, format, report });
                }}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={!pdf}>
          <legend>PDF page</legend>
          <label className="choice">
            Size{' '}
            <select
              value={choice.page}
              onChange={(event) => {
                setChoice({ ...choice, page: event.target.value as PageSize });
              }}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size}>{size}</option>
              ))}
            </select>
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={choice.landscape}
              onChange={(event) => {
                setChoice({ ...choice, landscape: event.target.checked });
              }}
            />
            Landscape
          </label>
        </fieldset>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
