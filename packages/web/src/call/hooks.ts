import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type RefCallback,
} from 'react';
import { membership } from '../app/realtime';
import { useStore } from '../lib/useStore';
import { AudioLevelMeter } from './audioLevel';
import { MutedSpeechDetector } from './mutedSpeech';
import type { CallEngine } from './callEngine';
import type { CallSnapshot } from './callState';
import { calls } from '../app/calls';
import type { LocalMediaState } from './localMedia';
import { receiveViewKey } from './arrangement';
import type { ReceiveView } from './transport';

/** The call engine of a room, kept alive (and the call kept) while the component is mounted. */
export function useCallEngine(roomId: string): CallEngine {
  const engine = useMemo(() => calls.get(roomId), [roomId]);
  useEffect(() => calls.retain(roomId), [roomId]);
  return engine;
}

export function useCall(engine: CallEngine): { call: CallSnapshot; media: LocalMediaState } {
  return { call: useStore(engine), media: useStore(engine.media) };
}

/** Level of a local microphone track, refreshed about ten times a second (for the meter). */
export function useMicLevel(track: MediaStreamTrack | null, enabled: boolean): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track || !enabled) {
      setLevel(0);
      return;
    }
    const meter = new AudioLevelMeter(track);
    const timer = setInterval(() => setLevel(Math.round(meter.level() * 20) / 20), 100);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track, enabled]);
  return level;
}

/**
 * Whether the person seems to be talking while muted: the level is read from a copy of the
 * microphone track that stays on (the muted one sends silence), only while muted.
 */
export function useSpeakingWhileMuted(track: MediaStreamTrack | null, muted: boolean): boolean {
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => {
    setSpeaking(false);
    if (!track || !muted) return;
    const listening = track.clone();
    listening.enabled = true;
    const meter = new AudioLevelMeter(listening);
    const detector = new MutedSpeechDetector();
    const timer = setInterval(
      () => setSpeaking(detector.sample(meter.level(), true, performance.now())),
      100,
    );
    return () => {
      clearInterval(timer);
      meter.close();
      listening.stop();
    };
  }, [track, muted]);
  return speaking;
}

/** Attaches a MediaStream to a <video>/<audio> element, with an optional output device. */
export function useMediaStream<T extends HTMLMediaElement>(
  stream: MediaStream | null,
  sinkId: string | null = null,
): RefCallback<T> {
  const [element, setElement] = useState<T | null>(null);
  useEffect(() => {
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
    // Let go of the stream at once: a detached element would otherwise hold camera frames until
    // garbage collection, and the capture device has only a few buffers (video stalls for seconds).
    return () => {
      element.srcObject = null;
    };
  }, [element, stream]);
  useEffect(() => {
    if (!element || !sinkId || !('setSinkId' in element)) return;
    element.setSinkId(sinkId).catch(() => undefined);
  }, [element, sinkId]);
  return setElement;
}

export interface ElementSize {
  width: number;
  height: number;
}

/** Size of an element's content box, following resizes (for the grid layout). */
export function useElementSize<T extends HTMLElement>(): [RefCallback<T>, ElementSize] {
  const [element, setElement] = useState<T | null>(null);
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((s) =>
        s.width === Math.round(width) && s.height === Math.round(height)
          ? s
          : { width: Math.round(width), height: Math.round(height) },
      );
    update(element.clientWidth, element.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect) update(rect.width, rect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, size];
}

/** Whether `element` is the document's full-screen element, following changes. */
export function useIsFullscreen(element: Element | null): boolean {
  const subscribe = useCallback((notify: () => void) => {
    document.addEventListener('fullscreenchange', notify);
    return () => document.removeEventListener('fullscreenchange', notify);
  }, []);
  return useSyncExternalStore(
    subscribe,
    () => element !== null && document.fullscreenElement === element,
    () => false,
  );
}

/** Whether the room is joined on the current connection (room-only endpoints answer 403 before). */
export function useRoomJoined(roomId: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => membership.subscribe(roomId, notify),
    [roomId],
  );
  return useSyncExternalStore(
    subscribe,
    () => membership.isJoined(roomId),
    () => false,
  );
}

/** Tells the engine which remote videos are on screen, whenever that changes. */
export function useReceiveView(engine: CallEngine, view: ReceiveView): void {
  // `view` is a new object each render; its key says when it really changed.
  const [latest, setLatest] = useState(view);
  if (receiveViewKey(latest) !== receiveViewKey(view)) setLatest(view);
  useEffect(() => engine.setReceiveView(latest), [engine, latest]);
}
