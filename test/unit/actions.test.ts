/**
 * The editor's one table of actions (shared/actions.ts): every key is in the `?` overlay, no two
 * actions of one mode share a key, and each toolbar button carries its action's label and keys.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  acceleratorOf,
  actionForKey,
  type ActionId,
  type ActionMode,
  ACTIONS,
  ariaKey,
  keyLabel,
} from '../../shared/actions';
import { ActionToolbar, type BoundActions } from '../../renderer/actions';
import { ShortcutsDialog } from '../../renderer/panels/ShortcutsDialog';

const MODES: ActionMode[] = ['editing', 'typing', 'presenting', 'comparing'];

/** Text as the markup escapes it. */
const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const press = (key: string, modifiers: { ctrl?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: false,
  shiftKey: modifiers.shift ?? false,
  altKey: false,
});

describe('the table of actions', () => {
  it('has one id per action', () => {
    const ids = ACTIONS.map((action) => action.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every action with keys in the ? overlay, with its keys', () => {
    const overlay = renderToStaticMarkup(createElement(ShortcutsDialog, { open: true, onClose: () => undefined }));
    for (const action of ACTIONS.filter((one) => one.keys.length > 0)) {
      expect(action.appears, action.id).toContain('overlay');
      for (const binding of action.keys) expect(overlay, action.id).toContain(escaped(keyLabel(binding, false)));
      expect(overlay, action.id).toContain(escaped('description' in action ? action.description : action.label));
    }
  });

  it('gives no key to two actions of one mode', () => {
    for (const mode of MODES) {
      const owners = new Map<string, string>();
      for (const action of ACTIONS.filter((one) => (one.modes as readonly string[]).includes(mode))) {
        for (const binding of action.keys) {
          const key = acceleratorOf(binding);
          expect(owners.get(key), `${key} in ${mode}`).toBeUndefined();
          owners.set(key, action.id);
        }
      }
    }
  });

  it('finds the action of a key press in its mode only, with the selection it needs', () => {
    const editing = { mode: 'editing', selection: 'none' } as const;
    expect(actionForKey(press('z', { ctrl: true }), editing)?.id).toBe('undo');
    expect(actionForKey(press('Z', { ctrl: true, shift: true }), editing)?.id).toBe('redo');
    expect(actionForKey(press('y', { ctrl: true }), editing)?.id).toBe('redo');
    expect(actionForKey(press('N', { shift: true }), editing)).toBeUndefined();
    expect(actionForKey(press('n'), editing)?.id).toBe('addStep');
    expect(actionForKey(press('?', { shift: true }), editing)?.id).toBe('shortcuts');
    // Typing in a field, letters and Delete are the field's.
    expect(actionForKey(press('n'), { mode: 'typing', selection: 'steps' })).toBeUndefined();
    expect(actionForKey(press('Delete'), { mode: 'typing', selection: 'steps' })).toBeUndefined();
    // Delete wants a selection, copying wants steps.
    expect(actionForKey(press('Delete'), editing)).toBeUndefined();
    expect(actionForKey(press('Delete'), { mode: 'editing', selection: 'handoff' })?.id).toBe('deleteSelection');
    expect(actionForKey(press('c', { ctrl: true }), { mode: 'editing', selection: 'handoff' })).toBeUndefined();
    expect(actionForKey(press('c', { ctrl: true }), { mode: 'editing', selection: 'steps' })?.id).toBe('copy');
    // Presenting, the arrows walk the walls and Space pages; Escape goes back. Editing, they are the canvas's.
    const presenting = { mode: 'presenting', selection: 'none' } as const;
    expect(actionForKey(press('ArrowRight'), presenting)?.id).toBe('nextWall');
    expect(actionForKey(press('ArrowUp'), presenting)?.id).toBe('previousWall');
    expect(actionForKey(press(' '), presenting)?.id).toBe('nextSection');
    expect(actionForKey(press(' ', { shift: true }), presenting)?.id).toBe('previousSection');
    expect(actionForKey(press('Escape'), presenting)?.id).toBe('leavePresentation');
    expect(actionForKey(press('n'), presenting)).toBeUndefined();
    expect(actionForKey(press('ArrowRight'), editing)).toBeUndefined();
    expect(actionForKey(press('Escape'), editing)?.id).toBe('clearSelection');
    // Comparing in front of the room, the arrows (and B, A) switch between the maps before and after.
    const comparing = { mode: 'comparing', selection: 'none' } as const;
    expect(actionForKey(press('ArrowLeft'), comparing)?.id).toBe('showBefore');
    expect(actionForKey(press('a'), comparing)?.id).toBe('showAfter');
    expect(actionForKey(press('PageDown'), comparing)?.id).toBe('nextSection');
    expect(actionForKey(press('Escape'), comparing)?.id).toBe('leavePresentation');
    // B is the map before in a comparison, and the idea board when editing or presenting a map.
    expect(actionForKey(press('b'), comparing)?.id).toBe('showBefore');
    expect(actionForKey(press('b'), presenting)?.id).toBe('ideaBoard');
    expect(actionForKey(press('b'), editing)?.id).toBe('ideaBoard');
  });

  it('writes keys for people, for aria-keyshortcuts and for the menu', () => {
    const redo = { key: 'z', mod: true, shift: true };
    expect(keyLabel(redo, false)).toBe('Ctrl+Shift+Z');
    expect(keyLabel(redo, true)).toBe('⇧⌘Z');
    expect(ariaKey(redo, false)).toBe('Control+Shift+Z');
    expect(ariaKey(redo, true)).toBe('Meta+Shift+Z');
    expect(acceleratorOf(redo)).toBe('CmdOrCtrl+Shift+Z');
    expect(keyLabel({ key: '?' }, false)).toBe('?');
    expect(keyLabel({ key: ' ', shift: true }, false)).toBe('Shift+Space');
    expect(ariaKey({ key: ' ', shift: true }, false)).toBe('Shift+Space');
    expect(acceleratorOf({ key: ' ' })).toBe('Space');
    // `+` joins the keys of a shortcut: alone it is named.
    expect(acceleratorOf({ key: '+' })).toBe('Plus');
    expect(ariaKey({ key: '+' }, false)).toBe('Plus');
    expect(keyLabel({ key: '+' }, false)).toBe('+');
  });

  it('runs the agenda’s keys in the editor and in presentation mode, not in a field', () => {
    const editing = { mode: 'editing', selection: 'none' } as const;
    const presenting = { mode: 'presenting', selection: 'none' } as const;
    for (const context of [editing, presenting]) {
      expect(actionForKey(press(']'), context)?.id).toBe('nextStage');
      expect(actionForKey(press('['), context)?.id).toBe('previousStage');
      expect(actionForKey(press('t'), context)?.id).toBe('startPauseTimer');
      expect(actionForKey(press('T', { shift: true }), context)?.id).toBe('resetTimer');
      expect(actionForKey(press('+', { shift: true }), context)?.id).toBe('extendTimer');
    }
    expect(actionForKey(press('g'), editing)?.id).toBe('toggleAgenda');
    expect(actionForKey(press('g'), presenting)).toBeUndefined();
    expect(actionForKey(press('t'), { mode: 'typing', selection: 'none' })).toBeUndefined();
  });

  it('gives each toolbar button its action’s label and aria-keyshortcuts', () => {
    const bound = Object.fromEntries(ACTIONS.map((action) => [action.id, { run: () => undefined }])) as Record<
      ActionId,
      { run: () => void }
    > satisfies BoundActions;
    const markup = renderToStaticMarkup(createElement(ActionToolbar, { bound }));
    const buttons = [...markup.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].map(([, attributes = '', inner = '']) => ({
      shortcuts: /aria-keyshortcuts="([^"]*)"/.exec(attributes)?.[1],
      // The icon is hidden from assistive technology: the name is the label.
      name: inner.replace(/<span[^>]*aria-hidden="true"[^>]*>.*?<\/span>/, '').replace(/<[^>]+>/g, ''),
    }));
    const toolbar = ACTIONS.filter((action) => (action.appears as readonly string[]).includes('toolbar'));
    expect(buttons.map((button) => button.name)).toEqual(toolbar.map((action) => escaped(action.label)));
    expect(buttons.map((button) => button.shortcuts)).toEqual(
      toolbar.map((action) =>
        action.keys.length === 0 ? undefined : action.keys.map((binding) => ariaKey(binding, false)).join(' '),
      ),
    );
  });
});
