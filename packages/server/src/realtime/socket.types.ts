import type { ClientToServerEvents, PublicUser, ServerToClientEvents } from '@minimeet/contract';
import type { Server, Socket } from 'socket.io';

export interface SocketData {
  user: PublicUser;
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

/** Socket.IO room holding every socket that joined a MiniMeet room. */
export const roomChannel = (roomId: string): string => `room:${roomId}`;
