import type { Repository } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { CallParticipantEntity } from '../database/entities/call-participant.entity';
import type { CallSessionEntity } from '../database/entities/call-session.entity';
import { MetricsService } from './metrics.service';

const noRows = { count: () => Promise.resolve(0) };

describe('MetricsService.socketRefused', () => {
  it('adds the refused events to the received and error counters at scrape, once', async () => {
    const metrics = new MetricsService(
      noRows as unknown as Repository<CallSessionEntity>,
      noRows as unknown as Repository<CallParticipantEntity>,
    );
    metrics.socketRefused('sendMessage', 'UNAVAILABLE');
    metrics.socketRefused('sendMessage', 'RATE_LIMITED');
    metrics.socketRefused('no such event', 'UNAVAILABLE');
    metrics.socketEvent('sendMessage')(null);

    for (let scrape = 0; scrape < 2; scrape++) {
      const text = await metrics.metrics();
      expect(text).toContain('minimeet_socket_events_received_total{event="sendMessage"} 3');
      expect(text).toContain('minimeet_socket_events_received_total{event="unknown"} 1');
      expect(text).toContain('minimeet_errors_total{transport="socket",code="UNAVAILABLE"} 2');
      expect(text).toContain('minimeet_errors_total{transport="socket",code="RATE_LIMITED"} 1');
      // Only the event served was timed.
      expect(text).toContain('minimeet_socket_event_duration_seconds_count{event="sendMessage"} 1');
    }
  });
});
