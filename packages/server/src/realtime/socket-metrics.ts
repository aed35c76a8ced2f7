import type { MetricsService } from '../metrics/metrics.service';
import type { AppServer } from './socket.types';

/**
 * Reports every socket event to the metrics: counted when it arrives, timed until its ack, and
 * the ack's error code counted (every handler answers through the ack envelope of ack.ts).
 */
export function instrumentSockets(server: AppServer, metrics: MetricsService): void {
  metrics.countSocketsWith(() => server.of('/').sockets.size);
  server.on('connection', (socket) => {
    socket.use((packet, next) => {
      const done = metrics.socketEvent(packet[0]);
      const last = packet.length - 1;
      const ack: unknown = packet[last];
      if (last > 0 && typeof ack === 'function') {
        packet[last] = (response: unknown, ...rest: unknown[]) => {
          done(errorCodeOf(response));
          (ack as (...args: unknown[]) => void)(response, ...rest);
        };
      } else {
        done(null);
      }
      next();
    });
  });
}

function errorCodeOf(response: unknown): string | null {
  if (typeof response !== 'object' || response === null || !('ok' in response)) return null;
  if (response.ok !== false || !('error' in response)) return null;
  const error = response.error as { code?: unknown } | null;
  return typeof error?.code === 'string' ? error.code : null;
}
