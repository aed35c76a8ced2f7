import { ChatClientEvent } from '@minimeet/contract';
import type { RateLimitService } from '../common/rate-limit.service';
import { Refusal, type RefusalAck } from '../common/refusal';
import type { MetricsService } from '../metrics/metrics.service';
import type { OverloadService } from '../overload/overload.service';
import type { AppServer } from './socket.types';

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
 * writes keep their latency: the ack is a frozen object built once (no Error, no stack trace), and
 * the refusal is counted in the metrics without a timer. Reads, typing and call signalling go
 * through. Installed before the metrics middleware, which then sees only the frames served.
 */
export function shedWritesEarly(
  server: AppServer,
  overload: OverloadService,
  limits: RateLimitService,
  metrics: MetricsService,
): void {
  server.on('connection', (socket) => {
    const userId = socket.data.user.id;
    socket.use((packet, next) => {
      const event = packet[0];
      const ack: unknown = packet[packet.length - 1];
      const limiter = WRITES.get(event);
      if (limiter === undefined || typeof ack !== 'function') return next();
      const refused: RefusalAck | null =
        limiter !== null && limits.refusedFor(limiter, userId) !== null
          ? Refusal.rateLimited
          : overload.refuseEarly();
      if (refused === null) return next();
      metrics.socketRefused(event, refused.error.code);
      (ack as (response: RefusalAck) => void)(refused);
    });
  });
}
