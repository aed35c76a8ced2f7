import type { CallPhase } from './callState';
import type { PeerInbound } from './callSession';
import type { CallRegistry } from './callRegistry';

/** Read-only view of the current call for browser tests (installed only when settings ask). */
export interface CallTestHook {
  phase: () => CallPhase | null;
  peers: () => {
    peerId: string;
    username: string;
    audio: boolean;
    video: boolean;
    screen: boolean;
  }[];
  inbound: () => Promise<PeerInbound[]>;
}

declare global {
  interface Window {
    __minimeetCall?: CallTestHook;
  }
}

export function installTestHooks(registry: CallRegistry): void {
  window.__minimeetCall = {
    phase: () => registry.current()?.getState().phase ?? null,
    peers: () =>
      (registry.current()?.getState().peers ?? []).map((p) => ({
        peerId: p.peerId,
        username: p.username,
        ...p.media,
      })),
    inbound: () => registry.current()?.inbound() ?? Promise.resolve([]),
  };
}
