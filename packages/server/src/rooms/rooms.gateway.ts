import type { Ack, JoinRoomResult } from '@minimeet/contract';
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
import { JoinRoomDto } from './dto/room.dto';
import { RoomsService } from './rooms.service';

/** Socket.IO edge for entering and leaving rooms: validate, delegate, ack. */
@WebSocketGateway()
export class RoomsGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger('RoomsGateway');

  constructor(
    private readonly rooms: RoomsService,
    private readonly redis: RedisService,
  ) {}

  handleDisconnect(socket: AppSocket): void {
    this.redis
      .track(this.rooms.disconnect(socket.id))
      .catch((e: unknown) => this.logger.warn(`disconnect cleanup failed: ${String(e)}`));
  }

  @SubscribeMessage(ClientEvent.JoinRoom)
  joinRoom(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<JoinRoomResult>> {
    return handleEvent(this.logger, ClientEvent.JoinRoom, JoinRoomDto, body, (dto) =>
      this.rooms.enter(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.LeaveRoom)
  leaveRoom(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ roomId: string }>> {
    return handleEvent(this.logger, ClientEvent.LeaveRoom, RoomRefDto, body, (dto) =>
      this.rooms.leave(actorOf(socket), dto.roomId),
    );
  }
}
