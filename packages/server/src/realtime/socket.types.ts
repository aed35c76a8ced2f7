import type { ClientToServerEvents, PublicUser, ServerToClientEvents } from '@minimeet/contract';
import type { Server, Socket } from 'socket.io';
import type { Actor } from '../common/actor';

export interface SocketData {
  user: PublicUser;
  /** The sign-in session (refresh-token family) of the handshake's access token, when it has one. */
  sessionId: string | null;
}

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** The actor of a use-case run from this socket. */
export const actorOf = (socket: AppSocket): Actor => ({
  user: socket.data.user,
  connectionId: socket.id,
});
