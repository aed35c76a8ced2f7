import type {
  Ack,
  ClientToServerEvents,
  JoinRoomResult,
  SendMessageResult,
  ServerToClientEvents,
} from '@minimeet/contract';
import { io, type Socket } from 'socket.io-client';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AckingSocket = {
  timeout: (ms: number) => {
    emit: (event: string, payload: unknown, cb: (err: Error | null, res: unknown) => void) => void;
  };
};

function ask<T>(
  socket: ChatSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<Ack<T>> {
  return new Promise((ok, fail) => {
    (socket as unknown as AckingSocket)
      .timeout(5000)
      .emit(event, payload, (err, res) => (err ? fail(err) : ok(res as Ack<T>)));
  });
}

/**
 * Posts many messages through real Socket.IO clients (as the app does). The server limits how
 * fast one socket may send, so the work is spread over several sockets.
 */
export async function seedMessages(
  baseUrl: string,
  token: string,
  roomId: string,
  contents: string[],
  perSocket = 25,
): Promise<void> {
  for (let start = 0; start < contents.length; start += perSocket) {
    const socket: ChatSocket = io(baseUrl, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((ok, fail) => {
        socket.once('connect', ok);
        socket.once('connect_error', fail);
      });
      const joined = await ask<JoinRoomResult>(socket, 'joinRoom', { roomId });
      if (!joined.ok) throw new Error(`join: ${joined.error.code}`);
      for (const [i, content] of contents.slice(start, start + perSocket).entries()) {
        const clientMessageId = `seed-${start + i}-${Date.now()}`;
        const res = await ask<SendMessageResult>(socket, 'sendMessage', {
          roomId,
          content,
          clientMessageId,
        });
        if (!res.ok) throw new Error(`send ${start + i}: ${res.error.code}`);
      }
    } finally {
      socket.disconnect();
    }
  }
}
