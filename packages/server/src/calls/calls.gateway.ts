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
import { RoomRefDto } from '../chat/dto/chat.dto';
import { handleEvent } from '../realtime/ack';
import type { AppSocket } from '../realtime/socket.types';
import { CallSignalService } from './call-signal.service';
import { CallsService } from './calls.service';
import {
  CallStatsDto,
  JoinCallDto,
  MediaStateDto,
  SignalCandidateDto,
  SignalDescriptionDto,
} from './dto/call.dto';

/**
 * Socket.IO edge for calls: validate, delegate, ack. Shares the server ChatGateway sets up
 * (handshake auth and RealtimeService), so it adds no middleware of its own.
 */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class CallsGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger('CallsGateway');

  constructor(
    private readonly calls: CallsService,
    private readonly signals: CallSignalService,
  ) {}

  handleDisconnect(socket: AppSocket): void {
    this.calls.disconnect(socket);
  }

  @SubscribeMessage(ClientEvent.JoinCall)
  joinCall(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<JoinCallResult>> {
    return handleEvent(this.logger, ClientEvent.JoinCall, JoinCallDto, body, (dto) =>
      this.calls.join(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.LeaveCall)
  leaveCall(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.LeaveCall, RoomRefDto, body, (dto) =>
      this.calls.leave(socket, dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.WebrtcOffer)
  offer(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.WebrtcOffer, SignalDescriptionDto, body, (dto) =>
      this.signals.offer(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.WebrtcAnswer)
  answer(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.WebrtcAnswer, SignalDescriptionDto, body, (dto) =>
      this.signals.answer(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.IceCandidate)
  candidate(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.IceCandidate, SignalCandidateDto, body, (dto) =>
      this.signals.candidate(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.MediaState)
  mediaState(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.MediaState, MediaStateDto, body, (dto) =>
      this.calls.setMedia(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.CallStats)
  callStats(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.CallStats, CallStatsDto, body, (dto) =>
      this.signals.stats(socket, dto),
    );
  }
}
