/**
 * The editor's actions (shared/actions.ts) bound to a screen: what each one does there, its keys
 * listened to, the desktop menu's choices run, and its toolbar button drawn. A new action is an
 * entry in shared/actions.ts and its `run` in the screen's {@link BoundActions}.
 */
import { useLayoutEffect, useRef } from 'react';
import {
  type ActionContext,
  type ActionDefinition,
  actionEnabled,
  actionForKey,
  type ActionId,
  type ActionIdIn,
  type ActionMode,
  ACTION_BY_ID,
  ACTIONS,
  ariaKey,
  isActionId,
  keyLabel,
} from '../shared/actions';

declare global {
  interface Window {
    /** Set by the desktop app's preload script: the menu's choices of the editor's actions. */
    flowmapMenu?: { onAction: (listener: (id: string) => void) => () => void };
  }
}

/** What an action does on this screen, and its state for its button. */
export interface BoundAction {
  run: () => void;
  /** Shown greyed (undo with nothing to undo); its keys do nothing. */
  disabled?: boolean;
  /** For a button that shows and hides something: whether it is shown. */
  pressed?: boolean;
}

/** What a screen does for each action of its mode: the editor's (`editing`) by default. */
export type BoundActions<Mode extends ActionMode = 'editing'> = Record<ActionIdIn<Mode>, BoundAction>;

/** Whether keys are shown the Mac's way (⌘). */
export const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Whether focus is in a field, where letters, Delete and Ctrl+Z are the field's own. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Runs the screen's actions from their keys and from the desktop menu, in the screen's mode (or
 * `typing` in a field) and with the selection `context` gives at that moment. The latest bindings
 * are used without listening again. It listens from the commit that draws the screen (a layout
 * effect), so a key pressed as soon as the screen shows is not lost.
 */
export function useActions<Mode extends 'editing' | 'presenting' | 'comparing'>(
  screen: Mode,
  bound: BoundActions<Mode>,
  context: () => Omit<ActionContext, 'mode'>,
): void {
  const latest = useRef({ bound: bound as Partial<Record<ActionId, BoundAction>>, context });
  latest.current = { bound, context };
  useLayoutEffect(() => {
    const runIfEnabled = (action: ActionDefinition, mode: ActionMode): boolean => {
      const binding = latest.current.bound[action.id as ActionId];
      if (!binding || binding.disabled || !actionEnabled(action, { mode, ...latest.current.context() })) return false;
      binding.run();
      return true;
    };
    const onKey = (event: KeyboardEvent) => {
      // A dialog's keys are its own (Escape closes it).
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      // Space and Enter on a focused button or link press it.
      if ((event.key === ' ' || event.key === 'Enter') && pressable(event.target)) return;
      const mode = typingIn(event.target) ? 'typing' : screen;
      const action = actionForKey(event, { mode, ...latest.current.context() });
      if (action && runIfEnabled(action, mode)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    // The menu's accelerators are the same keys, handled above; a click on the item comes here.
    const stopMenu = window.flowmapMenu?.onAction((id) => {
      if (isActionId(id)) runIfEnabled(ACTION_BY_ID[id], screen);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu?.();
    };
  }, [screen]);
}

/** Whether focus is on a button or a link, which Space or Enter presses. */
function pressable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a[href]') !== null;
}

/** The actions that appear in a place, in the table's order. */
export function actionsIn(place: ActionDefinition['appears'][number]): readonly ActionDefinition[] {
  return ACTIONS.filter((action) => (action.appears as readonly string[]).includes(place));
}

/** The toolbar's button of an action: its icon and label, its keys announced and in its tooltip. */
export function ActionButton({
  action,
  bound,
  className,
}: {
  action: ActionDefinition;
  bound: BoundAction;
  className?: string;
}) {
  const keys = action.keys.map((binding) => keyLabel(binding, MAC)).join(' or ');
  return (
    <button
      type="button"
      className={className}
      onClick={bound.run}
      disabled={bound.disabled}
      aria-pressed={bound.pressed}
      aria-keyshortcuts={action.keys.map((binding) => ariaKey(binding, MAC)).join(' ') || undefined}
      title={keys ? `${action.description ?? action.label} (${keys})` : action.description}
    >
      {action.icon && (
        <span className="icon" aria-hidden="true">
          {action.icon}
        </span>
      )}
      <span className={action.iconOnlyWhenNarrow ? 'label narrow-hidden' : 'label'}>{action.label}</span>
    </button>
  );
}

/** Every toolbar action of the editor as buttons, the first (adding a step) the primary one. */
export function ActionToolbar({ bound }: { bound: BoundActions }) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools">
      {actionsIn('toolbar').map((action) => (
        <ActionButton
          key={action.id}
          action={action}
          bound={bound[action.id as ActionIdIn<'editing'>]}
          className={action.id === 'addStep' ? 'primary' : undefined}
        />
      ))}
    </div>
  );
}

/** A link first in the tab order, shown when it has the focus, that runs an action (going to the map). */
export function SkipLink({ action, bound }: { action: ActionDefinition; bound: BoundAction }) {
  return (
    <a
      href="#"
      className="skip-link"
      aria-keyshortcuts={action.keys.map((binding) => ariaKey(binding, MAC)).join(' ') || undefined}
      onClick={(event) => {
        event.preventDefault();
        bound.run();
      }}
    >
      {action.label}
    </a>
  );
}
