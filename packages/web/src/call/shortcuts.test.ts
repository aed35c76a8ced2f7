import { describe, expect, it } from 'vitest';
import {
  createShortcutHandler,
  shortcutFor,
  type KeyInput,
  type ShortcutAction,
} from './shortcuts';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code: k === ' ' ? 'Space' : `Key${k.toUpperCase()}`,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  inField: false,
  onControl: false,
  ...extra,
});

describe('shortcutFor', () => {
  it('maps Ctrl or Cmd + D / E to the microphone and the camera', () => {
    expect(shortcutFor(key('d', { ctrlKey: true }))).toBe('toggleAudio');
    expect(shortcutFor(key('d', { metaKey: true }))).toBe('toggleAudio');
    expect(shortcutFor(key('e', { ctrlKey: true }))).toBe('toggleVideo');
    expect(shortcutFor(key('S', { ctrlKey: true, shiftKey: true }))).toBe('toggleScreen');
    expect(shortcutFor(key('C', { metaKey: true, shiftKey: true }))).toBe('toggleChat');
    expect(shortcutFor(key('H', { ctrlKey: true, shiftKey: true }))).toBe('leave');
  });

  it('maps plain letters and ? outside text fields only', () => {
    expect(shortcutFor(key('m'))).toBe('toggleAudio');
    expect(shortcutFor(key('V', { key: 'V' }))).toBe('toggleVideo');
    expect(shortcutFor(key('s'))).toBe('toggleScreen');
    expect(shortcutFor(key('c'))).toBe('toggleChat');
    expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help');
    expect(shortcutFor(key('m', { inField: true }))).toBeNull();
    expect(shortcutFor(key('?', { inField: true, shiftKey: true }))).toBeNull();
    // A modifier shortcut still works while typing (Ctrl+D is not typing).
    expect(shortcutFor(key('d', { ctrlKey: true, inField: true }))).toBe('toggleAudio');
  });

  it('ignores key repeats, Alt combinations and unknown keys', () => {
    expect(shortcutFor(key('m', { repeat: true }))).toBeNull();
    expect(shortcutFor(key('d', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(key('x'))).toBeNull();
    expect(shortcutFor(key('x', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('M', { shiftKey: true }))).toBeNull();
  });
});

describe('createShortcutHandler', () => {
  function setup(muted: boolean) {
    const state = { muted, runs: [] as ShortcutAction[], changes: [] as boolean[] };
    const handler = createShortcutHandler({
      run: (a) => state.runs.push(a),
      isMuted: () => state.muted,
      setMuted: (m) => {
        state.muted = m;
        state.changes.push(m);
      },
    });
    return { state, handler };
  }

  it('runs the action of a shortcut and says it used the key', () => {
    const { state, handler } = setup(false);
    expect(handler.keydown(key('d', { ctrlKey: true }))).toBe(true);
    expect(handler.keydown(key('x'))).toBe(false);
    expect(state.runs).toEqual(['toggleAudio']);
  });

  it('unmutes while Space is held and mutes again when it is let go', () => {
    const { state, handler } = setup(true);
    expect(handler.keydown(key(' '))).toBe(true);
    expect(state.muted).toBe(false);
    expect(handler.keydown(key(' ', { repeat: true }))).toBe(true);
    expect(handler.keyup(key(' '))).toBe(true);
    expect(state.muted).toBe(true);
    expect(state.changes).toEqual([false, true]);
  });

  it('leaves Space alone while unmuted, in a field or on a button', () => {
    const { state, handler } = setup(false);
    expect(handler.keydown(key(' '))).toBe(false);
    expect(handler.keyup(key(' '))).toBe(false);
    state.muted = true;
    expect(handler.keydown(key(' ', { inField: true }))).toBe(false);
    expect(handler.keydown(key(' ', { onControl: true }))).toBe(false);
    expect(state.changes).toEqual([]);
  });

  it('mutes again when the window loses focus while Space is held', () => {
    const { state, handler } = setup(true);
    handler.keydown(key(' '));
    handler.blur();
    expect(state.muted).toBe(true);
    handler.blur();
    expect(state.changes).toEqual([false, true]);
  });

  it('keeps the microphone on when the mute shortcut is used while holding Space', () => {
    const { state, handler } = setup(true);
    handler.keydown(key(' '));
    handler.keydown(key('m'));
    handler.keyup(key(' '));
    expect(state.runs).toEqual(['toggleAudio']);
    expect(state.changes).toEqual([false]);
  });
});
