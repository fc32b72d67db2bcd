/**
 * The editor's actions, in one table: what each is called, its keys, where it appears and when it
 * can run. The editor's key handler, its toolbar, the `?` overlay and the desktop menu's Map menu
 * are all made from it (after Excalidraw's actions with their `viewMode`, tldraw's action items and
 * VS Code's command registry); only what an action does is bound by the screen that runs it
 * (renderer/actions.tsx, `BoundActions`).
 *
 * Adding an action is one entry in {@link ACTIONS}: an `id` (the screen's handlers must then run
 * it: TypeScript says so), the `label` its button and menu item show, its `keys` (the first one is
 * the one shown in the menu), `appears` (toolbar, menu, overlay, presentation), `modes` it runs in,
 * and `needs` when it wants a selection. The unit test (test/unit/actions.test.ts) checks that no
 * two actions of one mode share a key and that every key is in the overlay. A screen binds the
 * actions of its mode: the editor those of `editing`, presentation mode those of `presenting`.
 */

/**
 * Where the editor is: `editing` the map, `typing` in a field (where letters and Delete are the
 * field's), `presenting` it to the room, or `comparing` two maps in front of the room.
 */
export type ActionMode = 'editing' | 'typing' | 'presenting' | 'comparing';

/** Where an action shows itself (`skipLink`: the link that comes first when tabbing into the editor). */
export type ActionPlace = 'toolbar' | 'menu' | 'overlay' | 'presentation' | 'skipLink';

/**
 * A key as matched and shown: `key` as `KeyboardEvent.key` gives it (letters in lower case), `mod`
 * Ctrl (⌘ on a Mac), `shift` the Shift key (checked for letters only: `?` needs Shift on most
 * layouts and is matched without it).
 */
