import { ChatClientEvent } from '@minimeet/contract';
import { AppError } from '../common/app-error';
import type { RateLimitService } from '../common/rate-limit.service';
import type { AppServer } from './socket.types';
import type { OverloadService } from '../overload/overload.service';

/** The socket events that write (and so are shed under overload), with their per-user limiter. */
const WRITES: ReadonlyMap<string, string | null> = new Map([
  [ChatClientEvent.SendMessage, 'send'],
  [ChatClientEvent.EditMessage, 'edit'],
  [ChatClientEvent.DeleteOwnMessage, null],
  [ChatClientEvent.ReactToMessage, 'react'],
]);

/**
 * Refuses writes as their frame arrives, with no validation and no handler, just the ack: with
 * RATE_LIMITED while the sender's per-user limit is known spent (this process saw the refusal),
 * and with UNAVAILABLE while the process is overloaded. So the excess costs little and accepted
 * writes keep their latency. Reads, typing and call signalling go through.
 */
export function shedWritesEarly(
  server: AppServer,
  overload: OverloadService,
  limits: RateLimitService,
): void {
  server.on('connection', (socket) => {
    const userId = socket.data.user.id;
    socket.use((packet, next) => {
      const ack: unknown = packet[packet.length - 1];
      const limiter = WRITES.get(packet[0]);
      if (limiter === undefined || typeof ack !== 'function') return next();
      const seconds = limiter === null ? null : limits.refusedFor(limiter, userId);
      const refused = seconds !== null ? AppError.rateLimited(seconds) : overload.refuseEarly();
      if (refused === null) return next();
      (ack as (response: unknown) => void)({ ok: false, error: refused.toPayload() });
    });
  });
}
