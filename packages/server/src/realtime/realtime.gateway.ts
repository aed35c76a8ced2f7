import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import { TokenService } from '../auth/token.service';
import { RealtimeService } from './realtime.service';
import { socketAuth } from './socket-auth';
import type { AppServer } from './socket.types';

/** Sets up the one Socket.IO server every feature gateway shares: handshake auth and delivery. */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class RealtimeGateway implements OnGatewayInit {
  constructor(
    private readonly tokens: TokenService,
    private readonly realtime: RealtimeService,
  ) {}

  afterInit(server: AppServer): void {
    server.use(socketAuth(this.tokens));
    this.realtime.attach(server);
  }
}
