import type { Ack, LoadHistoryResult, MessageResult, SendMessageResult } from '@minimeet/contract';
import { ClientEvent } from '@minimeet/contract';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { handleEvent } from '../realtime/ack';
import { actorOf, type AppSocket } from '../realtime/socket.types';
import { ChatService } from './chat.service';
import {
  EditMessageDto,
  LoadHistoryDto,
  MessageRefDto,
  ReactDto,
  SendMessageDto,
  TypingDto,
} from './dto/chat.dto';

/** Socket.IO edge for chat: validate, delegate, ack. */
@WebSocketGateway()
export class ChatGateway {
  private readonly logger = new Logger('ChatGateway');

  constructor(private readonly chat: ChatService) {}

  @SubscribeMessage(ClientEvent.SendMessage)
  sendMessage(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<SendMessageResult>> {
    return handleEvent(this.logger, ClientEvent.SendMessage, SendMessageDto, body, (dto) =>
      this.chat.send(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.LoadMessageHistory)
  loadHistory(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<LoadHistoryResult>> {
    return handleEvent(this.logger, ClientEvent.LoadMessageHistory, LoadHistoryDto, body, (dto) =>
      this.chat.history(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.Typing)
  typing(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.Typing, TypingDto, body, (dto) =>
      this.chat.typing(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.EditMessage)
  editMessage(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<MessageResult>> {
    return handleEvent(this.logger, ClientEvent.EditMessage, EditMessageDto, body, (dto) =>
      this.chat.edit(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.DeleteOwnMessage)
  deleteOwnMessage(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<MessageResult>> {
    return handleEvent(this.logger, ClientEvent.DeleteOwnMessage, MessageRefDto, body, (dto) =>
      this.chat.deleteOwn(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.ReactToMessage)
  reactToMessage(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<MessageResult>> {
    return handleEvent(this.logger, ClientEvent.ReactToMessage, ReactDto, body, (dto) =>
      this.chat.react(actorOf(socket), dto),
    );
  }
}
