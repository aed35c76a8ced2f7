import type { Ack, JoinCallResult } from '@minimeet/contract';
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
import { CallSignalService } from './call-signal.service';
import { CallsService } from './calls.service';
import {
  CallStatsDto,
  JoinCallDto,
  MediaStateDto,
  SignalCandidateDto,
  SignalDescriptionDto,
} from './dto/call.dto';

/** Socket.IO edge for calls: validate, delegate, ack. */
@WebSocketGateway()
export class CallsGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger('CallsGateway');

  constructor(
    private readonly calls: CallsService,
    private readonly signals: CallSignalService,
  ) {}

  handleDisconnect(socket: AppSocket): void {
    this.calls.disconnect(socket.id);
  }

  @SubscribeMessage(ClientEvent.JoinCall)
  joinCall(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<JoinCallResult>> {
    return handleEvent(this.logger, ClientEvent.JoinCall, JoinCallDto, body, (dto) =>
      this.joinAndWatch(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.LeaveCall)
  leaveCall(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.LeaveCall, RoomRefDto, body, (dto) =>
      this.calls.leave(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.WebrtcOffer)
  offer(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.WebrtcOffer, SignalDescriptionDto, body, (dto) =>
      this.signals.offer(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.WebrtcAnswer)
  answer(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.WebrtcAnswer, SignalDescriptionDto, body, (dto) =>
      this.signals.answer(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.IceCandidate)
  candidate(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.IceCandidate, SignalCandidateDto, body, (dto) =>
      this.signals.candidate(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.MediaState)
  mediaState(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.MediaState, MediaStateDto, body, (dto) =>
      this.calls.setMedia(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.CallStats)
  callStats(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.CallStats, CallStatsDto, body, (dto) =>
      this.signals.stats(actorOf(socket), dto),
    );
  }

  private async joinAndWatch(socket: AppSocket, dto: JoinCallDto): Promise<JoinCallResult> {
    const result = await this.calls.join(actorOf(socket), dto);
    // Dropped while joining: handleDisconnect found nothing to clean, so start the grace period now.
    if (socket.disconnected) this.calls.disconnect(socket.id);
    return result;
  }
}
