import type { Ack, ReadMarker } from '@minimeet/contract';
import { ClientEvent } from '@minimeet/contract';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { RoomRefDto } from '../common/room-ref.dto';
import { handleEvent } from '../realtime/ack';
import { actorOf, type AppSocket } from '../realtime/socket.types';
import { MarkReadDto } from './dto/reads.dto';
import { ReadsService } from './reads.service';

/** Socket.IO edge for read markers: validate, delegate, ack. */
@WebSocketGateway()
export class ReadsGateway {
  private readonly logger = new Logger('ReadsGateway');

  constructor(private readonly reads: ReadsService) {}

  @SubscribeMessage(ClientEvent.MarkRead)
  markRead(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<ReadMarker>> {
    return handleEvent(this.logger, ClientEvent.MarkRead, MarkReadDto, body, (dto) =>
      this.reads.markRead(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.GetReadMarker)
  getReadMarker(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<ReadMarker>> {
    return handleEvent(this.logger, ClientEvent.GetReadMarker, RoomRefDto, body, (dto) =>
      this.reads.marker(actorOf(socket), dto.roomId),
    );
  }
}
