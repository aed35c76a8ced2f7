import type { Ack, SfuJoinResult, SfuPublishResult } from '@minimeet/contract';
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
import { SfuAnswerDto, SfuCandidateDto, SfuConfigureDto, SfuPublishDto } from './dto/sfu.dto';
import { SfuService } from './sfu.service';

/** Socket.IO edge for SFU signalling: validate, delegate, ack. */
@WebSocketGateway()
export class SfuGateway {
  private readonly logger = new Logger('SfuGateway');

  constructor(private readonly sfu: SfuService) {}

  @SubscribeMessage(ClientEvent.SfuJoin)
  join(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<SfuJoinResult>> {
    return handleEvent(this.logger, ClientEvent.SfuJoin, RoomRefDto, body, (dto) =>
      this.sfu.join(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.SfuPublish)
  publish(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<SfuPublishResult>> {
    return handleEvent(this.logger, ClientEvent.SfuPublish, SfuPublishDto, body, (dto) =>
      this.sfu.publish(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.SfuAnswer)
  answer(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.SfuAnswer, SfuAnswerDto, body, (dto) =>
      this.sfu.answer(actorOf(socket), dto.roomId, dto.answer),
    );
  }

  @SubscribeMessage(ClientEvent.SfuCandidate)
  candidate(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.SfuCandidate, SfuCandidateDto, body, (dto) =>
      this.sfu.candidate(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.SfuConfigure)
  configure(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.SfuConfigure, SfuConfigureDto, body, (dto) =>
      this.sfu.configure(actorOf(socket), dto),
    );
  }
}
