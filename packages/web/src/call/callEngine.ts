import type {
  CallMediaChangedEvent,
  CallPeer,
  JoinCallResult,
  MediaStateEvent,
} from '@minimeet/contract';
import { ErrorCode } from '@minimeet/contract';
import { toAppError } from '../lib/errors';
import type { SelfModeration, SelfModerationDeps } from '../moderation';
import type { Connection } from '../lib/socket';
import { createStore, type ReadableStore } from '../lib/store';
import { INITIAL_SNAPSHOT, type CallSnapshot } from './callState';
import { CallSession, type PeerInbound } from './callSession';
import { createHands, type Hands } from './hands';
import type { LocalMedia } from './localMedia';
import {
  createAnnouncer,
  createLocalLevel,
  intendedFlags,
  mediaFlags,
  sentTracks,
  type SentTracks,
} from './mediaBridge';
import { createMeshTransport } from './meshTransport';
import type { CallSettings } from './settings';
import { createSfuTransport } from './sfu/sfuTransport';
import type { StatsEntry } from './stats';
import type { ReceiveView, TransportFactory } from './transport';
import { createViewStore, type ViewStore } from './viewState';

/** The chat panel starts open beside the call where there is room for it (not on a phone). */
const wideScreen = () =>
  typeof window !== 'undefined' && (window.matchMedia?.('(min-width: 720px)').matches ?? true);

/** Mesh for small calls, the SFU when the server says so. */
export const defaultTransportFactory: TransportFactory = (ctx) =>
  ctx.media === 'sfu' ? createSfuTransport(ctx) : createMeshTransport(ctx);

export type CallConnection = Pick<
  Connection,
  'request' | 'on' | 'onConnect' | 'onDisconnect' | 'isConnected'
>;

export interface CallEngineDeps {
  roomId: string;
  connection: CallConnection;
  media: LocalMedia;
  settings: CallSettings;
  selfUserId: () => string | null;
  /**
   * Calls `listener` whenever the room is joined on the current connection. The server admits
   * joinCall only from a socket that is in the room, so a rejoin waits for this (when given)
   * instead of the bare reconnect.
   */
  onRoomJoined?: (listener: () => void) => () => void;
  createTransport?: TransportFactory;
  /** What moderators do to us (the moderation feature's store); none: nothing is moderated. */
  createModeration?: (deps: SelfModerationDeps) => SelfModeration;
  /** Wait before asking again when a rejoin after a reconnect fails for a transient reason. */
  rejoinRetryMs?: number;
}

export interface CallEngine extends ReadableStore<CallSnapshot> {
  readonly roomId: string;
  readonly media: LocalMedia;
  /** Grid or speaker view, and the grid page. */
  readonly view: ViewStore;
  /** Raised hands and reactions in this call. */
  readonly hands: Hands;
  /** What moderators did to us: blocked media and the last notice. */
  readonly moderation: SelfModeration;
  openPreJoin: () => void;
  cancelPreJoin: () => void;
  join: () => Promise<void>;
  leave: () => Promise<void>;
  toggleAudio: () => void;
  toggleVideo: () => void;
  startScreenShare: () => Promise<void>;
  stopScreenShare: () => void;
  /** Tells the others we are gone without waiting (the page is closing). */
  leaveNow: () => void;
  /** Which remote videos the UI shows and how large (the SFU forwards only those). */
  setReceiveView: (view: ReceiveView) => void;
  /** Per-peer media counters (tests and diagnostics). */
  inbound: () => Promise<PeerInbound[]>;
  /** outbound-rtp stats of what we send (tests and diagnostics). */
  outbound: () => Promise<StatsEntry[]>;
  /** Stops listening to the connection. */
  dispose: () => void;
}

/** No moderation: nothing blocked, nothing to say. */
function unmoderated(): SelfModeration {
  const store = createStore({ blocked: [], notice: null });
  const nothing = () => undefined;
  return { ...store, refresh: () => Promise.resolve(), reset: nothing, dispose: nothing };
}

