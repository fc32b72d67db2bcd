/** Inspector fields: each commits on Enter or when it loses focus, and shows why a value was refused. */
import { type ReactNode, useEffect, useId, useState } from 'react';
import { type Calendar, formatDuration, parseDuration } from '../../shared/model/duration';

/** Commits a value; returns why it was refused, or undefined. */
type Commit<T> = (value: T) => string | undefined;

/** A field's text while it is edited, reset when the value it shows changes, and its error. */
function useFieldText(shown: string) {
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string>();
  const id = useId();
  useEffect(() => {
    setText(shown);
    setError(undefined);
  }, [shown]);
  return { text, setText, error, setError, id };
}

function Field(props: { error: string | undefined; errorId: string; children: ReactNode }) {
  return (
    <div className="field">
      {props.children}
      {props.error && (
        <p id={props.errorId} className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A text field that commits its text; with `onEnter`, Enter hands its text there instead of committing it. */
export function TextField({
  label,
  value,
  onCommit,
  onEnter,
  field,
  multiline = false,
}: {
  label: string;
  value: string;
  onCommit: Commit<string>;
  onEnter?: Commit<string>;
  /** What the inspector calls this field when it moves the focus to it. */
  field?: string;
  multiline?: boolean;
}) {
  const { text, setText, error, setError, id } = useFieldText(value);
  const commit = () => {
    setError(text === value ? undefined : onCommit(text));
  };
  const shared = {
    id,
    'data-field': field,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onBlur: commit,
  };
  return (
    <Field error={error} errorId={`${id}-error`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...shared}
          rows={3}
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
      ) : (
        <input
          {...shared}
          onChange={(event) => {
            setText(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            if (onEnter) setError(onEnter(text));
            else commit();
          }}
        />
      )}
    </Field>
  );
}

/** A duration in working time: accepts `2d 4h`, `90`, `1.5h`, and says plainly what is wrong with `3x`. */
export function DurationField({
  label,
  minutes,
  calendar,
  onCommit,
  field,
}: {
  label: string;
  minutes: number;
  calendar: Calendar;
  onCommit: Commit<number>;
  /** What the inspector calls this field when it moves the focus to it. */
  field?: string;
}) {
  const shown = formatDuration(minutes, calendar);
  const { text, setText, error, setError, id } = useFieldText(shown);
  const commit = () => {
    if (text === shown) {
      setError(undefined);
      return;
    }
    const parsed = parseDuration(text, calendar);
    if (!parsed.ok) {
      setError(`${label} ${parsed.reason}.`);
      return;
    }
    setError(onCommit(parsed.minutes));
  };
  return (
    <Field error={error} errorId={`${id}-error`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-field={field}
        value={text}
        inputMode="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      <span id={`${id}-hint`} className="field-hint">
        m, h, d ({calendar.hoursPerDay} h), w ({calendar.daysPerWeek} d)
      </span>
    </Field>
  );
}

/** A number within a range; empty means "not given" when `optional`. */
export function NumberField(props: {
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  step?: number;
  /** Only whole numbers. */
  whole?: boolean;
  optional?: boolean;
  /** The label for screen readers only, where what stands around the field shows what it is for. */
  labelHidden?: boolean;
  onCommit: Commit<number | undefined>;
}) {
  const shown = props.value === undefined ? '' : String(props.value);
  const { text, setText, error, setError, id } = useFieldText(shown);
  const outOfRange = `${props.label} must be a ${props.whole ? 'whole ' : ''}number from ${props.min} to ${props.max}.`;
  // What is typed that is not a number ("e", "1-") reads as empty text: the input's validity tells it apart.
  const commit = (input: HTMLInputElement) => {
    if (input.validity.badInput) {
      setError(outOfRange);
      return;
    }
    if (text === shown) {
      setError(undefined);
      return;
    }
    if (text.trim() === '') {
      setError(props.optional ? props.onCommit(undefined) : `${props.label} is required.`);
      return;
    }
    const value = Number(text);
    if (!(props.whole ? Number.isInteger(value) : Number.isFinite(value)) || value < props.min || value > props.max) {
      setError(outOfRange);
      return;
    }
    setError(props.onCommit(value));
  };
  return (
    <Field error={error} errorId={`${id}-error`}>
      <label htmlFor={id} className={props.labelHidden ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onBlur={(event) => {
          commit(event.currentTarget);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget);
        }}
      />
    </Field>
  );
}

/**
 * A choice among a few named values, applied as soon as it is made; `none` names the empty choice
 * (a field left out), given back as null.
 */
export function ChoiceField<T extends string>({
  label,
  value,
  none,
  choices,
  onChange,
}: {
  label: string;
  value: T | undefined;
  none?: string;
  choices: readonly { value: T; label: string }[];
  onChange: (value: T | null) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => {
          onChange(event.target.value === '' ? null : (event.target.value as T));
        }}
      >
        {none !== undefined && <option value="">{none}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
