import type { Ack, HandQueueEvent } from '@minimeet/contract';
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
import { LowerHandDto, ReactionDto } from './dto/hands.dto';
import { HandsService } from './hands.service';

/** Socket.IO edge for raised hands and reactions: validate, delegate, ack. */
@WebSocketGateway()
export class HandsGateway {
  private readonly logger = new Logger('HandsGateway');

  constructor(private readonly hands: HandsService) {}

  @SubscribeMessage(ClientEvent.RaiseHand)
  raise(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<HandQueueEvent>> {
    return handleEvent(this.logger, ClientEvent.RaiseHand, RoomRefDto, body, (dto) =>
      this.hands.raise(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.LowerHand)
  lower(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<HandQueueEvent>> {
    return handleEvent(this.logger, ClientEvent.LowerHand, LowerHandDto, body, (dto) =>
      this.hands.lower(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.GetHands)
  list(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<HandQueueEvent>> {
    return handleEvent(this.logger, ClientEvent.GetHands, RoomRefDto, body, (dto) =>
      this.hands.list(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.SendReaction)
  react(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.SendReaction, ReactionDto, body, (dto) =>
      this.hands.react(actorOf(socket), dto),
    );
  }
}
