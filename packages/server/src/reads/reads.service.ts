import type { ReadMarker } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/domain-events';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import { MessageEntity } from '../database/entities/message.entity';
import { ReadMarkersService } from '../rooms/read-markers.service';
import { RoomsService } from '../rooms/rooms.service';
import type { MarkReadDto } from './dto/reads.dto';
import { ReadEvent } from './reads.events';

const toMarker = (roomId: string, id: number): ReadMarker => ({
  roomId,
  messageId: id > 0 ? String(id) : null,
});

/** Read markers of a connection's user: members only, forward only, heard by all their devices. */
@Injectable()
export class ReadsService {
  /** Marks per user: 120 a minute (a client marks as the newest message comes into view). */
  private readonly markLimiter: Limiter;

  constructor(
    private readonly store: ReadMarkersService,
    private readonly rooms: RoomsService,
    private readonly events: DomainEvents,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    limits: RateLimitService,
  ) {
    this.markLimiter = limits.create({ name: 'mark-read', points: 120, durationSeconds: 60 });
  }

  /** Moves the caller's marker to a message of the room; all their connections hear the result. */
  async markRead(actor: Actor, dto: MarkReadDto): Promise<ReadMarker> {
    const userId = actor.user.id;
    await this.markLimiter.consume(userId);
    await this.rooms.assertMember(dto.roomId, userId);
    const id = Number(dto.messageId);
    if (!(await this.messages.existsBy({ id, roomId: dto.roomId })))
      throw AppError.notFound('Message');
    const before = await this.store.get(userId, dto.roomId);
    const now = before >= id ? before : await this.store.advance(userId, dto.roomId, id);
    const marker = toMarker(dto.roomId, now);
    if (now > before) this.events.emit(ReadEvent.MarkerMoved, { userId, marker });
    return marker;
  }

  async marker(actor: Actor, roomId: string): Promise<ReadMarker> {
    await this.rooms.assertMember(roomId, actor.user.id);
    return toMarker(roomId, await this.store.get(actor.user.id, roomId));
  }
}
