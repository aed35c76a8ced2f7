import { ChatClientEvent } from '@minimeet/contract';
import type { AppServer } from './socket.types';
import type { OverloadService } from '../overload/overload.service';

/** The socket events that write (and so are shed under overload). */
const WRITES: ReadonlySet<string> = new Set([
  ChatClientEvent.SendMessage,
  ChatClientEvent.EditMessage,
  ChatClientEvent.DeleteOwnMessage,
  ChatClientEvent.ReactToMessage,
]);

/**
 * Refuses writes with UNAVAILABLE as their frame arrives while the process is overloaded: no
 * validation, no handler, just the ack, so the excess costs little and accepted writes keep
 * their latency. Reads, typing and call signalling go through.
 */
export function shedWritesEarly(server: AppServer, overload: OverloadService): void {
  server.on('connection', (socket) => {
    socket.use((packet, next) => {
      const ack: unknown = packet[packet.length - 1];
      if (!WRITES.has(packet[0]) || typeof ack !== 'function') return next();
      const refused = overload.refuseEarly();
      if (refused === null) return next();
      (ack as (response: unknown) => void)({ ok: false, error: refused.toPayload() });
    });
  });
}