export interface KeyBinding {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

/** One action of the editor. */
export interface ActionDefinition {
  id: string;
  /** The button's and the menu item's text; the overlay's too, unless `description` says more. */
  label: string;
  /** The overlay's longer sentence, when the label is not enough. */
  description?: string;
  keys: readonly KeyBinding[];
  appears: readonly ActionPlace[];
  modes: readonly ActionMode[];
  /** A selection the action works on: steps, or anything selected (steps or a handoff). */
  needs?: 'steps' | 'selection';
  /** A toolbar button's icon (a character: no icon font), shown before the label. */
  icon?: string;
  /** On a screen too narrow for every toolbar label (a projector's 1280 px), the button shows its icon only, its label kept as its name. */
  iconOnlyWhenNarrow?: boolean;
}

/** Every action of the editor. Adding one: see this file's header. */
export const ACTIONS = [
  {
    id: 'addStep',
    label: 'Add step',
    description: 'Add a step at the end of the selected step’s lane, its name ready to type',
    keys: [{ key: 'n' }],
    appears: ['toolbar', 'menu', 'overlay'],
    modes: ['editing'],
    icon: '+',
  },
  {
    id: 'quickEntry',
    label: 'Quick entry',
    description:
      'Type a step in one line (“Code review, dev, 2h/2d, 85%, wait 1d”); Enter adds it after the selected one',
    keys: [{ key: '/' }],
    appears: ['overlay'],
    modes: ['editing'],
  },
  {
    id: 'autoLayout',
    label: 'Auto layout',
    description: 'Place every step again in its lane, in the order of the flow',
    keys: [],
    appears: ['toolbar', 'menu'],
    modes: ['editing'],
    icon: '⇶',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'undo',
    label: 'Undo',
    keys: [{ key: 'z', mod: true }],
    appears: ['toolbar', 'overlay'],
    modes: ['editing'],
    icon: '↶',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'redo',
    label: 'Redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    appears: ['toolbar', 'overlay'],
    modes: ['editing'],
    icon: '↷',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'selectAll',
    label: 'Select all steps',
    keys: [{ key: 'a', mod: true }],
    appears: ['menu', 'overlay'],
    modes: ['editing'],
  },
  {
    id: 'copy',
    label: 'Copy steps',
    description: 'Copy the selected steps, with the handoffs between them (to paste into this map or another)',
    keys: [{ key: 'c', mod: true }],
    appears: ['overlay'],
    modes: ['editing'],
    needs: 'steps',
  },
  {
    id: 'paste',
    label: 'Paste steps',
    description: 'Paste the copied steps, selected, with the handoffs between them',
    keys: [{ key: 'v', mod: true }],
    appears: ['overlay'],
    modes: ['editing'],
  },
  {
    id: 'deleteSelection',
    label: 'Delete',
    description: 'Delete the selected steps or handoff',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    appears: ['overlay'],
    modes: ['editing'],
    needs: 'selection',
  },
  {
    id: 'clearSelection',
    label: 'Clear the selection',
    description: 'Clear the selection (the inspector shows the map)',
    keys: [{ key: 'Escape' }],
    appears: ['overlay'],
    modes: ['editing'],
  },
  {
    id: 'focusInspector',
    label: 'Go to the inspector',
    description: 'Move the focus into the inspector’s first field',
    keys: [{ key: 'i' }, { key: 'F6' }],
    appears: ['menu', 'overlay'],
    modes: ['editing'],
  },
  {
    id: 'focusMap',
    label: 'Go to the map',
    description: 'Move the focus to the selected step, or the map’s first step',
    keys: [{ key: 'm' }],
    appears: ['skipLink', 'menu', 'overlay'],
    modes: ['editing'],
  },
  {
    id: 'present',
    label: 'Present',
    description: 'Show the map to the room in full screen (Escape comes back)',
    keys: [{ key: 'p' }],
    appears: ['toolbar', 'menu', 'overlay'],
    modes: ['editing'],
    icon: '▶',
  },
  {
    id: 'export',
    label: 'Export…',
    description: 'Export the map as a PDF report, a picture or a vsm/1 file',
    keys: [],
    appears: ['toolbar'],
    modes: ['editing'],
    icon: '⤓',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'history',
    label: 'History',
    description: 'Show the map’s history: preview, compare, name or restore a revision',
    keys: [{ key: 'h' }],
    appears: ['toolbar', 'menu', 'overlay'],
    modes: ['editing'],
    icon: '⟲',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'sidePanel',
    label: 'Side panel',
    description: 'Show or hide the side panel (the canvas takes the whole width)',
    keys: [],
    appears: ['toolbar', 'menu'],
    modes: ['editing'],
    icon: '◨',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'shortcuts',
    label: 'Shortcuts',
    description: 'Show the keyboard shortcuts',
    keys: [{ key: '?' }],
    appears: ['toolbar', 'menu', 'overlay'],
    modes: ['editing'],
    icon: '?',
    iconOnlyWhenNarrow: true,
  },
  // The workshop's ideas and dot voting (renderer/ideas/IdeaBoard.tsx).
  {
    id: 'ideaBoard',
    label: 'Idea board',
    description:
      'Show the idea board in the side panel, its “New idea” field ready to type; again, hide it (presenting: the ideas for the room, full screen)',
    keys: [{ key: 'b' }],
    appears: ['menu', 'overlay', 'presentation'],
    modes: ['editing', 'presenting'],
    icon: '✸',
  },
  // Presenting the map to the room (renderer/present/PresentScreen.tsx).
  {
    id: 'nextWall',
    label: 'Next wall',
    description: 'Presenting: spotlight the next wall of confusion, worst first',
    keys: [{ key: 'ArrowRight' }, { key: 'ArrowDown' }],
    appears: ['presentation', 'overlay'],
    modes: ['presenting'],
  },
  {
    id: 'previousWall',
    label: 'Previous wall',
    description: 'Presenting: spotlight the wall before',
    keys: [{ key: 'ArrowLeft' }, { key: 'ArrowUp' }],
    appears: ['presentation', 'overlay'],
    modes: ['presenting'],
  },
  {
    id: 'nextSection',
    label: 'Next section',
    description: 'Presenting a large map: its next section',
    keys: [{ key: 'PageDown' }, { key: ' ' }],
    appears: ['presentation', 'overlay'],
    modes: ['presenting', 'comparing'],
    icon: '→',
  },
  {
    id: 'previousSection',
    label: 'Previous section',
    description: 'Presenting a large map: the section before',
    keys: [{ key: 'PageUp' }, { key: ' ', shift: true }],
    appears: ['presentation', 'overlay'],
    modes: ['presenting', 'comparing'],
    icon: '←',
  },
  {
    id: 'leavePresentation',
    label: 'Back',
    description: 'Presenting: end the spotlight; without one, back to the editor (or to the comparison)',
    keys: [{ key: 'Escape' }],
    appears: ['presentation', 'overlay'],
    modes: ['presenting', 'comparing'],
  },
  // Presenting a comparison to the room (renderer/present/PresentCompareScreen.tsx).
  {
    id: 'showBefore',
    label: 'Before',
    description: 'Presenting a comparison: the map before',
    keys: [{ key: 'b' }, { key: 'ArrowLeft' }],
    appears: ['presentation', 'overlay'],
    modes: ['comparing'],
  },
  {
    id: 'showAfter',
    label: 'After',
    description: 'Presenting a comparison: the map after',
    keys: [{ key: 'a' }, { key: 'ArrowRight' }],
    appears: ['presentation', 'overlay'],
    modes: ['comparing'],
  },
  // The workshop's agenda and its timebox (renderer/workshop/), in the editor and in presentation mode.
  {
    id: 'toggleAgenda',
    label: 'Agenda',
    description: 'Show or hide the workshop’s agenda: its stages, what each still misses, and the timebox',
    keys: [{ key: 'g' }],
    appears: ['toolbar', 'menu', 'overlay'],
    modes: ['editing'],
    icon: '☰',
    iconOnlyWhenNarrow: true,
  },
  {
    id: 'nextStage',
    label: 'Next stage',
    description: 'Agenda: go on to the next stage (its timebox ready to start)',
    keys: [{ key: ']' }],
    appears: ['menu', 'overlay', 'presentation'],
    modes: ['editing', 'presenting'],
  },
  {
    id: 'previousStage',
    label: 'Previous stage',
    description: 'Agenda: go back to the stage before',
    keys: [{ key: '[' }],
    appears: ['menu', 'overlay', 'presentation'],
    modes: ['editing', 'presenting'],
  },
  {
    id: 'startPauseTimer',
    label: 'Start or pause the timer',
    description: 'Agenda: start the stage’s timebox, or pause it',
    keys: [{ key: 't' }],
    appears: ['menu', 'overlay', 'presentation'],
    modes: ['editing', 'presenting'],
  },
  {
    id: 'extendTimer',
    label: '+1 minute',
    description: 'Agenda: give the stage’s timebox one more minute',
    keys: [{ key: '+' }],
    appears: ['menu', 'overlay', 'presentation'],
    modes: ['editing', 'presenting'],
  },
  {
    id: 'resetTimer',
    label: 'Reset the timer',
    description: 'Agenda: set the stage’s timebox back to its length, stopped',
    keys: [{ key: 't', shift: true }],
    appears: ['menu', 'overlay', 'presentation'],
    modes: ['editing', 'presenting'],
  },
] as const satisfies readonly ActionDefinition[];

export type ActionId = (typeof ACTIONS)[number]['id'];

/** The ids of the actions that run in a mode: what a screen in that mode binds. */
export type ActionIdIn<Mode extends ActionMode> = (typeof ACTIONS)[number] extends infer Action
  ? Action extends { id: infer Id; modes: readonly (infer Modes)[] }
    ? Mode extends Modes
      ? Id
      : never
    : never
  : never;

/** Each action by its id. */
export const ACTION_BY_ID = Object.fromEntries(ACTIONS.map((action) => [action.id, action])) as {
  [Id in ActionId]: Extract<(typeof ACTIONS)[number], { id: Id }>;
};

/**
 * What the canvas and its fields do by themselves (React Flow's keyboard and pointer handling, Enter in a name), not actions of
 * ours: listed in the overlay after the actions so that it tells everything.
 */
export const CANVAS_GESTURES: readonly { keys: string; does: string }[] = [
  { keys: 'Enter in a step’s name', does: 'Add the next step after it, connected, in its lane' },
  { keys: 'Tab to a step, Enter', does: 'Select it' },
  { keys: 'Arrow keys (Shift: further)', does: 'Move the selected steps' },
  { keys: 'Shift+click, Ctrl+click (⌘-click)', does: 'Add a step to the selection, or take it out' },
  { keys: 'Shift+drag on the canvas', does: 'Select the steps inside a box' },
  { keys: 'Tab, Shift+Tab', does: 'Move between controls; Enter in a field applies it' },
];

const KEY_NAMES: Record<string, string> = {
  Delete: 'Delete',
  Backspace: 'Backspace',
  Escape: 'Escape',
  ' ': 'Space',
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
};

/** A key as people read it: `Ctrl+Shift+Z`, or `⇧⌘Z` on a Mac. */
export function keyLabel(binding: KeyBinding, mac: boolean): string {
  const key = KEY_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key);
  if (mac) return `${binding.shift ? '⇧' : ''}${binding.mod ? '⌘' : ''}${key}`;
  return [binding.mod && 'Ctrl', binding.shift && 'Shift', key].filter(Boolean).join('+');
}

