import type { LoadHistoryResult, MessageResult, SendMessageResult } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/domain-events';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import { OverloadService } from '../overload/overload.service';
import { PresenceService } from '../presence/presence.service';
import { RoomsService } from '../rooms/rooms.service';
import { ChatEvent } from './chat.events';
import type {
  EditMessageDto,
  LoadHistoryDto,
  MessageRefDto,
  ReactDto,
  SendMessageDto,
  TypingDto,
} from './dto/chat.dto';
import { MessageChanges } from './message-changes';
import { MessagesService } from './messages.service';

/** The chat use-cases of a connection in a room: send, history, typing; edit, delete, react. */
@Injectable()
export class ChatService {
  /** Messages per user (all their sockets, all processes): bursts of 30, then 3 per second on average. */
  private readonly sendLimiter: Limiter;
  private readonly typingLimiter: Limiter;
  /** Edits and deletes per user: 30 a minute. */
  private readonly editLimiter: Limiter;
  /** Reactions per user: 60 a minute. */
  private readonly reactLimiter: Limiter;

  constructor(
    private readonly messages: MessagesService,
    private readonly changes: MessageChanges,
    private readonly presence: PresenceService,
    private readonly rooms: RoomsService,
    private readonly events: DomainEvents,
    private readonly overload: OverloadService,
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
    this.editLimiter = limits.create({ name: 'edit', points: 30, durationSeconds: 60 });
    this.reactLimiter = limits.create({ name: 'react', points: 60, durationSeconds: 60 });
  }

  /** Stores the message once per clientMessageId and tells the room; a retry is answered, not repeated. */
  async send(actor: Actor, dto: SendMessageDto): Promise<SendMessageResult> {
    this.assertEntered(actor, dto.roomId);
    await this.sendLimiter.consume(actor.user.id);
    return this.overload.admit(async () => {
      const { message, duplicate } = await this.messages.send(
        actor.user,
        dto.roomId,
        dto.content,
        dto.clientMessageId,
        dto.replyToId,
        dto.attachmentIds,
      );
      if (!duplicate) {
        const memberIds = await this.rooms.memberIds(dto.roomId);
        this.events.emit(ChatEvent.MessagePosted, {
          roomId: dto.roomId,
          message,
          memberIds,
          connectionId: actor.connectionId,
        });
      }
      return { message };
    });
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

  /** The author changes the text; the room hears the message as it is now. */
  async edit(actor: Actor, dto: EditMessageDto): Promise<MessageResult> {
    this.assertEntered(actor, dto.roomId);
    await this.editLimiter.consume(actor.user.id);
    const { roomId, messageId, content } = dto;
    const { message, changed } = await this.overload.admit(() =>
      this.changes.edit(actor.user.id, roomId, messageId, content),
    );
    if (changed) this.events.emit(ChatEvent.MessageUpdated, { roomId, message });
    return { message };
  }

  /** The author deletes their message (moderators delete others' through moderation). */
  async deleteOwn(actor: Actor, dto: MessageRefDto): Promise<MessageResult> {
    this.assertEntered(actor, dto.roomId);
    await this.editLimiter.consume(actor.user.id);
    const message = await this.overload.admit(() =>
      this.changes.deleteOwn(actor.user.id, dto.roomId, dto.messageId),
    );
    this.events.emit(ChatEvent.MessageUpdated, { roomId: dto.roomId, message });
    return { message };
  }

  async react(actor: Actor, dto: ReactDto): Promise<MessageResult> {
    this.assertEntered(actor, dto.roomId);
    await this.reactLimiter.consume(actor.user.id);
    const { roomId, messageId, emoji, on } = dto;
    const { message, changed } = await this.overload.admit(() =>
      this.changes.react(actor.user.id, roomId, messageId, emoji, on),
    );
    if (changed) this.events.emit(ChatEvent.MessageUpdated, { roomId, message });
    return { message };
  }

  private assertEntered(actor: Actor, roomId: string): void {
    if (!this.presence.isHere(roomId, actor.connectionId))
      throw AppError.forbidden('Join the room first');
  }
}
