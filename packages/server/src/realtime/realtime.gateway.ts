import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import { TokenService } from '../auth/token.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RateLimitService } from '../common/rate-limit.service';
import { MetricsService } from '../metrics/metrics.service';
import { OverloadService } from '../overload/overload.service';
import { ActivityBatches } from './activity-batches';
import { shedWritesEarly } from './shed-writes';
import { RealtimeService } from './realtime.service';
import { MAX_SOCKET_LISTENERS, socketAuth } from './socket-auth';
import { instrumentSockets } from './socket-metrics';
import type { AppServer } from './socket.types';

/** Sets up the one Socket.IO server every feature gateway shares: handshake auth and delivery. */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit {
  constructor(
    private readonly tokens: TokenService,
    private readonly realtime: RealtimeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly overload: OverloadService,
    private readonly limits: RateLimitService,
    private readonly batches: ActivityBatches,
  ) {}

  afterInit(server: AppServer): void {
    // Each gateway (nine) and each of ours below listens for 'connection': not a leak.
    server.sockets.setMaxListeners(MAX_SOCKET_LISTENERS);
    server.use(
      socketAuth(this.tokens, {
        capPerAddress: this.config.trustProxy.length === 0,
        perUser: this.config.limits.socketsPerUser,
        perAddress: this.config.limits.socketsPerAddress,
      }),
    );
    shedWritesEarly(server, this.overload, this.limits, this.metrics);
    instrumentSockets(server, this.metrics);
    this.realtime.attach(server);
    // Other processes' messages: their activity for this process's connections.
    server.on('roomActivity', (relayed) => {
      for (const e of Array.isArray(relayed) ? relayed : [relayed])
        this.batches.post(e.memberIds, e.event);
    });
  }
}
