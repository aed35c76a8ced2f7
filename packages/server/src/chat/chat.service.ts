import type { LoadHistoryResult, SendMessageResult } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/domain-events';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import { PresenceService } from '../presence/presence.service';
import { ChatEvent } from './chat.events';
import type { LoadHistoryDto, SendMessageDto, TypingDto } from './dto/chat.dto';
import { MessagesService } from './messages.service';

/** The chat use-cases of a connection in a room: send, history, typing. */
@Injectable()
export class ChatService {
  /** Messages per user (all their sockets, all processes): bursts of 30, then 3 per second on average. */
  private readonly sendLimiter: Limiter;
  private readonly typingLimiter: Limiter;

  constructor(
    private readonly messages: MessagesService,
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
    limits: RateLimitService,
  ) {
    this.sendLimiter = limits.create({
      name: 'send',
      points: 30,
      durationSeconds: 10,
    });
    this.typingLimiter = limits.create({
      name: 'typing',
      points: 20,
      durationSeconds: 5,
    });
  }

  /** Stores the message once per clientMessageId and tells the room; a retry is answered, not repeated. */
  async send(actor: Actor, dto: SendMessageDto): Promise<SendMessageResult> {
    this.assertEntered(actor, dto.roomId);
    await this.sendLimiter.consume(actor.user.id);
    const { message, duplicate } = await this.messages.send(
      actor.user,
      dto.roomId,
      dto.content,
      dto.clientMessageId,
    );
    if (!duplicate) this.events.emit(ChatEvent.MessagePosted, { roomId: dto.roomId, message });
    return { message };
  }

  async history(actor: Actor, dto: LoadHistoryDto): Promise<LoadHistoryResult> {
    const page = await this.messages.history(actor.user.id, dto.roomId, dto);
    return { messages: page.items, nextCursor: page.nextCursor };
  }

  async typing(actor: Actor, dto: TypingDto): Promise<null> {
    this.assertEntered(actor, dto.roomId);
    await this.typingLimiter.consume(actor.user.id);
    const { id, username } = actor.user;
    this.events.emit(ChatEvent.TypingChanged, {
      connectionId: actor.connectionId,
      typing: { roomId: dto.roomId, userId: id, username, isTyping: dto.isTyping },
    });
    return null;
  }

  private assertEntered(actor: Actor, roomId: string): void {
    if (!this.presence.isHere(roomId, actor.connectionId))
      throw AppError.forbidden('Join the room first');
  }
}
