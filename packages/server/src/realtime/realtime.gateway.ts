import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import { TokenService } from '../auth/token.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RealtimeService } from './realtime.service';
import { socketAuth } from './socket-auth';
import type { AppServer } from './socket.types';

/** Sets up the one Socket.IO server every feature gateway shares: handshake auth and delivery. */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit {
  constructor(
    private readonly tokens: TokenService,
    private readonly realtime: RealtimeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: AppServer): void {
    server.use(socketAuth(this.tokens, { capPerAddress: this.config.trustProxy.length === 0 }));
    this.realtime.attach(server);
  }
}