/** The call of one room: phases, joining and rejoining, the session, and what we announce. */
export function createCallEngine(deps: CallEngineDeps): CallEngine {
  const { roomId, connection, media } = deps;
  const store = createStore<CallSnapshot>(INITIAL_SNAPSHOT);
  const createTransport = deps.createTransport ?? defaultTransportFactory;
  let receiveView: ReceiveView = new Map();
  let session: CallSession | null = null;
  /** Call events that arrive while a join is on its way are applied once it is answered. */
  let held: (() => void)[] | null = null;
  let attempt = 0;
  let rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  let rejoinFailures = 0;
  /** The tracks the session was last given. */
  let sent: SentTracks = { audio: null, video: null, screen: null };
  const localLevel = createLocalLevel(media);
  const announcer = createAnnouncer((flags) =>
    connection.request('mediaState', { roomId, ...flags }),
  );

  const hands = createHands({ roomId, connection, selfUserId: deps.selfUserId });
  const moderation = (deps.createModeration ?? unmoderated)({
    roomId,
    connection,
    turnOff: (kind) => {
      if (kind === 'audio') media.setAudioEnabled(false);
      else if (kind === 'video') media.setVideoEnabled(false);
      else media.stopScreen();
    },
    callEnded: () => {
      if (!inCall()) return;
      attempt += 1;
      endSession();
      media.release();
      set({ ...INITIAL_SNAPSHOT, notice: 'ENDED_BY_MODERATOR' });
    },
  });
  const blocked = (kind: 'audio' | 'video' | 'screen') =>
    moderation.getState().blocked.includes(kind);
  const set = (patch: Partial<CallSnapshot>) => store.setState((s) => ({ ...s, ...patch }));
  const inCall = () =>
    store.getState().phase === 'connected' || store.getState().phase === 'reconnecting';

  function announce(): void {
    if (session && store.getState().phase === 'connected')
      announcer.announce(mediaFlags(media.getState()));
  }

  function startSession(result: JoinCallResult): void {
    session?.close();
    sent = sentTracks(media.getState());
    session = new CallSession({
      roomId,
      result,
      selfUserId: deps.selfUserId(),
      request: connection.request,
      on: connection.on,
      video: deps.settings.video,
      iceTransportPolicy: deps.settings.iceTransportPolicy,
      local: { audio: sent.audio, video: sent.video },
      screen: sent.screen,
      createTransport,
      update: store.setState,
      getSnapshot: store.getState,
      localLevel: localLevel.level,
    });
    session.setReceiveView(receiveView);
    set({ phase: 'connected', notice: null });
    hands.refresh().catch(() => undefined);
    moderation.refresh().catch(() => undefined);
    announcer.reset();
    announce();
    const pending = held ?? [];
    held = null;
    for (const apply of pending) apply();
  }

  function endSession(): void {
    clearTimeout(rejoinTimer);
    session?.close();
    session = null;
    held = null;
    announcer.reset();
    localLevel.close();
    hands.reset();
    moderation.reset();
  }

  async function requestJoin(): Promise<JoinCallResult> {
    held = [];
    return connection.request(
      'joinCall',
      { roomId, media: intendedFlags(media.getState()) },
      10_000,
    );
  }

  async function join(): Promise<void> {
    const phase = store.getState().phase;
    if (phase !== 'idle' && phase !== 'prejoin') return;
    const mine = ++attempt;
    set({ phase: 'joining', notice: null });
    // Camera and microphone start in parallel with the join: tracks that arrive after the
    // connections exist are swapped in without renegotiation.
    void media.acquire();
    try {
      const result = await requestJoin();
      if (mine !== attempt) return;
      startSession(result);
    } catch (error) {
      if (mine !== attempt) return;
      held = null;
      set({ phase: 'prejoin', notice: toAppError(error).code });
    }
  }

  async function rejoin(): Promise<void> {
    clearTimeout(rejoinTimer);
    const mine = ++attempt;
    try {
      const result = await requestJoin();
      if (mine !== attempt || store.getState().phase !== 'reconnecting') return;
      rejoinFailures = 0;
      startSession(result);
    } catch (error) {
      if (mine !== attempt || store.getState().phase !== 'reconnecting') return;
      held = null;
      const code = toAppError(error).code;
      rejoinFailures += 1;
      const final = code === ErrorCode.ROOM_FULL || code === ErrorCode.NOT_FOUND;
      if (final || (code === ErrorCode.FORBIDDEN && rejoinFailures >= 3)) {
        endSession();
        media.release();
        set({ ...INITIAL_SNAPSHOT, notice: code });
      } else if (connection.isConnected()) {
        rejoinTimer = setTimeout(() => void rejoin(), deps.rejoinRetryMs ?? 1500);
      }
    }
  }

  async function leave(): Promise<void> {
    const wasIn = inCall() || store.getState().phase === 'joining';
    attempt += 1;
    endSession();
    media.release();
    store.setState(INITIAL_SNAPSHOT);
    if (wasIn) await connection.request('leaveCall', { roomId }).catch(() => undefined);
  }

  /** Runs a call event now, or after the pending join answer (which defines who we are). */
  function route(apply: () => void): void {
    if (held) held.push(apply);
    else if (session) apply();
  }

  const forRoom =
    <E extends { roomId: string }>(handler: (event: E) => void) =>
    (event: E) => {
      if (event.roomId === roomId) route(() => handler(event));
    };
  const offs = [
    connection.on(
      'callPeerJoined',
      forRoom((e: { roomId: string; peer: CallPeer }) => session?.peerJoined(e.peer)),
    ),
    connection.on(
      'callPeerLeft',
      forRoom((e: { roomId: string; peerId: string }) => {
        if (e.peerId === session?.selfPeerId) {
          // Another tab of ours took our place in the call.
          endSession();
          media.release();
          set({ ...INITIAL_SNAPSHOT, notice: 'REPLACED' });
        } else {
          session?.peerLeft(e.peerId);
        }
      }),
    ),
    connection.on(
      'mediaState',
      forRoom((e: MediaStateEvent) => session?.mediaState(e)),
    ),
    connection.on(
      'callMediaChanged',
      forRoom((e: CallMediaChangedEvent) => {
        if (e.callId === session?.callId) session.mediaChanged(e.media);
      }),
    ),
    connection.on(
      'webrtc-offer',
      forRoom((e) => session?.deliver(e.from, e.to, { kind: 'description', description: e.sdp })),
    ),
    connection.on(
      'webrtc-answer',
      forRoom((e) => session?.deliver(e.from, e.to, { kind: 'description', description: e.sdp })),
    ),
    connection.on(
      'ice-candidate',
      forRoom((e) => session?.deliver(e.from, e.to, { kind: 'candidate', candidate: e.candidate })),
    ),
    connection.onDisconnect(() => {
      if (store.getState().phase !== 'connected') return;
      clearTimeout(rejoinTimer);
      set({ phase: 'reconnecting' });
    }),
    (deps.onRoomJoined ?? connection.onConnect)(() => {
      if (store.getState().phase === 'reconnecting') void rejoin();
    }),
    media.subscribe(() => {
      const now = sentTracks(media.getState());
      if (session && (now.audio !== sent.audio || now.video !== sent.video)) {
        session.setLocalTracks({ audio: now.audio, video: now.video });
      }
      if (session && now.screen !== sent.screen) session.setScreenTrack(now.screen);
      sent = now;
      announce();
    }),
  ];

  return {
    roomId,
    media,
    view: createViewStore(wideScreen()),
    hands,
    moderation,
    getState: store.getState,
    subscribe: store.subscribe,
    openPreJoin: () => {
      if (store.getState().phase !== 'idle') return;
      set({ phase: 'prejoin', notice: null });
      void media.acquire();
    },
    cancelPreJoin: () => {
      if (store.getState().phase !== 'prejoin') return;
      media.release();
      store.setState(INITIAL_SNAPSHOT);
    },
    join,
    leave,
    toggleAudio: () => {
      const on = !media.getState().audioEnabled;
      if (!on || !blocked('audio')) media.setAudioEnabled(on);
    },
    toggleVideo: () => {
      const on = !media.getState().videoEnabled;
      if (!on || !blocked('video')) media.setVideoEnabled(on);
    },
    startScreenShare: async () => {
      if (!blocked('screen')) await media.startScreen();
    },
    stopScreenShare: media.stopScreen,
    leaveNow: () => {
      if (!inCall()) return;
      connection.request('leaveCall', { roomId }).catch(() => undefined);
    },
    setReceiveView: (view) => {
      receiveView = view;
      session?.setReceiveView(view);
    },
    inbound: async () => (session ? session.inbound() : []),
    outbound: async () => (session ? session.outbound() : []),
    dispose: () => {
      for (const off of offs) off();
      hands.dispose();
      moderation.dispose();
      endSession();
    },
  };
}
