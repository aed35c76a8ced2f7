import type { ChatMessage, RoomActivityEvent } from '@minimeet/contract';
import { io } from 'socket.io-client';
import { createOutbox } from '../chat/outbox';
import { browserStorage, createPendingQueue } from '../chat/pendingQueue';
import { createRoomRegistry } from '../chat/roomRegistry';
import { createRoomMembership } from '../rooms/membership';
import { createUnreadStore, totalUnread } from '../rooms/unread';
import { notifyMention } from './notifications';
import { setTitleUnread } from './title';
import { queryClient, session } from './services';
import { createConnection, type ChatSocket } from '../lib/socket';

/**
 * The signed-in app's realtime singletons (loaded lazily with the signed-in pages, so the
 * sign-in page does not download Socket.IO). They follow the session by themselves.
 */
export const connection = createConnection({
  createSocket: (auth): ChatSocket =>
    io({
      auth,
      autoConnect: false,
      // WebSocket only: no sticky sessions needed when several servers sit behind a balancer.
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    }),
  getToken: session.getAccessToken,
  refreshToken: session.refresh,
  isBrowserOnline: () => navigator.onLine,
});

export const membership = createRoomMembership({
  isConnected: connection.isConnected,
  join: (roomId) => connection.request('joinRoom', { roomId }),
  leave: (roomId) => connection.request('leaveRoom', { roomId }),
  onConnect: connection.onConnect,
  onDisconnect: connection.onDisconnect,
});

export const rooms = createRoomRegistry({
  connection,
  membership,
  selfId: () => session.getUser()?.id ?? null,
});

export const pendingQueue = createPendingQueue({ storage: browserStorage() });

export const outbox = createOutbox({
  queue: pendingQueue,
  isJoined: membership.isJoined,
  send: (payload) => connection.request('sendMessage', payload),
  // The ack is this connection's copy of its own message (the room's broadcast skips it).
  onSent: (message) => {
    rooms.deliver(message);
    onActivity(activityOf(message));
  },
  acquireRoom: membership.acquire,
});

membership.onJoined((roomId) => void outbox.flush(roomId));

const activityOf = (message: ChatMessage): RoomActivityEvent => ({
  roomId: message.roomId,
  messageId: message.id,
  senderId: message.sender.id,
  mentions: message.mentions,
});

// Our own message heard from the room (sent by another tab, or by an earlier connection whose
// ack was lost): not pending any more.
connection.on('newMessage', (message) => {
  if (message.sender.id === session.getUser()?.id) pendingQueue.remove(message.clientMessageId);
  onActivity(activityOf(message));
});

function followSession(): void {
  const state = session.getState();
  if (state.status === 'signedIn') {
    pendingQueue.load(state.user.id);
    connection.start();
  } else if (state.status === 'signedOut') {
    connection.stop();
    // Signing out on purpose forgets unsent messages (shared computers); an expiry keeps them.
    if (!state.expired) pendingQueue.clear();
    pendingQueue.load(null);
  }
}
session.subscribe(followSession);
followSession();

window.addEventListener('online', connection.networkChanged);
window.addEventListener('offline', connection.networkChanged);

/** The room open on screen (its new messages are read, not unread, while the tab is visible). */
let openRoom: string | null = null;
export function setOpenRoom(roomId: string | null): void {
  openRoom = roomId;
}

export const unread = createUnreadStore({
  selfId: () => session.getUser()?.id ?? null,
  isReading: (roomId) => roomId === openRoom && document.visibilityState === 'visible',
});
unread.subscribe(() => setTitleUnread(totalUnread(unread.getState())));

/**
 * A new message in one of our rooms: counts, and a notification when it mentions us. This
 * connection hears it once: as `newMessage` when it has the room joined, else in a `roomActivity`
 * batch.
 */
function onActivity(event: RoomActivityEvent): void {
  unread.activity(event);
  const self = session.getUser()?.id;
  if (self && event.senderId !== self && event.mentions.includes(self))
    notifyMention(event.roomId, unread.getState()[event.roomId]?.name);
}
connection.on('roomActivity', (events) => {
  for (const event of events) onActivity(event);
});
connection.on('readMarker', (marker) => {
  unread.read(marker);
  // The server's counts for the list, now that this room is read further.
  void queryClient.invalidateQueries({ queryKey: ['rooms', 'list'] });
});
