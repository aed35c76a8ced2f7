import Janode, { type JanodeHandle } from 'janode';
import { asRecord, str } from './janus-parse';
import type { HangupEvent } from './janus-types';

export interface CoreHandleEvents {
  webrtcup: Record<string, never>;
  hangup: HangupEvent;
  detached: Record<string, never>;
}

/** Forwards the plugin-independent handle events (PeerConnection up/down, handle gone). */
export function forwardCoreHandleEvents(
  handle: JanodeHandle,
  emit: <K extends keyof CoreHandleEvents>(event: K, payload: CoreHandleEvents[K]) => void,
): void {
  handle.on(Janode.EVENT.HANDLE_WEBRTCUP, () => emit('webrtcup', {}));
  handle.on(Janode.EVENT.HANDLE_HANGUP, (data: unknown) => {
    const reason = str(asRecord(data)?.reason);
    emit('hangup', reason === undefined ? {} : { reason });
  });
  handle.once(Janode.EVENT.HANDLE_DETACHED, () => emit('detached', {}));
}
