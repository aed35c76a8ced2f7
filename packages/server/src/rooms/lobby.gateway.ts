import type { Ack, KnockResult } from '@minimeet/contract';
import { ClientEvent } from '@minimeet/contract';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import { RoomRefDto } from '../common/room-ref.dto';
import { handleEvent } from '../realtime/ack';
import { actorOf, type AppSocket } from '../realtime/socket.types';
import { RedisService } from '../redis/redis.module';
import { KnockDto, LobbyDecisionDto } from './dto/room.dto';
import { LobbyService } from './lobby.service';

/** Socket.IO edge of the lobby: knock, stop waiting, admit, deny. */
@WebSocketGateway()
export class LobbyGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger('LobbyGateway');

  constructor(
    private readonly lobby: LobbyService,
    private readonly redis: RedisService,
  ) {}

  handleDisconnect(socket: AppSocket): void {
    this.redis
      .track(this.lobby.disconnect(socket.id))
      .catch((e: unknown) => this.logger.warn(`lobby cleanup failed: ${String(e)}`));
  }

  @SubscribeMessage(ClientEvent.KnockRoom)
  knock(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<KnockResult>> {
    return handleEvent(this.logger, ClientEvent.KnockRoom, KnockDto, body, (dto) =>
      this.lobby.knock(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.LeaveLobby)
  leaveLobby(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.LeaveLobby, RoomRefDto, body, (dto) =>
      this.lobby.withdraw(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.AdmitKnock)
  admit(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.AdmitKnock, LobbyDecisionDto, body, (dto) =>
      this.lobby.admit(actorOf(socket).user, dto),
    );
  }

  @SubscribeMessage(ClientEvent.DenyKnock)
  deny(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.DenyKnock, LobbyDecisionDto, body, (dto) =>
      this.lobby.deny(actorOf(socket).user, dto),
    );
  }
}
