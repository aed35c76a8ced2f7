import type { Ack, JoinRoomResult, LoadHistoryResult, SendMessageResult } from '@minimeet/contract';
import { ClientEvent } from '@minimeet/contract';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { TokenService } from '../auth/token.service';
import { handleEvent } from '../realtime/ack';
import { RedisService } from '../redis/redis.module';
import { RealtimeService } from '../realtime/realtime.service';
import { socketAuth } from '../realtime/socket-auth';
import type { AppServer, AppSocket } from '../realtime/socket.types';
import { ChatService } from './chat.service';
import { LoadHistoryDto, RoomRefDto, SendMessageDto, TypingDto } from './dto/chat.dto';

/** Socket.IO edge for rooms and chat: authenticate, validate, delegate, ack. */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class ChatGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger('ChatGateway');
  @WebSocketServer() server: AppServer;

  constructor(
    private readonly chat: ChatService,
    private readonly tokens: TokenService,
    private readonly realtime: RealtimeService,
    private readonly redis: RedisService,
  ) {}

  afterInit(server: AppServer): void {
    server.use(socketAuth(this.tokens));
    this.realtime.attach(server);
  }

  handleDisconnect(socket: AppSocket): void {
    this.redis
      .track(this.chat.disconnect(socket))
      .catch((e: unknown) => this.logger.warn(`disconnect cleanup failed: ${String(e)}`));
  }

  @SubscribeMessage(ClientEvent.JoinRoom)
  joinRoom(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<JoinRoomResult>> {
    return handleEvent(this.logger, ClientEvent.JoinRoom, RoomRefDto, body, (dto) =>
      this.chat.join(socket, dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.LeaveRoom)
  leaveRoom(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ roomId: string }>> {
    return handleEvent(this.logger, ClientEvent.LeaveRoom, RoomRefDto, body, (dto) =>
      this.chat.leave(socket, dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.SendMessage)
  sendMessage(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<SendMessageResult>> {
    return handleEvent(this.logger, ClientEvent.SendMessage, SendMessageDto, body, (dto) =>
      this.chat.send(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.LoadMessageHistory)
  loadHistory(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<LoadHistoryResult>> {
    return handleEvent(this.logger, ClientEvent.LoadMessageHistory, LoadHistoryDto, body, (dto) =>
      this.chat.history(socket, dto),
    );
  }

  @SubscribeMessage(ClientEvent.Typing)
  typing(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.Typing, TypingDto, body, (dto) =>
      this.chat.typing(socket, dto),
    );
  }
}
