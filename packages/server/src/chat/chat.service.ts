import type { JoinRoomResult, LoadHistoryResult, SendMessageResult } from '@minimeet/contract';
import { ErrorCode, ServerEvent } from '@minimeet/contract';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimeService } from '../realtime/realtime.service';
import { roomChannel, type AppSocket } from '../realtime/socket.types';
import { toRoom } from '../rooms/room.mapper';
import { RoomsService } from '../rooms/rooms.service';
import type { LoadHistoryDto, SendMessageDto, TypingDto } from './dto/chat.dto';
import { MessagesService } from './messages.service';

/** The room and chat use-cases of a connected socket: join, leave, send, history, typing. */
@Injectable()
export class ChatService implements OnModuleInit {
  private readonly logger = new Logger('Chat');
  /** Messages per socket: bursts of 30, then 3 per second on average. */
  private readonly sendLimiter: Limiter;
  private readonly typingLimiter: Limiter;

  constructor(
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimeService,
    limits: RateLimitService,
  ) {
    this.sendLimiter = limits.create({
      name: 'send',
      points: 30,
      durationSeconds: 10,
      local: true,
    });
    this.typingLimiter = limits.create({
      name: 'typing',
      points: 20,
      durationSeconds: 5,
      local: true,
    });
  }

  onModuleInit(): void {
    this.presence.onExpired((roomIds) => {
      for (const roomId of roomIds) void this.broadcastParticipants(roomId);
    });
  }

  async join(socket: AppSocket, roomId: string): Promise<JoinRoomResult> {
    const user = socket.data.user;
    const room = await this.rooms.admit(roomId, user);
    await socket.join(roomChannel(roomId));
    await this.presence.join(roomId, {
      socketId: socket.id,
      userId: user.id,
      username: user.username,
    });
    const participants = await this.broadcastParticipants(roomId);
    return { room: { ...toRoom(room), participants }, participants };
  }

  async leave(socket: AppSocket, roomId: string): Promise<{ roomId: string }> {
    await socket.leave(roomChannel(roomId));
    if (await this.presence.leave(roomId, socket.id)) await this.broadcastParticipants(roomId);
    return { roomId };
  }

  async disconnect(socket: AppSocket): Promise<void> {
    const changed = await this.presence.leaveAll(socket.id);
    await Promise.all(changed.map((roomId) => this.broadcastParticipants(roomId)));
  }

  async send(socket: AppSocket, dto: SendMessageDto): Promise<SendMessageResult> {
    try {
      this.assertJoined(socket, dto.roomId);
      await this.sendLimiter.consume(socket.id);
      const { message, duplicate } = await this.messages.send(
        socket.data.user,
        dto.roomId,
        dto.content,
        dto.clientMessageId,
      );
      if (!duplicate)
        this.realtime.io.to(roomChannel(dto.roomId)).emit(ServerEvent.NewMessage, message);
      return { message };
    } catch (error) {
      const known = error instanceof AppError ? error : null;
      socket.emit(ServerEvent.MessageError, {
        code: known?.code ?? ErrorCode.INTERNAL,
        message: known?.message ?? 'The message could not be sent',
        clientMessageId: dto.clientMessageId,
      });
      throw error;
    }
  }

  async history(socket: AppSocket, dto: LoadHistoryDto): Promise<LoadHistoryResult> {
    const page = await this.messages.history(socket.data.user.id, dto.roomId, dto);
    return { messages: page.items, nextCursor: page.nextCursor };
  }

  async typing(socket: AppSocket, dto: TypingDto): Promise<null> {
    this.assertJoined(socket, dto.roomId);
    await this.typingLimiter.consume(socket.id);
    const { id, username } = socket.data.user;
    socket.to(roomChannel(dto.roomId)).emit(ServerEvent.Typing, {
      roomId: dto.roomId,
      userId: id,
      username,
      isTyping: dto.isTyping,
    });
    return null;
  }

  private assertJoined(socket: AppSocket, roomId: string): void {
    if (!this.presence.isHere(roomId, socket.id)) throw AppError.forbidden('Join the room first');
  }

  private async broadcastParticipants(roomId: string) {
    const participants = await this.presence.participants(roomId);
    this.realtime.io
      .to(roomChannel(roomId))
      .emit(ServerEvent.ParticipantsUpdate, { roomId, participants });
    return participants;
  }
}
