import type {
  ClientToServerEvents,
  PublicUser,
  RoomActivityEvent,
  ServerToClientEvents,
} from '@minimeet/contract';
import type { Server, Socket } from 'socket.io';
import type { Actor } from '../common/actor';
import type { MemberRemoved } from '../moderation/moderation.events';

export interface SocketData {
  user: PublicUser;
  /** The sign-in session (refresh-token family) of the handshake's access token, when it has one. */
  sessionId: string | null;
}

/** One message's room activity, and the room's members it is for. */
export interface RelayedActivity {
  memberIds: string[];
  event: RoomActivityEvent;
}

/** What one process tells the others (through the Redis adapter's server-side emit). */
export interface InterServerEvents {
  memberRemoved: (e: MemberRemoved) => void;
  /**
   * Messages' activity for the other processes' connections of their members, gathered for
   * ACTIVITY_RELAY_MS (a single one, not in a list, from a process of an earlier version).
   */
  roomActivity: (e: RelayedActivity[] | RelayedActivity) => void;
}

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The actor of a use-case run from this socket. */
export const actorOf = (socket: AppSocket): Actor => ({
  user: socket.data.user,
  connectionId: socket.id,
});
