import {
  HISTORY_DEFAULT_LIMIT,
  HISTORY_MAX_LIMIT,
  type ChatMessage,
  type Participant,
  type RoomDetail,
} from '@minimeet/contract';
import type { Connection } from '../lib/socket';
import type { RoomJoinState, RoomMembership } from '../rooms';
import { createStore, type ReadableStore } from '../lib/store';
import { createMessageActions, type MessageActions } from './messageActions';
import { createRoomReads, type RoomReads } from './roomReads';
import { createTimeline, type Timeline } from './timeline';
import {
  createTypingSender,
  createTypingTracker,
  type TypingSender,
  type TypingTracker,
} from './typing';

export interface RoomViewState {
  join: RoomJoinState;
  /** The room with the caller's role, kept current by roomUpdated and memberRoleChanged. */
  room: RoomDetail | null;
  participants: readonly Participant[];
  /** The owner deleted the room while it was open. */
  deleted: boolean;
  /** A moderator removed us from the room (banned: we cannot come back). */
  removed: { banned: boolean } | null;
}

export interface RoomController {
  roomId: string;
  view: ReadableStore<RoomViewState>;
  timeline: Timeline;
  typing: TypingTracker;
  typingSender: TypingSender;
  /** Edit, delete and react to the room's messages. */
  actions: MessageActions;
  /** The read marker: the "New messages" divider, and marking what we saw. */
  reads: RoomReads;
  /** Joins the room and follows its events until the returned function is called. */
  activate: () => () => void;
  deliver: (message: ChatMessage) => void;
}

export interface RoomControllerDeps {
  connection: Pick<Connection, 'request' | 'on' | 'isConnected'>;
  membership: RoomMembership;
  selfId: () => string | null;
}

/** Everything one open room needs: join state, participants, history, typing. */
export function createRoomController(roomId: string, deps: RoomControllerDeps): RoomController {
  const { connection, membership } = deps;
  const view = createStore<RoomViewState>({
    join: membership.getState(roomId),
    room: null,
    participants: [],
    deleted: false,
    removed: null,
  });
  const timeline = createTimeline(
    (before) =>
      connection.request('loadMessageHistory', { roomId, before, limit: HISTORY_DEFAULT_LIMIT }),
    (after) =>
      connection.request('loadMessageHistory', { roomId, after, limit: HISTORY_MAX_LIMIT }),
    (changedSince) =>
      connection.request('loadMessageHistory', { roomId, changedSince, limit: HISTORY_MAX_LIMIT }),
  );
  const actions = createMessageActions(roomId, {
    request: connection.request,
    apply: timeline.update,
  });
  const reads = createRoomReads(roomId, connection);
  const typing = createTypingTracker({ selfId: deps.selfId });
  const typingSender = createTypingSender({
    send: (isTyping) => {
      if (!membership.isJoined(roomId)) return;
      connection.request('typing', { roomId, isTyping }).catch(() => undefined);
    },
  });

  function onJoinState(join: RoomJoinState): void {
    if (join.status === 'joined') {
      const { room, participants } = join.result;
      view.setState((s) => ({ ...s, join, room, participants }));
      // First join loads the newest page; a re-join after a reconnect catches up.
      void timeline.loadLatest();
      reads.load();
    } else {
      // Not joined (the socket dropped): what arrives until the re-join must be caught up on.
      timeline.interrupted();
      if (join.status !== 'joining') typing.clear();
      view.setState((s) => ({ ...s, join }));
    }
  }

  function deliver(message: ChatMessage): void {
    if (message.roomId !== roomId) return;
    timeline.add(message);
    typing.stopped(message.sender.id);
  }

  return {
    roomId,
    view,
    timeline,
    typing,
    typingSender,
    actions,
    reads,
    deliver,
    activate: () => {
      const offs = [
        membership.subscribe(roomId, onJoinState),
        connection.on('newMessage', deliver),
        // Live delivery between server processes was interrupted: fetch what we missed (new
        // messages, and the changes since `event.since` to the ones we hold).
        connection.on('catchUp', (event) => {
          timeline.interrupted(event.since);
          if (membership.isJoined(roomId)) void timeline.loadLatest();
        }),
        connection.on('participantsUpdate', (event) => {
          if (event.roomId === roomId)
            view.setState((s) => ({ ...s, participants: event.participants }));
        }),
        connection.on('typing', (event) => {
          if (event.roomId === roomId) typing.handle(event);
        }),
        connection.on('roomUpdated', (event) => {
          if (event.id === roomId)
            view.setState((s) => ({ ...s, room: s.room && { ...s.room, ...event } }));
        }),
        connection.on('memberRoleChanged', (event) => {
          if (event.roomId === roomId && event.userId === deps.selfId())
            view.setState((s) => ({ ...s, room: s.room && { ...s.room, role: event.role } }));
        }),
        connection.on('messageUpdated', (message) => {
          if (message.roomId === roomId) timeline.update(message);
        }),
        connection.on('messageDeleted', (event) => {
          if (event.roomId === roomId) timeline.markDeleted(event.messageId);
        }),
        connection.on('removedFromRoom', (event) => {
          if (event.roomId === roomId)
            view.setState((s) => ({ ...s, removed: { banned: event.banned } }));
        }),
        connection.on('readMarker', reads.moved),
        connection.on('roomDeleted', (event) => {
          if (event.roomId === roomId) view.setState((s) => ({ ...s, deleted: true }));
        }),
      ];
      const release = membership.acquire(roomId);
      onJoinState(membership.getState(roomId));
      return () => {
        typingSender.stop();
        for (const off of offs) off();
        release();
        typing.clear();
      };
    },
  };
}
