import { useEffect, useRef } from 'react';
import type { CallEngine } from './callEngine';
import { createShortcutHandler, type KeyInput, type ShortcutAction } from './shortcuts';

function keyInput(e: KeyboardEvent): KeyInput {
  const el = e.target instanceof Element ? e.target : null;
  return {
    key: e.key,
    code: e.code,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    altKey: e.altKey,
    shiftKey: e.shiftKey,
    repeat: e.repeat,
    inField:
      el !== null &&
      (el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !==
        null ||
        el.closest('dialog[open]') !== null),
    onControl: el !== null && el.closest('button, a[href], [role="button"]') !== null,
  };
}

/** The call's keyboard shortcuts on the whole page while the call view is shown. */
export function useCallShortcuts(engine: CallEngine, onLeave: () => void): void {
  // The latest leave handler without re-subscribing on every render.
  const leave = useRef(onLeave);
  leave.current = onLeave;
  useEffect(() => {
    const run = (action: ShortcutAction) => {
      const media = engine.media.getState();
      switch (action) {
        case 'toggleAudio':
          if (media.audioTrack) engine.toggleAudio();
          return;
        case 'toggleVideo':
          if (media.videoTrack) engine.toggleVideo();
          return;
        case 'toggleScreen':
          if (media.screen) engine.stopScreenShare();
          else if (typeof navigator.mediaDevices?.getDisplayMedia === 'function')
            void engine.startScreenShare();
          return;
        case 'toggleChat':
          engine.view.toggleChat();
          return;
        case 'leave':
          leave.current();
          return;
        case 'help':
          engine.view.setHelpOpen(true);
      }
    };
    const handler = createShortcutHandler({
      run,
      isMuted: () => {
        const m = engine.media.getState();
        return m.audioTrack !== null && !m.audioEnabled;
      },
      setMuted: (muted) => {
        const m = engine.media.getState();
        if (m.audioTrack && m.audioEnabled === muted) engine.toggleAudio();
      },
    });
    const down = (e: KeyboardEvent) => {
      if (handler.keydown(keyInput(e))) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => {
      if (handler.keyup(keyInput(e))) e.preventDefault();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', handler.blur);
    return () => {
      handler.blur();
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', handler.blur);
    };
  }, [engine]);
}
