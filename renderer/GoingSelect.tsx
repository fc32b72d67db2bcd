/**
 * A choice that goes somewhere (another map, a comparison) as a `<select>` that a keyboard can
 * pass over: on a closed select, Chromium on Linux and Windows fires `change` for every arrow key
 * or letter typed, so going on `change` would leave the page at the first arrow. Here a choice
 * made with the pointer, or in the opened list, goes at once; one reached with the arrows or by
 * typing goes on Enter, and leaving the field puts back the choice of the page.
 */
import { type ReactNode, type SelectHTMLAttributes, useState } from 'react';

/** Keys that change a closed select's choice without opening its list. */
const STEPPING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

export function GoingSelect({
  value,
  onGo,
  children,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'onKeyDown' | 'onBlur' | 'onMouseDown'> & {
  /** The page's own choice. */
  value: string;
  onGo: (value: string) => void;
  children: ReactNode;
}) {
  const [shown, setShown] = useState<string>();
  const [stepping, setStepping] = useState(false);
  return (
    <select
      {...rest}
      value={shown ?? value}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && shown !== undefined && shown !== value) {
          event.preventDefault();
          onGo(shown);
          return;
        }
        // Alt+arrow opens the list: a choice made there goes.
        const steps = (STEPPING_KEYS.has(event.key) && !event.altKey) || event.key.length === 1;
        setStepping(steps && event.key !== ' ');
      }}
      onChange={(event) => {
        if (stepping) setShown(event.target.value);
        else onGo(event.target.value);
      }}
      onMouseDown={() => {
        setStepping(false);
      }}
      onBlur={() => {
        setShown(undefined);
        setStepping(false);
      }}
    >
      {children}
    </select>
  );
}
