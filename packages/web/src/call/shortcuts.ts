/** What a key press asks the call to do. */
export type ShortcutAction =
  'toggleAudio' | 'toggleVideo' | 'toggleScreen' | 'toggleChat' | 'leave' | 'help';

/** The parts of a KeyboardEvent the shortcuts read (plain data, so tests need no DOM). */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  /** Focus is in a text field (or on a button, for Space): plain letters type, Space clicks. */
  inField: boolean;
  onControl: boolean;
}

/** The shortcuts, as the help dialog lists them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Ctrl/⌘ + D  or  M', what: 'Mute or unmute the microphone' },
  { keys: 'Ctrl/⌘ + E  or  V', what: 'Turn the camera off or on' },
  { keys: 'Hold Space', what: 'Talk while muted' },
  { keys: 'Ctrl/⌘ + Shift + S  or  S', what: 'Share the screen or stop sharing' },
  { keys: 'Ctrl/⌘ + Shift + C  or  C', what: 'Open or close the chat' },
  { keys: 'Ctrl/⌘ + Shift + H', what: 'Leave the call' },
  { keys: '?', what: 'Show these shortcuts' },
];

const WITH_MODIFIER: Record<string, ShortcutAction> = { d: 'toggleAudio', e: 'toggleVideo' };
const WITH_SHIFT_MODIFIER: Record<string, ShortcutAction> = {
  s: 'toggleScreen',
  c: 'toggleChat',
  h: 'leave',
};
const PLAIN: Record<string, ShortcutAction> = {
  m: 'toggleAudio',
  v: 'toggleVideo',
  s: 'toggleScreen',
  c: 'toggleChat',
};

/** The action of a key press, or null (typing in a field never triggers plain-key shortcuts). */
export function shortcutFor(e: KeyInput): ShortcutAction | null {
  if (e.repeat || e.altKey) return null;
  const key = e.key.toLowerCase();
  const mod = e.ctrlKey || e.metaKey;
  if (mod) return (e.shiftKey ? WITH_SHIFT_MODIFIER[key] : WITH_MODIFIER[key]) ?? null;
  if (e.inField) return null;
  if (e.key === '?') return 'help';
  return e.shiftKey ? null : (PLAIN[key] ?? null);
}

export interface ShortcutTarget {
  run: (action: ShortcutAction) => void;
  /** Microphone state now: push-to-talk only acts while muted. */
  isMuted: () => boolean;
  setMuted: (muted: boolean) => void;
}

export interface ShortcutHandler {
  /** Returns true when the key was used (the caller then prevents its default). */
  keydown: (e: KeyInput) => boolean;
  keyup: (e: KeyInput) => boolean;
  /** The window lost focus: a held Space is released (we would never see its keyup). */
  blur: () => void;
}

/** Shortcuts plus hold-Space-to-talk: Space down while muted unmutes, Space up mutes again. */
export function createShortcutHandler(target: ShortcutTarget): ShortcutHandler {
  let talking = false;
  const release = () => {
    if (!talking) return false;
    talking = false;
    target.setMuted(true);
    return true;
  };
  return {
    keydown: (e) => {
      if (e.code === 'Space' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        if (e.inField || e.onControl) return false;
        if (e.repeat) return talking;
        if (!target.isMuted()) return false;
        talking = true;
        target.setMuted(false);
        return true;
      }
      const action = shortcutFor(e);
      if (!action) return false;
      if (action === 'toggleAudio') talking = false;
      target.run(action);
      return true;
    },
    keyup: (e) => (e.code === 'Space' ? release() : false),
    blur: () => {
      release();
    },
  };
}