/** Keys that `aria-keyshortcuts` and Electron's accelerators name in words: `+` joins keys there. */
const ACCELERATOR_NAMES: Record<string, string> = { ' ': 'Space', '+': 'Plus' };

/** A key as `aria-keyshortcuts` writes it: `Control+Shift+Z` (`Meta` on a Mac). */
export function ariaKey(binding: KeyBinding, mac: boolean): string {
  const key = ACCELERATOR_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key);
  return [binding.mod && (mac ? 'Meta' : 'Control'), binding.shift && 'Shift', key].filter(Boolean).join('+');
}

/** A key as an Electron menu accelerator: `CmdOrCtrl+Shift+Z`. */
export function acceleratorOf(binding: KeyBinding): string {
  const key = ACCELERATOR_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key);
  return [binding.mod && 'CmdOrCtrl', binding.shift && 'Shift', key].filter(Boolean).join('+');
}

/** A key pressed, as a DOM KeyboardEvent tells it. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The key a binding and a key press have in common, or not: modifiers count, Shift for letters and Space only. */
export function keyMatches(binding: KeyBinding, event: KeyPress): boolean {
  const letter = /^[a-z]$/i.test(binding.key);
  const key = letter ? event.key.toLowerCase() : event.key;
  if (key !== binding.key || event.altKey) return false;
  if ((event.ctrlKey || event.metaKey) !== Boolean(binding.mod)) return false;
  return !(letter || key === ' ') || event.shiftKey === Boolean(binding.shift);
}

/** What the editor is doing when a key is pressed or a menu item chosen. */
export interface ActionContext {
  mode: ActionMode;
  selection: 'none' | 'steps' | 'handoff';
}

/** Whether an action can run now: in its modes, with the selection it needs. */
export function actionEnabled(action: ActionDefinition, context: ActionContext): boolean {
  if (!action.modes.includes(context.mode)) return false;
  if (action.needs === 'steps') return context.selection === 'steps';
  if (action.needs === 'selection') return context.selection !== 'none';
  return true;
}

/** The action a key press runs now, if any. */
export function actionForKey(
  event: KeyPress,
  context: ActionContext,
  actions: readonly ActionDefinition[] = ACTIONS,
): ActionDefinition | undefined {
  return actions.find(
    (action) => actionEnabled(action, context) && action.keys.some((binding) => keyMatches(binding, event)),
  );
}

/** The channel on which the desktop menu asks the window to run an action (by its id). */
export const ACTION_CHANNEL = 'flowmap:action';

/** Whether a value is the id of one of the editor's actions (what arrives from the menu is checked). */
export function isActionId(value: unknown): value is ActionId {
  return typeof value === 'string' && ACTIONS.some((action) => action.id === value);
}
